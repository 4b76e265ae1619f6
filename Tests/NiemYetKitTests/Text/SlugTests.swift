import Foundation
import Testing
@testable import NiemYetKit

@Suite struct SlugTests {
    /// Slugs are built from the folded text's bytes; they must be what a walk over its scalars gives.
    @Test func slugsFromBytesEqualSlugsFromScalars() {
        let texts = ["", "   ", "Kết quả tháng 7/2025", "--a--b--", "Đất đai – “Ươm” … 50.000 ₫", "ÀÁẢÃẠ ăâ",
                     "Hướng dẫn".decomposedStringWithCanonicalMapping, "👍🏽 emoji ở giữa 👩‍👩‍👧 chữ", "ß straße",
                     "x\u{0301}y", "ABC def 123", "İstanbul ǅ", "a\r\nb", "٣ số Ả Rập", "中文 字"]
        for text in texts {
            var reference = ""
            var pendingDash = false
            for scalar in VietnameseFolding.fold(text).unicodeScalars {
                if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                    if pendingDash && !reference.isEmpty { reference.append("-") }
                    pendingDash = false
                    reference.unicodeScalars.append(scalar)
                } else {
                    pendingDash = true
                }
            }
            #expect(Slug.make(text) == reference, "\(text)")
        }
    }
}
