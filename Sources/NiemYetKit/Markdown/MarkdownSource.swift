/// The Markdown body of a content file and where it sits in that file.
public struct MarkdownSource: Sendable, Hashable {
    public var text: String
    public var path: String
    /// 1-based line of the file on which `text` starts (after the front matter).
    public var firstLine: Int

    public init(text: String, path: String, firstLine: Int) {
        self.text = text
        self.path = path
        self.firstLine = firstLine
    }
}

/// A link written in content that points inside the site (`/tin-tuc/...`, `/media/...`); checked once every
/// page of the site is known.
public struct InternalLink: Sendable, Hashable {
    /// Site-root path without the base path, query or fragment, e.g. `/tin-tuc/khai-truong/`.
    public var path: String
    public var location: SourceLocation
}

/// Markdown rendered to HTML, with what later stages need from it.
public struct RenderedMarkdown: Sendable, Hashable {
    public var html: String
    /// The text without markup, for summaries and the search index.
    public var plainText: String
    public var links: [InternalLink]
    public var headings: [Heading]

    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var id: String
    }

    public static let empty = RenderedMarkdown(html: "", plainText: "", links: [], headings: [])
}

/// A fenced block whose info string names a generator (```` ```thong-ke ````): the block is replaced by the
/// HTML the embed returns, or reported as an error at its line.
public struct MarkdownEmbed: Sendable {
    public enum Result: Sendable {
        case html(String)
        /// A problem with the block as a whole, reported at its opening fence.
        case error(String)
        /// Problems at given places inside the block's body (line 1 = the first line after the fence).
        case errors([Problem])
    }

    /// A problem located inside the block: `line` counts from the first body line (0 = the fence line).
    public struct Problem: Sendable, Hashable {
        public var message: String
        public var line: Int
        public var column: Int
        public init(_ message: String, line: Int, column: Int = 1) {
            self.message = message
            self.line = line
            self.column = column
        }
    }
    public var name: String
    public var render: @Sendable (_ body: String) -> Result

    public init(name: String, render: @escaping @Sendable (_ body: String) -> Result) {
        self.name = name
        self.render = render
    }
}
