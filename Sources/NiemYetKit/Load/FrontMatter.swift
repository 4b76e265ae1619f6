/// A content file split into its YAML front matter and Markdown body, remembering on which line each starts so
/// YAML and Markdown errors can be reported against the whole file.
public struct FrontMatter: Sendable {
    /// The YAML text between the `---` fences (empty when the file has none).
    public var yaml: String
    /// 1-based line of the file on which the YAML text starts.
    public var yamlFirstLine: Int
    public var body: String
    /// 1-based line of the file on which the body starts.
    public var bodyFirstLine: Int
    public var hasFrontMatter: Bool

    public static func split(_ text: String, path: String) throws(Diagnostic) -> FrontMatter {
        text.isSimpleText ? try splitBytes(text, path: path) : try splitLines(text, path: path)
    }

    static func splitLines(_ text: String, path: String) throws(Diagnostic) -> FrontMatter {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        func isFence(_ line: Substring) -> Bool {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            return trimmed.allSatisfy { $0 == "-" } && trimmed.count == 3
        }
        guard let first = lines.first, isFence(first) else {
            return FrontMatter(yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false)
        }
        guard let closing = lines.dropFirst().firstIndex(where: { isFence($0) || $0 == "..." }) else {
            throw .error("front matter is not closed: add a line with only `---` after the last field",
                         at: SourceLocation(path: path, line: 1, column: 1))
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: closing + 2, hasFrontMatter: true)
    }

    /// The same split over UTF-8 bytes, for simple text (no CR, every scalar a character of its own: see
    /// `SimpleText`), where it gives exactly what the line-by-line version gives, without Swift's grapheme
    /// breaking over the whole file.
    static func splitBytes(_ text: String, path: String) throws(Diagnostic) -> FrontMatter {
        let bytes = Array(text.utf8)
        let dash = UInt8(ascii: "-"), dot = UInt8(ascii: "."), newline = UInt8(ascii: "\n")
        // The file's lines as byte ranges, a final empty line (after the last newline) dropped.
        func lineEnd(from start: Int) -> Int { bytes[start...].firstIndex(of: newline) ?? bytes.count }
        func isFence(_ start: Int, _ end: Int) -> Bool {
            end - start == 3 && bytes[start] == dash && bytes[start + 1] == dash && bytes[start + 2] == dash
        }
        func isDots(_ start: Int, _ end: Int) -> Bool {
            end - start == 3 && bytes[start] == dot && bytes[start + 1] == dot && bytes[start + 2] == dot
        }
        func string(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<max(start, end)], as: UTF8.self) }
        let firstEnd = lineEnd(from: 0)
        guard !bytes.isEmpty, isFence(0, firstEnd) else {
            return FrontMatter(yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false)
        }
        var start = firstEnd + 1
        var line = 2
        while start < bytes.count {
            let end = lineEnd(from: start)
            if isFence(start, end) || isDots(start, end) {
                let yaml = string(firstEnd + 1, start - 1)
                var bodyEnd = bytes.count
                if bodyEnd > end, bytes[bodyEnd - 1] == newline { bodyEnd -= 1 }
                let body = end < bytes.count ? string(end + 1, bodyEnd) : ""
                return FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: line + 1,
                                   hasFrontMatter: true)
            }
            start = end + 1
            line += 1
        }
        throw .error("front matter is not closed: add a line with only `---` after the last field",
                     at: SourceLocation(path: path, line: 1, column: 1))
    }
}
