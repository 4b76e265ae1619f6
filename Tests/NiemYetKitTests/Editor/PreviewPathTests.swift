import Foundation
import Testing
@testable import NiemYetServe

/// What the preview server may read: files of its output folder, and nothing else however the path is written.
@Suite struct PreviewPathTests {
    /// An output folder with a page, a folder page, a stylesheet, and a secret next to (not inside) the folder.
    static func folder() throws -> (OutputPath, URL) {
        let base = TestFolders.unique("preview-path")
        let root = base.appendingPathComponent("preview")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("tin-tuc/khai-truong"), withIntermediateDirectories: true)
        try Data("<h1>Trang chủ</h1>".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("<h1>Khai trương</h1>".utf8).write(to: root.appendingPathComponent("tin-tuc/khai-truong/index.html"))
        try Data("body{}".utf8).write(to: root.appendingPathComponent("style.css"))
        try Data("bí mật".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try fm.createDirectory(at: root.appendingPathComponent("thư-mục"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("thư-mục/tệp.txt"))
        return (OutputPath(root: root), base)
    }

    @Test func escapesAreRefusedHoweverTheyAreWritten() throws {
        let (paths, _) = try Self.folder()
        let attempts = [
            "/../secret.txt", "/../../etc/passwd", "/tin-tuc/../../secret.txt", "/./index.html",
            "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/.%2e/secret.txt", "/..%2fsecret.txt",
            "/%252e%252e/secret.txt", "/%252e%252e/%252e%252e/etc/passwd", "/tin-tuc/..%5c..%5csecret.txt",
            "/..\\secret.txt", "/index.html%00.css", "/%", "/%zz", "etc/passwd", "*",
        ]
        for attempt in attempts {
            let resolution = paths.resolve(attempt)
            #expect(resolution == .badRequest || resolution == .notFound, "\(attempt) → \(resolution)")
            if case .file(let url) = resolution { Issue.record("\(attempt) served \(url.path)") }
        }
    }

    @Test func aSymbolicLinkCannotLeadOut() throws {
        let (paths, base) = try Self.folder()
        try FileManager.default.createSymbolicLink(at: paths.root.appendingPathComponent("link.txt"),
                                                   withDestinationURL: base.appendingPathComponent("secret.txt"))
        #expect(paths.resolve("/link.txt") == .notFound)
    }

    @Test func pagesAreFoundLikeAStaticHostFindsThem() throws {
        let (paths, _) = try Self.folder()
        func file(_ raw: String) -> String? {
            if case .file(let url) = paths.resolve(raw) {
                return String(url.path.dropFirst(paths.root.resolvingSymlinksInPath().path.count))
            }
            return nil
        }
        #expect(file("/") == "/index.html")
        #expect(file("/tin-tuc/khai-truong/") == "/tin-tuc/khai-truong/index.html")
        #expect(file("/tin-tuc/khai-truong/index.html") == "/tin-tuc/khai-truong/index.html")
        #expect(paths.resolve("/tin-tuc/khai-truong") == .redirect("/tin-tuc/khai-truong/"))
        #expect(paths.resolve("/tin-tuc/") == .notFound, "a folder without index.html is not listed")
        #expect(paths.resolve("/khong-co/") == .notFound)
        // Vietnamese names percent-encoded, composed or decomposed, reach the same file.
        let nfc = "/thư-mục/tệp.txt".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        let nfd = "/thư-mục/tệp.txt".decomposedStringWithCanonicalMapping
            .addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        #expect(file(nfc) == "/thư-mục/tệp.txt")
        #expect(file(nfd) == "/thư-mục/tệp.txt")
    }

    @Test func reloadEventsNameThePagesATabShows() {
        #expect(PreviewEvents.urlPaths(["tin-tuc/a/index.html", "index.html", "tin-tuc/feed.xml", "404.html"])
                == ["/404.html", "/", "/tin-tuc/a/", "/tin-tuc/feed.xml"])
        #expect(PreviewEvents.urlPaths(["tin-tuc/a/index.html", "assets/style.1a2b3c4d.css"]) == ["*"],
                "a stylesheet or image may be on every page")
    }

    @Test func contentTypesAreWhatBrowsersExpect() {
        #expect(OutputPath.contentType(for: "/a/index.html") == "text/html; charset=utf-8")
        #expect(OutputPath.contentType(for: "/assets/style.1a2b.css") == "text/css; charset=utf-8")
        #expect(OutputPath.contentType(for: "/thu-tuc/1.000894/qr.svg") == "image/svg+xml")
        #expect(OutputPath.contentType(for: "/tin-tuc/feed.xml") == "application/atom+xml; charset=utf-8")
        #expect(OutputPath.contentType(for: "/sitemap.xml") == "application/xml; charset=utf-8")
        #expect(OutputPath.contentType(for: "/media/to-khai.pdf") == "application/pdf")
        #expect(OutputPath.contentType(for: "/thong-ke/du-lieu.csv") == "text/csv; charset=utf-8")
    }
}
