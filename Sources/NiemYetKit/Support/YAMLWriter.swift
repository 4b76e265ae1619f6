import Foundation

/// Front matter lines, each value written so YAML reads back exactly the same text.
struct YAMLWriter {
    private(set) var text = ""

    mutating func raw(_ line: String) { text += line + "\n" }

    mutating func field(_ key: String, _ value: String, forceQuotes: Bool = false) {
        raw("\(key): " + (forceQuotes ? Self.quoted(value) : Self.scalar(value)))
    }

    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    /// Plain when that is safe, double-quoted otherwise.
    static func scalar(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return "\"\"" }
        let unsafeStart: Set<Unicode.Scalar> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|",
                                                ">", "'", "\"", "%", "@", "`", " "]
        let looksNumeric = value.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ".+-eE".unicodeScalars.contains($0) }
        if unsafeStart.contains(first) || last == " " || last == ":" || value.contains(": ") || value.contains(" #")
            || value.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7F}" })
            || reserved.contains(value.lowercased()) || looksNumeric {
            return quoted(value)
        }
        return value
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar == "\u{7F}" {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
