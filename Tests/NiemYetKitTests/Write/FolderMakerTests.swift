import Foundation
import Testing
@testable import NiemYetKit

@Suite struct FolderMakerTests {
    private func temporaryFolder() throws -> URL {
        let url = TestFolders.unique("folders")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func everyUnitFindsItsFolderMade() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        // Every third unit's folder is inside the one before it, made together with it.
        let paths: [[String]] = (0..<300).map { unit in
            if unit % 7 == 0 { return [] }
            let own = root.path + "/unit-\(unit)"
            return unit % 3 == 0 ? [own, own + "/inner"] : [own]
        }
        let maker = FolderMaker(folders: paths)
        // Asked from the last unit backwards: a writer ahead of the maker waits for its folder.
        for unit in paths.indices.reversed() {
            try maker.wait(for: unit)
            for path in paths[unit] {
                var isFolder: ObjCBool = false
                #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue,
                        "unit \(unit)'s folder exists once its writer is let through")
            }
        }
        maker.finish()
        let made = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(made.count == paths.filter { !$0.isEmpty }.count,
                "nothing is made for units without a folder of their own")
    }

    @Test func aFolderThatCannotBeMadeFailsOnlyItsUnit() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        // A file where a parent folder should be: mkdir fails with ENOTDIR.
        try Data("x".utf8).write(to: root.appendingPathComponent("blocked"))
        let maker = FolderMaker(folders: [[root.path + "/a"], [root.path + "/blocked/b"], [root.path + "/c"]])
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
        let maker = FolderMaker(folders: [[root.path + "/there"]])
        try maker.wait(for: 0)
        maker.finish()
    }

    @Test func eachFolderIsMadeOnceBeforeTheFirstUnitInsideIt() {
        let units = ["tin-tuc/a", "tin-tuc", "", "thu-tuc/x/y", "thu-tuc/x", "thu-tuc/z"].map {
            OutputFolder.WritingUnit(folder: $0, jobs: [])
        }
        #expect(OutputFolder.foldersToMake(units) == [
            ["tin-tuc", "tin-tuc/a"], [], [], ["thu-tuc", "thu-tuc/x", "thu-tuc/x/y"], [], ["thu-tuc/z"],
        ])
    }
}
