import Foundation
import Testing
@testable import NiemYetKit

/// The byte-level fast paths taken for simple text must give what the general (character-level) paths give.
@Suite struct SimpleTextTests {
    static let samples: [String] = [
        "",
        "Hướng dẫn đăng ký hộ tịch trực tuyến – nhanh “gọn” … 50.000 ₫",
        "ĂăÂâĐđÊêÔôƠơƯư ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
        "Hướng dẫn".decomposedStringWithCanonicalMapping,
        "tab\tand\nnewline  spaces",
        "CR LF\r\nline",
        "emoji 👍🏽 and ZWJ 👩‍👩‍👧",
        "Ω ohm sign \u{2126} and Å \u{212B}",
        "space then combining \u{0301} mark",
        "nbsp\u{00A0}here · and em space\u{2003}",
    ]

    @Test(arguments: samples)
    func precomposedEqualsFoundationNFC(_ text: String) {
        #expect(Array(text.precomposed.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test func simpleTextIsVietnameseWithoutCombiningMarks() {
        #expect(Self.samples[1].isSimpleText)
        #expect(Self.samples[2].isSimpleText)
        #expect(!Self.samples[3].isSimpleText, "decomposed text needs normalising")
        #expect(!Self.samples[5].isSimpleText, "CR LF is one character")
        #expect(!Self.samples[6].isSimpleText)
        #expect(!Self.samples[7].isSimpleText, "U+2126 normalises to Ω")
        #expect(!Self.samples[8].isSimpleText)
    }

    @Test func trimmingEqualsFoundationTrimming() {
        let texts = Self.samples + ["  a  ", "\n\t x \u{00A0}", "\u{2003}em\u{3000}", "\u{0085}x\u{2028}", "   ",
                                    "<h2>x</h2>\n", "a\u{2028}", "\u{00A0}b", "Đăng ký", "~!", "\u{7F}x\u{7F}"]
        for text in texts {
            for (blank, set) in [(String.Blank.whitespaces, CharacterSet.whitespaces),
                                 (.whitespacesAndNewlines, .whitespacesAndNewlines)] {
                #expect(text.trimming(blank) == text.trimmingCharacters(in: set), "\(text.debugDescription)")
            }
        }
    }

    @Test func foldingSimpleTextByTableEqualsFoldingThroughNFD() {
        var every = String.UnicodeScalarView()
        for range in [0x20..<0x7F, 0x80..<0x300, 0x1E00..<0x1F00, 0x2010..<0x2070, 0x20A0..<0x20C0] as [Range<UInt32>] {
            for value in range { if let scalar = Unicode.Scalar(value) { every.append(scalar) } }
        }
        let texts = Self.samples.filter(\.isSimpleText) + [String(every), "Kết quả THÁNG 7/2025: Đoàn – “Ươm”", "İstanbul ǅ ǈ ß ẞ"]
        for text in texts {
            #expect(text.isSimpleText)
            #expect(Array(VietnameseFolding.foldSimple(text).unicodeScalars)
                    == Array(VietnameseFolding.foldGeneral(text).unicodeScalars), "\(text)")
        }
        #expect(Slug.make("Kết quả tháng 7/2025") == "ket-qua-thang-7-2025")
    }

    @Test func linksAreLocatedAlikeInSimpleAndGeneralText() {
        let body = """
            Đoạn đầu có [liên kết](/tin-tuc/a/) ở giữa.

            - Mục một
            - Mục hai với **[thủ tục](/thu-tuc/)** và [lại](/thu-tuc/)
              nối dòng [cuối](/lien-he/)

            > Trích dẫn [ở đây](/tin-tuc/b/)
            """
        let renderer = MarkdownRenderer()
        var problems: [Diagnostic] = []
        let simple = renderer.render(MarkdownSource(text: body, path: "x.md", firstLine: 4), diagnostics: &problems)
        // A combining mark in a last paragraph makes the text non-simple without moving any link.
        let general = renderer.render(MarkdownSource(text: body + "\n\nx\u{0301}", path: "x.md", firstLine: 4),
                                      diagnostics: &problems)
        #expect(body.isSimpleText && !(body + "\u{0301}").isSimpleText)
        #expect(simple.links.count == 5)
        #expect(simple.links.map(\.location) == general.links.map(\.location))
        #expect(simple.links.map(\.path) == general.links.map(\.path))
    }

    /// Columns count characters, so an editor's cursor lands on the link: on a line typed with combining marks
    /// (two scalars, one character), and on lines next to such a line or after one in the same paragraph.
    @Test func linksAreLocatedByCharacterOnLinesWithCombiningMarks() {
        let body = "Đầu [b](/tin-tuc/b/)\n\nHo\u{0323} ti\u{0323}ch [a](/thu-tuc/)\n\nHo\u{0323}\n[c](/lien-he/)\n"
        var problems: [Diagnostic] = []
        let out = MarkdownRenderer().render(MarkdownSource(text: body, path: "x.md", firstLine: 1), diagnostics: &problems)
        // "Đầu [b](" is 8 characters; "Họ tịch [a](" is 12 characters but 14 scalars.
        #expect(out.links.map(\.location) == [SourceLocation(path: "x.md", line: 1, column: 9),
                                              SourceLocation(path: "x.md", line: 3, column: 13),
                                              SourceLocation(path: "x.md", line: 6, column: 5)])
    }

    @Test func collapsedPlainTextEqualsCharacterLevelCollapse() {
        let edges = ["₫ – “x” …\t\n", "a\u{2028}b \u{2060} ", "x \u{2070} y", "\u{20C0}", "\u{1DFF} a", "\u{02FF}\u{0300}",
                     "tail \r", "\t\t", "ạ\nẹ\n\nị", "\u{00A0}a\u{00A0} b", "a\u{0000}b  c"]
        for text in Self.samples + edges + ["  a  \n\n b\t\tc  ", "\n", " x "] {
            let expected = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
            #expect(MarkdownRenderer.collapseWhitespace(Array(text.utf8)) == expected, "\(text.debugDescription)")
        }
    }
}
