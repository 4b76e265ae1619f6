import Foundation
import Testing
@testable import NiemYetKit

@Suite struct FolderMakerTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ny-folders-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func everyUnitFindsItsFolderMade() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths: [String?] = (0..<300).map { $0 % 7 == 0 ? nil : root.path + "/unit-\($0)" }
        let maker = FolderMaker(paths: paths)
        // Asked from the last unit backwards: a writer ahead of the maker waits for its folder.
        for unit in paths.indices.reversed() {
            try maker.wait(for: unit)
            if let path = paths[unit] {
                var isFolder: ObjCBool = false
                #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue,
                        "unit \(unit)'s folder exists once its writer is let through")
            }
        }
        maker.finish()
        let made = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(made.count == paths.compactMap { $0 }.count, "nothing is made for units without a folder of their own")
    }

    @Test func aFolderThatCannotBeMadeFailsOnlyItsUnit() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        // A file where a parent folder should be: mkdir fails with ENOTDIR.
        try Data("x".utf8).write(to: root.appendingPathComponent("blocked"))
        let maker = FolderMaker(paths: [root.path + "/a", root.path + "/blocked/b", root.path + "/c"])
        try maker.wait(for: 0)
        #expect(throws: POSIXError.self) { try maker.wait(for: 1) }
        try maker.wait(for: 2)
        maker.finish()
        #expect(FileManager.default.fileExists(atPath: root.path + "/c"))
    }

    @Test func aFolderThatIsAlreadyThereIsFine() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("there"), withIntermediateDirectories: false)
        let maker = FolderMaker(paths: [root.path + "/there"])
        try maker.wait(for: 0)
        maker.finish()
    }
}
