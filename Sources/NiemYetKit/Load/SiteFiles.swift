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

    /// Files directly inside `folder` whose name ends with `suffix`, as site-relative paths, sorted.
    public func files(in folder: String, suffix: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path(folder)) else { return [] }
        return names
            .filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }
            .map { "\(folder)/\($0)" }
            .filter { !isDirectory($0) }
            .sorted()
    }

    /// Every regular file below `folder`, recursively, as site-relative paths, sorted. Hidden files and folders
    /// (a name starting with ".") are left out and symbolic links are not followed.
    /// Read with `readdir`: Foundation's enumerator with URL resource values took ~150 µs a file, 5 ms of a
    /// build's start for the theme alone, while no other work could run yet.
    public func allFiles(below folder: String) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            guard let directory = opendir(path(relative)) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name.hasPrefix(".") { continue }
                let child = "\(relative)/\(name)"
                var kind = Int32(entry.pointee.d_type)
                if kind == Int32(DT_UNKNOWN) {  // file systems that do not say: ask, without following a link
                    var info = stat()
                    guard lstat(path(child), &info) == 0 else { continue }
                    kind = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : 0
                }
                if kind == Int32(DT_DIR) { walk(child) } else if kind == Int32(DT_REG) { result.append(child) }
            }
        }
        walk(folder)
        return result.sorted()
    }
}
