import Foundation
@testable import NiemYetKit

/// A site folder in a temporary directory, written file by file by a test, with the default theme copied in.
/// Tests build it with the real pipeline and read the output like a citizen's browser would.
struct TestSite {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    var output: URL { root.appendingPathComponent("public") }

    /// A minimal valid site: settings, the default theme, no content unless `files` adds some.
    init(_ files: [String: String] = [:], siteYAML: String? = nil, withTheme: Bool = true) throws {
        root = TestFolders.unique("site")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"),
                                                withIntermediateDirectories: true)
        if withTheme {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("templates"),
                                             to: root.appendingPathComponent("templates"))
        }
        try write("content/site.yml", siteYAML ?? """
            title: Cổng thông tin xã Thử Nghiệm
            base_url: https://thu.example.test/
            language: vi
            hotline: 0912 345 678
            """)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    @discardableResult
    func build(baseURL: String? = nil, now: String = "2025-08-10", drafts: Bool = false,
               write: Bool = true) -> BuildResult {
        SiteBuilder.build(BuildOptions(site: root, output: output, baseURL: baseURL, includeDrafts: drafts,
                                       now: ContentDate(parsing: now)), write: write)
    }

    /// An output file as text (`tin-tuc/abc/index.html`), or nil when it was not written.
    func page(_ path: String) -> String? {
        try? String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file of the output, relative, sorted.
    func outputFiles() -> [String] {
        SiteFiles(root: output).allFiles(below: ".").map { String($0.dropFirst(2)) }
    }

    /// A news article with the given front matter lines and body.
    static func news(title: String, date: String = "2025-07-31", extra: String = "", body: String = "Nội dung.")
        -> String {
        "---\ntitle: \(title)\ndate: \(date)\nsummary: Tóm tắt.\n\(extra)---\n\(body)\n"
    }
}

extension BuildResult {
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    var report: String { diagnostics.map(\.description).joined(separator: "\n") }
}
