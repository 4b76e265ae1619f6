import Testing
@testable import NiemYetKit

@Test func minimalSiteBuildsHomePage() throws {
    let site = try TestSite(["content/news/2025-07-31-chao.md": TestSite.news(title: "Chào bà con")])
    let result = site.build()
    #expect(result.succeeded, "\(result.report)")
    #expect(site.page("index.html")?.contains("Chào bà con") == true)
}
