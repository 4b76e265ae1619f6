import Foundation
import Testing
@testable import NiemYetKit

@Suite struct BuildPropertiesTests {
    @Test func decomposedVietnameseComesOutLikePrecomposed() throws {
        let title = "Hướng dẫn đăng ký hộ tịch trực tuyến"
        let nfd = title.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.unicodeScalars) != Array(title.unicodeScalars), "the fixture must really be decomposed")
        let site = try TestSite([
            "content/news/2025-07-01-nfc.md": TestSite.news(title: title),
            "content/news/2025-07-02-nfd.md": TestSite.news(title: nfd, date: "2025-07-02"),
        ])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        func h1(_ page: String) throws -> Substring {
            let html = try #require(site.page(page))
            let start = try #require(html.range(of: "<h1>"))
            let end = try #require(html.range(of: "</h1>", range: start.upperBound..<html.endIndex))
            return html[start.upperBound..<end.lowerBound]
        }
        let a = try h1("tin-tuc/nfc/index.html"), b = try h1("tin-tuc/nfd/index.html")
        #expect(Array(a.utf8) == Array(b.utf8))
    }

    @Test func brokenFrontMatterIsLocatedAndLeavesPreviousOutputUntouched() throws {
        let site = try TestSite(["content/news/2025-07-01-tot.md": TestSite.news(title: "Bài tốt")])
        #expect(site.build().succeeded)
        let before = try snapshot(site.output)
        try site.write("content/news/2025-07-02-hong.md", "---\ntitle: Bài hỏng\ndate: [2025-07-02\n---\nNội dung.\n")
        try site.write("content/news/2025-07-03-thieu.md", "---\ndate: 2025-07-03\n---\nKhông có tiêu đề.\n")
        let result = site.build()
        #expect(!result.succeeded)
        let messages = result.errors.map(\.description)
        #expect(messages.contains { $0.hasPrefix("content/news/2025-07-02-hong.md:") && $0.contains(": error: ") },
                "\(messages)")
        let yamlError = try #require(result.errors.first { $0.location?.path == "content/news/2025-07-02-hong.md" })
        #expect((3...4).contains(yamlError.location?.line ?? 0), "points at the broken line, not the YAML's own count")
        #expect(messages.contains { $0.hasPrefix("content/news/2025-07-03-thieu.md:") && $0.contains("title") },
                "every error of the build is reported, not only the first")
        #expect(try snapshot(site.output) == before, "the previous output is exactly as it was")
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let repo = TestSite.repository
        let out1 = TestFolders.unique("deterministic"), out2 = TestFolders.unique("deterministic")
        let now = ContentDate(parsing: "2025-08-10")
        let r1 = SiteBuilder.build(BuildOptions(site: repo, output: out1, now: now))
        let r2 = SiteBuilder.build(BuildOptions(site: repo, output: out2, now: now))
        #expect(r1.succeeded && r2.succeeded, "\(r1.diagnostics) \(r2.diagnostics)")
        let a = try snapshot(out1), b = try snapshot(out2)
        #expect(a.count > 20)
        #expect(a == b)
    }

    @Test func subPathBaseURLPrefixesEveryInternalLink() throws {
        let site = try TestSite([
            "content/news/2025-07-01-a.md": TestSite.news(title: "A", body: "Xem [bài B](/tin-tuc/b/)."),
            "content/news/2025-07-02-b.md": TestSite.news(title: "B", date: "2025-07-02"),
            "content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\nmenu: 1\n---\nXem [tin](/tin-tuc/).\n",
        ])
        let result = site.build(baseURL: "https://example.test/sub/")
        #expect(result.succeeded, "\(result.report)")
        var checked = 0
        for file in site.outputFiles() where file.hasSuffix(".html") {
            let html = try #require(site.page(file))
            for link in HTMLLinks.extract(html) where !link.hasPrefix("http") && !link.hasPrefix("#")
                && !link.hasPrefix("tel:") && !link.hasPrefix("mailto:") {
                #expect(link.hasPrefix("/sub/"), "\(file): \(link)")
                checked += 1
            }
        }
        #expect(checked > 20)
        #expect(site.page("sitemap.xml")?.contains("<loc>https://example.test/sub/tin-tuc/a/</loc>") == true)
    }

    @Test func contentErrorsAreAllReportedWithTheirFiles() throws {
        let site = try TestSite([
            "content/news/2025-07-01-a.md": TestSite.news(title: "A", extra: "slug: trung\n"),
            "content/news/2025-07-02-b.md": TestSite.news(title: "B", extra: "slug: trung\n"),
            "content/news/2025-07-03-c.md": TestSite.news(title: "C", extra: "image: /media/khong-co.jpg\nimage_alt: Ảnh\n"),
            "content/news/2025-07-04-d.md": TestSite.news(title: "D", body: "Xem [trang](/khong-ton-tai/)."),
            "content/news/2025-07-05-e.md": TestSite.news(title: "E", date: "2025-13-45"),
            "content/news/2025-07-06-f.md": "---\ntitle: F\ntitle: F2\ndate: 2025-07-06\n---\n",
        ])
        let result = site.build()
        let text = result.report
        #expect(text.contains("content/news/2025-07-01-a.md:1:1: error: duplicate slug `trung`"), "\(text)")
        #expect(text.contains("content/news/2025-07-02-b.md:1:1: error: duplicate slug `trung`"))
        #expect(text.contains("content/news/2025-07-03-c.md:5:1: error: link to a file under content/media/"))
        #expect(text.contains("content/news/2025-07-04-d.md:6:") && text.contains("/khong-ton-tai/"))
        #expect(text.contains("content/news/2025-07-05-e.md:3:7: error: `date` is not a date"))
        #expect(text.contains("content/news/2025-07-06-f.md:3:1: error: duplicate key `title`"))
        #expect(!result.succeeded)
        #expect(site.outputFiles().isEmpty, "nothing is written by a failed first build")
    }

    @Test func draftsArePublishedOnlyWhenAsked() throws {
        let site = try TestSite(["content/news/2025-07-01-nhap.md": TestSite.news(title: "Nháp", extra: "draft: true\n")])
        #expect(site.build().succeeded)
        #expect(site.page("tin-tuc/nhap/index.html") == nil)
        #expect(site.build(drafts: true).succeeded)
        #expect(site.page("tin-tuc/nhap/index.html") != nil)
    }

    @Test func refusesOutputFoldersThatHoldTheSources() throws {
        let site = try TestSite()
        for target in [site.root, site.root.appendingPathComponent("content"),
                       site.root.appendingPathComponent("templates"), URL(fileURLWithPath: "/"),
                       site.root.deletingLastPathComponent()] {
            let result = SiteBuilder.build(BuildOptions(site: site.root, output: target))
            #expect(!result.succeeded, "\(target.path) was accepted")
        }
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/site.yml").path))
    }
}

/// Every output file's bytes and modification time by path.
func snapshot(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for path in SiteFiles(root: folder).allFiles(below: ".") {
        result[path] = try Data(contentsOf: folder.appendingPathComponent(path))
    }
    return result
}

/// href and src values of an HTML page (enough for our own generated markup).
enum HTMLLinks {
    static func extract(_ html: String) -> [String] {
        var links: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                let after = rest[start.upperBound...]
                guard let end = after.firstIndex(of: "\"") else { break }
                links.append(String(after[..<end]))
                rest = after[end...]
            }
        }
        return links
    }
}
