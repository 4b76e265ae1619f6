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
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for folder in Self.folders(of: jobs) {
                try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        } catch {
            return .failure([.error("cannot create \(staging.path): \(error.localizedDescription)", at: nil)])
        }
        let stagingPath = staging.path, targetPath = target.path
        let problems = jobs.parallelMap { job -> Diagnostic? in
            let destination = stagingPath + "/" + job.filePath
            let previous = targetPath + "/" + job.filePath
            do {
                let (data, reused) = try make(job)
                if reused && link(previous, destination) == 0 { return nil }
                if !Self.reuse(previous, ifEqualTo: data, at: destination) {
                    try data.write(to: URL(fileURLWithPath: destination))
                }
                return nil
            } catch {
                return .error("cannot write \(job.filePath): \(error.localizedDescription)",
                              at: job.source.map { SourceLocation(path: $0) })
            }
        }.compactMap { $0 }
        if !problems.isEmpty {
            try? fm.removeItem(at: staging)
            return .failure(problems)
        }
        return .success(staging)
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
                try data.write(to: URL(fileURLWithPath: temporary))
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
        Set(jobs.map { ($0.filePath as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }.sorted()
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
