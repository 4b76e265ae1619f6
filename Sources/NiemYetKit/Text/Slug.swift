import Foundation

/// ASCII URL slugs from Vietnamese text: "Kết quả tháng 7/2025" → "ket-qua-thang-7-2025".
/// Tone and vowel marks are combining characters after NFD, so dropping them leaves the base letter; đ is a
/// letter of its own in Unicode (not d plus a mark) and needs mapping by hand.
public enum Slug {
    public static func make(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in VietnameseFolding.fold(text).unicodeScalars {
            let isAlnum = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if isAlnum {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result
    }

    /// A slug an editor may write by hand: lower-case ASCII letters, digits and single dashes.
    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug == make(slug) && slug.unicodeScalars.allSatisfy { $0.isASCII }
    }
}

/// Folding shared by slugs and search: lower-case, no tone or vowel marks, đ → d.
public enum VietnameseFolding {
    public static func fold(_ text: String) -> String {
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
}
