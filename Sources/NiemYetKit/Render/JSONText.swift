import Foundation

/// JSON string literals written by hand, so open data and lookup buckets come out byte-for-byte the same on every
/// build (Foundation's encoder has no stable key order for dictionaries and escapes `/`).
enum JSONText {
    /// A JSON string literal that is also safe inside an HTML `<script>` element (`<`, `>`, `&` and the line
    /// separators JavaScript rejects are escaped; all are still plain JSON).
    static func string(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `string(text)` appended as UTF-8 bytes: the search index writes thousands of files of these, so runs of
    /// characters that need no escape are copied at once.
    static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { append(utf8: $0, to: &bytes) }
    }

    /// The escape of a byte that is a character by itself (`"`, `\\`, controls, `<`, `>`, `&`), or nil.
    private static func escape(_ byte: UInt8) -> String? {
        switch byte {
        case 0x22: "\\\""
        case 0x5C: "\\\\"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        case 0x3C: "\\u003c"
        case 0x3E: "\\u003e"
        case 0x26: "\\u0026"
        case ..<0x20: String(format: "\\u%04x", byte)
        default: nil
        }
    }

    /// The bytes `append(utf8:to:)` may have to escape: those `escape` knows, and the lead byte of U+2028 and
    /// U+2029. Most bytes are none of them, and one look-up passes them by.
    private static let mayEscape: [Bool] = (0...255).map { byte in byte == 0xE2 || escape(UInt8(byte)) != nil }

    /// `append` for text already at hand as (valid) UTF-8 bytes, such as the search index's terms.
    static func append(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        func flush() {
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
        }
        let mayEscape = Self.mayEscape
        while index < utf8.count {
            let byte = utf8[index]
            // Most bytes need no escape: one look-up passes them by.
            guard mayEscape[Int(byte)] else {
                index += 1
                continue
            }
            var escape: String?
            var length = 1
            if byte == 0xE2 {
                // U+2028 and U+2029 end lines in older JavaScript.
                if index + 2 < utf8.count && utf8[index + 1] == 0x80
                    && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9) {
                    escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                }
            } else {
                escape = Self.escape(byte)
            }
            if let escape {
                flush()
                bytes.append(contentsOf: escape.utf8)
                index += length
                runStart = index
            } else {
                index += 1
            }
        }
        flush()
        bytes.append(UInt8(ascii: "\""))
    }
}
