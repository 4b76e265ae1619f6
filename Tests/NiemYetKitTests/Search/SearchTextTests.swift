import Foundation
import Testing
@testable import NiemYetKit

/// The normalisation search shares between the index and the browser: the hand-written cases of
/// `Tests/Fixtures/search-normalisation.json`, checked here for Swift and, when Node is installed, for the very
/// script the site ships (`templates/assets/search.js`); the browser test checks it once more in Chromium.
@Suite struct SearchTextTests {
    struct Case { var input: String; var expected: String; var why: String }

    static let fixture = TestSite.repository.appendingPathComponent("Tests/Fixtures/search-normalisation.json")
    static let script = TestSite.repository.appendingPathComponent("templates/assets/search.js")

    static func cases() throws -> [Case] {
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [[String]] ?? []
        return rows.map { Case(input: $0[0], expected: $0[1], why: $0[2]) }
    }

    /// Words as the fixture writes them: a space inside a phrase, ` | ` where punctuation breaks it.
    static func written(_ words: [SearchText.Word]) -> String {
        words.enumerated().map { ($0.offset == 0 ? "" : $0.element.joinsPrevious ? " " : " | ") + $0.element.text }
            .joined()
    }

    @Test func swiftMatchesEveryFixtureCase() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 30)
        for item in cases {
            #expect(Self.written(SearchText.words(item.input)) == item.expected, "\(item.why): \(item.input)")
        }
    }

    @Test func accentedUnaccentedAndCapitalQueriesGiveTheSameTerms() {
        let expected = ["ho", "ho tich", "tich"]
        for query in ["hộ tịch", "ho tich", "HỘ TỊCH", "ho tịch", "Hộ  Tịch", "ho\u{0323}\u{0302} ti\u{0323}ch"] {
            #expect(SearchText.terms(query).sorted() == expected, "\(query)")
        }
        #expect(SearchText.terms("hồ. Tích").sorted() == ["ho", "tich"])
    }

    @Test func fastScannerAgreesWithTheDefinition() throws {
        var inputs = try Self.cases().map(\.input)
        // Every scalar the table covers, alone, inside a word and between words.
        for value in UInt32(0x80)..<0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            inputs.append("a\(scalar)b \(scalar) Hộ\(scalar)tịch")
        }
        // Random mixes of Vietnamese, marks, punctuation, other scripts and emoji (fixed seed: same run every time).
        let pieces = ["Đường", "hộ", " ", "tịch", ".", "–", "\u{0301}", "\u{0323}", "ΣΟΦΟΣ", "한국", "📄", "İ", "1.000894",
                      "\u{00A0}", "ð", "Ǆ", "ﬁ", "𝐀", "\u{200B}", "\t", "x²", "ʼ", "Ｈ", "“", "ǰ", "ẞ"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<12 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(seed >> 33) % pieces.count]
            }
            inputs.append(text)
        }
        for input in inputs {
            let fast = SearchText.words(input)
            let slow = SearchText.referenceWords(input)
            #expect(fast.map(\.text) == slow.map(\.text), "\(input.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(fast.map(\.joinsPrevious) == slow.map(\.joinsPrevious), "\(input)")
            // Each word's offsets point at its original spelling.
            let bytes = Array(input.utf8)
            for word in fast {
                let original = String(decoding: bytes[word.start..<word.end], as: UTF8.self)
                #expect(SearchText.referenceWords(original).map(\.text) == [word.text], "\(input): \(original)")
            }
        }
    }

    static var hasNode: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/node") }

    /// Runs `search.js` in Node with a small driver; returns its standard output.
    static func node(_ driver: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/node")
        process.arguments = ["-e", "global.window = {}; require(process.argv[1]); const S = window.NiemYetSearch;\n"
                             + driver, script.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: hasNode)) func browserScriptFoldsLikeTheIndex() throws {
        let cases = try Self.cases()
        let inputs = String(decoding: try JSONSerialization.data(withJSONObject: cases.map(\.input)), as: UTF8.self)
        let output = try Self.node("""
            const inputs = \(inputs);
            console.log(JSON.stringify(inputs.map(s => S.words(s).map((w, i) => (i ? (w.j ? ' ' : ' | ') : '') + w.w).join(''))));
            """)
        let got = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String] ?? []
        #expect(got.count == cases.count)
        for (item, js) in zip(cases, got) {
            #expect(js == Self.written(SearchText.words(item.input)), "\(item.why): \(item.input)")
            #expect(js == item.expected, "\(item.why): \(item.input)")
        }
    }

    @Test(.enabled(if: hasNode)) func browserScriptFindsTheSameShardsAndReadsPostingLists() throws {
        let terms = ["ho", "tich", "ho tich", "duong", "dang ky", "khai sinh", "σοφοσ", "𝐀𝐁", "1", "000894"]
        let list: [(Int32, UInt8)] = [(0, 1), (1, 31), (7, 5), (40, 2), (41, 1), (5000, 12), (123_456, 3)]
        let encoded = SearchIndex.encode(list)
        let termsJSON = String(decoding: try JSONSerialization.data(withJSONObject: terms), as: UTF8.self)
        let output = try Self.node("""
            console.log(JSON.stringify(\(termsJSON).map(t => [S.shardOf(t, 2048), S.shardOf(t, 1), S.shardOf(t, 4096)])));
            console.log(JSON.stringify(S.decode('\(encoded)')));
            """)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let shards = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [[Int]] ?? []
        for (term, js) in zip(terms, shards) {
            #expect(js == [SearchIndex.shard(of: term, count: 2048), 0, SearchIndex.shard(of: term, count: 4096)],
                    "\(term)")
        }
        let decoded = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [[Int]] ?? []
        #expect(decoded == list.map { [Int($0.0), Int($0.1)] })
        #expect(SearchIndex.decode(encoded).map { [$0.document, $0.weight] } == decoded)
    }
}
