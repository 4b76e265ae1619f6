import Foundation

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
        var copy = text
        switch copy.withUTF8({ shape(of: $0) }) {
        case .none:
            return FrontMatter(yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false)
        case .unclosed:
            throw .error("front matter is not closed: add a line with only `---` after the last field",
                         at: SourceLocation(path: path, line: 1, column: 1))
        case .fenced(let yaml, let body, let bodyFirstLine):
            /// The text between two byte offsets (both just after a `\n` or at an end, so on scalar boundaries).
            func slice(_ range: Range<Int>?) -> String {
                guard let range else { return "" }
                let utf8 = text.utf8
                let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
                return String(text[start..<utf8.index(start, offsetBy: range.count)])
            }
            return FrontMatter(yaml: slice(yaml), yamlFirstLine: 2, body: slice(body), bodyFirstLine: bodyFirstLine,
                               hasFrontMatter: true)
        }
    }

    /// Where the parts of a file are, as byte offsets.
    private enum Shape {
        case none
        case unclosed
        /// The YAML and the body (nil when empty) and the line the body starts on.
        case fenced(yaml: Range<Int>?, body: Range<Int>?, bodyFirstLine: Int)
    }

    /// The file's shape, found on its UTF-8 bytes (`memchr` for line ends): walking `String.Index`es line by
    /// line was ~2,000 instructions a line.
    private static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> Shape {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return .none }
        /// The end of the line starting at `start` (its `\n`, or the end of the text).
        func lineEnd(_ start: Int) -> Int {
            guard start < count, let hit = memchr(base + start, 0x0A, count - start) else { return count }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
        func isThree(_ byte: UInt8, _ start: Int, _ end: Int) -> Bool {
            end - start == 3 && bytes[start] == byte && bytes[start + 1] == byte && bytes[start + 2] == byte
        }
        func isFence(_ start: Int, _ end: Int, orDots: Bool = false) -> Bool {
            let trimmed = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
            if isThree(UInt8(ascii: "-"), start, trimmed) { return true }
            return orDots && isThree(UInt8(ascii: "."), start, end)
        }
        let firstEnd = lineEnd(0)
        guard isFence(0, firstEnd) else { return .none }
        let yamlStart = firstEnd + 1
        var lineNumber = 2
        var cursor: Int? = firstEnd < count ? yamlStart : nil
        while let start = cursor {
            let end = lineEnd(start)
            let next: Int? = end < count ? end + 1 : nil
            // A final empty "line" after the last line break is no line.
            if next == nil && start == end { break }
            if isFence(start, end, orDots: true) {
                var body: Range<Int>?
                if let bodyStart = next {
                    let bodyEnd = bytes[count - 1] == 0x0A ? count - 1 : count
                    if bodyStart < bodyEnd { body = bodyStart..<bodyEnd }
                }
                return .fenced(yaml: start == yamlStart ? nil : yamlStart..<(start - 1), body: body,
                               bodyFirstLine: lineNumber + 1)
            }
            lineNumber += 1
            cursor = next
        }
        return .unclosed
    }
}
