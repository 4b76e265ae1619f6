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
        FolderEntries.forEach(in: path(folder)) { name, kind in
            guard name.hasSuffix(suffix) else { return }
            let child = "\(folder)/\(name)"
            // Only links and the like need asking: they count as folders when they lead to one.
            if kind == .folder || (kind == .other && isDirectory(child)) { return }
            result.append(child)
        }
        return result.sorted()
    }

    /// Every regular file below `folder`, recursively, as site-relative paths, sorted. Hidden files and folders
    /// are left out and symbolic links are not followed (see `FolderEntries`).
    public func allFiles(below folder: String) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            FolderEntries.forEach(in: path(relative)) { name, kind in
                let child = "\(relative)/\(name)"
                switch kind {
                case .folder: walk(child)
                case .file: result.append(child)
                case .other: break
                }
            }
        }
        walk(folder)
        return result.sorted()
    }
}
