import Foundation

/// The theme's Mustache templates compiled once (parsed into `Block`s, then flattened into a `Program`) and
/// rendered straight into UTF-8 bytes.
///
/// Why: rendering through swift-mustache was more than half of a large build. Its renderer looks every name up
/// through protocol casts on `Any` (the Swift runtime's conformance cache), splits dotted names on every lookup,
/// escapes HTML one grapheme cluster at a time, and concatenates `String`s per token. Here names are split
/// once, values are told apart by their exact type (a pointer comparison), text is escaped byte by byte and
/// everything is appended to one byte buffer.
///
/// The output is the same as swift-mustache's, byte for byte: the parser below follows swift-mustache's own
/// (standalone lines, indentation of partials and blocks, inheritance), and swift-mustache still parses and
/// validates every template first (its error messages are the ones editors see). Anything this engine does not
/// model is left to swift-mustache: a theme using set delimiters, pragmas, transforms or dynamic partials is
/// rendered by it entirely, and a page whose values hold a type other than strings, numbers, booleans,
/// string-keyed dictionaries and arrays is rendered by it (`render` returns nil). One deliberate difference:
/// `<>&"'` are always escaped, also when a combining mark follows them (swift-mustache leaves such a cluster
/// unescaped).
struct CompiledTemplates: Sendable {
    /// Each template's block in `program`.
    private let templates: [String: Int]
    /// The templates as rendered (see `Program`), with every name they look up (`program.names`).
    private let program: Program

    /// Compiles every template, or returns nil when one of them uses syntax this engine leaves to swift-mustache.
    init?(sources: [String: String]) {
        var templates: [String: Block] = [:]
        var paths: [NamePath] = []
        var bodies: [SectionBody: Int] = [:]
        let names = sources.keys.sorted()
        let numbers = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        for name in names {
            guard let block = try? TemplateParser.parse(sources[name]!, partials: numbers, paths: &paths,
                                                         bodies: &bodies) else {
                return nil
            }
            templates[name] = block
        }
        let program = Program(templates: names.map { templates[$0]! }, paths: paths)
        self.templates = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, program.templates[$0]) })
        self.program = program
    }

    func has(_ name: String) -> Bool { templates[name] != nil }

    /// The layout's values resolved for every name of the templates, or nil when they hold a value this engine
    /// leaves to swift-mustache (pages are then rendered over the merged values, as `render` does).
    func layoutValues(_ values: [String: Any]) -> LayoutValues? {
        var entries: [LayoutEntry?] = []
        entries.reserveCapacity(program.parts.count)
        do {
            for parts in program.parts {
                let names = UnsafeBufferPointer(rebasing: program.names[parts.range])
                entries.append(try TemplateRenderer.resolve(names, in: values))
            }
        } catch {
            return nil
        }
        return LayoutValues(values: values, entries: entries, program: program)
    }

    /// A page: `own` over `layout`, rendered exactly as `render(name, merged)` would render the two merged
    /// (`own` wins a name both have), without merging them; nil as `render`.
    func render(_ name: String, own: [String: Any], layout: LayoutValues, shared: SharedItems? = nil) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(program: program, own: own, layout: layout)
        renderer.shared = shared
        do {
            try renderer.render(block: template)
        } catch {
            return nil
        }
        return renderer.out
    }

    /// The rendered bytes, or nil when the values hold something only swift-mustache knows how to render.
    func render(_ name: String, _ context: [String: Any]) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(program: program, root: context)
        do {
            try renderer.render(block: template)
        } catch {
            return nil
        }
        return renderer.out
    }
}

// MARK: - Parsed form

/// A template or section body as parsed (rendered from its form in `Program`).
struct Block: Sendable {
    /// A text never runs past the end of a line, which rendering inside an indented partial relies on (it
    /// indents each piece that starts a line).
    let pieces: [Piece]
    /// For a section's body: the same number as every other body of the same source text, parsed in the same
    /// state (so made of the same pieces), in any template. Items of `SharedItems` are kept under it: a news
    /// summary rendered by `{{#items}}{{> partials/news-item}}{{/items}}` in a list is reused by the same body
    /// in an article's related news, the calendar and the home page, where it was rendered again.
    var number = -1

    init(pieces: [Piece]) {
        self.pieces = pieces
    }
}

/// A name as written in a tag: `.` (the current value), `a.b.c` (looked up the context stack), `.a.b` (in the
/// current value only). `id` numbers the names of all templates, so values known before a page (the layout's)
/// can be resolved once per name instead of hashed on every page (see `LayoutValues`).
final class NamePath: Sendable {
    let names: [String]
    let anchored: Bool
    let id: Int

    init(_ name: String, id: Int) {
        self.id = id
        if name == "." {
            names = []
            anchored = true
        } else {
            anchored = name.first == "."
            names = name.split(separator: ".").map(String.init)
        }
    }
}

/// A piece of a parsed block; rendering reads the same pieces lowered into `Program.Op`s.
indirect enum Piece: Sendable {
    case text([UInt8])
    case variable(NamePath, escaped: Bool)
    case section(NamePath, Block, inverted: Bool)
    /// A partial by its number among the templates (-1: no such template, which renders nothing).
    case partial(Int, indentation: [UInt8]?, inherits: [String: Block]?)
    /// `{{$name}}default{{/name}}` outside a parent's tag: replaced by the inheriting template's block.
    case blockExpansion(String, Block, indentation: [UInt8])
    /// `{{$name}}...{{/name}}` directly inside `{{<parent}}`: only collected into the partial's `inherits`.
    case blockDefinition(String, Block)
}

// MARK: - Rendered form

/// The parsed templates flattened into plain data for rendering: every piece an `Op` made of numbers, texts as
/// ranges of one byte arena, blocks as ranges of `ops`, all in memory this object owns and never changes.
///
/// Why: rendering the parsed `Piece`s (an indirect enum holding arrays, blocks and `NamePath` objects) retained
/// and released a payload for every piece of every page, the largest single cost of rendering after name
/// lookups. An `Op` is copied as plain bytes, and the renderer reads `ops`, `texts` and `blocks` through
/// buffer pointers, which counts no references.
final class Program: @unchecked Sendable {  // immutable after init; its buffers are freed only by deinit
    struct Op {
        enum Kind: UInt8 {
            /// `texts[a ..< a + b]`.
            case text
            /// The name `paths[a]`, HTML-escaped when `flag` is set.
            case variable
            /// The name `paths[a]` rendering block `b`; inverted when `flag` is set.
            case section
            /// `calls[a]`.
            case partial
            /// `expansions[a]`.
            case blockExpansion
            /// A parent's block definition: collected into its partial's `inherits`, renders nothing.
            case nothing
        }
        var kind: Kind
        var flag = false
        var a = 0
        var b = 0
    }

    /// A block's ops: `pieces` as parsed, each run of adjacent texts in `joined` made one text (what is rendered
    /// where nothing is indented; templates are parsed line by line, so most pieces were short texts).
    struct Span {
        var pieces: Range<Int>
        var joined: Range<Int>
        /// `Block.number`.
        var number: Int
    }

    struct PartialCall {
        /// The template's block, -1 when there is no such template (which renders nothing).
        let block: Int
        let indentation: [UInt8]?
        /// A parent's blocks (`{{<parent}}{{$name}}...`), by name.
        let inherits: [String: Int]?
    }

    struct Expansion {
        let name: String
        let fallback: Int
        let indentation: [UInt8]
    }

    let ops: UnsafeBufferPointer<Op>
    let texts: UnsafeBufferPointer<UInt8>
    let blocks: UnsafeBufferPointer<Span>
    let calls: [PartialCall]
    let expansions: [Expansion]
    /// Every name the templates look up, by `NamePath.id`, laid out flat: name `id`'s parts are
    /// `names[parts[id].range]`. Rendering reads them on every core at every page; reading a `NamePath` object
    /// for each `{{name}}` retained and released it, and with both cores rendering pages of the same templates,
    /// the count of each such shared object bounced between their caches (retain/release took twice the time
    /// they take on one core).
    let parts: UnsafeBufferPointer<NameParts>
    let names: UnsafeBufferPointer<String>
    /// Each template's block, by template number.
    let templates: [Int]

    struct NameParts {
        var range: Range<Int>
        var anchored: Bool
    }

    init(templates: [Block], paths: [NamePath]) {
        var lowering = Lowering()
        let numbers = templates.map { lowering.lower($0) }
        self.templates = numbers
        self.calls = lowering.calls.map {
            PartialCall(block: $0.template >= 0 ? numbers[$0.template] : -1, indentation: $0.indentation,
                        inherits: $0.inherits)
        }
        self.expansions = lowering.expansions
        var names: [String] = []
        self.parts = Self.copy(paths.map { path in
            names += path.names
            return NameParts(range: names.count - path.names.count ..< names.count, anchored: path.anchored)
        })
        self.names = Self.copy(names)
        self.ops = Self.copy(lowering.ops)
        self.texts = Self.copy(lowering.texts)
        self.blocks = Self.copy(lowering.blocks)
    }

    deinit {
        ops.deallocate()
        texts.deallocate()
        blocks.deallocate()
        parts.deallocate()
        UnsafeMutableBufferPointer(mutating: names).deinitialize().deallocate()
    }

    static func copy<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        return UnsafeBufferPointer(buffer)
    }

    /// Builds the arrays a `Program` copies, children before their parents so that each block's ops are one run.
    private struct Lowering {
        var ops: [Op] = []
        var texts: [UInt8] = []
        var blocks: [Span] = []
        var calls: [(template: Int, indentation: [UInt8]?, inherits: [String: Int]?)] = []
        var expansions: [Expansion] = []

        mutating func lower(_ block: Block) -> Int {
            let own = block.pieces.map { lower($0) }
            var joined: [Op] = []
            for op in own {
                // Texts lowered one after the other are adjacent in `texts`: one text covers both.
                if op.kind == .text, let last = joined.last, last.kind == .text, last.a + last.b == op.a {
                    joined[joined.count - 1].b += op.b
                } else {
                    joined.append(op)
                }
            }
            let pieces = ops.count ..< ops.count + own.count
            ops += own
            let joinedRange = ops.count ..< ops.count + joined.count
            ops += joined
            blocks.append(Span(pieces: pieces, joined: joinedRange, number: block.number))
            return blocks.count - 1
        }

        private mutating func lower(_ piece: Piece) -> Op {
            switch piece {
            case .text(let bytes):
                texts += bytes
                return Op(kind: .text, a: texts.count - bytes.count, b: bytes.count)
            case .variable(let path, let escaped):
                return Op(kind: .variable, flag: escaped, a: path.id)
            case .section(let path, let body, let inverted):
                return Op(kind: .section, flag: inverted, a: path.id, b: lower(body))
            case .partial(let template, let indentation, let inherits):
                calls.append((template, indentation, inherits?.mapValues { lower($0) }))
                return Op(kind: .partial, a: calls.count - 1)
            case .blockExpansion(let name, let fallback, let indentation):
                expansions.append(Expansion(name: name, fallback: lower(fallback), indentation: indentation))
                return Op(kind: .blockExpansion, a: expansions.count - 1)
            case .blockDefinition:
                return Op(kind: .nothing)
            }
        }
    }
}

// MARK: - Parser (a byte-level port of swift-mustache 2.1's Template+Parser)

/// A section's body as the parser read it: its source text (up to the closing tag, whose name may differ) and
/// what the parser's state made of it. Two equal ones are parsed into the same pieces.
struct SectionBody: Hashable {
    var source: [UInt8]
    var closingStandalone: Bool
    var newLine: Bool
    var isPartialDefinition: Bool
    var isPartialDefinitionTopLevel: Bool
    var partialDefinitionIndent: [UInt8]?
}

private struct Unsupported: Error {}

enum TemplateParser {
    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: [UInt8]?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0
        /// Every name of the theme parsed so far; a name's `id` is its place here.
        var paths: [NamePath]
        /// The number of each template, for partials.
        let partials: [String: Int]
        /// Every section body of the theme parsed so far, by number (see `Block.number`).
        var bodies: [SectionBody: Int]

        /// Where the last closing tag read starts, and whether it stood alone on its line (which decides whether
        /// the blanks before it are text of the body).
        var lastClosing = (start: 0, standalone: false)

        /// The number of the section body read from `start` up to the closing tag just read, in `state`.
        mutating func number(ofBodyFrom start: Int, state: State) -> Int {
            let body = SectionBody(source: Array(bytes[start..<lastClosing.start]),
                                   closingStandalone: lastClosing.standalone, newLine: state.newLine,
                                   isPartialDefinition: state.isPartialDefinition,
                                   isPartialDefinitionTopLevel: state.isPartialDefinitionTopLevel,
                                   partialDefinitionIndent: state.partialDefinitionIndent)
            if let number = bodies[body] { return number }
            bodies[body] = bodies.count
            return bodies.count - 1
        }

        mutating func path(_ name: String) -> NamePath {
            let path = NamePath(name, id: paths.count)
            paths.append(path)
            return path
        }
        var atEnd: Bool { position >= bytes.count }
        /// The byte at the position, 0 at the end (as swift-mustache's `current()` returns "\0").
        var current: UInt8 { position < bytes.count ? bytes[position] : 0 }

        mutating func read(while accept: (UInt8) -> Bool) -> ArraySlice<UInt8> {
            let start = position
            while position < bytes.count, accept(bytes[position]) { position += 1 }
            return bytes[start..<position]
        }

        mutating func read(_ literal: [UInt8]) throws -> Bool {
            guard position + literal.count <= bytes.count else { throw Unsupported() }
            guard bytes[position..<position + literal.count].elementsEqual(literal) else { return false }
            position += literal.count
            return true
        }
    }

    private static let open: [UInt8] = Array("{{".utf8)
    private static let close: [UInt8] = Array("}}".utf8)
    private static let newline = UInt8(ascii: "\n")

    static func parse(_ source: String, partials: [String: Int], paths: inout [NamePath],
                      bodies: inout [SectionBody: Int]) throws -> Block {
        // Characters made of several scalars one of which is ASCII (a brace or a blank with a combining mark,
        // CR LF) and line breaks other than LF are where swift-mustache's parsing by grapheme cluster and this
        // parsing by byte could part ways: such a theme stays with swift-mustache.
        for character in source where character.unicodeScalars.count > 1
            && character.unicodeScalars.contains(where: \.isASCII) {
            throw Unsupported()
        }
        for scalar in source.unicodeScalars where [0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains(scalar.value) {
            throw Unsupported()
        }
        var reader = Reader(bytes: Array(source.utf8), paths: paths, partials: partials, bodies: bodies)
        paths = []
        bodies = [:]
        defer { (paths, bodies) = (reader.paths, reader.bodies) }
        return try parse(&reader, state: State())
    }

    private static func isSpaceOrTab(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    private static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A }
    private static func isNameChar(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: "?")
            || b == UInt8(ascii: "*")
    }
    private static func isPartialNameChar(_ b: UInt8) -> Bool { isNameChar(b) || b == UInt8(ascii: "/") }

    private static func parse(_ reader: inout Reader, state initial: State) throws -> Block {
        var pieces: [Piece] = []
        var state = initial
        var whiteSpaceBefore: [UInt8] = []
        while !reader.atEnd {
            if state.newLine {
                let whiteSpace = Array(reader.read(while: isSpaceOrTab))
                if state.isPartialDefinition && !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilDelimiterOrNewline(&reader)
            if reader.current == newline {
                pieces.append(.text(whiteSpaceBefore + text + [newline]))
                state.newLine = true
                reader.position += 1
                continue
            }
            if !text.isEmpty {
                pieces.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if reader.atEnd { break }
            var setNewLine = false
            switch reader.current {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = reader.current == UInt8(ascii: "^")
                reader.position += 1
                let name = try parseName(&reader)
                if isStandalone(&reader, state: state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    pieces.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let bodyState = state.withSectionName(name, newLine: setNewLine)
                let start = reader.position
                var body = try parse(&reader, state: bodyState)
                body.number = reader.number(ofBodyFrom: start, state: bodyState)
                pieces.append(.section(reader.path(name), body, inverted: inverted))

            case UInt8(ascii: "/"):
                let closingTag = reader.position - open.count
                reader.position += 1
                let name = try parseName(&reader)
                guard name == state.sectionName else { throw Unsupported() }
                let standalone = isStandalone(&reader, state: state)
                if standalone {
                    // swift-mustache sets its newline flag here and returns at once: nothing to do.
                } else if !whiteSpaceBefore.isEmpty {
                    pieces.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                reader.lastClosing = (closingTag, standalone)
                return Block(pieces: pieces)

            case UInt8(ascii: "!"):
                reader.position += 1
                try skipComment(&reader)
                setNewLine = isStandalone(&reader, state: state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = reader.current == UInt8(ascii: "{")
                if !whiteSpaceBefore.isEmpty {
                    pieces.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                reader.position += 1
                let name = try parseName(&reader)
                if triple {
                    guard reader.current == UInt8(ascii: "}") else { throw Unsupported() }
                    reader.position += 1
                }
                pieces.append(.variable(reader.path(name), escaped: false))

            case UInt8(ascii: ">"):
                reader.position += 1
                _ = reader.read(while: isWhitespace)
                if reader.current == UInt8(ascii: "*") { throw Unsupported() }  // dynamic partial
                let name = try parsePartialName(&reader)
                if !whiteSpaceBefore.isEmpty { pieces.append(.text(whiteSpaceBefore)) }
                if isStandalone(&reader, state: state) {
                    setNewLine = true
                    pieces.append(.partial(reader.partials[name] ?? -1, indentation: whiteSpaceBefore, inherits: nil))
                } else {
                    pieces.append(.partial(reader.partials[name] ?? -1, indentation: nil, inherits: nil))
                }
                whiteSpaceBefore = []

            case UInt8(ascii: "<"):
                reader.position += 1
                _ = reader.read(while: isWhitespace)
                let name = try parsePartialName(&reader)
                if name.first == "*" { throw Unsupported() }  // dynamic parent
                if !whiteSpaceBefore.isEmpty { pieces.append(.text(whiteSpaceBefore)) }
                if isStandalone(&reader, state: state) { setNewLine = true }
                let body = try parse(&reader, state: state.withInheritancePartial(name))
                var inherits: [String: Block] = [:]
                for piece in body.pieces {
                    switch piece {
                    case .blockDefinition(let blockName, let block): inherits[blockName] = block
                    case .text: break
                    default: throw Unsupported()
                    }
                }
                pieces.append(.partial(reader.partials[name] ?? -1, indentation: whiteSpaceBefore, inherits: inherits))
                whiteSpaceBefore = []

            case UInt8(ascii: "$"):
                reader.position += 1
                let name = try parseName(&reader)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(&reader, state: state) { setNewLine = true }
                    let body = try parse(&reader, state: state.withSectionName(name, newLine: setNewLine))
                    pieces.append(.blockDefinition(name, body))
                } else {
                    if !whiteSpaceBefore.isEmpty { pieces.append(.text(whiteSpaceBefore)) }
                    if isStandalone(&reader, state: state) { setNewLine = true }
                    let body = try parse(&reader, state: state.withSectionName(name, newLine: setNewLine))
                    pieces.append(.blockExpansion(name, body, indentation: whiteSpaceBefore))
                    whiteSpaceBefore = []
                }

            case UInt8(ascii: "="), UInt8(ascii: "%"):
                throw Unsupported()  // set delimiters, pragmas

            default:
                if !whiteSpaceBefore.isEmpty {
                    pieces.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let name = try parseName(&reader)
                pieces.append(.variable(reader.path(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported() }
        return Block(pieces: pieces)
    }

    /// Text up to a newline (left unread) or past the next `{{`.
    private static func readUntilDelimiterOrNewline(_ reader: inout Reader) throws -> [UInt8] {
        var text: [UInt8] = []
        while !reader.atEnd {
            text += reader.read { $0 != newline && $0 != UInt8(ascii: "{") }
            if reader.current == newline {
                break
            } else if reader.current == UInt8(ascii: "{") {
                if try reader.read(open) { break }
                text.append(UInt8(ascii: "{"))
                reader.position += 1
            }
        }
        return text
    }

    private static func parseName(_ reader: inout Reader) throws -> String {
        _ = reader.read(while: isWhitespace)
        let name = String(decoding: reader.read(while: isNameChar), as: UTF8.self)
        _ = reader.read(while: isWhitespace)
        guard try reader.read(close) else { throw Unsupported() }  // includes transforms `f(x)`
        return name
    }

    private static func parsePartialName(_ reader: inout Reader) throws -> String {
        _ = reader.read(while: isWhitespace)
        let name = String(decoding: reader.read(while: isPartialNameChar), as: UTF8.self)
        _ = reader.read(while: isWhitespace)
        guard try reader.read(close) else { throw Unsupported() }
        return name
    }

    private static func skipComment(_ reader: inout Reader) throws {
        while reader.position + 1 < reader.bytes.count {
            if reader.bytes[reader.position] == UInt8(ascii: "}") && reader.bytes[reader.position + 1] == UInt8(ascii: "}") {
                reader.position += 2
                return
            }
            reader.position += 1
        }
        throw Unsupported()
    }

    /// A tag alone on its line: the rest of the line (blanks and the newline) is consumed.
    private static func isStandalone(_ reader: inout Reader, state: State) -> Bool {
        guard state.newLine else { return false }
        if reader.atEnd { return true }
        var probe = reader
        _ = probe.read(while: isSpaceOrTab)
        if probe.current == newline {
            reader.position = probe.position + 1
            return true
        }
        return false
    }
}

// MARK: - Renderer

/// Values a page may hold that are not `[String: Any]`, `[String: String]` or `[[String: Any]]` (those are
/// recognised by their exact type, without a protocol cast).
private protocol TemplateKeyed { func templateChild(_ key: String) -> Any? }
extension Dictionary: TemplateKeyed where Key == String {
    fileprivate func templateChild(_ key: String) -> Any? { self[key].map { $0 as Any } }
}
private protocol TemplateList { var templateElements: [Any] { get } }
extension Array: TemplateList {
    fileprivate var templateElements: [Any] { map { $0 as Any } }
}

private struct BailOut: Error {}

/// List items shared by many pages (a news article's summary is in its list pages, archives and the related
/// news of other articles), whose rendering in a list section is kept and reused.
///
/// Why: the same few thousand summaries were rendered through `partials/news-item` about ten times each, which
/// was a third of rendering news pages. An item's bytes are reused only where they cannot differ: the same
/// section body (the same pieces, in any template), the same item (this object holds every item, so the storage it is recognised
/// by stays the item's), no indentation around the section, and a first rendering that looked nothing up below
/// the item (no name found or missed in the enclosing values) and used no inherited block. Anything else is
/// rendered as before.
///
/// Whole lists many pages show (the menu, the news sidebar's categories and months) are kept the same way, as the
/// bytes of all their items: a page then appends one run of bytes for the list instead of looking its forty
/// items up one by one. A list's bytes are kept only when every item's were, so they are the bytes its items
/// would have been reused as.
final class SharedItems: @unchecked Sendable {
    private let items: [[String: Any]]
    private let lists: [[[String: Any]]]
    /// Item by the address of its dictionary's storage; list by the address of its array's storage, numbered
    /// after the items.
    private let numbers: [Int: Int]
    private let lock = NSLock()
    /// The section bodies (`Block.number`) that rendered items so far (a handful), and their bytes by item number.
    private var sections: [Int] = []
    private var rendered: [[[UInt8]?]] = []

    init(_ items: [[String: Any]], lists: [[[String: Any]]] = []) {
        self.items = items
        self.lists = lists
        var numbers: [Int: Int] = [:]
        for (number, item) in items.enumerated() where !item.isEmpty {
            numbers[Self.address(item)] = number
        }
        for (number, list) in lists.enumerated() where !list.isEmpty {
            numbers[Self.address(list)] = items.count + number
        }
        self.numbers = numbers
    }

    /// The array's storage object, which identifies it while it is alive (here: as long as `lists`).
    static func address(_ list: [[String: Any]]) -> Int {
        MemoryLayout<[[String: Any]]>.size == MemoryLayout<Int>.size ? unsafeBitCast(list, to: Int.self) : 0
    }

    /// The number a whole list is kept under (`bytes` and `keep` take it as an item number).
    func number(of list: [[String: Any]]) -> Int? {
        list.isEmpty ? nil : numbers[Self.address(list)]
    }

    /// The dictionary's storage object, which identifies it while it is alive (here: as long as `items`).
    static func address(_ item: [String: Any]) -> Int {
        MemoryLayout<[String: Any]>.size == MemoryLayout<Int>.size ? unsafeBitCast(item, to: Int.self) : 0
    }

    func number(of item: [String: Any]) -> Int? {
        item.isEmpty ? nil : numbers[Self.address(item)]
    }

    func bytes(section: Int, item: Int) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        guard let slot = sections.firstIndex(of: section) else { return nil }
        return rendered[slot][item]
    }

    func keep(_ bytes: [UInt8], section: Int, item: Int) {
        lock.lock(); defer { lock.unlock() }
        if let slot = sections.firstIndex(of: section) {
            rendered[slot][item] = bytes
        } else {
            sections.append(section)
            rendered.append(Array(repeating: nil, count: items.count + lists.count))
            rendered[rendered.count - 1][item] = bytes
        }
    }
}

/// A `TemplateKeyed` in a box, so that `Children` stays one pointer wide (cheap to copy on every lookup).
private final class Keyed {
    let value: TemplateKeyed
    init(_ value: TemplateKeyed) { self.value = value }
}

/// The values every page of a language shares (settings, UI strings, assets, search), resolved once for every
/// name the templates use, by `NamePath.id`.
///
/// Why: these names are most of a page's lookups (`{{t.read_more}}`, `{{site.title}}`, `{{assets.style_css}}`),
/// and each cost two or three `String` hashes through the merged page values, then escaping; here such a name
/// costs an array index and a copy of bytes escaped once. Pages also no longer copy the layout's dictionary to
/// merge their own values into it. Valid for a page whose own values use none of the layout's top-level names,
/// which the renderer checks once per page (otherwise it looks names up as over the merged values).
final class LayoutValues: @unchecked Sendable {
    let values: [String: Any]
    /// The layout's top-level names.
    let keys: [String]
    /// By `NamePath.id`, what a name whose first part is a layout name leads to (nil: nothing, or not such a
    /// name), for sections.
    fileprivate let resolved: [Any?]
    /// By `NamePath.id`, what `{{name}}` and `{{{name}}}` print, in memory of its own: read by every core at every
    /// page without touching a reference count (see `Program.names`).
    fileprivate let printed: UnsafeBufferPointer<PrintedEntry>
    private let printedBytes: UnsafeMutableBufferPointer<UInt8>
    /// The templates these values were resolved for: partials rendered from these values alone are kept only for
    /// them.
    fileprivate let program: Program
    /// Partials whose bytes depend on these values alone (the footer: `site.*`, `t.*`), by block, as rendered
    /// once for all pages of the language (see `TemplateRenderer.renderLayoutOnly`).
    private var partials: [Int: [UInt8]] = [:]
    private let lock = NSLock()

    fileprivate init(values: [String: Any], entries: [LayoutEntry?], program: Program) {
        self.values = values
        self.keys = Array(values.keys)
        self.resolved = entries.map { $0?.value }
        self.program = program
        var bytes: [UInt8] = []
        var ranges: [(text: Range<Int>?, escaped: Range<Int>?)] = []
        for entry in entries {
            func add(_ piece: [UInt8]?) -> Range<Int>? {
                guard let piece else { return nil }
                bytes += piece
                return bytes.count - piece.count ..< bytes.count
            }
            ranges.append((add(entry?.text), add(entry?.escaped)))
        }
        printedBytes = .allocate(capacity: max(1, bytes.count))
        _ = printedBytes.initialize(from: bytes)
        let base = UnsafePointer(printedBytes.baseAddress!)
        printed = Program.copy(zip(entries, ranges).map { entry, range in
            PrintedEntry(isLayout: entry != nil, found: entry?.value != nil,
                         text: range.text.map { UnsafeBufferPointer(start: base + $0.lowerBound, count: $0.count) },
                         escaped: range.escaped.map { UnsafeBufferPointer(start: base + $0.lowerBound, count: $0.count) })
        })
    }

    deinit {
        printed.deallocate()
        printedBytes.deallocate()
    }

    fileprivate func partial(_ block: Int) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        return partials[block]
    }

    fileprivate func keep(_ bytes: [UInt8], partial block: Int) {
        lock.lock(); defer { lock.unlock() }
        partials[block] = bytes
    }
}

/// A `LayoutEntry` as `{{name}}` reads it, its bytes in `LayoutValues`' own memory.
fileprivate struct PrintedEntry {
    /// The name's first part is a layout name.
    var isLayout: Bool
    /// The rest of the name leads to a value: `resolved[id] != nil`, kept apart because comparing an `Any?` with
    /// nil copies the value (a retain and release through its witness table) at every `{{name}}` of a layout value.
    var found: Bool
    var text: UnsafeBufferPointer<UInt8>?
    var escaped: UnsafeBufferPointer<UInt8>?
}

/// What a name whose first part is a layout name leads to, as `TemplateRenderer.resolve` finds it (kept by
/// `LayoutValues` as `resolved` and `printed`).
fileprivate struct LayoutEntry {
    /// nil when the rest of the name leads nowhere.
    var value: Any?
    /// As `{{{name}}}` prints it and as `{{name}}` prints it; nil for values that are not printed as text (objects
    /// and lists, left to swift-mustache).
    var text: [UInt8]?
    var escaped: [UInt8]?
}

private struct TemplateRenderer {
    /// Held so that the buffers below, which are its, stay valid while this renderer is used.
    private let program: Program
    private let ops: UnsafeBufferPointer<Program.Op>
    private let texts: UnsafeBufferPointer<UInt8>
    private let blocks: UnsafeBufferPointer<Program.Span>
    private let parts: UnsafeBufferPointer<Program.NameParts>
    private let names: UnsafeBufferPointer<String>
    /// `layout.printed`, valid while `layout` is held.
    private let printed: UnsafeBufferPointer<PrintedEntry>?
    var out: [UInt8] = []
    /// The context stack, each value with its named children already told apart (lookups climb it often).
    private var stack: [Frame]
    var indentation: [UInt8] = []
    /// The blocks of the parents being rendered (`{{<parent}}`), by name.
    var inherited: [String: Int]?
    /// With `.page` at the bottom of the stack: the layout's values under the page's own.
    private let layout: LayoutValues?
    /// The page's own values use none of the layout's top-level names, so a name starting with one of those is
    /// the layout's, resolved in advance.
    private let disjoint: Bool
    /// Items whose rendering in a section is reused (see `SharedItems`).
    var shared: SharedItems?
    /// The lowest stack level a lookup has probed since it was last reset, and whether an inherited block was
    /// used: what tells that a section item's bytes depended on nothing but the item.
    private var lowestProbed = Int.max
    private var usedInherited = false
    /// A lookup since this was last reset was answered by the page's own values, or by no value on the page
    /// (which the page's own values could have held): what tells that a partial's bytes depended on the layout's
    /// values alone.
    private var readPage = false

    init(program: Program, root: [String: Any]) {
        (self.program, ops, texts, blocks) = (program, program.ops, program.texts, program.blocks)
        (parts, names, printed) = (program.parts, program.names, nil)
        self.stack = [Frame(value: root, children: .object(root))]
        self.layout = nil
        self.disjoint = false
        out.reserveCapacity(32 * 1024)
    }

    init(program: Program, own: [String: Any], layout: LayoutValues) {
        (self.program, ops, texts, blocks) = (program, program.ops, program.texts, program.blocks)
        (parts, names, printed) = (program.parts, program.names, layout.printed)
        self.stack = [Frame(value: own, children: .page(own))]
        self.layout = layout
        var disjoint = true
        for key in own.keys where layout.keys.contains(key) {
            disjoint = false
            break
        }
        self.disjoint = disjoint
        out.reserveCapacity(32 * 1024)
    }

    private struct Frame {
        var value: Any
        var children: Children
    }

    private enum Children {
        case object([String: Any])
        case strings([String: String])
        case keyed(Keyed)
        /// The bottom of a page's stack: its own values over `layout`'s. Its value is never handed out as a
        /// whole (`{{.}}` there bails out): it exists only merged.
        case page([String: Any])
        /// Strings, numbers, booleans and arrays have no named children (swift-mustache's Mirror lookup finds
        /// none in them either).
        case none
    }

    private enum Value {
        case string(String)
        case bool(Bool)
        case int(Int)
        case object(Children)
        case list([Any])
        case objects([[String: Any]])
        /// Lists of string-to-string records (links, tags, feeds, a table of contents), told by exact type too:
        /// as a `TemplateList` each cost a protocol cast and a copy of the list into `[Any]`.
        case stringObjects([[String: String]])
    }

    /// What a value is, told by its exact type first; anything unknown stops this renderer. (Static, as all
    /// helpers the mutating renderer calls: see `child`.)
    private static func classify(_ value: Any) throws(BailOut) -> Value {
        // Told by exact type (a pointer comparison), then read straight out of the `Any`: a dynamic cast
        // (`as!`) goes through the runtime's general cast machinery each time.
        let type = typeOf(value)
        if type == ObjectIdentifier(String.self) { return .string(unbox(value, as: String.self)) }
        if type == ObjectIdentifier([String: Any].self) { return .object(.object(unbox(value, as: [String: Any].self))) }
        if type == ObjectIdentifier([[String: Any]].self) { return .objects(unbox(value, as: [[String: Any]].self)) }
        if type == ObjectIdentifier(Bool.self) { return .bool(unbox(value, as: Bool.self)) }
        if type == ObjectIdentifier(Int.self) { return .int(unbox(value, as: Int.self)) }
        if type == ObjectIdentifier([String: String].self) { return .object(.strings(unbox(value, as: [String: String].self))) }
        if type == ObjectIdentifier([[String: String]].self) {
            return .stringObjects(unbox(value, as: [[String: String]].self))
        }
        if type == ObjectIdentifier(Substring.self) { return .string(String(value as! Substring)) }
        if let keyed = value as? TemplateKeyed { return .object(.keyed(Keyed(keyed))) }
        if let list = value as? TemplateList { return .list(list.templateElements) }
        throw BailOut()
    }

    /// The exact type of `value`, read from its `Any`, as `ObjectIdentifier(type(of: value))` (see `typeWord`).
    @inline(__always)
    private static func typeOf(_ value: Any) -> ObjectIdentifier {
        guard unboxReadsInline else { return ObjectIdentifier(Swift.type(of: value)) }
        return withUnsafePointer(to: value) { UnsafeRawPointer($0).load(fromByteOffset: typeWord, as: ObjectIdentifier.self) }
    }

    /// Where an `Any` keeps the type of its value: after the three words of its inline buffer. Reading it there
    /// is what `type(of:)` ends up doing, after a call into the runtime (which also looks into class instances
    /// and nested existentials, which the exact types compared in `classify` never are); `unboxReadsInline`
    /// checks it once per process.
    private static let typeWord = 3 * MemoryLayout<Int>.size

    /// The value of exact type `T` held by `value` (the caller compared the types). Types this small
    /// (String, Array, Dictionary, Bool, Int: at most three words, bitwise movable) sit at the start of the
    /// `Any`'s inline buffer; `unboxReadsInline` checks that once per process, else this is a plain `as!`.
    @inline(__always)
    private static func unbox<T>(_ value: Any, as type: T.Type) -> T {
        guard unboxReadsInline else { return value as! T }
        return withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: T.self) }
    }

    private static let unboxReadsInline: Bool = {
        func read<T>(_ value: Any, as type: T.Type) -> T {
            withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: T.self) }
        }
        let long = "một chuỗi dài hơn mười lăm byte <&>"
        let object: [String: Any] = ["a": long, "b": 2]
        let objects: [[String: Any]] = [object, ["c": true]]
        let strings: [String: String] = ["x": long]
        return MemoryLayout<Any>.size == 4 * MemoryLayout<Int>.size
            && read(long as Any, as: String.self) == long && read("ngắn" as Any, as: String.self) == "ngắn"
            && read(object as Any, as: [String: Any].self)["a"] as? String == long
            && read(objects as Any, as: [[String: Any]].self).count == 2
            && read(strings as Any, as: [String: String].self) == strings
            && read([strings, [:]] as Any, as: [[String: String]].self) == [strings, [:]]
            && read(true as Any, as: Bool.self) == true && read(false as Any, as: Bool.self) == false
            && read(-1234567 as Any, as: Int.self) == -1234567
            && [long as Any, object, objects, strings, true, 1, "ngắn"[...]].allSatisfy {
                withUnsafePointer(to: $0) { UnsafeRawPointer($0).load(fromByteOffset: typeWord, as: ObjectIdentifier.self) }
                    == ObjectIdentifier(Swift.type(of: $0))
            }
    }()

    private static func frame(_ value: Any, _ classified: Value) -> Frame {
        if case .object(let children) = classified { return Frame(value: value, children: children) }
        return Frame(value: value, children: .none)
    }

    /// A value's child named `key`; at the bottom of a page's stack, the page's own or else the layout's.
    /// Static, with the layout as an argument: as a method called from the mutating `find`, it copied the whole
    /// renderer (retaining every field) on every lookup.
    @inline(__always)
    private static func child(_ key: String, of children: Children, layout: LayoutValues? = nil) -> Any? {
        switch children {
        case .object(let d): return d[key]
        case .strings(let d): return d[key]
        case .keyed(let keyed): return keyed.value.templateChild(key)
        case .page(let own): return own[key] ?? layout?.values[key]
        case .none: return nil
        }
    }

    /// What a name leads to: nothing, a value, or a layout value resolved in advance (by the name's id).
    private enum Found {
        case missing
        case value(Any)
        case layout(Int)
    }

    private mutating func lookup(_ id: Int) throws(BailOut) -> Any? {
        switch try find(id) {
        case .missing: return nil
        case .value(let value): return value
        case .layout(let id): return layout!.resolved[id]
        }
    }

    @inline(__always)
    private mutating func probed(_ level: Int) {
        if level < lowestProbed { lowestProbed = level }
    }

    /// What the name numbered `id` (`NamePath.id`) leads to.
    private mutating func find(_ id: Int) throws(BailOut) -> Found {
        let path = parts[id]
        let names = UnsafeBufferPointer(rebasing: self.names[path.range])
        let top = stack.count - 1
        if names.isEmpty {
            probed(top)
            if case .page = stack[top].children { throw BailOut() }
            return .value(stack[top].value)
        }
        if path.anchored {
            probed(top)
            if case .page(let own) = stack[top].children {
                return try Self.findOnPage(id, names, own: own, layout: layout, printed: printed, disjoint: disjoint,
                                           readPage: &readPage)
            }
            guard let hit = Self.child(names[0], of: stack[top].children, layout: layout) else { return .missing }
            return try Self.walk(hit, names)
        }
        var level = top
        while level >= 0 {
            if case .page(let own) = stack[level].children {
                probed(level)
                return try Self.findOnPage(id, names, own: own, layout: layout, printed: printed, disjoint: disjoint,
                                           readPage: &readPage)
            }
            if let hit = Self.child(names[0], of: stack[level].children, layout: layout) {
                probed(level)
                return try Self.walk(hit, names)
            }
            level -= 1
        }
        probed(0)
        readPage = true
        return .missing
    }

    /// A name looked up at the bottom of a page's stack: as in the merged values, the page's own first.
    /// Static, with the layout as arguments: as a method called from the mutating `find`, it copied the whole
    /// renderer on every call. `readPage` is set unless the layout's values resolved in advance answered.
    private static func findOnPage(_ id: Int, _ names: UnsafeBufferPointer<String>, own: [String: Any],
                                   layout: LayoutValues?, printed: UnsafeBufferPointer<PrintedEntry>?,
                                   disjoint: Bool, readPage: inout Bool) throws(BailOut) -> Found {
        if disjoint, let printed {
            if printed[id].isLayout { return .layout(id) }
            readPage = true
            guard let hit = own[names[0]] else { return .missing }
            return try walk(hit, names)
        }
        readPage = true
        guard let hit = own[names[0]] ?? layout?.values[names[0]] else { return .missing }
        return try walk(hit, names)
    }

    /// The rest of a name (`b.c` of `a.b.c`), from the value its first part found.
    private static func walk(_ first: consuming Any, _ names: UnsafeBufferPointer<String>) throws(BailOut) -> Found {
        var value = first
        var next = 1
        while next < names.count {
            guard case .object(let children) = try Self.classify(value), let child = child(names[next], of: children) else {
                return .missing
            }
            value = child
            next += 1
        }
        return .value(value)
    }

    /// The name of parts `names` looked up in the layout's values alone, printed in advance; nil when its first
    /// part is not one of them.
    fileprivate static func resolve(_ names: UnsafeBufferPointer<String>,
                                    in values: [String: Any]) throws(BailOut) -> LayoutEntry? {
        guard let first = names.first, let hit = values[first] else { return nil }
        guard case .value(let value) = try walk(hit, names) else {
            return LayoutEntry(value: nil, text: nil, escaped: nil)
        }
        switch try Self.classify(value) {
        case .string(let s):
            var escaped: [UInt8] = []
            Self.appendEscaped(s, to: &escaped)
            return LayoutEntry(value: value, text: Array(s.utf8), escaped: escaped)
        case .int(let n):
            return LayoutEntry(value: value, text: Array(String(n).utf8), escaped: Array(String(n).utf8))
        case .bool(let b):
            let text = Array((b ? "true" : "false").utf8)
            return LayoutEntry(value: value, text: text, escaped: text)
        case .object, .list, .objects, .stringObjects:
            return LayoutEntry(value: value, text: nil, escaped: nil)
        }
    }

    mutating func render(block: Int) throws(BailOut) {
        let span = blocks[block]
        if indentation.isEmpty {
            for i in span.joined { try render(ops[i]) }
            return
        }
        // Inside an indented partial, each non-empty piece that starts a new line (of this template's own
        // output) is preceded by the indentation, as swift-mustache does.
        let start = out.count
        for i in span.pieces {
            let before = out.count
            try render(ops[i])
            if out.count > before, before > start, out[before - 1] == 0x0A,
               !(before - 2 >= start && out[before - 2] == 0x0D) {
                out.insert(contentsOf: indentation, at: before)
            }
        }
    }

    private mutating func render(_ op: Program.Op) throws(BailOut) {
        switch op.kind {
        case .text:
            out.append(contentsOf: UnsafeBufferPointer(rebasing: texts[op.a ..< op.a + op.b]))

        case .variable:
            let escaped = op.flag
            let value: Any
            switch try find(op.a) {
            case .missing: return
            case .value(let found): value = found
            case .layout(let id):
                let entry = printed![id]
                guard entry.found else { return }
                guard let text = escaped ? entry.escaped : entry.text else { throw BailOut() }
                out.append(contentsOf: text)
                return
            }
            switch try Self.classify(value) {
            case .string(let s): escaped ? Self.appendEscaped(s, to: &out) : append(s)
            case .int(let n): append(String(n))
            case .bool(let b): append(b ? "true" : "false")
            case .object, .list, .objects, .stringObjects: throw BailOut()  // printed with String(describing:): leave it to swift-mustache
            }

        case .section:
            let body = op.b
            let value = try lookup(op.a)
            if op.flag {
                guard let value else { return try render(block: body) }
                switch try Self.classify(value) {
                case .bool(let b): if !b { try render(block: body) }
                case .list(let items): if items.isEmpty { try renderPushing(Frame(value: value, children: .none), body) }
                case .objects(let items): if items.isEmpty { try renderPushing(Frame(value: value, children: .none), body) }
                case .stringObjects(let items): if items.isEmpty { try renderPushing(Frame(value: value, children: .none), body) }
                case .string, .int, .object: break
                }
            } else {
                guard let value else { return }
                let classified = try Self.classify(value)
                switch classified {
                case .bool(let b):
                    if b { try render(block: body) }
                case .list(let items):
                    for item in items { try renderPushing(Self.frame(item, try Self.classify(item)), body) }
                case .objects(let items):
                    if let shared, indentation.isEmpty {
                        try renderShared(items, shared, body)
                    } else {
                        for item in items { try renderPushing(Frame(value: item, children: .object(item)), body) }
                    }
                case .stringObjects(let items):
                    for item in items { try renderPushing(Frame(value: item, children: .strings(item)), body) }
                case .string, .int, .object:
                    try renderPushing(Self.frame(value, classified), body)
                }
            }

        case .partial:
            let call = program.calls[op.a]
            guard call.block >= 0 else { return }
            // At the page's level (no section value around it that a name could be found in), not indented and
            // not a parent, a partial's bytes depend on nothing but its lookups.
            if stack.count == 1, disjoint, let layout, layout.program === program, call.inherits == nil,
               indentation.isEmpty, call.indentation?.isEmpty ?? true {
                return try renderLayoutOnly(call.block, layout)
            }
            if call.inherits != nil { usedInherited = true }
            let savedIndentation = indentation, savedInherited = inherited
            if let indented = call.indentation { indentation += indented }
            if let inherits = call.inherits {
                inherited = inherited.map { $0.merging(inherits) { outer, _ in outer } } ?? inherits
            }
            try render(block: call.block)
            indentation = savedIndentation
            inherited = savedInherited

        case .blockExpansion:
            let expansion = program.expansions[op.a]
            usedInherited = true
            let savedIndentation = indentation
            indentation += expansion.indentation
            try render(block: inherited?[expansion.name] ?? expansion.fallback)
            indentation = savedIndentation

        case .nothing:
            break
        }
    }

    /// A partial at the page's level, its bytes reused when every page of the layout renders the same ones.
    ///
    /// Why: the footer prints only `site.*` and `t.*`, the same for each of a language's thousands of pages.
    /// Its bytes are kept when its rendering looked every name up in the layout's values, resolved in advance
    /// (`disjoint`: the page has none of their top-level names, so it cannot have shadowed them), found nothing
    /// and missed nothing in the page's own values (`readPage`) and used no inherited block. Names found in
    /// sections opened inside the partial were found in values that themselves came from the layout's. Kept
    /// bytes are reused only by pages for which the same holds (`disjoint`, same `LayoutValues`).
    private mutating func renderLayoutOnly(_ block: Int, _ layout: LayoutValues) throws(BailOut) {
        if let bytes = layout.partial(block) {
            out.append(contentsOf: bytes)
            return
        }
        let (outerRead, outerInherited) = (readPage, usedInherited)
        (readPage, usedInherited) = (false, false)
        let start = out.count
        try render(block: block)
        if !readPage && !usedInherited { layout.keep(Array(out[start...]), partial: block) }
        readPage = outerRead || readPage
        usedInherited = outerInherited || usedInherited
    }

    /// A section's list, its bytes reused when `shared` holds the list, else item by item (see `SharedItems`).
    private mutating func renderShared(_ items: [[String: Any]], _ shared: SharedItems, _ body: Int) throws(BailOut) {
        let section = blocks[body].number
        let list = shared.number(of: items)
        if let list, let bytes = shared.bytes(section: section, item: list) {
            out.append(contentsOf: bytes)
            return
        }
        let start = out.count
        var allKept = true
        for item in items {
            if !(try renderShared(item, shared, section, body)) { allKept = false }
        }
        if let list, allKept { shared.keep(Array(out[start...]), section: section, item: list) }
    }

    /// A list item of a section, its bytes reused when `shared` holds them (see `SharedItems`). True when the
    /// item's bytes are such reusable bytes (reused, or kept now).
    @discardableResult
    private mutating func renderShared(_ item: [String: Any], _ shared: SharedItems, _ section: Int,
                                       _ body: Int) throws(BailOut) -> Bool {
        guard let number = shared.number(of: item) else {
            try renderPushing(Frame(value: item, children: .object(item)), body)
            return false
        }
        if let bytes = shared.bytes(section: section, item: number) {
            out.append(contentsOf: bytes)
            return true
        }
        let (outerLowest, outerInherited) = (lowestProbed, usedInherited)
        lowestProbed = Int.max
        usedInherited = false
        let level = stack.count
        let start = out.count
        try renderPushing(Frame(value: item, children: .object(item)), body)
        let reusable = lowestProbed >= level && !usedInherited
        if reusable { shared.keep(Array(out[start...]), section: section, item: number) }
        lowestProbed = min(outerLowest, lowestProbed)
        usedInherited = outerInherited || usedInherited
        return reusable
    }

    private mutating func renderPushing(_ frame: Frame, _ body: Int) throws(BailOut) {
        stack.append(frame)
        try render(block: body)
        stack.removeLast()
    }

    private mutating func append(_ s: String) {
        out.append(contentsOf: s.utf8)
    }

    /// `s` HTML-escaped: static, on a buffer of its own, so that layout values are escaped the same way.
    private static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped(bytes: $0, to: &out) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { appendEscaped(bytes: $0, to: &out) }
        }
    }

    private static func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var i = 0
        while i < bytes.count {
            // Eight bytes at once while none of them is escaped (most of a text): a third of the instructions
            // of testing them one by one.
            if bytes.count - i >= 8,
               !mayHoldEscaped(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let entity: StaticString
            switch bytes[i] {
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x26: entity = "&amp;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default:
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            i += 1
            runStart = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }

    /// Whether one of the eight bytes of `word` is `<>&"'`: false only when none is. For each of them, the word
    /// XOR that byte repeated has a zero byte exactly where `word` holds it, and `(x - 0x01…) & ~x & 0x80…` is
    /// non-zero exactly when `x` has a zero byte.
    @inline(__always)
    static func mayHoldEscaped(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasByte(_ byte: UInt8) -> UInt64 {
            let x = word ^ (ones &* UInt64(byte))
            return (x &- ones) & ~x & highs
        }
        return (hasByte(0x3C) | hasByte(0x3E) | hasByte(0x26) | hasByte(0x22) | hasByte(0x27)) != 0
    }
}
