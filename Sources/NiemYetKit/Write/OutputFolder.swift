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
            let folders = Set(jobs.map { ($0.filePath as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }
            for folder in folders.sorted() {
                try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        } catch {
            return .failure([.error("cannot create \(staging.path): \(error.localizedDescription)", at: nil)])
        }
        let problems = jobs.parallelMap { job -> Diagnostic? in
            let destination = staging.appendingPathComponent(job.filePath)
            let previous = target.appendingPathComponent(job.filePath)
            do {
                // The page memo finds the previous bytes of a page by the job's file (see `BuildCache.page`).
                switch BuildCache.$currentJobFile.withValue(job.filePath, operation: job.make) {
                case .bytes(let data):
                    if !Self.reuse(previous, ifEqualTo: data, at: destination) { try data.write(to: destination) }
                case .copy(let source):
                    let data = try files.data(source)
                    if !Self.reuse(previous, ifEqualTo: data, at: destination) { try data.write(to: destination) }
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

    /// `serve`'s way: updates the target in place, writing only the files whose bytes changed (each into a
    /// temporary file renamed over the old one, so a browser never reads half a page) and removing files that
    /// are no longer planned. Much quicker than staging a whole new folder when one article changed; it is
    /// only used for the preview folder, which is never published.
    public func update(_ jobs: [OutputJob]) -> [Diagnostic] {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            let folders = Set(jobs.map { ($0.filePath as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }
            for folder in folders.sorted() where !isDirectory(target.appendingPathComponent(folder).path) {
                try fm.createDirectory(at: target.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        } catch {
            return [.error("cannot create \(target.path): \(error.localizedDescription)", at: nil)]
        }
        let problems = jobs.parallelMap { job -> Diagnostic? in
            let destination = target.appendingPathComponent(job.filePath)
            do {
                let data: Data
                switch BuildCache.$currentJobFile.withValue(job.filePath, operation: job.make) {
                case .bytes(let bytes): data = bytes
                case .copy(let source): data = try files.data(source)
                }
                if Self.holds(destination, data) { return nil }
                let temporary = destination.deletingLastPathComponent()
                    .appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).tmp")
                try data.write(to: temporary)
                if rename(temporary.path, destination.path) != 0 {
                    let reason = String(cString: strerror(errno))
                    try? fm.removeItem(at: temporary)
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
                }
                return nil
            } catch {
                return .error("cannot write \(job.filePath): \(error.localizedDescription)",
                              at: job.source.map { SourceLocation(path: $0) })
            }
        }.compactMap { $0 }
        removeUnplanned(keeping: Set(jobs.map(\.filePath)), in: target.path, relative: "")
        return problems
    }

    /// Deletes files (and then empty folders) below `folder` that no job wrote.
    private func removeUnplanned(keeping planned: Set<String>, in folder: String, relative: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let path = folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            if isDirectory(path) {
                removeUnplanned(keeping: planned, in: path, relative: rel)
                rmdir(path)  // only succeeds when now empty
            } else if !planned.contains(rel) {
                unlink(path)
            }
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when `url` is a regular file holding exactly `data`.
    private static func holds(_ url: URL, _ data: Data) -> Bool {
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count,
              let old = FileManager.default.contents(atPath: url.path) else { return false }
        return old == data
    }

    /// Hard-links the previous output file into the staging folder when its bytes are the same.
    private static func reuse(_ previous: URL, ifEqualTo data: Data, at destination: URL) -> Bool {
        var info = stat()
        guard stat(previous.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count,
              let old = FileManager.default.contents(atPath: previous.path), old == data else { return false }
        return link(previous.path, destination.path) == 0
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
