import Foundation

/// Text whose every scalar is a character of its own, already in NFC: ASCII without CR, U+0080–U+02FF (Latin-1,
/// Latin Extended-A/B: ă đ ơ ư ĩ ũ ...), U+1E00–U+1EFF (Latin Extended Additional: ạ ế ộ ữ ...), U+2010–U+206F
/// (dashes, quotes, …) minus ZWJ/ZWNJ, and U+20A0–U+20BF (₫). Nearly all Vietnamese content is such text.
///
/// Why it matters: Swift's `Character` (grapheme cluster) operations and Foundation's normalisation were a
/// third of loading a large site. For simple text a scalar is a character and NFC changes nothing, so byte-level
/// code gives exactly the same result; anything else takes the general (slower) path.
enum SimpleText {
    /// True when every scalar of `bytes` (valid UTF-8) is in the simple set.
    static func isSimple(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            guard let length = scalarLength(b, at: i) else { return false }
            i += length
        }
        return true
    }

    /// The length in bytes of the simple scalar starting at `i`, or nil when the scalar there is not simple: the
    /// one definition of the set, shared by `isSimple` and the byte-level paths that check as they go.
    @inline(__always)
    static func scalarLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = b[i]
        if lead < 0x80 { return lead == 0x0D ? nil : 1 }
        if lead >= 0xC2 && lead <= 0xCB { return 2 }  // U+0080–U+02FF
        if lead == 0xE1, i + 1 < b.count, b[i + 1] >= 0xB8 && b[i + 1] <= 0xBB { return 3 }  // U+1E00–U+1EFF
        if lead == 0xE2, i + 2 < b.count {
            let second = b[i + 1], third = b[i + 2]
            let inPunctuation = (second == 0x80 && third >= 0x90) || (second == 0x81 && third <= 0xAF)
            let inCurrency = second == 0x82 && third >= 0xA0
            return inPunctuation || inCurrency ? 3 : nil  // U+2010–U+206F, U+20A0–U+20BF
        }
        return nil
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
    /// `trimmingCharacters(in:)` done on the scalars at both ends only: the same result (the sets trimmed hold
    /// only BMP scalars) without Foundation's NSString round trip, which was hot for front matter fields.
    func trimming(_ set: CharacterSet) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, set.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(Substring(scalars[start..<end]))
    }
}
