/// The YAML most front matter is: one `key: value` per line, values plain or double-quoted text, or a flow list of
/// them on the same line. Read here directly, into the same `YAMLValue` (values, lines, columns) Yams gives.
///
/// Why: composing each file's front matter through Yams was the largest part of reading a content file (about
/// 180,000 instructions for seven fields). Anything outside this subset (block lists, nested mappings, comments,
/// escapes, single quotes, multi-line values, anchors, tags, tabs, non-simple text, ...) returns nil and goes to
/// Yams, as does every file that is not simple text (see `SimpleText`). A test compares both on many inputs.
enum SimpleYAML {
    static func parse(_ text: String, path: String, firstLine: Int) throws(Diagnostic) -> YAMLValue? {
        guard text.isSimpleText else { return nil }
        let bytes = Array(text.utf8)
        // Control characters (which YAML rejects, C1 ones included) and tabs: leave them to Yams.
        for (i, b) in bytes.enumerated() {
            if (b < 0x20 && b != 0x0A) || b == 0x7F { return nil }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] < 0xA0 { return nil }
            // U+2028 and U+2029 are line breaks to YAML.
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                return nil
            }
        }
        var pairs: [(key: String, value: YAMLValue, keyLocation: SourceLocation)] = []
        var seen: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        var mappingLocation: SourceLocation?
        var lineStart = 0
        var lineNumber = 1
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { lineStart = lineEnd + 1; lineNumber += 1 }
            if lineStart == lineEnd { continue }  // an empty line
            guard let (key, value) = parseLine(bytes[lineStart..<lineEnd], path: path,
                                                line: lineNumber + firstLine - 1) else { return nil }
            let keyLocation = SourceLocation(path: path, line: lineNumber + firstLine - 1, column: 1)
            if mappingLocation == nil { mappingLocation = keyLocation }
            if let earlier = seen[key] {
                problems.append(.error("duplicate key `\(key)` (first given on line \(earlier.line))", at: keyLocation))
                continue
            }
            seen[key] = keyLocation
            pairs.append((key, value, keyLocation))
        }
        guard let mappingLocation else { return nil }  // no field at all: Yams decides what that is
        if let first = problems.first { throw first }
        return .mapping(pairs, mappingLocation)
    }

    private static func isKeyByte(_ b: UInt8, first: Bool) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == UInt8(ascii: "_")
            || (!first && ((b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-")))
    }

    /// `key: value`, or nil when the line is anything else.
    private static func parseLine(_ line: ArraySlice<UInt8>, path: String, line number: Int) -> (String, YAMLValue)? {
        var i = line.startIndex
        guard isKeyByte(line[i], first: true) else { return nil }
        while i < line.endIndex, isKeyByte(line[i], first: i == line.startIndex) { i += 1 }
        let key = String(decoding: line[line.startIndex..<i], as: UTF8.self)
        guard i < line.endIndex, line[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard i < line.endIndex, line[i] == UInt8(ascii: " ") else { return nil }  // `key:` alone: leave to Yams
        while i < line.endIndex, line[i] == UInt8(ascii: " ") { i += 1 }
        guard i < line.endIndex else { return nil }
        func location(_ at: Int) -> SourceLocation {
            // Columns count characters; in simple text a character is a scalar, which starts at a non-continuation byte.
            SourceLocation(path: path, line: number,
                           column: line[line.startIndex..<at].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) })
        }
        var end = line.endIndex
        while end > i, line[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let rest = line[i..<end]
        switch line[i] {
        case UInt8(ascii: "\""):
            guard let (text, after) = quoted(line, from: i), after == end else { return nil }
            return (key, .scalar(text, location(i), quoted: true))
        case UInt8(ascii: "["):
            guard line[end - 1] == UInt8(ascii: "]") else { return nil }
            var items: [YAMLValue] = []
            var j = i + 1
            while j < end - 1, line[j] == UInt8(ascii: " ") { j += 1 }
            if j == end - 1 { return (key, .sequence([], location(i))) }
            while true {
                while line[j] == UInt8(ascii: " ") { j += 1 }
                let itemEnd: Int
                if line[j] == UInt8(ascii: "\"") {
                    guard let (text, after) = quoted(line, from: j), after < end else { return nil }
                    items.append(.scalar(text, location(j), quoted: true))
                    itemEnd = after
                } else {
                    var k = j
                    while k < end - 1, line[k] != UInt8(ascii: ","), line[k] != UInt8(ascii: "]") { k += 1 }
                    var textEnd = k
                    while textEnd > j, line[textEnd - 1] == UInt8(ascii: " ") { textEnd -= 1 }
                    let item = line[j..<textEnd]
                    guard isPlain(item, inFlow: true) else { return nil }
                    items.append(plainScalar(item, location(j)))
                    itemEnd = textEnd
                }
                var k = itemEnd
                while line[k] == UInt8(ascii: " ") { k += 1 }
                if k == end - 1 { break }
                guard line[k] == UInt8(ascii: ","), k + 1 < end - 1 else { return nil }
                j = k + 1
            }
            return (key, .sequence(items, location(i)))
        default:
            guard isPlain(rest, inFlow: false) else { return nil }
            return (key, plainScalar(rest, location(i)))
        }
    }

    /// `"..."` without escapes: its text and the index after the closing quote.
    private static func quoted(_ line: ArraySlice<UInt8>, from start: Int) -> (String, Int)? {
        var k = start + 1
        while k < line.endIndex, line[k] != UInt8(ascii: "\"") {
            if line[k] == UInt8(ascii: "\\") { return nil }
            k += 1
        }
        guard k < line.endIndex else { return nil }
        return (String(decoding: line[(start + 1)..<k], as: UTF8.self), k + 1)
    }

    /// A plain scalar this reader is sure to read as Yams does: no indicator first, no `: ` or ` #` inside, no tab,
    /// and in a flow list none of `,[]{}:#'"` at all.
    private static func isPlain(_ text: ArraySlice<UInt8>, inFlow: Bool) -> Bool {
        guard let first = text.first else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".utf8.contains(first) { return false }
        var previous: UInt8 = 0
        for b in text {
            if b == 0x09 { return false }
            if inFlow && ",[]{}:#'\"".utf8.contains(b) { return false }
            if b == UInt8(ascii: "#") && previous == UInt8(ascii: " ") { return false }
            if previous == UInt8(ascii: ":") && b == UInt8(ascii: " ") { return false }
            previous = b
        }
        return previous != UInt8(ascii: ":")
    }

    private static func plainScalar(_ text: ArraySlice<UInt8>, _ location: SourceLocation) -> YAMLValue {
        let string = String(decoding: text, as: UTF8.self)
        if ["~", "null", "Null", "NULL"].contains(string) { return .null(location) }
        return .scalar(string, location, quoted: false)
    }
}
