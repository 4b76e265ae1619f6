import Foundation

/// Where the tests' temporary folders go: one folder per test process, removed when the process exits. Each run
/// of the suite makes about a hundred site trees, and left every one of them in the temporary directory.
enum TestFolders {
    static let prefix = "niemyet-tests-"

    /// `<tmp>/niemyet-tests-<pid>`, made on first use. Folders of earlier runs whose process is gone are removed
    /// then: a run that crashed or was stopped never reached its exit handler.
    static let root: URL = {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory
        for name in (try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? fm.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
        let root = tmp.appendingPathComponent("\(prefix)\(getpid())")
        try? fm.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestFolders.root) }
        return root
    }()

    /// A path no other test uses, inside `root`, not made yet: `<name>-<UUID>`.
    static func unique(_ name: String) -> URL {
        root.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }
}
