import Foundation
import Testing
@testable import NiemYetKit

@Suite struct VietnameseCollationTests {
    @Test func lettersFollowTheVietnameseAlphabet() {
        // a < ă < â, d < đ, u < ư: code-point order would put every one of the last three after "Ưu".
        let titles = ["Ưu đãi", "Đất đai", "Dân số", "Bảo hiểm", "Ăn uống", "An ninh", "Âm nhạc", "Uống nước"]
        #expect(VietnameseCollation.sorted(titles, by: { $0 })
                == ["An ninh", "Ăn uống", "Âm nhạc", "Bảo hiểm", "Dân số", "Đất đai", "Uống nước", "Ưu đãi"])
    }

    /// Lists past 64 items are sorted in two halves on two threads and merged from both ends: the result must be
    /// the order the comparison defines, with equal keys decided by the tie-break and then by position, whatever
    /// the list's size (even or odd, just past the threshold or large).
    @Test(arguments: [10, 64, 65, 66, 427, 513, 1_500])
    func largeListsSortLikeTheComparisonSays(count: Int) {
        let syllables = ["đất", "dân", "ưu", "uống", "an", "ăn", "hộ", "hồ", "tịch", "tích"]
        let items = (0..<count).map { i in
            (title: "\(syllables[i * 7 % 10]) \(syllables[i * 3 % 10]) \(i % 37)", code: (i * 7919) % 101, position: i)
        }
        let sorted = VietnameseCollation.sorted(items, by: \.title, then: { $0.code < $1.code })
        #expect(sorted.count == count)
        #expect(Set(sorted.map(\.position)).count == count, "every item once")
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let order = VietnameseCollation.compare(a.title, b.title)
            #expect(order != .orderedDescending, "\(a.title) before \(b.title)")
            if order == .orderedSame {
                #expect(a.code < b.code || (a.code == b.code && a.position < b.position))
            }
        }
    }

    /// Sorting compares through CoreFoundation directly (`CollationText`); every answer must be Foundation's.
    @Test func directComparisonAnswersAsFoundationDoes() {
        let texts = ["", "a", "A", "à", "á", "ả", "ã", "ạ", "ă", "â", "Ă", "đ", "Đ", "d", "D", "dđ", "ư", "u", "ơ", "o",
                     "Đất đai", "Ưu đãi", "Hộ tịch", "Hộ Tịch", "hộ tịch", "Hồ sơ", "Hồ  sơ", "Hồ-sơ", "Hồ sơ 2", "Hồ sơ 10",
                     "1.000894", "1.001001", "Z", "z", "Ω", "“Trích”", "– gạch", "Thủ tục 5", "Thủ tục 05",
                     "Hướng dẫn".decomposedStringWithCanonicalMapping, "Hướng dẫn", "Hương", "Hưởng", "e\u{301}", "é",
                     "👍🏽 biểu tượng", "tab\there", "Ngõ", "Ngo", "ngõ", "Ngọ"]
        let locale = Locale(identifier: "vi_VN")
        let prepared = texts.map(CollationText.init)
        for (i, a) in texts.enumerated() {
            for (j, b) in texts.enumerated() {
                #expect(CollationText.localeOrder(prepared[i], prepared[j])
                        == a.compare(b, options: [], range: nil, locale: locale), "\(a) vs \(b)")
            }
        }
    }
}
