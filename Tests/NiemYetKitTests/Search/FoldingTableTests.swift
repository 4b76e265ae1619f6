import Foundation
import Testing
@testable import NiemYetKit

/// The folding table stored in the source (`FoldingTableData.swift`) must be the one `SearchText.fold` defines:
/// search would otherwise fold some letters differently from the browser's script and the tests of `fold`.
@Suite struct FoldingTableTests {
    static let dataFile = TestSite.repository.appendingPathComponent("Sources/NiemYetKit/Search/FoldingTableData.swift")

    @Test func storedTableIsTheOneFoldDefines() throws {
        let computed = FoldingTable.computed()
        let stored = FoldingTable.decode(FoldingTable.runs)
        let same = stored == computed  // compared once: a failing #expect would print both 12,000-entry tables
        if !same, ProcessInfo.processInfo.environment["NIEMYET_WRITE_FOLDING_TABLE"] != nil {
            let source = try String(contentsOf: Self.dataFile, encoding: .utf8)
            let head = source.components(separatedBy: "    static let runs = \"\"\"\n")[0]
            let runs = FoldingTable.encode(computed).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            try (head + "    static let runs = \"\"\"\n" + runs + "\n    \"\"\"\n}\n")
                .write(to: Self.dataFile, atomically: true, encoding: .utf8)
        }
        #expect(same, """
            FoldingTableData.swift is not what SearchText.fold gives (new Unicode data?): write it again with \
            NIEMYET_WRITE_FOLDING_TABLE=1 swift test --filter FoldingTableTests, then run the tests again
            """)
    }

    @Test func runsGiveBackTheTableTheyWereMadeFrom() throws {
        let computed = FoldingTable.computed()
        #expect(computed.count == Int(FoldingTable.limit))
        let roundTrip = FoldingTable.decode(FoldingTable.encode(computed)) == computed
        #expect(roundTrip)
        // Spot checks a reader can follow: Vietnamese letters fold to their base letter, marks are dropped.
        let table = try #require(FoldingTable.decode(FoldingTable.runs))
        let word = UInt32(SearchText.ScalarKind.word.rawValue) << 24
        #expect(table[0x1EC7] == word | 0x65)  // ệ → e
        #expect(table[0x0110] == word | 0x64)  // Đ → d
        #expect(table[0x0301] == SearchText.dropped)  // combining acute
        #expect(FoldingTable.decode("80,2,1,0 83,1,1,0") == nil, "a gap between runs is malformed")
    }
}
