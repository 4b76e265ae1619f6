import Foundation

/// Tidying of texts copied from the national portal's export, and their conversion to Markdown an editor can read.
/// Only changes that cannot change the meaning are made:
/// - tabs, non-breaking and doubled spaces become one space; lines are trimmed; empty lines dropped;
/// - a stray `¬` (a word processor's hyphenation mark) between letters, soft hyphens and zero-width spaces are removed;
/// - a Cyrillic letter that looks like a Latin one inside a Latin word (`NĐ-CР` with a Cyrillic `Р`) becomes the
///   Latin letter, so the document number can be found by searching;
/// - the text is NFC (composed diacritics), like every text the build reads.
enum SourceText {
    /// Cleans one line.
    static func cleanLine<S: StringProtocol>(_ line: S) -> String {
        var scalars: [Unicode.Scalar] = []
        let input = Array(String(line).precomposedStringWithCanonicalMapping.unicodeScalars)
        for (i, scalar) in input.enumerated() {
            switch scalar {
            case "\u{AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\r":
                continue
            case "\u{AC}":
                // `đ¬ược`: between two letters it is a leftover hyphenation mark, not logic's "not".
                let before = i > 0 ? input[i - 1] : " ", after = i + 1 < input.count ? input[i + 1] : " "
                if before.properties.isAlphabetic && after.properties.isAlphabetic { continue }
                scalars.append(scalar)
            case "\t", "\u{A0}", "\u{2007}", "\u{202F}":
                scalars.append(" ")
            default:
                scalars.append(scalar)
            }
        }
        var text = String(String.UnicodeScalarView(scalars))
        text = fixLookalikes(text)
        return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The non-empty cleaned lines of a multi-line text.
    static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map(cleanLine).filter { !$0.isEmpty }
    }

    /// A text on one line (for front matter): its lines joined with a space.
    static func inline(_ text: String) -> String {
        lines(text).joined(separator: " ")
    }

    // MARK: Cyrillic look-alikes

    private static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = [
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
        "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c",
        "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    ]

    private static func isCyrillic(_ s: Unicode.Scalar) -> Bool { (0x400...0x4FF).contains(s.value) }
    private static func isLatin(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic && (s.isASCII || (0xC0...0x24F).contains(s.value) || (0x1E00...0x1EFF).contains(s.value))
    }

    /// Replaces Cyrillic look-alikes in words that also hold Latin letters; a wholly Cyrillic word is left alone.
    static func fixLookalikes(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isCyrillic) else { return text }
        var out = String.UnicodeScalarView()
        var word: [Unicode.Scalar] = []
        func flush() {
            if word.contains(where: isCyrillic), word.contains(where: isLatin),
               word.allSatisfy({ !isCyrillic($0) || lookalikes[$0] != nil }) {
                word = word.map { lookalikes[$0] ?? $0 }
            }
            out.append(contentsOf: word)
            word.removeAll()
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark {
                word.append(scalar)
            } else {
                flush()
                out.append(scalar)
            }
        }
        flush()
        return String(out)
    }

    // MARK: Markdown

    private enum Block: Equatable {
        case paragraph(String)
        case bullet(String)
        case ordered(Int, String)

        var isList: Bool { if case .paragraph = self { false } else { true } }
        func sameList(as other: Block) -> Bool {
            switch (self, other) {
            case (.bullet, .bullet), (.ordered, .ordered): return true
            default: return false
            }
        }
    }

    /// A multi-line text as Markdown: each line its own paragraph, `- ` / `+ ` / `• ` lines a bulleted list,
    /// `1. ` lines a numbered list; characters Markdown would read as markup are escaped.
    static func markdown(_ text: String) -> String {
        let blocks = lines(text).map(block)
        var out: [String] = []
        var previous: Block?
        for block in blocks {
            if let previous, !(previous.isList && previous.sameList(as: block)) { out.append("") }
            switch block {
            case .paragraph(let text): out.append(escapeBlockStart(escapeInline(text)))
            case .bullet(let text): out.append("- " + escapeBlockStart(escapeInline(text)))
            case .ordered(let n, let text): out.append("\(n). " + escapeBlockStart(escapeInline(text)))
            }
            previous = block
        }
        return out.joined(separator: "\n")
    }

    private static func block(_ line: String) -> Block {
        let scalars = Array(line.unicodeScalars)
        if let first = scalars.first, ["-", "+", "•", "–", "—", "*"].contains(first), scalars.count > 1 {
            let next = scalars[1]
            let rest = String(String.UnicodeScalarView(scalars.dropFirst())).trimmingCharacters(in: .whitespaces)
            // "- Tiếp nhận" and "-Tiếp nhận" are list items; "-5%" and "--" are not.
            if !rest.isEmpty && (next == " " || (next.properties.isAlphabetic && first != "*")) {
                return .bullet(rest)
            }
        }
        var digits = ""
        var index = line.startIndex
        while index < line.endIndex, line[index].isASCII, line[index].isNumber, digits.count < 3 {
            digits.append(line[index])
            index = line.index(after: index)
        }
        if !digits.isEmpty, index < line.endIndex, line[index] == "." || line[index] == ")" {
            let after = line.index(after: index)
            if after < line.endIndex, line[after] == " ", let n = Int(digits) {
                let rest = line[after...].trimmingCharacters(in: .whitespaces)
                if !rest.isEmpty { return .ordered(n, rest) }
            }
        }
        return .paragraph(line)
    }

    /// Backslash-escapes what Markdown would take for emphasis, code, links or HTML (`cmark` drops raw HTML).
    static func escapeInline(_ text: String) -> String {
        var out = ""
        let chars = Array(text)
        for (i, ch) in chars.enumerated() {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<":
                out.append("\\")
            case "&":
                // Only where it could start an entity such as `&amp;`.
                if i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1] == "#" { out.append("\\") }
            default:
                break
            }
            out.append(ch)
        }
        return out
    }

    /// Escapes a line start Markdown would read as a heading, quote, list, or rule.
    static func escapeBlockStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if ["#", ">", "-", "+", "=", "|", "~"].contains(first) { return "\\" + text }
        var index = text.startIndex
        while index < text.endIndex, text[index].isASCII, text[index].isNumber { index = text.index(after: index) }
        if index != text.startIndex, index < text.endIndex, text[index] == "." || text[index] == ")" {
            let after = text.index(after: index)
            if after == text.endIndex || text[after] == " " {
                return String(text[..<index]) + "\\" + String(text[index...])
            }
        }
        return text
    }
}
