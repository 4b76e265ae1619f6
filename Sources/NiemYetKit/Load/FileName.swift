/// Byte-level answers about site-relative paths, for paths that are ASCII (content files are named by slug and
/// date, so nearly all are). In ASCII without CR every byte is a character of its own, so splitting at `/` or `.`
/// on bytes gives exactly what splitting the `String` by characters gives, without walking grapheme clusters:
/// that walk, done three times for each of 14,000 files, was ~7% of loading the benchmark sites.
enum FileName {
    /// ASCII without CR (`\\r\\n` would be one character made of two bytes).
    static func isASCII(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { isASCII($0[...]) }
    }

    private static func isASCII(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
        return true
    }

    /// The bounds of the last non-empty `/`-separated component of `bytes`, if any.
    private static func lastComponent(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        guard end > 0 else { return nil }
        var start = end
        while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
        return start..<end
    }

    /// `path.split(separator: "/").last`: the last non-empty component.
    static func last(of path: String) -> Substring? {
        guard isASCII(path) else { return path.split(separator: "/").last }
        var copy = path
        guard let component = copy.withUTF8({ lastComponent($0) }) else { return nil }
        let utf8 = path.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: component.lowerBound)
        return path[start..<utf8.index(start, offsetBy: component.count)]
    }

    /// `ContentFile.translationLanguage(of:)` for a path that `isASCII`: the last name's dot-separated parts
    /// (empty ones dropped, as `split` does) are at least three, the last is `md` and the one before is two
    /// lower-case letters.
    static func asciiTranslationLanguage(of path: String) -> String? {
        var copy = path
        return copy.withUTF8 { bytes -> String? in
            guard let name = lastComponent(bytes) else { return nil }
            let dot = UInt8(ascii: ".")
            /// The last non-empty part ending at or before `end`, scanning back no further than the name's start.
            func part(before end: Int) -> Range<Int>? {
                var end = end
                while end > name.lowerBound, bytes[end - 1] == dot { end -= 1 }
                guard end > name.lowerBound else { return nil }
                var start = end
                while start > name.lowerBound, bytes[start - 1] != dot { start -= 1 }
                return start..<end
            }
            guard let extensionPart = part(before: name.upperBound), extensionPart.count == 2,
                  bytes[extensionPart.lowerBound] == UInt8(ascii: "m"),
                  bytes[extensionPart.lowerBound + 1] == UInt8(ascii: "d"),
                  let code = part(before: extensionPart.lowerBound), code.count == 2,
                  code.allSatisfy({ bytes[$0] >= UInt8(ascii: "a") && bytes[$0] <= UInt8(ascii: "z") }),
                  part(before: code.lowerBound) != nil
            else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[code]), as: UTF8.self)
        }
    }
}
