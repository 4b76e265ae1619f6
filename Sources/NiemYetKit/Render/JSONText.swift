import Foundation

/// JSON string literals written by hand, so open data and lookup buckets come out byte-for-byte the same on every
/// build (Foundation's encoder has no stable key order for dictionaries and escapes `/`).
enum JSONText {
    /// A JSON string literal that is also safe inside an HTML `<script>` element (`<`, `>`, `&` and the line
    /// separators JavaScript rejects are escaped; all are still plain JSON).
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
