/// A YAML value with the place it was written, so a wrong field can be reported on its own line.
/// Composed from libyaml's events (`YAMLComposer`) rather than decoded, because a decoder loses positions and
/// silently keeps the last of two duplicate keys.
public indirect enum YAMLValue: Sendable {
    case scalar(String, SourceLocation, quoted: Bool)
    case sequence([YAMLValue], SourceLocation)
    case mapping([(key: String, value: YAMLValue, keyLocation: SourceLocation)], SourceLocation)
    case null(SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(_, let l, _), .sequence(_, let l), .mapping(_, let l), .null(let l): return l
        }
    }

    public var kindName: String {
        switch self {
        case .scalar: return "a value"
        case .sequence: return "a list"
        case .mapping: return "a group of fields"
        case .null: return "empty"
        }
    }

    /// Parses `text` as YAML (with libyaml, see `YAMLComposer`). `firstLine` is the file line the text starts on:
    /// libyaml counts from the start of the text it is given, so front matter positions need that offset to point
    /// into the real file.
    public static func parse(_ text: String, path: String, firstLine: Int = 1) throws(Diagnostic) -> YAMLValue? {
        var text = text
        return try text.withUTF8 { bytes in
            Result { () throws(Diagnostic) -> YAMLValue? in
                var composer = YAMLComposer(bytes, path: path, firstLine: firstLine)
                let value = try composer.document()
                if let problem = composer.firstProblem { throw problem }
                return value
            }
        }.get()
    }
}
