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

    /// Only the lines up to the closing fence are looked at; the body is taken as it is (less one final line
    /// break), so splitting costs nothing for long articles. Lines end at `\n` (a `\r` before it is ignored in
    /// fences, so files saved with Windows line endings work too).
    public static func split(_ text: String, path: String) throws(Diagnostic) -> FrontMatter {
        let utf8 = text.utf8
        let newline = UInt8(ascii: "\n")
        /// The line starting at `start`: its end (before `\n`) and where the next line starts (nil at the end).
        func line(at start: String.Index) -> (end: String.Index, next: String.Index?) {
            guard let end = utf8[start...].firstIndex(of: newline) else { return (utf8.endIndex, nil) }
            return (end, utf8.index(after: end))
        }
        func isFence(_ start: String.Index, _ end: String.Index, orDots: Bool = false) -> Bool {
            var bytes = utf8[start..<end]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            if bytes.elementsEqual("---".utf8) { return true }
            return orDots && utf8[start..<end].elementsEqual("...".utf8)
        }
        let first = line(at: utf8.startIndex)
        guard !text.isEmpty, isFence(utf8.startIndex, first.end) else {
            return FrontMatter(yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false)
        }
        var lineNumber = 2
        var cursor = first.next
        while let start = cursor {
            let current = line(at: start)
            // A final empty "line" after the last line break is no line.
            if current.next == nil && start == current.end { break }
            if isFence(start, current.end, orDots: true) {
                let yamlStart = first.next!
                let yaml = start == yamlStart ? "" : String(text[yamlStart..<utf8.index(before: start)])
                var body = ""
                if let bodyStart = current.next {
                    let bodyEnd = utf8.last == newline ? utf8.index(before: utf8.endIndex) : utf8.endIndex
                    body = bodyStart < bodyEnd ? String(text[bodyStart..<bodyEnd]) : ""
                }
                return FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1,
                                   hasFrontMatter: true)
            }
            lineNumber += 1
            cursor = current.next
        }
        throw .error("front matter is not closed: add a line with only `---` after the last field",
                     at: SourceLocation(path: path, line: 1, column: 1))
    }
}
