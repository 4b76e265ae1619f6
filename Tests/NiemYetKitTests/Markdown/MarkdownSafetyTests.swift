import Foundation
import Testing
@testable import NiemYetKit

@Suite struct MarkdownSafetyTests {
    @Test func rawScriptAndJavascriptLinksNeverReachTheOutput() throws {
        let body = """
            Bài có mã độc.

            <script>alert("xss")</script>

            Và một [liên kết](javascript:alert(1)) cùng <img src=x onerror=alert(2)> trong dòng.
            """
        let site = try TestSite(["content/news/2025-07-01-doc.md": TestSite.news(title: "Mã độc", body: body)])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        for file in site.outputFiles() where file.hasSuffix(".html") || file.hasSuffix(".xml") {
            let text = try #require(site.page(file))
            #expect(!text.contains("<script>alert"), "\(file) carries the script")
            #expect(!text.contains("javascript:"), "\(file) carries a javascript: link")
            #expect(!text.contains("onerror="), "\(file) carries an inline handler")
        }
        let article = try #require(site.page("tin-tuc/doc/index.html"))
        #expect(article.contains("liên kết"), "the link text survives as text")
    }

    @Test func headingsGetAnchorsAndImagesLoadLazily() throws {
        let renderer = MarkdownRenderer(basePath: "/sub/")
        var problems: [Diagnostic] = []
        let out = renderer.render(MarkdownSource(text: "## Thành phần hồ sơ\n\n## Thành phần hồ sơ\n\n![Ảnh](/media/a.png)\n",
                                                 path: "x.md", firstLine: 5), diagnostics: &problems)
        #expect(out.html.contains("<h2 id=\"thanh-phan-ho-so\">Thành phần hồ sơ</h2>"))
        #expect(out.html.contains("<h2 id=\"thanh-phan-ho-so-2\">"), "a repeated heading gets its own id")
        #expect(out.html.contains("loading=\"lazy\""))
        #expect(out.html.contains("src=\"/sub/media/a.png\""), "internal images honour the base path")
        #expect(out.links.first?.location == SourceLocation(path: "x.md", line: 9, column: 8),
                "links are located in the file, past the front matter")
    }

    /// A heading's anchor is added around its own rendered children: emphasis, code, links and images inside it,
    /// and headings nested in quotes, come out as they would without an anchor.
    @Test func anchoredHeadingsKeepTheirInlineMarkup() {
        let renderer = MarkdownRenderer(basePath: "/sub/")
        var problems: [Diagnostic] = []
        let text = "# Một *hai* `ba` [bốn](/tin-tuc/a/) ![năm](/media/n.png)\n\n> ### Trích\n> dẫn\n\n#\n\nĐoạn.\n"
        let out = renderer.render(MarkdownSource(text: text, path: "x.md", firstLine: 1), diagnostics: &problems)
        #expect(out.html == """
            <h1 id="mot-hai-ba-bon">Một <em>hai</em> <code>ba</code> <a href="/sub/tin-tuc/a/">bốn</a> \
            <img loading="lazy" src="/sub/media/n.png" alt="năm" /></h1>
            <blockquote>
            <h3 id="trich">Trích</h3>
            <p>dẫn</p>
            </blockquote>
            <h1 id="muc"></h1>
            <p>Đoạn.</p>

            """)
        #expect(out.headings.map(\.id) == ["mot-hai-ba-bon", "trich", "muc"])
    }
}
