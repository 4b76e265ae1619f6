import CFileSwap
import Foundation

/// The cache file as it is written: past the page cache where the file system allows it (Linux `O_DIRECT`), plain
/// writes elsewhere (tmpfs has no direct I/O).
///
/// Why: the cache is read by the next build, not by this one, and copying it into the page cache was the costliest
/// part of saving it. On this VM a buffered write costs ~2.5 µs of system CPU per 4 KB page: ~0.15 s for the 57 MB
/// cache of the 10k benchmark site (about 5% of that build's CPU), where writing it directly costs ~0.01 s and
/// 0.03 s of waiting on a thread of its own. The next build reads the file from disk instead of from memory.
///
/// Direct writes need memory, file offset and length aligned to `NIEMYET_DIRECT_ALIGNMENT`: bytes are gathered in
/// an aligned buffer written whole; the last piece, whatever its length, is written after direct I/O is turned off.
struct CacheFile {
    private let descriptor: Int32
    private var direct: Bool
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var pending = 0
    private(set) var failed = false

    static let alignment = Int(NIEMYET_DIRECT_ALIGNMENT)

    /// Creates (or truncates) the file at `path`; nil when it cannot be opened at all.
    init?(path: String, bufferSize: Int = 1 << 20) {
        var descriptor = niemyet_open_direct(path)
        direct = descriptor >= 0
        if descriptor < 0 { descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { return nil }
        capacity = max(Self.alignment, bufferSize / Self.alignment * Self.alignment)
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, Self.alignment, capacity) == 0, let memory else {
            Glibc.close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        buffer = memory
    }

    /// Appends `bytes` to the file (written once a whole buffer is gathered).
    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        while !rest.isEmpty {
            let count = min(rest.count, capacity - pending)
            (buffer + pending).copyMemory(from: rest.baseAddress!, byteCount: count)
            pending += count
            rest = UnsafeRawBufferPointer(rebasing: rest[count...])
            if pending == capacity { flush(capacity) }
        }
    }

    /// Writes what is gathered and closes the file; false when anything failed (the file is then incomplete).
    mutating func close() -> Bool {
        if direct {
            let whole = pending / Self.alignment * Self.alignment
            if whole > 0 {
                flush(whole)
            }
            if pending > 0 && niemyet_end_direct(descriptor) != 0 { failed = true }
            direct = false
        }
        if pending > 0 { flush(pending) }
        if Glibc.close(descriptor) != 0 { failed = true }
        buffer.deallocate()
        return !failed
    }

    /// Writes the first `count` bytes of the buffer (a multiple of the alignment while writing directly) and moves
    /// what is left to its start.
    private mutating func flush(_ count: Int) {
        var written = 0
        while !failed && written < count {
            let result = Glibc.write(descriptor, buffer + written, count - written)
            if result > 0 {
                written += result
            } else if result < 0 && errno == EINTR {
                continue
            } else if result < 0 && errno == EINVAL && direct {
                // Opened for direct I/O but refused it on writing: write through the page cache instead.
                direct = false
                if niemyet_end_direct(descriptor) != 0 { failed = true }
            } else {
                failed = true
            }
        }
        if written > 0 && written < pending { memmove(buffer, buffer + written, pending - written) }
        pending -= written
    }
}
