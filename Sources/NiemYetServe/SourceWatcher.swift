import Foundation
import NiemYetKit
#if canImport(Glibc)
import Glibc
#endif

/// Notices when the site's sources change. The truth is a snapshot of `stat()` results (modification time,
/// size, inode) for every file below the watched folders, compared with the previous one: that catches edits,
/// new and deleted files, and the way most editors save (write a temporary file, then rename it over the old
/// one: a new inode). Walking ~2,000 files with `stat` takes a few milliseconds.
///
/// On Linux, inotify says *when* to look: the watcher wakes as soon as something in a watched folder changes,
/// waits until the burst of events of one save is over, and then compares snapshots. Without inotify (other
/// systems) it compares every `pollInterval`. Even with inotify a snapshot is taken every second, in case an
/// event was missed (a folder created and filled before its watch was added).
public final class SourceWatcher: @unchecked Sendable {
    public struct Stamp: Equatable, Sendable {
        var modified: Int, size: Int, inode: UInt64, mode: UInt32
    }

    public let root: URL
    public let folders: [String]
    public var pollInterval: TimeInterval = 0.3
    /// How long the folders must stay quiet after an event before the snapshot is compared.
    public var quietPeriod: TimeInterval = 0.02

    private var snapshot: [String: Stamp] = [:]
    private var inotify: Int32 = -1
    private var watched: Set<String> = []
    private let stopLock = NSLock()
    private var stopped = false

    public init(root: URL, folders: [String] = ["content", "templates"]) {
        self.root = root.standardizedFileURL
        self.folders = folders
    }

    deinit {
        if inotify >= 0 { close(inotify) }
    }

    /// Runs on its own thread, calling `onChange` with the site-relative paths that changed (sorted), until
    /// `stop()`.
    public func start(onChange: @escaping @Sendable ([String]) -> Void) {
        snapshot = Self.takeSnapshot(root: root, folders: folders)
        #if canImport(Glibc)
        inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        addWatches()
        #endif
        let thread = Thread { [self] in self.loop(onChange) }
        thread.name = "niemyet-watch"
        thread.start()
    }

    public func stop() {
        stopLock.lock(); stopped = true; stopLock.unlock()
    }

    private var isStopped: Bool {
        stopLock.lock(); defer { stopLock.unlock() }
        return stopped
    }

    private func loop(_ onChange: @Sendable ([String]) -> Void) {
        while !isStopped {
            if inotify >= 0 {
                if waitForEvents(timeout: 1.0) {
                    // One save is several events (create, write, rename): let them settle.
                    while waitForEvents(timeout: quietPeriod) {}
                }
            } else {
                Thread.sleep(forTimeInterval: pollInterval)
            }
            if isStopped { return }
            let next = Self.takeSnapshot(root: root, folders: folders)
            let changed = Self.difference(snapshot, next)
            snapshot = next
            if !changed.isEmpty {
                #if canImport(Glibc)
                addWatches()
                #endif
                onChange(changed)
            }
        }
    }

    /// Waits up to `timeout` for inotify events and drains them; true when there were any.
    private func waitForEvents(timeout: TimeInterval) -> Bool {
        #if canImport(Glibc)
        var descriptor = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(timeout * 1000))
        guard ready > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var any = false
        while read(inotify, &buffer, buffer.count) > 0 { any = true }
        return any
        #else
        Thread.sleep(forTimeInterval: timeout)
        return false
        #endif
    }

    #if canImport(Glibc)
    /// Watches every folder of the snapshot (and the watched roots), for changes to entries and renames into
    /// and out of them. Adding a watch twice is harmless; folders that went away drop their watch by themselves.
    private func addWatches() {
        guard inotify >= 0 else { return }
        var folders = Set(self.folders.map { root.appendingPathComponent($0).path })
        for path in snapshot.keys {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty && !self.folders.contains(folder) {
                folders.insert(root.appendingPathComponent(folder).path)
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                          | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
        for folder in folders.subtracting(watched) {
            if inotify_add_watch(inotify, folder, mask) >= 0 { watched.insert(folder) }
        }
        // A watched folder that was deleted and created again needs a new watch: forget folders now absent.
        watched = watched.filter { access($0, F_OK) == 0 }
    }
    #endif

    /// Paths whose stamp differs, appeared or disappeared.
    static func difference(_ old: [String: Stamp], _ new: [String: Stamp]) -> [String] {
        var changed: [String] = []
        for (path, stamp) in new where old[path] != stamp { changed.append(path) }
        for path in old.keys where new[path] == nil { changed.append(path) }
        return changed.sorted()
    }

    /// Every non-hidden file below the folders, with its stamp. Hidden files (`.x.swp`, `.#x`) are editors'
    /// working files, never content.
    public static func takeSnapshot(root: URL, folders: [String]) -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        for folder in folders {
            walk(root.path + "/" + folder, relative: folder, into: &result, depth: 0)
        }
        return result
    }

    private static func walk(_ path: String, relative: String, into result: inout [String: Stamp], depth: Int) {
        guard depth < 32 else { return }
        FolderEntries.forEach(in: path) { name, _ in
            let full = path + "/" + name
            let rel = relative + "/" + name
            // The stamp needs the file's own status anyway, links included (stamped by what they lead to).
            var info = stat()
            guard lstat(full, &info) == 0 else { return }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                walk(full, relative: rel, into: &result, depth: depth + 1)
            } else if kind == S_IFREG || kind == S_IFLNK {
                if kind == S_IFLNK { _ = stat(full, &info) }
                result[rel] = Stamp(modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
                                    size: Int(info.st_size), inode: UInt64(info.st_ino), mode: UInt32(info.st_mode))
            }
        }
    }
}
