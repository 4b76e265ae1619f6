import Foundation
import Testing
@testable import NiemYetKit

/// The build cache is written past the page cache where the file system allows it, in aligned blocks, with a last
/// piece of any length written after direct I/O is turned off. Whatever the lengths, the file must hold exactly
/// the bytes given, or the next build would read a damaged cache (and silently rebuild everything).
@Suite struct CacheFileTests {
    /// A folder on the disk the tests run from (direct I/O on ext4) and, where there is one, in /dev/shm (tmpfs:
    /// no direct I/O, plain writes).
    static func folders() throws -> [URL] {
        var folders = [FileManager.default.temporaryDirectory]
        if FileManager.default.fileExists(atPath: "/dev/shm") { folders.append(URL(fileURLWithPath: "/dev/shm")) }
        return try folders.map { base in
            let folder = base.appendingPathComponent("niemyet-cachefile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder
        }
    }

    @Test func fileHoldsExactlyTheBytesWrittenWhateverTheirLengths() throws {
        let alignment = CacheFile.alignment
        let lengths = [0, 1, alignment - 1, alignment, alignment + 1, 3 * alignment + 17, (1 << 20) + 5, 3 << 20]
        for folder in try Self.folders() {
            defer { try? FileManager.default.removeItem(at: folder) }
            for length in lengths {
                var seed: UInt64 = UInt64(length) &+ 0x9E37_79B9_7F4A_7C15
                let bytes = (0..<length).map { _ -> UInt8 in
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return UInt8(truncatingIfNeeded: seed >> 33)
                }
                let path = folder.appendingPathComponent("cache-\(length).bin").path
                // A small buffer, so that large files cross many buffer boundaries; pieces of odd sizes.
                var file = try #require(CacheFile(path: path, bufferSize: 64 << 10))
                var offset = 0, piece = 1
                while offset < length {
                    let end = min(length, offset + piece)
                    bytes[offset..<end].withUnsafeBytes { file.write($0) }
                    offset = end
                    piece = piece * 3 + 7
                }
                let closed = file.close()
                #expect(closed, "\(path)")
                let read = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(read.count == length, "\(path)")
                #expect(read == Data(bytes), "\(path): bytes differ")
            }
        }
    }
}
