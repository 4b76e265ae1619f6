import Foundation

/// Typed, located access to a YAML mapping (front matter or a data file entry). Every getter reports what is
/// wrong to the log and returns nil, so one pass over a file finds all of its problems.
public struct Fields: Sendable {
    public let path: String
    public let location: SourceLocation
    private let entries: [(key: String, value: YAMLValue, keyLocation: SourceLocation)]
    private let log: DiagnosticLog

    public init(_ value: YAMLValue?, path: String, at location: SourceLocation, log: DiagnosticLog) {
        self.path = path
        self.log = log
        switch value {
        case .mapping(let pairs, let l)?:
            self.entries = pairs
            self.location = l
        case nil, .null?:
            self.entries = []
            self.location = location
        case let other?:
            self.entries = []
            self.location = other.location
            log.error("expected fields (`name: value` lines), found \(other.kindName)", at: other.location)
        }
    }

    /// Parses front matter into fields, reporting YAML errors with their line in the whole file. With a cache,
    /// a YAML text parsed before (same file, same line) is not parsed again.
    public static func frontMatter(_ front: FrontMatter, path: String, log: DiagnosticLog,
                                   cache: BuildCache? = nil) -> Fields? {
        guard let parsed = parseFrontMatter(front, path: path, log: log, cache: cache) else { return nil }
        return Fields(parsed.value, path: path, at: SourceLocation(path: path, line: 1), log: log)
    }

    /// The YAML tree of front matter: `value` is nil for empty front matter.
    struct Tree { var value: YAMLValue? }

    /// The YAML tree of the front matter; nil when it is not valid YAML (reported).
    static func parseFrontMatter(_ front: FrontMatter, path: String, log: DiagnosticLog,
                                 cache: BuildCache?) -> Tree? {
        do {
            let parse = { () throws(Diagnostic) -> YAMLValue? in
                try YAMLValue.parse(front.yaml, path: path, firstLine: front.yamlFirstLine)
            }
            let value: YAMLValue?
            if let cache {
                value = try cache.frontMatter(front.yaml, path: path, firstLine: front.yamlFirstLine, parse: parse)
            } else {
                value = try parse()
            }
            return Tree(value: value)
        } catch {
            log.report(error)
            return nil
        }
    }

    public var keys: [String] { entries.map(\.key) }

    public func value(_ key: String) -> YAMLValue? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        if case .null = entry.value { return nil }
        return entry.value
    }

    public func location(of key: String) -> SourceLocation {
        entries.first(where: { $0.key == key })?.keyLocation ?? location
    }

    /// Flags keys the kind of content does not know: a misspelt `tittle` would otherwise be silently ignored.
    public func warnUnknownKeys(allowed: Set<String>) {
        for entry in entries where !allowed.contains(entry.key) {
            let hint = Fields.closest(to: entry.key, in: allowed).map { " (did you mean `\($0)`?)" } ?? ""
            log.warning("unknown field `\(entry.key)`\(hint)", at: entry.keyLocation)
        }
    }

    private static func closest(to key: String, in candidates: Set<String>) -> String? {
        candidates.map { ($0, Fields.editDistance(key, $0)) }
            .filter { $0.1 <= 2 }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }

    // MARK: typed getters

    public func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key) else {
            if required { log.error("missing required field `\(key)`", at: location) }
            return nil
        }
        guard case .scalar(let text, _, _) = value else {
            log.error("`\(key)` must be text, found \(value.kindName)", at: value.location)
            return nil
        }
        let trimmed = text.trimming(.whitespacesAndNewlines)
        if trimmed.isEmpty {
            if required { log.error("required field `\(key)` is empty", at: value.location) }
            return nil
        }
        return trimmed
    }

    public func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        if case .scalar(let text, _, false) = value {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        log.error("`\(key)` must be true or false", at: value.location)
        return nil
    }

    public func int(_ key: String, minimum: Int? = nil) -> Int? {
        guard let value = value(key) else { return nil }
        if case .scalar(let text, _, _) = value, let number = Int(text), number >= (minimum ?? .min) {
            return number
        }
        let bound = minimum.map { " of at least \($0)" } ?? ""
        log.error("`\(key)` must be a whole number\(bound)", at: value.location)
        return nil
    }

    public func date(_ key: String, required: Bool = false) -> ContentDate? {
        guard let value = value(key) else {
            if required { log.error("missing required field `\(key)`", at: location) }
            return nil
        }
        guard case .scalar(let text, let at, _) = value, let date = ContentDate(parsing: text) else {
            log.error("`\(key)` is not a date: write it as 2025-07-31 or 2025-07-31T08:00:00+07:00",
                      at: value.location)
            return nil
        }
        _ = at
        return date
    }

    public func stringList(_ key: String) -> [String]? {
        guard let value = value(key) else { return nil }
        switch value {
        case .scalar(let text, _, _):
            return [text.trimming(.whitespaces)].filter { !$0.isEmpty }
        case .sequence(let items, _):
            var result: [String] = []
            for item in items {
                if case .scalar(let text, _, _) = item {
                    let trimmed = text.trimming(.whitespaces)
                    if !trimmed.isEmpty { result.append(trimmed) }
                } else {
                    log.error("each entry of `\(key)` must be text, found \(item.kindName)", at: item.location)
                }
            }
            return result
        default:
            log.error("`\(key)` must be a list", at: value.location)
            return nil
        }
    }

    /// A list of groups of fields, such as `forms: [{title, url}]`.
    public func list(_ key: String) -> [Fields]? {
        guard let value = value(key) else { return nil }
        guard case .sequence(let items, _) = value else {
            log.error("`\(key)` must be a list", at: value.location)
            return nil
        }
        return items.map { Fields($0, path: path, at: $0.location, log: log) }
    }

    /// A nested group of fields.
    public func group(_ key: String) -> Fields? {
        guard let value = value(key) else { return nil }
        return Fields(value, path: path, at: value.location, log: log)
    }

    public func error(_ message: String, key: String) {
        log.error(message, at: location(of: key))
    }

    public func warning(_ message: String, key: String) {
        log.warning(message, at: location(of: key))
    }
}
