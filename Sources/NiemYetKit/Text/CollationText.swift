import CoreFoundation
import Foundation

/// A text ready for Foundation's vi_VN comparison: its UTF-16 copied once into a CoreFoundation string.
///
/// Why: `String.compare(_:options:range:locale:)` ends in `CFStringCompareWithOptionsAndLocale`, but on the way
/// it made a new CFLocale from the `Locale` for every call and bridged both Swift strings, which CoreFoundation then
/// transcoded to UTF-16 again for every comparison: ~18,000 instructions a comparison, of which the comparison
/// itself was ~1,000. Sorting the 427 procedures of the 1k benchmark site took 150 million. Here the locale is made
/// once and each text is converted once; the function, flags (non-literal, as Foundation passes them for empty
/// options), range (the whole first text) and locale are exactly Foundation's, so every answer is the same.
struct CollationText: @unchecked Sendable {  // CFString is immutable: safe to share between threads
    let text: String
    let utf16: CFString

    init(_ text: String) {
        self.text = text
        let units = Array(text.utf16)
        utf16 = CFStringCreateWithCharacters(kCFAllocatorSystemDefault, units, units.count)
    }

    /// Foundation's `a.compare(b, options: [], range: nil, locale: Locale(identifier: "vi_VN"))`.
    static func localeOrder(_ a: CollationText, _ b: CollationText) -> ComparisonResult {
        let result = CFStringCompareWithOptionsAndLocale(
            a.utf16, b.utf16, CFRangeMake(0, CFStringGetLength(a.utf16)),
            .compareNonliteral, locale.value)
        switch result {
        case .compareLessThan: return .orderedAscending
        case .compareGreaterThan: return .orderedDescending
        default: return .orderedSame
        }
    }

    /// Made once; CFLocale is immutable, so sharing it between the sorting threads is safe.
    private static let locale = UnsafeSendableBox<CFLocale>(
        CFLocaleCreate(kCFAllocatorSystemDefault, CollationText("vi_VN").utf16))
}
