import Foundation

/// The names in one folder, read with `readdir`, hidden ones (a name starting with ".": an editor's swap file, a
/// `.git` folder) left out, each with what it is without following a link, in the order the file system gives them.
/// Why not Foundation: its listings ask the file system about every name again (a stat each, and URL work for its
/// enumerator): ~150 µs a file, tens of milliseconds at the start of a large site's build, when nothing else can
/// run yet.
public enum FolderEntries {
    public enum Kind: Sendable { case file, folder, other }

    /// Calls `body` with each entry of the folder at `path` (absolute); nothing when it cannot be read.
    public static func forEach(in path: String, _ body: (_ name: String, _ kind: Kind) -> Void) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasPrefix(".") { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): body(name, .folder)
            case Int32(DT_REG): body(name, .file)
            case Int32(DT_UNKNOWN):  // file systems that do not say: ask, without following a link
                var info = stat()
                guard lstat(path + "/" + name, &info) == 0 else { continue }
                let mode = info.st_mode & S_IFMT
                body(name, mode == S_IFDIR ? .folder : mode == S_IFREG ? .file : .other)
            default: body(name, .other)
            }
        }
    }
}
