import Foundation

/// Text whose every scalar is a character of its own, already in NFC: ASCII without CR, U+0080–U+02FF (Latin-1,
/// Latin Extended-A/B: ă đ ơ ư ĩ ũ ...), U+1E00–U+1EFF (Latin Extended Additional: ạ ế ộ ữ ...), U+2010–U+206F
/// (dashes, quotes, …) minus ZWJ/ZWNJ, and U+20A0–U+20BF (₫). Nearly all Vietnamese content is such text.
///
/// Why it matters: Swift's `Character` (grapheme cluster) operations and Foundation's normalisation were a
/// third of loading a large site. For simple text a scalar is a character and NFC changes nothing, so byte-level
/// code gives exactly the same result; anything else takes the general (slower) path.
///
/// The check reads every byte of a scalar, continuation bytes included, so bytes found simple are also valid
/// UTF-8 (only well-formed, shortest encodings of the scalars above pass). A String can then be made of them
/// without the standard library validating them a second time (`String(provenUTF8:isASCII:)`).
enum SimpleText {
    /// True when `b` is UTF-8 whose every scalar is in the simple set.
    static func isSimple(_ b: UnsafeBufferPointer<UInt8>) -> Bool { isASCIIIfSimple(b) != nil }

    /// For simple text, whether it is all ASCII; nil when `b` is not simple.
    private static func isASCIIIfSimple(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        var i = 0
        var isASCII = true
        while i < b.count {
            guard let length = scalarLength(b, at: i) else { return nil }
            if length > 1 { isASCII = false }
            i += length
        }
        return isASCII
    }

    /// The length in bytes of the simple scalar starting at `i`, or nil when no simple scalar is there (another
    /// scalar, or bytes that are not UTF-8): the one definition of the set, shared by `isSimple` and the
    /// byte-level paths that check as they go.
    @inline(__always)
    static func scalarLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = b[i]
        if lead < 0x80 { return lead == 0x0D ? nil : 1 }
        if lead >= 0xC2 && lead <= 0xCB {  // U+0080–U+02FF
            return i + 1 < b.count && isContinuation(b[i + 1]) ? 2 : nil
        }
        guard i + 2 < b.count, isContinuation(b[i + 2]) else { return nil }
        let second = b[i + 1], third = b[i + 2]
        if lead == 0xE1 { return second >= 0xB8 && second <= 0xBB ? 3 : nil }  // U+1E00–U+1EFF
        if lead == 0xE2 {
            let inPunctuation = (second == 0x80 && third >= 0x90) || (second == 0x81 && third <= 0xAF)
            let inCurrency = second == 0x82 && third >= 0xA0
            return inPunctuation || inCurrency ? 3 : nil  // U+2010–U+206F, U+20A0–U+20BF
        }
        return nil
    }

    @inline(__always)
    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The text of `b` when it is simple, made in the one pass that checks it; nil otherwise (the caller then
    /// validates the bytes as any other text).
    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        isASCIIIfSimple(b).map { String(provenUTF8: b, isASCII: $0) }  // simple, so valid
    }
}

extension String {
    /// NFC, without asking Foundation when the text is simple (and so already NFC).
    var precomposed: String {
        var copy = self
        if copy.withUTF8({ SimpleText.isSimple($0) }) { return self }
        return precomposedStringWithCanonicalMapping
    }

    /// True when the text is simple (see `SimpleText`): byte-level processing equals character-level.
    var isSimpleText: Bool {
        var copy = self
        return copy.withUTF8 { SimpleText.isSimple($0) }
    }
}

extension String {
    /// What `trimming` takes off both ends: Foundation's sets of the same names.
    enum Blank {
        case whitespaces, whitespacesAndNewlines

        var set: CharacterSet { self == .whitespaces ? .whitespaces : .whitespacesAndNewlines }
    }

    /// `trimmingCharacters(in:)` done on the scalars at both ends only: the same result (the sets trimmed hold
    /// only BMP scalars) without Foundation's NSString round trip, which was hot for front matter fields. A text
    /// that begins and ends with printable ASCII, as nearly every front matter value does, is returned as it is
    /// without asking Foundation at all (neither set holds printable ASCII; making the set and looking scalars
    /// up in it are calls into Foundation).
    func trimming(_ blank: Blank) -> String {
        if let first = utf8.first, let last = utf8.last,
           (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return self }
        let set = blank.set
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, set.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(Substring(scalars[start..<end]))
    }
}
