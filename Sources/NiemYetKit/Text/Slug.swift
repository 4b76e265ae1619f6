import Foundation

/// ASCII URL slugs from Vietnamese text: "Kết quả tháng 7/2025" → "ket-qua-thang-7-2025".
/// Tone and vowel marks are combining characters after NFD, so dropping them leaves the base letter; đ is a
/// letter of its own in Unicode (not d plus a mark) and needs mapping by hand.
public enum Slug {
    /// Works on the folded text's bytes: every byte of a non-ASCII scalar is, like the scalar, not a-z or 0-9,
    /// so the dashes fall where a walk over scalars puts them (appending scalar by scalar was most of the cost of
    /// the thousands of heading ids a large site has).
    public static func make(_ text: String) -> String {
        var folded = VietnameseFolding.fold(text)
        return folded.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingDash = false
            for byte in bytes {
                let isAlnum = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                if isAlnum {
                    if pendingDash && !result.isEmpty { result.append(UInt8(ascii: "-")) }
                    pendingDash = false
                    result.append(byte)
                } else {
                    pendingDash = true
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// A slug an editor may write by hand: lower-case ASCII letters, digits and single dashes.
    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug == make(slug) && slug.unicodeScalars.allSatisfy { $0.isASCII }
    }
}

/// Folding shared by slugs and search: lower-case, no tone or vowel marks, đ → d.
public enum VietnameseFolding {
    public static func fold(_ text: String) -> String {
        if text.isSimpleText { return foldSimple(text) }
        return foldGeneral(text)
    }

    static func foldGeneral(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if scalar == "đ" { result.append("d") } else { result.append(scalar) }
        }
        return String(result)
    }

    /// Simple text (see `SimpleText`) folds scalar by scalar: no scalar of it changes case, decomposes or loses
    /// marks depending on its neighbours. Each scalar's folding is looked up in a table made once with
    /// `foldGeneral`, instead of lower-casing and decomposing every title, tag and heading through ICU and
    /// Foundation (the slug of every article, category and tag was a few percent of a large build).
    static func foldSimple(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                if lead < 0x80 {
                    out.append(lead >= 0x41 && lead <= 0x5A ? lead + 0x20 : lead)
                    i += 1
                    continue
                }
                let length = lead >= 0xE0 ? 3 : 2
                var value = UInt32(lead & (length == 3 ? 0x0F : 0x1F))
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                if let folded = foldedScalars[value] {
                    out.append(contentsOf: folded)
                } else {
                    out.append(contentsOf: bytes[i..<i + length])
                }
                i += length
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Non-ASCII simple scalars whose folding is not themselves, as UTF-8.
    private static let foldedScalars: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        for range in [0x80..<0x300, 0x1E00..<0x1F00, 0x2010..<0x2070, 0x20A0..<0x20C0] as [Range<UInt32>] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let original = String(Character(scalar))
                let folded = foldGeneral(original)
                if Array(folded.unicodeScalars) != [scalar] { table[value] = Array(folded.utf8) }
            }
        }
        return table
    }()
}
