import CFileSwap
import Foundation

/// The output folder, replaced as a whole: a build writes into a hidden sibling folder and swaps it in only when
/// everything succeeded, so the live site is never half old and half new, and a failed build changes nothing.
/// Files whose bytes did not change are hard-linked from the previous output, keeping their modification time:
/// rsync and CDN caches then see only what really changed.
public enum StageResult: Sendable { case success(URL), failure([Diagnostic]) }

public struct OutputFolder: Sendable {
    public let target: URL
    let files: SiteFiles

    public init(target: URL, site: SiteFiles) {
        self.target = target.standardizedFileURL.resolvingSymlinksInPath()
        self.files = site
    }

    /// Refuses targets whose replacement would destroy sources: `/`, the site, its content or templates, or
    /// any folder that contains the site.
    public func checkSafe() -> Diagnostic? {
        let out = target.path
        let site = files.root.resolvingSymlinksInPath().path
        let forbidden = [site, site + "/content", site + "/templates", "/", NSHomeDirectory()]
        if forbidden.contains(out) || (site + "/").hasPrefix(out + "/") || out == "/" {
            return .error("refusing to use \(out) as the output folder: it would replace the site's own files",
                          at: nil)
        }
        for source in [site + "/content/", site + "/templates/"] where (out + "/").hasPrefix(source) {
            return .error("refusing to write the output inside \(source)", at: nil)
        }
        return nil
    }

    /// Writes every job into a fresh staging folder; returns it, or the problems that stopped the writing.
    public func stage(_ jobs: [OutputJob]) -> StageResult {
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).staging-\(getpid())")
        // Every folder is made by `FolderMaker`, on its own thread while the units render: a unit's folder with
        // those of its parents not made yet, in unit order. Creating 12,000 folders one by one before rendering
        // anything was a fifth of a large build; making the ~125 folders that hold other folders first still kept
        // one core idle for the first milliseconds of writing. Letting every job try its folder cost 14,000 failed
        // mkdir calls for the files that share one (search data, QR codes). Paths are plain strings: URL path
        // appending was hot too.
        let stagingPath = staging.path, targetPath = target.path
        let units = Self.writingUnits(jobs)
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            return .failure([.error("cannot create \(staging.path): \(error.localizedDescription)", at: nil)])
        }
        let folders = FolderMaker(folders: Self.foldersToMake(units).map { $0.map { stagingPath + "/" + $0 } })
        let hasPrevious = fm.fileExists(atPath: targetPath)  // a first build has nothing to reuse: no stat per file
        let problems = Array(units.indices).parallelMap { index -> [Diagnostic] in
            let unit = units[index]
            func failure(_ job: OutputJob, _ error: Error) -> Diagnostic {
                .error("cannot write \(job.filePath): \(error.localizedDescription)",
                       at: job.source.map { SourceLocation(path: $0) })
            }
            do { try folders.wait(for: index) } catch {
                return unit.jobs.map { failure(jobs[$0], error) }
            }
            return unit.jobs.compactMap { position -> Diagnostic? in
                let job = jobs[position]
                let destination = stagingPath + "/" + job.filePath
                let previous = targetPath + "/" + job.filePath
                do {
                    let (data, reused) = try make(job)
                    if reused && link(previous, destination) == 0 { return nil }
                    if !(hasPrevious && Self.reuse(previous, ifEqualTo: data, at: destination)) {
                        try Self.writeFile(data, to: destination)
                    }
                    return nil
                } catch {
                    return failure(job, error)
                }
            }
        }.flatMap { $0 }
        folders.finish()
        if !problems.isEmpty {
            try? fm.removeItem(at: staging)
            return .failure(problems)
        }
        return .success(staging)
    }

    /// The files of one folder, written by one thread in job order.
    struct WritingUnit: Sendable {
        var folder: String
        var jobs: [Int]
    }

    /// A folder with at least this many files is crowded: its unit goes first (see `writingUnits`).
    static let crowdedFolder = 16

    /// The jobs grouped by the folder they write into, each folder's files one unit of work. Creating a file
    /// locks its folder, and ext4 may take long under that lock (it skips inodes deleted in the last minutes):
    /// two threads writing the 2,048 search shards side by side made the other core spin on the lock, a tenth of a
    /// large build's CPU time. One unit per folder also keeps a procedure's page and its qr.svg on one thread, in
    /// order, so the file's job finds the code the page encoded instead of waiting for it on the other core.
    /// Crowded folders (search data) go first, so their long units do not end the build with one core idle.
    static func writingUnits(_ jobs: [OutputJob]) -> [WritingUnit] {
        var unitOf: [String: Int] = [:]
        unitOf.reserveCapacity(jobs.count)
        var units: [WritingUnit] = []
        for (position, job) in jobs.enumerated() {
            let folder = folder(of: job.filePath)
            if let unit = unitOf[folder] {
                units[unit].jobs.append(position)
            } else {
                unitOf[folder] = units.count
                units.append(WritingUnit(folder: folder, jobs: [position]))
            }
        }
        return units.filter { $0.jobs.count >= crowdedFolder } + units.filter { $0.jobs.count < crowdedFolder }
    }

    /// Per unit, the folders to make before its files are written, relative to the staging root: the parents of
    /// its folder that no earlier unit made, outermost first, then the folder itself (unless made already).
    static func foldersToMake(_ units: [WritingUnit]) -> [[String]] {
        var made: Set<String> = [""]
        return units.map { unit in
            var missing: [String] = []
            var folder = unit.folder
            while made.insert(folder).inserted {
                missing.append(folder)
                folder = Self.folder(of: folder)
            }
            return missing.reversed()
        }
    }

    /// `a/b/index.html` → `a/b`; `sitemap.xml` → empty.
    private static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// open/write/close: Foundation's Data.write also fsyncs every file, which made writing 16,000 files wait
    /// on the disk (and is not needed: a crashed build leaves only the staging folder behind).
    private static func writeFile(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
    }


    /// What `update` did: the files it wrote or removed (paths inside the output folder), and what went wrong.
    public struct Update: Sendable {
        public var changed: [String] = []
        public var problems: [Diagnostic] = []
    }

    /// `serve`'s way: updates the target in place, writing only the files whose bytes changed (each into a
    /// temporary file renamed over the old one, so a browser never reads half a page) and removing files that
    /// are no longer planned. Much quicker than staging a whole new folder when one article changed; it is
    /// only used for the preview folder, which is never published.
    ///
    /// HTML pages made from `first` (source files) are written before all others and `firstWritten` is told
    /// which files they changed: the page an editor just saved is on screen before the lists that show it are
    /// redone. (Other files, a stylesheet say, wait for the pages that name them.)
    public func update(_ jobs: [OutputJob], first: Set<String> = [],
                       firstWritten: (@Sendable (Update) -> Void)? = nil) -> Update {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            for folder in Self.folders(of: jobs) where !isDirectory(target.path + "/" + folder) {
                try fm.createDirectory(at: target.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        } catch {
            return Update(problems: [.error("cannot create \(target.path): \(error.localizedDescription)", at: nil)])
        }
        var result = Update()
        func isEarly(_ job: OutputJob) -> Bool {
            job.filePath.hasSuffix(".html") && (job.source.map(first.contains) ?? false)
        }
        let early = first.isEmpty ? [] : jobs.filter(isEarly)
        if !early.isEmpty {
            result = write(early)
            firstWritten?(result)
        }
        let rest = early.isEmpty ? jobs : jobs.filter { !isEarly($0) }
        let later = write(rest)
        result.changed += later.changed
        result.problems += later.problems
        result.changed += removeUnplanned(keeping: Set(jobs.map(\.filePath)), in: target.path, relative: "")
        return result
    }

    /// Makes the jobs and writes those whose bytes differ from the file in the target.
    private func write(_ jobs: [OutputJob]) -> Update {
        let targetPath = target.path
        let outcomes = jobs.parallelMap { job -> (String?, Diagnostic?) in
            let destination = targetPath + "/" + job.filePath
            do {
                let (data, reused) = try make(job)
                if reused || Self.holds(destination, data) { return (nil, nil) }
                let slash = destination.lastIndex(of: "/")!
                let temporary = String(destination[..<slash]) + "/."
                    + String(destination[destination.index(after: slash)...]) + ".\(getpid()).tmp"
                try Self.writeFile(data, to: temporary)
                if rename(temporary, destination) != 0 {
                    let reason = String(cString: strerror(errno))
                    unlink(temporary)
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
                }
                return (job.filePath, nil)
            } catch {
                return (nil, .error("cannot write \(job.filePath): \(error.localizedDescription)",
                                    at: job.source.map { SourceLocation(path: $0) }))
            }
        }
        return Update(changed: outcomes.compactMap { $0.0 }, problems: outcomes.compactMap { $0.1 })
    }

    /// The job's bytes, and whether they are the previous output file's, taken as they are by the page memo
    /// (which finds that file through `BuildCache.currentJob`).
    private func make(_ job: OutputJob) throws -> (Data, reused: Bool) {
        let context = JobContext(filePath: job.filePath)
        switch BuildCache.$currentJob.withValue(context, operation: job.make) {
        case .bytes(let data): return (data, context.reusedPreviousFile)
        case .copy(let source): return (try files.data(source), false)
        }
    }

    /// Every folder the jobs write into, parents before children.
    private static func folders(of jobs: [OutputJob]) -> [String] {
        Set(jobs.map { folder(of: $0.filePath) }).filter { !$0.isEmpty }.sorted()
    }

    /// Deletes files (and then empty folders) below `folder` that no job wrote; returns the deleted files.
    private func removeUnplanned(keeping planned: Set<String>, in folder: String, relative: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names {
            let path = folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            if isDirectory(path) {
                removed += removeUnplanned(keeping: planned, in: path, relative: rel)
                rmdir(path)  // only succeeds when now empty
            } else if !planned.contains(rel) {
                unlink(path)
                removed.append(rel)
            }
        }
        return removed
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when `path` is a regular file holding exactly `data`.
    private static func holds(_ path: String, _ data: Data) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count,
              let old = FileManager.default.contents(atPath: path) else { return false }
        return old == data
    }

    /// Hard-links the previous output file into the staging folder when its bytes are the same.
    private static func reuse(_ previous: String, ifEqualTo data: Data, at destination: String) -> Bool {
        holds(previous, data) && link(previous, destination) == 0
    }

    /// Puts the staging folder in place of the target in one step and removes the old output.
    public func commit(_ staging: URL) -> Diagnostic? {
        let fm = FileManager.default
        if !fm.fileExists(atPath: target.path) {
            do { try fm.moveItem(at: staging, to: target) } catch {
                return .error("cannot move the new output into place: \(error.localizedDescription)", at: nil)
            }
            return nil
        }
        if niemyet_exchange_paths(staging.path, target.path) != 0 {
            // No atomic exchange on this system: two renames, with a moment where the folder is absent.
            let old = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
            do {
                try? fm.removeItem(at: old)
                try fm.moveItem(at: target, to: old)
                try fm.moveItem(at: staging, to: target)
                try? fm.removeItem(at: old)
            } catch {
                return .error("cannot replace the output folder: \(error.localizedDescription)", at: nil)
            }
            return nil
        }
        try? fm.removeItem(at: staging)  // now holds the previous output
        return nil
    }
}
