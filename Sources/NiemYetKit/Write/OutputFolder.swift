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
        // Folders that hold other folders are made first, parents before children; each job makes its own
        // folder while the jobs run in parallel. Creating 12,000 folders one by one before rendering anything
        // was a fifth of a large build. Paths are plain strings: URL path appending was hot too.
        let stagingPath = staging.path, targetPath = target.path
        var inner = Set<String>()
        for job in jobs {
            var folder = Self.folder(of: Self.folder(of: job.filePath))
            while !folder.isEmpty, inner.insert(folder).inserted { folder = Self.folder(of: folder) }
        }
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for folder in inner.sorted() { try Self.makeFolder(stagingPath + "/" + folder) }
        } catch {
            return .failure([.error("cannot create \(staging.path): \(error.localizedDescription)", at: nil)])
        }
        let made = inner
        let hasPrevious = fm.fileExists(atPath: targetPath)  // a first build has nothing to reuse: no stat per file
        let problems = jobs.parallelMap { job -> Diagnostic? in
            let destination = stagingPath + "/" + job.filePath
            let previous = targetPath + "/" + job.filePath
            do {
                let folder = Self.folder(of: job.filePath)
                if !folder.isEmpty && !made.contains(folder) { try Self.makeFolder(stagingPath + "/" + folder) }
                switch job.make() {
                case .bytes(let data):
                    if !(hasPrevious && Self.reuse(previous, ifEqualTo: data, at: destination)) { try Self.write(data, to: destination) }
                case .copy(let source):
                    let data = try files.data(source)
                    if !(hasPrevious && Self.reuse(previous, ifEqualTo: data, at: destination)) { try Self.write(data, to: destination) }
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

    /// `a/b/index.html` → `a/b`; `sitemap.xml` → empty.
    private static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// mkdir(2); a folder that is already there (another job's) is fine.
    private static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// open/write/close: Foundation's Data.write also fsyncs every file, which made writing 16,000 files wait
    /// on the disk (and is not needed: a crashed build leaves only the staging folder behind).
    private static func write(_ data: Data, to path: String) throws {
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

    /// Hard-links the previous output file into the staging folder when its bytes are the same.
    private static func reuse(_ previous: String, ifEqualTo data: Data, at destination: String) -> Bool {
        var info = stat()
        guard stat(previous, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count,
              let old = FileManager.default.contents(atPath: previous), old == data else { return false }
        return link(previous, destination) == 0
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
