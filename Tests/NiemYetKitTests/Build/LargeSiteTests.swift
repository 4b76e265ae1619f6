import Foundation
import Testing
@testable import NiemYetKit

/// What a big archive looks like to a reader: list pages stay light and every article stays reachable.
/// (Speed itself is measured by `make bench`, never asserted here.)
@Suite struct LargeSiteTests {
    /// 60 articles at 2 per page: 30 list pages.
    static func bigSite() throws -> TestSite {
        var files: [String: String] = [:]
        for i in 0..<60 {
            let day = String(format: "2025-%02d-%02d", 1 + i / 28, 1 + i % 28)
            files["content/news/\(day)-bai-\(i).md"] = TestSite.news(title: "Bài số \(i)", date: day)
        }
        return try TestSite(files, siteYAML: """
            title: Cổng thông tin xã Thử Nghiệm
            base_url: https://thu.example.test/
            language: vi
            news_per_page: 2
            """)
    }

    static func pagerLinks(_ html: String) -> [String] {
        guard let start = html.range(of: "<nav class=\"pager\""),
              let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex) else { return [] }
        let pager = html[start.upperBound..<end.lowerBound]
        return pager.components(separatedBy: "<li").dropFirst().map { String($0.prefix { $0 != "\n" }) }
    }

    @Test func pagerShowsAWindowNotEveryPage() throws {
        let site = try Self.bigSite()
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let middle = try #require(site.page("tin-tuc/trang/15/index.html"))
        let items = Self.pagerLinks(middle)
        #expect(items.count <= 12, "a handful of links, not one per page: \(items)")
        for number in [1, 13, 14, 16, 17, 30] {
            #expect(items.contains { $0.contains("/tin-tuc/\(number == 1 ? "" : "trang/\(number)/")\"") },
                    "page \(number) is linked from page 15")
        }
        #expect(items.contains { $0.contains("aria-current=\"page\">15<") })
        #expect(items.filter { $0.contains("…") }.count == 2, "gaps on both sides of the window")
        let first = try #require(site.page("tin-tuc/index.html"))
        #expect(Self.pagerLinks(first).filter { $0.contains("…") }.count == 1)
    }

    @Test func everyArticleIsReachableByFollowingTheNextLinks() throws {
        let site = try Self.bigSite()
        #expect(site.build().succeeded)
        var path = "tin-tuc/index.html"
        var seen = Set<String>()
        var visited = 0
        while visited < 100 {
            visited += 1
            let html = try #require(site.page(path), "\(path)")
            for part in html.components(separatedBy: "href=\"/tin-tuc/bai-").dropFirst() {
                seen.insert(String(part.prefix { $0 != "/" }))
            }
            guard let next = html.range(of: "rel=\"next\"") else { break }
            let before = html[..<next.lowerBound]
            let href = try #require(before.range(of: "href=\"/", options: .backwards))
            path = String(before[href.upperBound...].prefix { $0 != "\"" }) + "index.html"
        }
        #expect(visited == 30)
        #expect(seen.count == 60)
    }
}
