import Foundation

/// Finding bytes in bytes with the C library, which looks at many bytes per step.
enum ByteSearch {
    /// Where `needle` (not empty) first occurs in `haystack`: `memchr` finds candidates for its first byte,
    /// `memcmp` checks the rest.
    static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first, needle.count <= haystack.count else { return nil }
        let last = haystack.count - needle.count
        var offset = 0
        while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
            offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if memcmp(base + offset, needle.baseAddress!, needle.count) == 0 { return offset }
            offset += 1
        }
        return nil
    }
}
