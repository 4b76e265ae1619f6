import Foundation
@testable import NiemYetKit

/// Bilingual test sites and a reader of what language each piece of a page is in.
enum Bilingual {
    /// Settings of a `[vi, en]` site whose English texts have no Vietnamese letter, so on an English page any
    /// Vietnamese letter must come from content and be marked as Vietnamese.
    static let siteYAML = """
        title: Cổng thông tin xã Thử Nghiệm
        base_url: https://thu.example.test/
        language: vi
        languages: [vi, en]
        commune: Xã Thử Nghiệm
        province: Tỉnh Mẫu
        address: Số 1 đường Chính, xã Thử Nghiệm
        responsible: Nguyễn Văn Thử, Chủ tịch
        hotline: 0912 345 678
        en:
          title: Thu Nghiem Commune Portal
          commune: Thu Nghiem Commune
          province: Mau Province
          address: 1 Main Street, Thu Nghiem Commune
          responsible: The Commune Chairman
        """

    /// A bilingual site holding `files`.
    static func site(_ files: [String: String] = [:]) throws -> TestSite {
        try TestSite(files, siteYAML: siteYAML)
    }

    /// The theme's UI strings of `language`, as the build reads them (tests compare against the theme, not
    /// against text copied from a page).
    static func strings(_ site: TestSite, _ language: String) -> [String: String] {
        let log = DiagnosticLog()
        return Theme.loadStrings(SiteFiles(root: site.root), languages: ["vi", language], log: log)[language] ?? [:]
    }

    /// A procedure file (`ProcedureFixture.file`) for a code.
    static func procedure(_ code: String, title: String, extra: String = "") -> String {
        ProcedureFixture.file(code: code, title: title, extra: "fee: Miễn phí\n" + extra)
    }

    // MARK: reading pages

    /// Whether `text` holds a letter only Vietnamese writes here: a Latin letter with a diacritic, or đ.
    static func hasVietnameseLetter(_ text: String) -> Bool {
        text.contains { ch in
            if ch == "đ" || ch == "Đ" { return true }
            let scalars = String(ch).decomposedStringWithCanonicalMapping.unicodeScalars
            guard scalars.count > 1, let base = scalars.first, base.isASCII else { return false }
            return base.properties.isAlphabetic
        }
    }

    /// A piece of text of a page's body (a text node, or an `alt`/`aria-label`/`title` attribute) with the
    /// language it is declared in: the nearest `lang` around it.
    struct Text: CustomStringConvertible {
        var text: String
        var lang: String?
        var element: String
        var description: String { "<\(element)> \(lang ?? "-"): \(text.prefix(80))" }
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                            "meta", "source", "track", "wbr"]

    /// Every text of the `<body>` with its declared language. Script and style are skipped, and so are the
    /// `<title>`/`<desc>` of inline SVG charts: they make one accessible name, which cannot hold a language
    /// change (the HTML heading above each chart marks the field name instead).
    static func texts(_ html: String) -> [Text] {
        var result: [Text] = []
        var stack: [(name: String, lang: String?)] = []
        var inBody = false
        var rest = html[...]
        func currentLang() -> String? { stack.last(where: { $0.lang != nil })?.lang }
        func skipped() -> Bool {
            stack.contains { ["script", "style"].contains($0.name) }
                || (stack.contains { $0.name == "svg" } && ["title", "desc"].contains(stack.last?.name ?? ""))
        }
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else { break }
            let text = rest[..<open]
            if inBody, !skipped(), text.contains(where: { !$0.isWhitespace }) {
                result.append(Text(text: decode(String(text)), lang: currentLang(), element: stack.last?.name ?? ""))
            }
            if rest[open...].hasPrefix("<!--") {
                guard let end = rest[open...].range(of: "-->") else { break }
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().lowercased().trimmingCharacters(in: .whitespaces)
                if let i = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(i...) }
                continue
            }
            if tag.hasPrefix("!") { continue }
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
            let attributes = attributes(of: String(tag))
            if name == "body" { inBody = true }
            let lang = attributes["lang"] ?? currentLang()
            if inBody {
                // A region named after the caption it holds (a scrolling table) repeats the caption, which is
                // marked; its `aria-label` is one accessible name, which cannot hold a language change.
                let namedByCaption = attributes["role"] == "region"
                for key in ["alt", "aria-label", "title"] where !(namedByCaption && key == "aria-label") {
                    if let value = attributes[key] { result.append(Text(text: decode(value), lang: lang, element: name + "@" + key)) }
                }
            }
            if voidElements.contains(name) || tag.hasSuffix("/") { continue }
            stack.append((name, attributes["lang"]))
        }
        return result
    }

    /// Body texts with a Vietnamese letter that are not declared Vietnamese.
    static func unmarkedVietnamese(_ html: String, vietnamese: String = "vi") -> [Text] {
        texts(html).filter { $0.lang != vietnamese && hasVietnameseLetter($0.text) }
    }

    static func attributes(of tag: String) -> [String: String] {
        var result: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)""#)
        let range = NSRange(tag.startIndex..., in: tag)
        for match in pattern.matches(in: tag, range: range) {
            if let key = Range(match.range(at: 1), in: tag), let value = Range(match.range(at: 2), in: tag) {
                result[String(tag[key])] = String(tag[value])
            }
        }
        return result
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The `lang` of the element whose text is exactly `text` (trimmed), declared on it or around it.
    static func language(of text: String, in html: String) -> String? {
        texts(html).first { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) == text }?.lang
    }

    /// `<link rel="alternate" hreflang=...>` of a page: language → URL.
    static func alternates(_ html: String) -> [String: String] {
        var result: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">"#)
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            if let lang = Range(match.range(at: 1), in: html), let url = Range(match.range(at: 2), in: html) {
                result[String(html[lang])] = String(html[url])
            }
        }
        return result
    }

    /// The visible language switch of a page: its link, the link's hreflang and the text after it.
    static func languageSwitch(_ html: String) -> (href: String, hreflang: String, text: String)? {
        guard let start = html.range(of: "<p class=\"lang-switch\">"),
              let end = html[start.upperBound...].range(of: "</p>") else { return nil }
        let markup = String(html[start.upperBound..<end.lowerBound])
        let link = attributes(of: markup)
        let text = markup.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        return (link["href"] ?? "", link["hreflang"] ?? "", decode(text))
    }

    /// `<html lang="...">` of a page.
    static func pageLanguage(_ html: String) -> String? {
        guard let tag = html.range(of: "<html[^>]*>", options: .regularExpression) else { return nil }
        return attributes(of: String(html[tag]))["lang"]
    }
}
