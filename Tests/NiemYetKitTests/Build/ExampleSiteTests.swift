import Foundation
import Testing
@testable import NiemYetKit

/// The example site in the repository is what new communes copy: it must build cleanly and hang together.
@Suite struct ExampleSiteTests {
    static let built: (BuildResult, URL) = {
        let out = TestFolders.unique("example")
        let result = SiteBuilder.build(BuildOptions(site: TestSite.repository, output: out,
                                                    now: ContentDate(parsing: "2025-08-10")))
        return (result, out)
    }()

    @Test func buildsWithZeroWarnings() {
        let (result, _) = Self.built
        #expect(result.succeeded)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
    }

    @Test func hasEnoughNewsInEnoughCategories() throws {
        let (_, out) = Self.built
        let articles = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("tin-tuc").path)
            .filter { FileManager.default.fileExists(atPath: out.appendingPathComponent("tin-tuc/\($0)/index.html").path) }
            .filter { !["trang", "chuyen-muc", "the", "lich"].contains($0) && Int($0) == nil }
        #expect(articles.count >= 12)
        let categories = try FileManager.default.contentsOfDirectory(
            atPath: out.appendingPathComponent("tin-tuc/chuyen-muc").path)
        #expect(categories.count >= 3)
    }

    @Test func everyInternalLinkResolves() throws {
        let (result, out) = Self.built
        #expect(result.succeeded)
        let base = "/"
        var broken: [String] = []
        for file in SiteFiles(root: out).allFiles(below: ".") where file.hasSuffix(".html") {
            let html = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            for link in HTMLLinks.extract(html) where link.hasPrefix(base) && !link.hasPrefix("//") {
                var path = String(link.dropFirst().prefix { $0 != "#" && $0 != "?" })
                if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
                if !FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path) {
                    broken.append("\(file) → \(link)")
                }
            }
        }
        #expect(broken.isEmpty, "\(broken.prefix(20))")
    }
}
