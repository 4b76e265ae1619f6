import CCMark
import Foundation

/// Markdown to HTML through libcmark. cmark parses and renders; we only walk its tree to
/// - prefix internal links and images with the site's base path (and remember them for checking),
/// - give headings ids for anchors and images `loading="lazy"`,
/// - replace embed blocks (```` ```thong-ke ````) with generated HTML.
/// cmark's safe mode (its default since 0.29) stays on: raw HTML and `javascript:` URLs never reach the output.
public struct MarkdownRenderer: Sendable {
    public var basePath: String
    public var embeds: [String: MarkdownEmbed]

    public init(basePath: String = "/", embeds: [MarkdownEmbed] = []) {
        self.basePath = basePath.hasSuffix("/") ? basePath : basePath + "/"
        self.embeds = Dictionary(embeds.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Renders and returns problems found on the way (bad embeds) as diagnostics located in the source file.
    /// All cmark pointers live and die inside this call: they are not Sendable.
    public func render(_ source: MarkdownSource, diagnostics: inout [Diagnostic]) -> RenderedMarkdown {
        // No CMARK_OPT_VALIDATE_UTF8: the bytes come from a Swift String, which is always valid UTF-8, and for
        // valid input cmark's check copies it unchanged (a sixth of cmark's time spent proving what is known).
        let options = CMARK_OPT_DEFAULT
        let bytes = Array(source.text.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parse_document($0, buffer.count, options)
            }
        }) ?? (bytes.isEmpty ? cmark_parse_document("", 0, options) : nil) else {
            return .empty
        }
        defer { cmark_node_free(document) }
        // Lines are found only when a link has to be located; in simple text (see `SimpleText`) as byte offsets
        // of the UTF-8 already at hand: splitting every body by grapheme cluster was a tenth of loading a large
        // site. Byte lines are the Character lines when the body has no CR (CR LF is one Character, so it would
        // not split); columns need only the lines searched to be simple, which `locateSimple` checks. Proving the
        // whole body simple instead was a second pass over nearly every article (~1% of a build's CPU time).
        // Looked at only when the body has an internal link to locate.
        lazy var hasCR = bytes.withUnsafeBufferPointer { $0.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false }
        var splitLines: [Substring]?
        func lines() -> [Substring] {
            if let splitLines { return splitLines }
            let result = source.text.split(separator: "\n", omittingEmptySubsequences: false)
            splitLines = result
            return result
        }
        var lineStarts: [Int]?
        func simpleLine(_ number: Int) -> ArraySlice<UInt8>? {
            if lineStarts == nil { lineStarts = Self.lineStarts(of: bytes) }
            let starts = lineStarts!
            guard number >= 1, number <= starts.count else { return nil }
            let end = number < starts.count ? starts[number] - 1 : bytes.count
            return bytes[starts[number - 1]..<end]
        }

        var links: [InternalLink] = []
        var plain: [UInt8] = []
        func addPlain(_ literal: UnsafePointer<CChar>) {
            plain.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
        }
        var headingNodes: [OpaquePointer] = []
        var imageNodes: [OpaquePointer] = []
        var embedNodes: [OpaquePointer] = []

        // Pass 1: read the tree. cmark allows changing nodes only after their exit event, so collect first.
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { addPlain(literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                plain.append(0x20)
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let name = info.split(separator: " ").first.map(String.init) ?? ""
                if embeds[name] != nil { embedNodes.append(node) }
                else if let literal = cmark_node_get_literal(node) { addPlain(literal); plain.append(0x20) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard entering, let urlPointer = cmark_node_get_url(node) else { break }
                let url = String(cString: urlPointer)
                if url.hasPrefix("/") && !url.hasPrefix("//") {
                    let path = String(url.prefix { $0 != "?" && $0 != "#" })
                    let location = (!hasCR && url.isSimpleText
                        ? locateSimple(Array(url.utf8), node: node, line: simpleLine, source: source) : nil)
                        ?? locate(url, node: node, lines: lines(), source: source)
                    links.append(InternalLink(path: path, location: location))
                    let rewritten = basePath + url.dropFirst()
                    cmark_node_set_url(node, rewritten)
                }
                if type == CMARK_NODE_IMAGE { imageNodes.append(node) }
            case CMARK_NODE_HEADING:
                // A space after the heading, or its last word runs into the paragraph below in the plain text.
                if !entering { headingNodes.append(node); plain.append(0x20) }
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
                if !entering { plain.append(0x20) }
            default:
                break
            }
        }

        // Pass 2: embeds, then images, then headings (a heading is rendered with its final children).
        for node in embedNodes {
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let name = String(info.split(separator: " ").first ?? "")
            let body = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let line = Int(cmark_node_get_start_line(node)) + source.firstLine - 1
            switch embeds[name]!.render(body) {
            case .html(let html):
                replace(node, withCustom: CMARK_NODE_CUSTOM_BLOCK, html: html)
            case .error(let message):
                diagnostics.append(.error(message, at: SourceLocation(path: source.path, line: line,
                                                                      column: Int(cmark_node_get_start_column(node)))))
                replace(node, withCustom: CMARK_NODE_CUSTOM_BLOCK, html: "")
            case .errors(let problems):
                // cmark's start line is the fence; body line n is n lines below it. A fence indented by up to
                // three spaces indents the body too, so columns shift by the fence's indentation.
                let indent = Int(cmark_node_get_start_column(node)) - 1
                for problem in problems {
                    diagnostics.append(.error(problem.message, at: SourceLocation(
                        path: source.path, line: line + problem.line,
                        column: problem.line == 0 ? indent + 1 : problem.column + indent)))
                }
                replace(node, withCustom: CMARK_NODE_CUSTOM_BLOCK, html: "")
            }
        }
        for node in imageNodes {
            let html = renderHTML(node, options: options)
            replace(node, withCustom: CMARK_NODE_CUSTOM_INLINE,
                    html: html.replacingEvery("<img ", with: "<img loading=\"lazy\" "))
        }
        var headings: [RenderedMarkdown.Heading] = []
        var usedIDs: [String: Int] = [:]
        for node in headingNodes {
            let level = Int(cmark_node_get_heading_level(node))
            let text = plainText(of: node)
            var id = Slug.make(text)
            if id.isEmpty { id = "muc" }
            if let count = usedIDs[id] { usedIDs[id] = count + 1; id += "-\(count + 1)" } else { usedIDs[id] = 1 }
            headings.append(.init(level: level, text: text, id: id))
            giveID(id, toHeading: node, level: level)
        }

        let html = renderHTML(document, options: options)
        let collapsed = Self.collapseWhitespace(plain)
        return RenderedMarkdown(html: html, plainText: collapsed, links: links, headings: headings)
    }

    /// Where each line of `bytes` starts: 0, and the offset after every `\n` (found with `memchr`).
    static func lineStarts(of bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            var starts = [0]
            guard let base = buffer.baseAddress else { return starts }
            var offset = 0
            while offset < buffer.count, let hit = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
                starts.append(offset)
            }
            return starts
        }
    }

    /// The plain text with runs of spaces, tabs and newlines made one space, ends trimmed; over bytes when the
    /// text is simple, where that equals doing it character by character.
    static func collapseWhitespace(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { input in
            // Collapsed into scratch memory, then made a String without validating the bytes again: they were
            // checked simple, so valid, on the way (String(unsafeUninitializedCapacity:) validated them once
            // more, ~1% of building the benchmark sites).
            let simple = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(input.count, 1)) { out -> String? in
                guard let (count, isASCII) = collapseSimple(input, into: out.baseAddress!) else { return nil }
                return String(provenUTF8: UnsafeBufferPointer(rebasing: out[..<count]), isASCII: isASCII)
            }
            if let simple { return simple }
            return String(decoding: input, as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        }
    }

    /// Collapses `input` into `output` (room for `input.count` bytes) and returns the length and whether the
    /// result is all ASCII, checking on the way that the text is simple (`SimpleText.scalarLength`): nil as soon
    /// as it is not. One pass where checking first and collapsing after was two (the plain text of every
    /// article, ~8% of loading the 10k benchmark site).
    private static func collapseSimple(_ input: UnsafeBufferPointer<UInt8>,
                                       into output: UnsafeMutablePointer<UInt8>) -> (count: Int, isASCII: Bool)? {
        let n = input.count
        var count = 0
        var isASCII = true
        var pendingSpace = false
        var i = 0
        while i < n {
            let lead = input[i]
            if lead > 0x20 && lead < 0x80 {  // most bytes: an ASCII letter, digit or mark
                if pendingSpace { output[count] = 0x20; count += 1; pendingSpace = false }
                output[count] = lead
                count += 1
                i += 1
                continue
            }
            guard let length = SimpleText.scalarLength(input, at: i) else { return nil }
            if length == 1 {
                if lead == 0x20 || lead == 0x0A || lead == 0x09 {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace { output[count] = 0x20; count += 1; pendingSpace = false }
                    output[count] = lead
                    count += 1
                }
                i += 1
                continue
            }
            // A scalar of two or three bytes, all of them there: `scalarLength` counts only bytes it has read.
            isASCII = false
            if pendingSpace { output[count] = 0x20; count += 1; pendingSpace = false }
            output[count] = lead
            output[count + 1] = input[i + 1]
            if length == 3 { output[count + 2] = input[i + 2] }
            count += length
            i += length
        }
        return (count, isASCII)
    }

    private func renderHTML(_ node: OpaquePointer, options: Int32) -> String {
        guard let raw = cmark_render_html(node, options) else { return "" }
        defer { free(raw) }
        return Self.string(html: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self))
    }

    /// cmark's HTML of a tree parsed from valid UTF-8, as a String, made without validating it when that is
    /// proven (String(cString:) validated every article's HTML: ~1% of building the benchmark sites).
    ///
    /// Why the HTML is valid UTF-8: cmark writes the bytes of its input cut only next to ASCII characters
    /// (markup, whitespace, `&`, `\`), ASCII markup and percent escapes, the custom HTML we give it (Swift
    /// strings) and, for character references, the UTF-8 of the scalar referred to. With one exception: cmark
    /// 0.30's `cmark_utf8proc_encode_char` writes U+FFFF and U+FFFE (`&#xFFFF;`, `&#65534;`) as the single bytes
    /// 0xFF and 0xFE. Those two bytes never occur in UTF-8, so HTML without them is valid; HTML with them is
    /// repaired as before (each becomes U+FFFD).
    static func string(html: UnsafePointer<UInt8>) -> String {
        let count = strlen(html)
        guard memchr(html, 0xFF, count) == nil, memchr(html, 0xFE, count) == nil else {
            return String(cString: html)
        }
        return String(provenUTF8: UnsafeBufferPointer(start: html, count: count), isASCII: false)
    }

    /// Replaces a heading by `<hN id="...">`, its own inline children, `</hN>`: a custom block (it renders as
    /// the heading did, on lines of its own) holding a custom inline with the tags around the children. The
    /// children are rendered once, with the document, where rendering each heading to HTML on its own and
    /// patching the tag was a tenth of our Markdown work.
    private func giveID(_ id: String, toHeading node: OpaquePointer, level: Int) {
        // cmark's allocator aborts rather than return nil, and a custom block takes a custom inline, which takes
        // any inline node (a heading holds only those): none of these calls can fail on a tree cmark parsed.
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!, tags = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(block, "")
        cmark_node_set_on_exit(block, "")
        cmark_node_set_on_enter(tags, "<h\(level) id=\"\(id)\">")
        cmark_node_set_on_exit(tags, "</h\(level)>")
        precondition(cmark_node_append_child(block, tags) == 1, "cmark refused a custom inline")
        while let child = cmark_node_first_child(node) {
            precondition(cmark_node_append_child(tags, child) == 1, "cmark refused an inline child")
        }
        cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    private func replace(_ node: OpaquePointer, withCustom type: cmark_node_type, html: String) {
        guard let custom = cmark_node_new(type) else { return }
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        cmark_node_replace(node, custom)
        cmark_node_free(node)
    }

    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }

    /// The block holding a node: cmark 0.30 records positions for blocks only.
    private func blockLines(of node: OpaquePointer) -> (Int, Int) {
        var block: OpaquePointer? = node
        while let current = block, cmark_node_get_start_line(current) == 0 { block = cmark_node_parent(current) }
        let start = block.map { Int(cmark_node_get_start_line($0)) } ?? 1
        let end = block.map { max(Int(cmark_node_get_end_line($0)), start) } ?? start
        return (start, end)
    }

    /// `locate` for a body without CR and a simple URL, over the block's lines while they are simple text: a byte
    /// match is the match Foundation's search finds, a scalar a character. Nil when a line it reaches is not simple.
    private func locateSimple(_ needle: [UInt8], node: OpaquePointer, line: (Int) -> ArraySlice<UInt8>?,
                              source: MarkdownSource) -> SourceLocation? {
        let (start, end) = blockLines(of: node)
        for lineNumber in start...end {
            guard let text = line(lineNumber) else { break }
            // A line that is not simple: its bytes are not its characters, so `locate` answers instead.
            let (simple, found) = text.withUnsafeBufferPointer { haystack -> (Bool, Int?) in
                guard SimpleText.isSimple(haystack) else { return (false, nil) }
                guard !needle.isEmpty, needle.count <= haystack.count else { return (true, nil) }
                return (true, needle.withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: haystack) })
            }
            guard simple else { return nil }
            if let found {
                let offset = text.startIndex + found
                let column = text[text.startIndex..<offset].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } + 1
                return SourceLocation(path: source.path, line: lineNumber + source.firstLine - 1, column: column)
            }
        }
        return SourceLocation(path: source.path, line: start + source.firstLine - 1, column: 1)
    }

    /// cmark 0.30 records positions for blocks only: find the enclosing block, then the line within it that
    /// holds the URL, so the editor is pointed at the exact place.
    private func locate(_ url: String, node: OpaquePointer, lines: [Substring], source: MarkdownSource) -> SourceLocation {
        let (start, end) = blockLines(of: node)
        for lineNumber in start...end where lineNumber - 1 < lines.count {
            if let range = lines[lineNumber - 1].range(of: url) {
                let column = lines[lineNumber - 1].distance(from: lines[lineNumber - 1].startIndex, to: range.lowerBound) + 1
                return SourceLocation(path: source.path, line: lineNumber + source.firstLine - 1, column: column)
            }
        }
        return SourceLocation(path: source.path, line: start + source.firstLine - 1, column: 1)
    }
}
