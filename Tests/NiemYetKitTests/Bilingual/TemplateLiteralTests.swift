import Foundation
import Testing
@testable import NiemYetKit

/// Every text the theme shows comes from `templates/i18n/<language>.yml`: a word written into a template would
/// show in Vietnamese (or English) on the pages of every language.
@Suite struct TemplateLiteralTests {
    /// A problem found in a template, as `file:line: what`.
    struct Literal: CustomStringConvertible {
        var file: String
        var line: Int
        var text: String
        var what: String
        var description: String { "\(file):\(line): \(what): \(text)" }
    }

    /// Attributes that screen readers or browsers show to people.
    static let shownAttributes: Set<String> = ["alt", "title", "aria-label", "placeholder", "content", "value",
                                               "aria-description", "label"]

    /// The literal words of one template: Vietnamese letters anywhere outside `{{…}}` tags, and any letter in
    /// the text between HTML tags or in a shown attribute (only tags, digits, punctuation and symbols such as
    /// › · – may be written there).
    static func literals(in source: String, file: String) -> [Literal] {
        var found: [Literal] = []
        for (i, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = withoutMustacheTags(String(rawLine))
            if Bilingual.hasVietnameseLetter(line) {
                found.append(Literal(file: file, line: i + 1, text: line.trimmingCharacters(in: .whitespaces),
                                     what: "Vietnamese text outside {{…}}"))
            }
        }
        // Text nodes and shown attributes, over the whole file (a tag may span lines).
        let text = withoutMustacheTags(source)
        var lineNumber = 1
        var index = text.startIndex
        var node = ""
        var nodeLine = 1
        func flush() {
            let words = node.replacingOccurrences(of: "&[a-zA-Z]+;|&#[0-9]+;", with: "", options: .regularExpression)
            if words.contains(where: \.isLetter) {
                found.append(Literal(file: file, line: nodeLine, text: node.trimmingCharacters(in: .whitespacesAndNewlines),
                                     what: "words between tags"))
            }
            node = ""
        }
        while index < text.endIndex {
            let ch = text[index]
            if ch == "<" {
                flush()
                // Read the tag to its `>`, minding quotes; check the attributes people see.
                var tag = ""
                var quote: Character?
                let tagLine = lineNumber
                index = text.index(after: index)
                while index < text.endIndex {
                    let c = text[index]
                    if c == "\n" { lineNumber += 1 }
                    if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ">" { break }
                    tag.append(c)
                    index = text.index(after: index)
                }
                let attributes = Bilingual.attributes(of: tag)
                for (name, value) in attributes where shownAttributes.contains(name.lowercased()) {
                    // A `<meta>` content is shown only for descriptions and titles (not `viewport` settings).
                    if name == "content", !(attributes["name"] == "description"
                                            || attributes["property"]?.hasPrefix("og:") == true) { continue }
                    if value.contains(where: \.isLetter) {
                        found.append(Literal(file: file, line: tagLine, text: "\(name)=\"\(value)\"",
                                             what: "words in a shown attribute"))
                    }
                }
                if tag.lowercased().hasPrefix("script") || tag.lowercased().hasPrefix("style") {
                    // Skip to the closing tag: code, not text.
                    let closing = tag.lowercased().hasPrefix("script") ? "</script" : "</style"
                    if let end = text[index...].range(of: closing) {
                        lineNumber += text[index..<end.lowerBound].filter { $0 == "\n" }.count
                        index = end.lowerBound
                        continue
                    }
                }
            } else {
                if !node.contains(where: { !$0.isWhitespace }) { nodeLine = lineNumber }
                if ch == "\n" { lineNumber += 1 }
                node.append(ch)
            }
            if index < text.endIndex { index = text.index(after: index) }
        }
        flush()
        return found
    }

    /// `line` without `{{name}}`, `{{{html}}}`, `{{#section}}`, `{{! comments}}`, ... (each replaced by nothing).
    static func withoutMustacheTags(_ text: String) -> String {
        text.replacingOccurrences(of: #"\{\{\{.*?\}\}\}|\{\{[^}]*\}\}"#, with: "", options: .regularExpression)
    }

    static func templateFiles() -> [String] {
        SiteFiles(root: TestSite.repository).allFiles(below: Theme.folder).filter { $0.hasSuffix(".mustache") }
    }

    @Test func noTemplateHoldsALiteralUIText() throws {
        let files = Self.templateFiles()
        #expect(files.count > 20)
        var found: [Literal] = []
        for file in files {
            let source = try String(contentsOf: TestSite.repository.appendingPathComponent(file), encoding: .utf8)
            found += Self.literals(in: source, file: file)
        }
        #expect(found.isEmpty, "UI text must come from templates/i18n/*.yml:\n\(found.map(\.description).joined(separator: "\n"))")
    }

    /// The scan itself finds what it is for (each case on the line given).
    @Test(arguments: [
        ("<p>{{t.phone}}: Gọi ngay</p>", 1, "Vietnamese text outside {{…}}"),
        ("<h2>\n{{title}} more news\n</h2>", 2, "words between tags"),
        ("<img src=\"{{x}}\"\n alt=\"Logo\">", 1, "words in a shown attribute"),
        ("{{#a}}\n<a href=\"{{url}}\" title=\"Trang chủ\">{{name}}</a>{{/a}}", 2, "Vietnamese text outside {{…}}"),
        ("<meta name=\"description\" content=\"Official portal\">", 1, "words in a shown attribute"),
    ])
    func scanFindsLiterals(source: String, line: Int, what: String) {
        let found = Self.literals(in: source, file: "x.mustache")
        #expect(found.contains { $0.line == line && $0.what == what }, "\(found)")
    }

    @Test func scanLetsTagsSymbolsAndCodeThrough() {
        let clean = """
            <nav class="breadcrumb" aria-label="{{t.breadcrumb}}"><a href="{{site.home}}">{{t.menu_home}}</a> › <a href="#x">{{name}}</a> · {{count}} – ({{n}}) &amp; 1/2</nav>
            <script type="application/json" id="s">{{{json}}}</script>
            <script>var text = 'code, not UI';</script>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta property="og:type" content="{{page.og_type}}">
            """
        #expect(Self.literals(in: clean, file: "x.mustache").isEmpty, "\(Self.literals(in: clean, file: "x.mustache"))")
    }
}
