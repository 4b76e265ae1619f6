import Foundation

/// Read-only view of a site folder. Every loader goes through this so paths in messages are relative to the
/// site, listings are sorted (never file-system order) and text is normalised to NFC once, at the door.
public struct SiteFiles: Sendable {
    public let root: URL
    /// `root.path`, kept: joining strings is cheap, while `URL.appendingPathComponent` for each of the 14,000
    /// files of a large site was 3% of its build.
    private let rootPath: String

    public init(root: URL) {
        self.root = root.standardizedFileURL
        self.rootPath = self.root.path
    }

    public func url(_ relativePath: String) -> URL {
        URL(fileURLWithPath: path(relativePath))
    }

    /// The file's absolute path.
    public func path(_ relativePath: String) -> String {
        relativePath.isEmpty ? rootPath : rootPath + "/" + relativePath
    }

    public func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relativePath))
    }

    public func isDirectory(_ relativePath: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relativePath), isDirectory: &isDir) && isDir.boolValue
    }

    public func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(relativePath), isDirectory: false))
    }

    /// The file as NFC text. Editors on some keyboards type decomposed diacritics; normalising here makes
    /// "Hộ tịch" typed either way the same string everywhere downstream (slugs, sorting, search, duplicates).
    public func text(_ relativePath: String) throws -> String {
        let decoded = if let bytes = FileBytes.read(path(relativePath)) {
            bytes.withUnsafeBufferPointer { Self.decode($0) }
        } else {
            try data(relativePath).withUnsafeBytes { Self.decode($0.assumingMemoryBound(to: UInt8.self)) }
        }
        guard let decoded else {
            throw Diagnostic.error("file is not valid UTF-8 text", at: SourceLocation(path: relativePath))
        }
        return decoded
    }

    /// UTF-8 bytes as NFC text without a byte order mark; nil when they are not UTF-8.
    /// Nearly every file is simple text (see `SimpleText`), which is valid UTF-8 and already NFC: one pass over
    /// its bytes proves both. Other text goes through the standard library's validating decoder (not
    /// Foundation's String(data:encoding:)) and Foundation's NFC. Validating, then checking simplicity, was two
    /// passes over every file, both hot when loading thousands of them.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if let simple = SimpleText.string(bytes) { return simple }  // a byte order mark is not simple text
        guard var text = String(validating: bytes, as: UTF8.self) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.precomposed
    }

    public func size(_ relativePath: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path(relativePath))[.size] as? NSNumber)?.intValue
    }

    /// Files directly inside `folder` whose name ends with `suffix`, as site-relative paths, sorted: everything
    /// not hidden that is not a folder (a link to a file counts as one).
    public func files(in folder: String, suffix: String) -> [String] {
        var result: [String] = []
        forEachEntry(of: folder) { name, kind in
            guard name.hasSuffix(suffix) else { return }
            let child = "\(folder)/\(name)"
            // Only links and the like need asking: they count as folders when they lead to one.
            if kind == .directory || (kind == .other && isDirectory(child)) { return }
            result.append(child)
        }
        return result.sorted()
    }

    /// Every regular file below `folder`, recursively, as site-relative paths, sorted. Hidden files and folders
    /// (a name starting with ".") are left out and symbolic links are not followed.
    public func allFiles(below folder: String) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            forEachEntry(of: relative) { name, kind in
                let child = "\(relative)/\(name)"
                switch kind {
                case .directory: walk(child)
                case .file: result.append(child)
                case .other: break
                }
            }
        }
        walk(folder)
        return result.sorted()
    }

    private enum EntryKind { case file, directory, other }

    /// The names in `folder`, hidden ones left out, each with what it is without following a link, in the order
    /// the file system gives them.
    /// Read with `readdir`: Foundation's listings ask the file system about every name again (a stat each, and
    /// URL work for its enumerator): ~150 µs a file, tens of milliseconds at the start of a large site's build,
    /// when nothing else can run yet.
    private func forEachEntry(of folder: String, _ body: (String, EntryKind) -> Void) {
        guard let directory = opendir(path(folder)) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasPrefix(".") { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {  // file systems that do not say: ask, without following a link
                var info = stat()
                guard lstat(path("\(folder)/\(name)"), &info) == 0 else { continue }
                let mode = info.st_mode & S_IFMT
                type = mode == S_IFDIR ? Int32(DT_DIR) : mode == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK)
            }
            body(name, type == Int32(DT_DIR) ? .directory : type == Int32(DT_REG) ? .file : .other)
        }
    }
}
