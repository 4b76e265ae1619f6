import Yams

/// A YAML value with the place it was written, so a wrong field can be reported on its own line.
/// Built from Yams' composed node tree rather than its decoder because the decoder loses positions and
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

    /// Parses `text` as YAML. `firstLine` is the file line the text starts on: Yams counts from the start of the
    /// text it is given, so front matter positions need that offset to point into the real file.
    public static func parse(_ text: String, path: String, firstLine: Int = 1) throws(Diagnostic) -> YAMLValue? {
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(path: path, line: (mark?.line ?? 1) + firstLine - 1, column: mark?.column ?? 1)
        }
        let node: Node?
        do {
            // The basic resolver: values stay text and the fields decide what they mean, so Yams need not compile
            // its regular expressions for implicit types (a fixed cost at every start, ~2.5 ms).
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw Self.diagnostic(for: error, path: path, firstLine: firstLine)
        } catch {
            throw .error("YAML could not be read: \(error)", at: SourceLocation(path: path, line: firstLine))
        }
        guard let node else { return nil }
        var problems: [Diagnostic] = []
        let value = convert(node, location: location, problems: &problems)
        if let first = problems.first { throw first }
        return value
    }

    private static func convert(_ node: Node, location: (Mark?) -> SourceLocation,
                                problems: inout [Diagnostic]) -> YAMLValue {
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            if isNull { return .null(location(scalar.mark)) }
            return .scalar(scalar.string.precomposed, location(scalar.mark),
                           quoted: scalar.style != .plain)
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0, location: location, problems: &problems) },
                             location(sequence.mark))
        case .mapping(let mapping):
            var seen: [String: SourceLocation] = [:]
            seen.reserveCapacity(mapping.count)
            var pairs: [(key: String, value: YAMLValue, keyLocation: SourceLocation)] = []
            pairs.reserveCapacity(mapping.count)
            for (keyNode, valueNode) in mapping {
                let key = (keyNode.scalar?.string ?? "").precomposed
                let keyLocation = location(keyNode.mark)
                if let earlier = seen[key] {
                    problems.append(.error("duplicate key `\(key)` (first given on line \(earlier.line))",
                                           at: keyLocation))
                    continue
                }
                seen[key] = keyLocation
                pairs.append((key, convert(valueNode, location: location, problems: &problems), keyLocation))
            }
            return .mapping(pairs, location(mapping.mark))
        }
    }

    private static func diagnostic(for error: YamlError, path: String, firstLine: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml often notices a problem where the file ends (an unclosed quote); the context says where
            // the thing it was reading began, which is the line an editor has to fix.
            var message = "YAML syntax: \(problem)"
            if let context {
                message += " (\(context.text) that starts on line \(context.mark.line + firstLine - 1), "
                    + "column \(context.mark.column))"
            }
            return .error(message,
                          at: SourceLocation(path: path, line: mark.line + firstLine - 1, column: mark.column))
        default:
            return .error("YAML could not be read: \(error)", at: SourceLocation(path: path, line: firstLine))
        }
    }
}
