import Foundation
import Testing
@testable import NiemYetKit

/// The HTML and plain text of a body are made without validating cmark's bytes again when they are known valid
/// (`MarkdownRenderer.string(html:)`, `collapseWhitespace`): they must be what validating them gave.
@Suite struct MarkdownTextTests {
    let renderer = MarkdownRenderer(basePath: "/", embeds: [
        MarkdownEmbed(name: "bang") { body in .html("<figure>Bảng “\(body.trimmingCharacters(in: .newlines))”</figure>") },
    ])

    func render(_ text: String) -> RenderedMarkdown {
        var problems: [Diagnostic] = []
        let out = renderer.render(MarkdownSource(text: text, path: "x.md", firstLine: 1), diagnostics: &problems)
        #expect(problems.isEmpty)
        return out
    }

    @Test func vietnameseTextAndAnEmbedRenderAsBefore() {
        let out = render("""
            ## Lệ phí – 50.000 ₫

            Công dân *nộp* hồ sơ tại [bộ phận một cửa](/thu-tuc/) hoặc trực tuyến…

            ```bang
            Hộ tịch
            ```

            > Trích dẫn: “Đăng ký khai sinh” &amp; &eacute; &#x1F44D;
            """)
        #expect(out.html == """
            <h2 id="le-phi-50-000">Lệ phí – 50.000 ₫</h2>
            <p>Công dân <em>nộp</em> hồ sơ tại <a href="/thu-tuc/">bộ phận một cửa</a> hoặc trực tuyến…</p>
            <figure>Bảng “Hộ tịch”</figure>
            <blockquote>
            <p>Trích dẫn: “Đăng ký khai sinh” &amp; é 👍</p>
            </blockquote>

            """)
        #expect(out.plainText == "Lệ phí – 50.000 ₫ Công dân nộp hồ sơ tại bộ phận một cửa hoặc trực tuyến… "
                + "Trích dẫn: “Đăng ký khai sinh” & é 👍")
    }

    /// cmark writes U+FFFF and U+FFFE as the bytes 0xFF and 0xFE, which are not UTF-8: they are repaired into
    /// U+FFFD, in the HTML and the plain text, as String(cString:) always repaired them.
    @Test func referencesCmarkCannotEncodeBecomeReplacementCharacters() {
        let out = render("Ký tự &#xFFFF; và &#65534; [x](/a \"t&#xFFFF;\") `&#xFFFF;`\n")
        #expect(out.html == "<p>Ký tự \u{FFFD} và \u{FFFD} <a href=\"/a\" title=\"t\u{FFFD}\">x</a> <code>&amp;#xFFFF;</code></p>\n")
        #expect(out.html.utf8.elementsEqual(String(decoding: Array(out.html.utf8), as: UTF8.self).utf8))
        #expect(out.plainText == "Ký tự \u{FFFD} và \u{FFFD} x &#xFFFF;")
    }

    /// References cmark encodes itself: a surrogate, a number past U+10FFFF and U+0000 become U+FFFD, others their
    /// scalar, in text, titles and links (an internal link has passed through a String, so U+FFFF is U+FFFD there
    /// too); the HTML is then valid as it comes from cmark.
    @Test func otherReferencesComeOutAsCmarkEncodesThem() {
        let out = render("&#xD800; &#x110000; &#0; &#x1EA1; &#128077; [a](/t&#xFFFF;ệp \"&#xD800;\")\n")
        #expect(out.html == "<p>\u{FFFD} \u{FFFD} \u{FFFD} ạ 👍 <a href=\"/t%EF%BF%BD%E1%BB%87p\" title=\"\u{FFFD}\">a</a></p>\n")
    }

    @Test func plainTextOfAsciiBodiesIsCollapsedToo() {
        let out = render("Hello\n\n  world\t*again*\n")
        #expect(out.plainText == "Hello world again")
        #expect(out.html == "<p>Hello</p>\n<p>world\t<em>again</em></p>\n")
    }
}
