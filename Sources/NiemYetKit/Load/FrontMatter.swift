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
}
