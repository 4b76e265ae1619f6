import Foundation

extension String {
    /// Every occurrence of `target` replaced by `replacement`, matched byte for byte in UTF-8.
    ///
    /// Foundation's `replacingOccurrences(of:with:)` goes through NSString on Linux: ~66,000 instructions a call,
    /// and the statistics pages and procedure pages called it thousands of times (3% of a small site's build).
    /// The texts here are NFC (`SiteFiles.text`, the theme's strings), so a byte match is a canonical match.
    func replacingEvery(_ target: String, with replacement: String) -> String {
        var haystack = self, needle = target
        return haystack.withUTF8 { text in
            needle.withUTF8 { find in
                guard !find.isEmpty, var hit = ByteSearch.firstOffset(of: find, in: text) else { return self }
                var bytes: [UInt8] = []
                bytes.reserveCapacity(text.count)
                var copied = 0
                while true {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<hit]))
                    bytes.append(contentsOf: replacement.utf8)
                    copied = hit + find.count
                    guard let next = ByteSearch.firstOffset(of: find, in: UnsafeBufferPointer(rebasing: text[copied...]))
                    else { break }
                    hit = copied + next
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied...]))
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }
}
