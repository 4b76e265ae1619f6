import Foundation

/// Vietnamese alphabetical order: a ă â b c d đ e ê … o ô ơ … u ư, letters first and tones second.
/// Code-point order puts "Đất đai" after "Ưu đãi"; Foundation's vi_VN collation gets it right, so use it.
public enum VietnameseCollation {
    private static let locale = Locale(identifier: "vi_VN")

    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        let result = a.compare(b, options: [], range: nil, locale: locale)
        // Two strings that collate equal still need a fixed order for deterministic output.
        return result == .orderedSame ? (a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending))
                                      : result
    }

    public static func less(_ a: String, _ b: String) -> Bool { compare(a, b) == .orderedAscending }

    public static func sorted<T>(_ items: [T], by key: (T) -> String) -> [T] {
        items.sorted { less(key($0), key($1)) }
    }
}
