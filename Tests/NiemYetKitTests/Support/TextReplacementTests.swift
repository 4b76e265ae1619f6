import Foundation
import Testing
@testable import NiemYetKit

@Suite struct TextReplacementTests {
    /// The byte-level replacement stands in for Foundation's on the NFC texts pages are made of: it must give
    /// the same text, placeholders filled, field names marked, every occurrence and only whole matches.
    @Test func replacesLikeFoundationOnNFCText() {
        let cases: [(String, String, String)] = [
            ("Có {count} hồ sơ trên {total}", "{count}", "1.832"),
            ("Lĩnh vực: Hộ tịch – Hộ tịch (Hộ tịch)", "Hộ tịch", "<span lang=\"vi\">Hộ tịch</span>"),
            ("truc-tuyen-toan-trinh", "-", "_"),
            ("12,0", ",0", ""),
            ("aaaa", "aa", "b"),
            ("a\"b\"\"c", "\"", "\"\""),
            ("không có gì để thay", "{x}", "y"),
            ("", "x", "y"),
            ("x", "x", ""),
            ("8:00–11:30", "–", "-"),
            ("<img src=a><img src=b>", "<img ", "<img loading=\"lazy\" "),
            ("Đất đai đất ĐẤT", "đất", "ruộng"),
        ]
        for (text, target, replacement) in cases {
            #expect(text.replacingEvery(target, with: replacement)
                    == text.replacingOccurrences(of: target, with: replacement), "\(text) / \(target)")
        }
    }
}
