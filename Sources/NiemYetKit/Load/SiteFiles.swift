import Foundation

/// Read-only view of a site folder. Every loader goes through this so paths in messages are relative to the
/// site, listings are sorted (never file-system order) and text is normalised to NFC once, at the door.
public struct SiteFiles: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    public func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: url(relativePath).path)
    }

    public func isDirectory(_ relativePath: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url(relativePath).path, isDirectory: &isDir) && isDir.boolValue
    }

    public func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    /// The file as NFC text. Editors on some keyboards type decomposed diacritics; normalising here makes
    /// "Hộ tịch" typed either way the same string everywhere downstream (slugs, sorting, search, duplicates).
    public func text(_ relativePath: String) throws -> String {
        let data = try data(relativePath)
        let decoded = data.withUnsafeBytes { raw in String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) }
        guard var text = decoded else {
            throw Diagnostic.error("file is not valid UTF-8 text", at: SourceLocation(path: relativePath))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return Self.isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when every character is one that NFC leaves alone and no combining mark follows it: ASCII, Latin-1
    /// and Latin Extended-A/B (below U+0300), precomposed Vietnamese letters (Latin Extended Additional,
    /// U+1E00–U+1EFF), general punctuation and currency signs (U+2002–U+20CF: dashes, quotes, `…`, `₫`; U+2000
    /// and U+2001 are not: NFC turns them into U+2002 and U+2003).
    /// Nearly every content file qualifies, and skipping Foundation's normalisation for them is what makes
    /// loading a thousand articles cheap. Anything else (a combining accent typed on some keyboards) is
    /// normalised as before.
    static func isSurelyNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // Read on the UTF-8 bytes of valid text: lead bytes C2–CB are U+0080–U+02FF; E1 B8–BB is
            // U+1E00–U+1EFF; E2 80 82 … E2 83 8F is U+2002–U+20CF.
            var i = 0
            let count = bytes.count
            while i < count {
                let byte = bytes[i]
                if byte < 0x80 { i += 1; continue }
                if byte >= 0xC2 && byte <= 0xCB { i += 2; continue }
                guard byte == 0xE1 || byte == 0xE2, i + 2 < count else { return false }
                let second = bytes[i + 1], third = bytes[i + 2]
                if byte == 0xE1 {
                    guard second >= 0xB8 && second <= 0xBB else { return false }
                } else {
                    guard (second == 0x80 && third >= 0x82) || second == 0x81 || second == 0x82
                            || (second == 0x83 && third <= 0x8F) else { return false }
                }
                i += 3
            }
            return true
        }
    }

    public func size(_ relativePath: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: url(relativePath).path)[.size] as? NSNumber)?.intValue
    }

    /// Files directly inside `folder` whose name ends with `suffix`, as site-relative paths, sorted.
    public func files(in folder: String, suffix: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url(folder).path) else { return [] }
        return names
            .filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }
            .map { "\(folder)/\($0)" }
            .filter { !isDirectory($0) }
            .sorted()
    }

    /// Every regular file below `folder`, recursively, as site-relative paths, sorted.
    public func allFiles(below folder: String) -> [String] {
        let base = url(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var result: [String] = []
        let basePath = base.standardizedFileURL.path
        for case let file as URL in walker {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = file.standardizedFileURL.path
            guard full.hasPrefix(basePath + "/") else { continue }
            let relative = String(full.dropFirst(basePath.count + 1))
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            result.append("\(folder)/\(relative)")
        }
        return result.sorted()
    }
}
