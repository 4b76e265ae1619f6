import Foundation

/// Makes the writing units' folders, and the folders holding them, on a thread of its own, in the order the
/// writing threads take the units, while they render.
///
/// Nearly every unit's folder has the same parent (`tin-tuc/` holds every article's), and ext4 makes a folder under
/// its parent's lock, long enough (a new directory block, inode bitmaps) that two writing threads making their
/// folders side by side met there: the kernel spun on the lock, or, with a lock of our own around `mkdir`, the
/// threads slept and woke each other (futex calls were 2.4% of the 10k benchmark build's samples). One thread making
/// all the folders never meets another; it keeps ahead of the writers, whose units take several times longer to
/// render and write than a folder takes to make, so a writer rarely has to wait.
final class FolderMaker: @unchecked Sendable {
    /// Per unit, in unit order, the absolute paths of the folders to make for it, parents first: none for a unit
    /// whose folder exists already (the staging root, or one an earlier unit made).
    private let folders: [[String]]
    private let condition = NSCondition()
    /// Units `0..<made` have their folders, or the first error in `failures` (both under `condition`, held only
    /// for moments: a writer and the maker take it once per unit).
    private var made = 0
    private var failures: [Int: Int32] = [:]

    init(folders: [[String]]) {
        self.folders = folders
        let thread = Thread { [self] in run() }
        thread.name = "niemyet folders"
        thread.start()
    }

    private func run() {
        for (unit, paths) in folders.enumerated() {
            var error: Int32 = 0
            for path in paths {
                if mkdir(path, 0o777) != 0 && errno != EEXIST { error = errno; break }
            }
            condition.lock()
            if error != 0 { failures[unit] = error }
            made = unit + 1
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Waits until the folder of `unit` is made; throws when it could not be.
    func wait(for unit: Int) throws {
        condition.lock()
        while made <= unit { condition.wait() }
        let error = failures[unit]
        condition.unlock()
        if let error { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO) }
    }

    /// Waits until every folder is made (so none appears in a staging folder after it was removed).
    func finish() {
        condition.lock()
        while made < folders.count { condition.wait() }
        condition.unlock()
    }
}
