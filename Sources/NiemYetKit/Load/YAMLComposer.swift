import CYaml

/// Composes `YAMLValue`s straight from libyaml's parsing events.
///
/// libyaml (the C parser Yams wraps, reached through Yams' `CYaml` module) still reads all of the YAML; this only
/// assembles its events into values, as Yams' `compose` would, with the same rules: one document at most, aliases
/// stand for the value their anchor named (defined before use), the style of a scalar is kept. Why not Yams'
/// `compose`: it builds a tree of its own first (an object per event, a Foundation string conversion per scalar,
/// a tag object per node) that `YAMLValue` then copied again; for front matter of ten lines that was 150,000
/// instructions a file, ~8% of building a 1,000-article site.
struct YAMLComposer: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let path: String
    private let firstLine: Int
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Values by anchor name, each with the text it had when it was a scalar (a key may be an alias).
    private var anchors: [String: (value: YAMLValue, text: String?)] = [:]
    /// The first duplicate key in the text: reported unless there is a syntax error.
    private(set) var firstProblem: Diagnostic?

    /// `bytes` must stay valid for the composer's life (libyaml reads them as it goes).
    init(_ bytes: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int) {
        self.bytes = bytes
        self.path = path
        self.firstLine = firstLine
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The document's value, nil for a text without one (empty, or only comments).
    mutating func document() throws(Diagnostic) -> YAMLValue? {
        _ = try next()  // the stream start
        var event = try next()
        if event.type == YAML_STREAM_END_EVENT { return nil }
        event = try next()  // past the document start
        let value = try node(from: event).value
        _ = try next()  // the document end
        let after = try next()
        if after.type != YAML_STREAM_END_EVENT {
            throw syntax("but found another document", at: location(after.startMark),
                         context: ("expected a single document in the stream", location(yaml_mark_t())))
        }
        return value
    }

    // MARK: - Events

    /// The next event, copied out of libyaml with its strings (the event itself is freed at once).
    private struct Event {
        var type: yaml_event_type_t
        var startMark: yaml_mark_t
        var anchor: String?
        var scalar: (text: String, plain: Bool)?
    }

    private mutating func next() throws(Diagnostic) -> Event {
        var raw = yaml_event_t()
        guard yaml_parser_parse(parser, &raw) == 1 else { throw parserError() }
        defer { yaml_event_delete(&raw) }
        var event = Event(type: raw.type, startMark: raw.start_mark)
        switch raw.type {
        case YAML_SCALAR_EVENT:
            let scalar = raw.data.scalar
            event.anchor = Self.string(scalar.anchor)
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            event.scalar = (text, scalar.style == YAML_PLAIN_SCALAR_STYLE)
        case YAML_ALIAS_EVENT:
            event.anchor = Self.string(raw.data.alias.anchor)
        case YAML_SEQUENCE_START_EVENT:
            event.anchor = Self.string(raw.data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT:
            event.anchor = Self.string(raw.data.mapping_start.anchor)
        default:
            break
        }
        return event
    }

    private static func string(_ pointer: UnsafePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    // MARK: - Nodes

    /// The value starting with `event`, and its text when it is a scalar (what a key is compared by).
    private mutating func node(from event: Event) throws(Diagnostic) -> (value: YAMLValue, text: String?) {
        let composed: (value: YAMLValue, text: String?)
        switch event.type {
        case YAML_ALIAS_EVENT:
            guard let name = event.anchor, let known = anchors[name] else {
                throw syntax("found undefined alias", at: location(event.startMark))
            }
            return known
        case YAML_SCALAR_EVENT:
            let (text, plain) = event.scalar!
            let isNull = plain && ["", "~", "null", "Null", "NULL"].contains(text)
            composed = (isNull ? .null(location(event.startMark))
                               : .scalar(text.precomposed, location(event.startMark), quoted: !plain), text)
        case YAML_SEQUENCE_START_EVENT:
            var items: [YAMLValue] = []
            var item = try next()
            while item.type != YAML_SEQUENCE_END_EVENT {
                items.append(try node(from: item).value)
                item = try next()
            }
            composed = (.sequence(items, location(event.startMark)), nil)
        case YAML_MAPPING_START_EVENT:
            composed = (try mapping(from: event), nil)
        default:
            preconditionFailure("libyaml gave a \(event.type) event where a node starts")
        }
        // Registered once the node is complete: an alias inside its own anchor's node is undefined, as in Yams.
        if let name = event.anchor { anchors[name] = composed }
        return composed
    }

    private mutating func mapping(from start: Event) throws(Diagnostic) -> YAMLValue {
        var seen: [String: SourceLocation] = [:]
        var pairs: [(key: String, value: YAMLValue, keyLocation: SourceLocation)] = []
        var event = try next()
        while event.type != YAML_MAPPING_END_EVENT {
            let keyNode = try node(from: event)
            // A key that is not text (a list or a group of fields) counts as the empty key, as it always has.
            let key = (keyNode.text ?? "").precomposed
            let keyLocation = keyNode.value.location
            if let earlier = seen[key] {
                // Reported before anything inside its value, which is read past and dropped.
                if firstProblem == nil {
                    firstProblem = .error("duplicate key `\(key)` (first given on line \(earlier.line))", at: keyLocation)
                }
                _ = try node(from: try next())
            } else {
                seen[key] = keyLocation
                pairs.append((key, try node(from: try next()).value, keyLocation))
            }
            event = try next()
        }
        return .mapping(pairs, location(start.startMark))
    }

    // MARK: - Places and errors

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(path: path, line: Int(mark.line) + firstLine, column: Int(mark.column) + 1)
    }

    /// libyaml often notices a problem where the text ends (an unclosed quote); the context says where the thing
    /// it was reading began, which is the line an editor has to fix.
    private func syntax(_ problem: String, at place: SourceLocation,
                        context: (text: String, place: SourceLocation)? = nil) -> Diagnostic {
        var message = "YAML syntax: \(problem)"
        if let context {
            message += " (\(context.text) that starts on line \(context.place.line), column \(context.place.column))"
        }
        return .error(message, at: place)
    }

    private func parserError() -> Diagnostic {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        switch state.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let context = state.context.map { (String(cString: $0), location(state.context_mark)) }
            return syntax(problem, at: location(state.problem_mark), context: context)
        case YAML_READER_ERROR:
            // Only a byte offset (a control character, say): turned into the line and column it falls on.
            return syntax(problem, at: location(ofByte: Int(state.problem_offset)))
        default:
            return .error("YAML could not be read: \(problem)", at: SourceLocation(path: path, line: firstLine))
        }
    }

    /// Line and column (in characters, as libyaml counts them) of the byte at `offset`.
    private func location(ofByte offset: Int) -> SourceLocation {
        var line = 0, column = 0
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(path: path, line: line + firstLine, column: column + 1)
    }
}
