import Foundation
import Testing
@testable import NiemYetKit

/// A second build after one article changed: only what shows that article changes on disk, and the build cache
/// (`.niemyet-cache/`) is only ever a faster way to the same bytes.
@Suite struct IncrementalBuildTests {
    /// Four articles in two categories, so "unrelated" pages exist: the other category's articles do not list
    /// the edited one among their related articles.
    static func site() throws -> TestSite {
        try TestSite([
            "content/news/2025-07-01-cau-moi.md": TestSite.news(title: "Khánh thành cầu mới", date: "2025-07-01",
                                                              extra: "category: Giao thông\n"),
            "content/news/2025-07-02-duong-thon.md": TestSite.news(title: "Bê tông hóa đường thôn", date: "2025-07-02",
                                                                 extra: "category: Giao thông\n"),
            "content/news/2025-07-03-tiem-chung.md": TestSite.news(title: "Tiêm chủng mở rộng", date: "2025-07-03",
                                                                 extra: "category: Y tế\n"),
            "content/news/2025-07-04-kham-benh.md": TestSite.news(title: "Khám bệnh miễn phí", date: "2025-07-04",
                                                                extra: "category: Y tế\n"),
        ])
    }

    struct Stamp: Equatable { var data: Data; var seconds: Int; var nanoseconds: Int; var inode: UInt64 }

    static func stamps(_ folder: URL) throws -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        for path in SiteFiles(root: folder).allFiles(below: ".") {
            let url = folder.appendingPathComponent(path)
            var info = stat()
            #expect(stat(url.path, &info) == 0)
            result[String(path.dropFirst(2))] = Stamp(data: try Data(contentsOf: url), seconds: info.st_mtim.tv_sec,
                                                      nanoseconds: info.st_mtim.tv_nsec, inode: UInt64(info.st_ino))
        }
        return result
    }

    func build(_ site: TestSite, cached: Bool, output: URL? = nil, inPlace: Bool = false,
               cache: BuildCache? = nil) -> BuildResult {
        var options = BuildOptions(site: site.root, output: output ?? site.output, now: ContentDate(parsing: "2025-08-10"))
        options.updateInPlace = inPlace
        if let cache {
            options.cache = cache
            return SiteBuilder.build(options)
        }
        return cached ? SiteBuilder.buildUsingSiteCache(options) : SiteBuilder.build(options)
    }

    func editBody(_ site: TestSite) throws {
        try site.write("content/news/2025-07-03-tiem-chung.md",
                       TestSite.news(title: "Tiêm chủng mở rộng", date: "2025-07-03", extra: "category: Y tế\n",
                                     body: "Lịch tiêm đã đổi sang sáng thứ Bảy."))
    }

    @Test(arguments: [false, true])
    func unrelatedArticlesKeepTheirBytesAndModificationTime(cached: Bool) throws {
        let site = try Self.site()
        #expect(build(site, cached: cached).succeeded)
        let before = try Self.stamps(site.output)
        try editBody(site)
        let result = build(site, cached: cached)
        #expect(result.succeeded, "\(result.report)")
        let after = try Self.stamps(site.output)

        let changed = "tin-tuc/tiem-chung/index.html"
        #expect(after[changed]?.data != before[changed]?.data)
        let text = String(decoding: after[changed]?.data ?? Data(), as: UTF8.self)
        #expect(text.contains("Lịch tiêm đã đổi"))
        for page in ["tin-tuc/cau-moi/index.html", "tin-tuc/duong-thon/index.html"] {
            #expect(after[page] != nil && after[page] == before[page], "\(page) was rewritten")
        }
        // A body edit changes no list: every file but the article itself (and the feed that carries its text,
        // if any, and the search index that holds its words) is the very same file as before.
        let rewritten = after.keys.filter { after[$0] != before[$0] }.sorted()
        #expect(rewritten.allSatisfy { $0 == changed || $0.hasSuffix(".xml") || $0.hasPrefix("tim-kiem/") },
                "\(rewritten)")
        #expect(Set(after.keys) == Set(before.keys))
    }

    @Test func theCacheGivesTheSameBytesAsABuildWithoutIt() throws {
        let site = try Self.site()
        #expect(build(site, cached: true).succeeded)
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".niemyet-cache").path))
        try editBody(site)
        try site.write("content/news/2025-07-05-moi.md", TestSite.news(title: "Tin mới thêm", date: "2025-07-05"))
        try site.remove("content/news/2025-07-01-cau-moi.md")
        #expect(build(site, cached: true).succeeded)
        let fresh = site.root.appendingPathComponent("fresh")
        #expect(build(site, cached: false, output: fresh).succeeded)
        #expect(try snapshot(site.output) == (try snapshot(fresh)))
        #expect(site.page("tin-tuc/cau-moi/index.html") == nil, "a deleted article's page goes away")
    }

    @Test func theCacheFileIsReadBackByTheNextBuild() throws {
        let site = try Self.site()
        #expect(build(site, cached: true).succeeded)
        // A first build has no output to take pages back from, so it records no page fingerprints; the next does.
        let second = BuildCache.load(site: site.root)
        #expect(build(site, cached: true, cache: second).succeeded)
        #expect(second.statistics.pageHits == 0 && second.statistics.pageMisses > 0
                && second.statistics.markdownMisses == 0, "\(second.statistics)")
        second.save(site: site.root)
        try editBody(site)
        let cache = BuildCache.load(site: site.root)
        #expect(!cache.isEmpty)
        #expect(build(site, cached: true, cache: cache).succeeded)
        let counts = cache.statistics
        #expect(counts.frontMatterHits == 4 && counts.markdownHits == 3 && counts.markdownMisses == 1, "\(counts)")
        #expect(counts.pageHits > 0 && counts.pageMisses >= 1, "\(counts)")
        // A damaged cache file is no error: it is ignored.
        let file = site.root.appendingPathComponent(".niemyet-cache/build-cache.bin")
        try Data("rác".utf8).write(to: file)
        #expect(BuildCache.load(site: site.root).isEmpty)
        #expect(build(site, cached: true).succeeded)
    }

    @Test func aTemplateOrSettingChangeReachesEveryPage() throws {
        let site = try Self.site()
        #expect(build(site, cached: true).succeeded)
        let footer = site.root.appendingPathComponent("templates/partials/footer.mustache")
        let text = try String(contentsOf: footer, encoding: .utf8)
        try site.write("templates/partials/footer.mustache", text + "<p>Chân trang đã sửa</p>\n")
        #expect(build(site, cached: true).succeeded)
        for page in ["index.html", "tin-tuc/cau-moi/index.html", "tin-tuc/index.html", "404.html"] {
            #expect(site.page(page)?.contains("Chân trang đã sửa") == true, "\(page) kept the old footer")
        }
        try site.write("content/site.yml", """
            title: Cổng thông tin xã Đổi Tên
            base_url: https://thu.example.test/
            language: vi
            hotline: 0912 345 678
            """)
        #expect(build(site, cached: true).succeeded)
        for page in ["index.html", "tin-tuc/kham-benh/index.html"] {
            #expect(site.page(page)?.contains("Cổng thông tin xã Đổi Tên") == true, "\(page) kept the old title")
        }
    }

    @Test func thePreviewFolderIsUpdatedInPlace() throws {
        let site = try Self.site()
        let preview = site.root.appendingPathComponent(".niemyet-cache/preview")
        let cache = BuildCache()
        #expect(build(site, cached: true, output: preview, inPlace: true, cache: cache).succeeded)
        let before = try Self.stamps(preview)
        try editBody(site)
        try site.remove("content/news/2025-07-01-cau-moi.md")
        #expect(build(site, cached: true, output: preview, inPlace: true, cache: cache).succeeded)
        let after = try Self.stamps(preview)
        #expect(after["tin-tuc/cau-moi/index.html"] == nil, "pages no longer planned are removed")
        #expect(after["tin-tuc/kham-benh/index.html"] == before["tin-tuc/kham-benh/index.html"])
        #expect(after["tin-tuc/tiem-chung/index.html"] != before["tin-tuc/tiem-chung/index.html"])
        let fresh = site.root.appendingPathComponent("fresh")
        #expect(build(site, cached: false, output: fresh).succeeded)
        #expect(try snapshot(preview) == (try snapshot(fresh)), "in place or staged, the same files")
    }

    /// `serve` keeps one cache for the whole session, and with it the files it read (`ParsedFileMemo`): after
    /// every kind of change the preview must be what a clean build gives, including an edit in place that keeps
    /// the file's size and inode, and a file that is broken and then fixed.
    @Test func filesReadByAnEarlierRebuildAreReadAgainOnceChanged() throws {
        let site = try Self.site()
        let preview = site.root.appendingPathComponent(".niemyet-cache/preview")
        let cache = BuildCache(rememberingFiles: true)
        var step = 0
        func rebuildMatchesACleanBuild(_ what: String, succeeds: Bool = true) throws {
            let result = build(site, cached: true, output: preview, inPlace: true, cache: cache)
            #expect(result.succeeded == succeeds, "\(what): \(result.report)")
            guard succeeds else { return }
            step += 1
            let fresh = site.root.appendingPathComponent("fresh\(step)")
            #expect(build(site, cached: false, output: fresh).succeeded)
            #expect(try snapshot(preview) == (try snapshot(fresh)), "\(what): the preview differs from a clean build")
        }
        func page(_ path: String) -> String? {
            try? String(contentsOf: preview.appendingPathComponent(path), encoding: .utf8)
        }
        try rebuildMatchesACleanBuild("first build")
        #expect(cache.files?.count == 4)

        let article = "content/news/2025-07-02-duong-thon.md"
        try site.write(article, TestSite.news(title: "Bê tông hóa đường thôn", date: "2025-07-02",
                                              extra: "category: Giao thông\n", body: "Nội dung."))
        try rebuildMatchesACleanBuild("the same text written again")
        // Same length, same inode (written in place): only the times tell the change.
        try site.write(article, TestSite.news(title: "Bê tông hóa đường xóm", date: "2025-07-02",
                                              extra: "category: Giao thông\n", body: "Nội dung."))
        try rebuildMatchesACleanBuild("a title edited in place, same size")
        #expect(page("tin-tuc/duong-thon/index.html")?.contains("Bê tông hóa đường xóm") == true)

        try site.write("content/news/2025-07-05-moi.md", TestSite.news(title: "Tin mới thêm", date: "2025-07-05"))
        try rebuildMatchesACleanBuild("an article added")
        try site.remove("content/news/2025-07-01-cau-moi.md")
        try rebuildMatchesACleanBuild("an article deleted")
        #expect(page("tin-tuc/cau-moi/index.html") == nil)

        try site.write(article, "---\ntitle: [Bê tông\n---\nNội dung.\n")
        try rebuildMatchesACleanBuild("broken front matter", succeeds: false)
        try site.write(article, "---\ntitle: Bê tông\ndate: 2025-13-45\nsummary: Tóm tắt.\n---\nNội dung.\n")
        try rebuildMatchesACleanBuild("a date that does not exist", succeeds: false)
        try site.write(article, TestSite.news(title: "Đường thôn đã sửa", date: "2025-07-02"))
        try rebuildMatchesACleanBuild("the broken file fixed")
        #expect(page("tin-tuc/duong-thon/index.html")?.contains("Đường thôn đã sửa") == true)

        let footer = "templates/partials/footer.mustache"
        let text = try String(contentsOf: site.root.appendingPathComponent(footer), encoding: .utf8)
        try site.write(footer, text + "<p>Chân trang đã sửa</p>\n")
        try rebuildMatchesACleanBuild("a template edited")
        #expect(page("tin-tuc/tiem-chung/index.html")?.contains("Chân trang đã sửa") == true)
    }

    @Test func theSavedArticlesPageIsWrittenBeforeTheListsThatShowIt() throws {
        let site = try Self.site()
        let preview = site.root.appendingPathComponent(".niemyet-cache/preview")
        let cache = BuildCache()
        #expect(build(site, cached: true, output: preview, inPlace: true, cache: cache).succeeded)
        try site.write("content/news/2025-07-03-tiem-chung.md",
                       TestSite.news(title: "Tiêm chủng mở rộng đợt 2", date: "2025-07-03", extra: "category: Y tế\n"))
        let first = FirstWritten()
        var options = BuildOptions(site: site.root, output: preview, now: ContentDate(parsing: "2025-08-10"))
        options.cache = cache
        options.updateInPlace = true
        options.writeFirst = ["content/news/2025-07-03-tiem-chung.md"]
        options.firstWritten = { update in
            // At this moment the page is new and the list that shows its title is not redone yet.
            let list = (try? String(contentsOf: preview.appendingPathComponent("tin-tuc/index.html"), encoding: .utf8)) ?? ""
            first.record(update.changed, listUpdated: list.contains("Tiêm chủng mở rộng đợt 2"))
        }
        let result = SiteBuilder.build(options)
        #expect(result.succeeded, "\(result.report)")
        #expect(first.files == ["tin-tuc/tiem-chung/index.html"] && first.listUpdated == false)
        #expect(result.changedFiles?.contains("tin-tuc/index.html") == true, "the lists follow")
        let list = try String(contentsOf: preview.appendingPathComponent("tin-tuc/index.html"), encoding: .utf8)
        #expect(list.contains("Tiêm chủng mở rộng đợt 2"))
    }

    final class FirstWritten: @unchecked Sendable {
        private(set) var files: [String] = []
        private(set) var listUpdated: Bool?
        func record(_ files: [String], listUpdated: Bool) { self.files = files; self.listUpdated = listUpdated }
    }

    @Test func frontMatterLinesAreCountedInTheWholeFile() throws {
        let text = "---\ntitle: A\ndate: 2025-07-01\n---\nDòng một.\n\nDòng ba.\n"
        let front = try FrontMatter.split(text, path: "x.md")
        #expect(front.yaml == "title: A\ndate: 2025-07-01" && front.yamlFirstLine == 2)
        #expect(front.body == "Dòng một.\n\nDòng ba." && front.bodyFirstLine == 5)
        let windows = try FrontMatter.split("---\r\ntitle: A\r\n---\r\nThân bài.\r\n", path: "x.md")
        #expect(windows.hasFrontMatter && windows.bodyFirstLine == 4 && windows.body.hasPrefix("Thân bài."))
        let empty = try FrontMatter.split("---\n---\n", path: "x.md")
        #expect(empty.yaml == "" && empty.body == "" && empty.bodyFirstLine == 3)
        #expect(throws: Diagnostic.self) { try FrontMatter.split("---\ntitle: A\n", path: "x.md") }
        #expect(try FrontMatter.split("Không có front matter.\n", path: "x.md").hasFrontMatter == false)
    }
}
