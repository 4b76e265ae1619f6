import Testing
import Yams
@testable import NiemYetKit

@Suite struct YAMLValueTests {
    /// An unclosed quote is only noticed where the front matter ends; the message must also name the line where
    /// the quote was opened, which is the one the editor has to fix. Lines count from the file's first line.
    @Test func anUnclosedQuoteNamesTheLineWhereItOpened() {
        let yaml = "title: \"Hỏng\ndate: 2025-08-09"
        #expect(throws: Diagnostic.self) { try YAMLValue.parse(yaml, path: "content/news/x.md", firstLine: 2) }
        do {
            _ = try YAMLValue.parse(yaml, path: "content/news/x.md", firstLine: 2)
        } catch {
            #expect(error.description.hasPrefix("content/news/x.md:3:"), "\(error.description)")
            #expect(error.description.contains("starts on line 2, column 8"), "\(error.description)")
        }
    }
}

/// `YAMLValue.parse` composes libyaml's events itself (`YAMLComposer`). Every value, place and error message must
/// be what composing with Yams (which it replaced for speed) gave: the reference below is that former code.
@Suite struct YAMLComposerTests {
    static let samples: [String] = [
        "", "# only a comment\n", "title: Xin chào",
        "a: ~\nb: null\nc: \"\"\nd: ''\ne:\nf: NULL\ng: 'null'\nh: Null\n",
        "body: |\n  dòng một\n  dòng hai\nfolded: >\n  gấp\n  lại\n",
        "tags: [hộ tịch, \"đất đai\", 'a: b']\nlist:\n  - một\n  - hai: 2\n    ba: [3]\n  -\n  - ~\n",
        "nested:\n  deeper:\n    deepest: {x: 1, y: [a, {z: q}]}\n",
        "base: &b {x: 1, y: 2}\nother: *b\nlist: [*b, *b]\n",
        "&k name: 1\n*k : 2\n",
        "empty: &n\n*n : 3\n~: 4\n",
        "title: a\ntitle: b\n",
        "a:\n  x: 1\n  x: 2\nb: 1\nb:\n  y: 1\n  y: 2\n",
        "a: 1\na:\n  y: 1\n  y: 2\n",
        "a: *nowhere\n",
        "self: &s [1, *s]\n",
        "a: 1\n---\nb: 2\n",
        "--- \na: 1\n...\n",
        "title: \"Hỏng\ndate: 2025-08-09",
        "a: 1\n b: 2\n",
        "a: [1, 2\n",
        "? [một, hai]\n: giá trị\n? {x: 1}\n: khác\n",
        "Ho\u{0323} ti\u{0323}ch: Ho\u{0323} ti\u{0323}ch\n",
        "- a\n- b: c\n",
        "just text",
        "a: b: c\n",
        "\t- tab\n",
        "'quoted key': 1\n\"dq\": 2\n",
        "anchored: &a text\nagain: *a\n*a : key\n",
    ]

    @Test(arguments: samples)
    func composesAsYamsDid(_ yaml: String) {
        for firstLine in [1, 5] {
            let ours = Self.describe { () throws(Diagnostic) in try YAMLValue.parse(yaml, path: "x.md", firstLine: firstLine) }
            let yams = Self.describe { () throws(Diagnostic) in try YamsReference.parse(yaml, path: "x.md", firstLine: firstLine) }
            #expect(ours == yams, "\(yaml.debugDescription) from line \(firstLine)")
        }
    }

    /// libyaml's reader gives only a byte offset for a character YAML does not allow; the error points at its
    /// line and column (columns in characters), where Yams' message named only the front matter's first line.
    @Test func aControlCharacterIsReportedWhereItIs() {
        do {
            _ = try YAMLValue.parse("title: Tiêu đề\nsummary: Bạch\u{07}\n", path: "content/news/x.md", firstLine: 2)
            Issue.record("a control character was accepted")
        } catch {
            #expect(error.description.hasPrefix("content/news/x.md:3:14: error: YAML syntax:"), "\(error.description)")
        }
    }

    static func describe(_ parse: () throws(Diagnostic) -> YAMLValue?) -> String {
        do {
            return try parse().map(describe) ?? "nothing"
        } catch {
            return "error \(error.description)"
        }
    }

    static func describe(_ value: YAMLValue) -> String {
        switch value {
        case .scalar(let text, let at, let quoted): return "\(text.debugDescription)\(quoted ? "q" : "")@\(at)"
        case .null(let at): return "null@\(at)"
        case .sequence(let items, let at): return "[\(items.map(describe).joined(separator: ", "))]@\(at)"
        case .mapping(let pairs, let at):
            let inner = pairs.map { "\($0.key.debugDescription)@\($0.keyLocation): \(describe($0.value))" }
            return "{\(inner.joined(separator: ", "))}@\(at)"
        }
    }
}

/// How `YAMLValue.parse` worked before `YAMLComposer`: Yams' node tree, converted.
private enum YamsReference {
    static func parse(_ text: String, path: String, firstLine: Int) throws(Diagnostic) -> YAMLValue? {
        func location(_ mark: Mark?) -> NiemYetKit.SourceLocation {
            NiemYetKit.SourceLocation(path: path, line: (mark?.line ?? 1) + firstLine - 1, column: mark?.column ?? 1)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw diagnostic(for: error, path: path, firstLine: firstLine)
        } catch {
            throw .error("YAML could not be read: \(error)", at: NiemYetKit.SourceLocation(path: path, line: firstLine))
        }
        guard let node else { return nil }
        var problems: [Diagnostic] = []
        let value = convert(node, location: location, problems: &problems)
        if let first = problems.first { throw first }
        return value
    }

    static func convert(_ node: Node, location: (Mark?) -> NiemYetKit.SourceLocation, problems: inout [Diagnostic]) -> YAMLValue {
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            if isNull { return .null(location(scalar.mark)) }
            return .scalar(scalar.string.precomposed, location(scalar.mark), quoted: scalar.style != .plain)
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0, location: location, problems: &problems) }, location(sequence.mark))
        case .mapping(let mapping):
            var seen: [String: NiemYetKit.SourceLocation] = [:]
            var pairs: [(key: String, value: YAMLValue, keyLocation: NiemYetKit.SourceLocation)] = []
            for (keyNode, valueNode) in mapping {
                let key = (keyNode.scalar?.string ?? "").precomposed
                let keyLocation = location(keyNode.mark)
                if let earlier = seen[key] {
                    problems.append(.error("duplicate key `\(key)` (first given on line \(earlier.line))", at: keyLocation))
                    continue
                }
                seen[key] = keyLocation
                pairs.append((key, convert(valueNode, location: location, problems: &problems), keyLocation))
            }
            return .mapping(pairs, location(mapping.mark))
        }
    }

    static func diagnostic(for error: YamlError, path: String, firstLine: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context {
                message += " (\(context.text) that starts on line \(context.mark.line + firstLine - 1), "
                    + "column \(context.mark.column))"
            }
            return .error(message, at: NiemYetKit.SourceLocation(path: path, line: mark.line + firstLine - 1, column: mark.column))
        default:
            return .error("YAML could not be read: \(error)", at: NiemYetKit.SourceLocation(path: path, line: firstLine))
        }
    }
}
