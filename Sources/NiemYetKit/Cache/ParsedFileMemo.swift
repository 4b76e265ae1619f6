import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Content files read and split before, with their parsed front matter, for rebuilds in the same process
/// (`serve`): after one saved article, a rebuild would otherwise read, decode, split and hash all ~1,400 content
/// files again before the saved page can be written.
///
/// A file's result is reused only while the file's `stat()` identity (device, inode, size, modification and
/// status-change times to the nanosecond) is the one it had when it was read: editors' atomic saves give a new
/// inode, writing in place a new change time, so a changed file is always read again, whatever the watcher
/// reported. What is kept is what the file's text alone decides (the split and the YAML tree, whose positions
/// depend on the path, the key); `Fields` are made again at every build so problems go to that build's log.
/// Files that had problems are not kept: they are read again, and their problems reported again. In memory only.
final class ParsedFileMemo: @unchecked Sendable {
    struct Identity: Equatable {
        var device: UInt64, inode: UInt64, size: Int64
        var modified: Int64, modifiedNanos: Int, changed: Int64, changedNanos: Int
    }

    struct Parsed: Sendable {
        var front: FrontMatter
        var yaml: YAMLValue?
    }

    private let lock = NSLock()
    private var entries: [String: (identity: Identity, parsed: Parsed)] = [:]

    /// The parsed file at `fullPath` (`path` is its site-relative name): remembered, or from `parse`, which
    /// returns nil (not remembered) when the file has problems.
    func parsed(_ path: String, fullPath: String, parse: () throws -> Parsed?) rethrows -> Parsed? {
        guard let before = Self.identity(fullPath) else { return try parse() }
        lock.lock()
        if let known = entries[path], known.identity == before { lock.unlock(); return known.parsed }
        lock.unlock()
        guard let parsed = try parse() else { return nil }
        // Changed while it was being read: keep nothing, the next build reads it again.
        guard Self.identity(fullPath) == before else { return parsed }
        lock.lock()
        entries[path] = (before, parsed)
        lock.unlock()
        return parsed
    }

    var count: Int { lock.withLock { entries.count } }

    static func identity(_ fullPath: String) -> Identity? {
        var info = stat()
        guard stat(fullPath, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                        modified: Int64(info.st_mtim.tv_sec), modifiedNanos: Int(info.st_mtim.tv_nsec),
                        changed: Int64(info.st_ctim.tv_sec), changedNanos: Int(info.st_ctim.tv_nsec))
    }
}
