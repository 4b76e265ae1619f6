/// Byte-level answers about site-relative paths, for paths that are ASCII (content files are named by slug and
/// date, so nearly all are). In ASCII without CR every byte is a character of its own, so splitting at `/` or `.`
/// on bytes gives exactly what splitting the `String` by characters gives, without walking grapheme clusters:
/// that walk, done three times for each of 14,000 files, was ~7% of loading the benchmark sites.
enum FileName {
    /// ASCII without CR (`\\r\\n` would be one character made of two bytes).
    static func isASCII(_ path: String) -> Bool {
        path.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }

    /// `path.split(separator: "/").last`: the last non-empty component.
    static func last(of path: String) -> Substring? {
        guard isASCII(path) else { return path.split(separator: "/").last }
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        guard end > utf8.startIndex else { return nil }
        var start = end
        while start > utf8.startIndex, utf8[utf8.index(before: start)] != UInt8(ascii: "/") {
            start = utf8.index(before: start)
        }
        return path[start..<end]
    }

    /// `ContentFile.translationLanguage(of:)` for an ASCII `path`: the last name's dot-separated parts (empty
    /// ones dropped, as `split` does) are at least three, the last is `md` and the one before is two lower-case
    /// letters.
    static func asciiTranslationLanguage(of path: String) -> String? {
        guard let name = last(of: path) else { return nil }
        let parts = name.utf8.split(separator: UInt8(ascii: "."))
        guard parts.count >= 3, parts[parts.count - 1].elementsEqual("md".utf8) else { return nil }
        let code = parts[parts.count - 2]
        guard code.count == 2, code.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return nil }
        return String(decoding: code, as: UTF8.self)
    }
}
