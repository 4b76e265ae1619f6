import Foundation

/// Any JSON value, decoded exactly (a `true` stays a Bool, `1` stays a number), for reading exports whose shape
/// we check ourselves so every problem can be reported with its record.
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "true/false"
        case .number: return "a number"
        case .string: return "text"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    /// Text, with numbers written as text too (`"stt": 1` and `"stt": "1"` both occur in exports).
    var text: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        default: return nil
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// 1-based line and column where each element of a top-level array starts, so a message can point into the
    /// file. A small scan over the bytes: only strings and nesting matter.
    static func topLevelElementPositions(_ data: Data) -> [(line: Int, column: Int)] {
        var positions: [(Int, Int)] = []
        var line = 1, column = 0
        var depth = 0
        var inString = false, escaped = false
        var expectingElement = false
        for byte in data {
            if byte == 0x0A { line += 1; column = 0; continue }
            // Count characters, not bytes: continuation bytes of UTF-8 do not move the column.
            if byte & 0xC0 != 0x80 { column += 1 }
            if inString {
                if escaped { escaped = false }
                else if byte == 0x5C { escaped = true }
                else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0D:
                continue
            case 0x5B, 0x7B: // [ {
                if depth == 1 && expectingElement { positions.append((line, column)); expectingElement = false }
                depth += 1
                if depth == 1 && byte == 0x5B { expectingElement = true }
            case 0x5D, 0x7D: // ] }
                depth -= 1
            case 0x2C: // ,
                if depth == 1 { expectingElement = true }
            default:
                if depth == 1 && expectingElement { positions.append((line, column)); expectingElement = false }
                if byte == 0x22 { inString = true }
            }
        }
        return positions
    }
}
