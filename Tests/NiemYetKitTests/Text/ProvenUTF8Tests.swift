import Foundation
import Testing
@testable import NiemYetKit

/// Strings made without validation (`String(provenUTF8:isASCII:)`) rest on proofs: bytes `SimpleText` accepts are
/// valid UTF-8, and text read as simple is the text the validating decoder gave.
@Suite struct ProvenUTF8Tests {
    /// Every two- and three-byte sequence starting with a lead byte of the simple set: those accepted are valid
    /// UTF-8 of one scalar (so the check is a validator for simple text).
    @Test func bytesFoundSimpleAreValidUTF8() {
        var accepted = 0
        for lead: UInt8 in [0xC2, 0xC5, 0xCB, 0xE1, 0xE2] {
            for second in UInt8.min...UInt8.max {
                for third in UInt8.min...UInt8.max {
                    let bytes = lead < 0xE0 ? [lead, second] : [lead, second, third]
                    let simple = bytes.withUnsafeBufferPointer { SimpleText.isSimple($0) }
                    if simple {
                        accepted += 1
                        #expect(String(validating: bytes, as: UTF8.self)?.unicodeScalars.count == 1, "\(bytes)")
                    }
                    if lead < 0xE0 { break }
                }
            }
        }
        // C2, C5, CB: 64 each; E1 B8–BB: 4 × 64; E2: U+2010–U+203F, U+2040–U+206F, U+20A0–U+20BF.
        #expect(accepted == 3 * 64 + 4 * 64 + 48 + 48 + 32, "every simple scalar of these leads is accepted")
    }

    @Test func brokenUTF8IsNotSimpleText() {
        let broken: [[UInt8]] = [
            [0xC3], [0xC3, 0x41], [0xE1, 0xBA], [0xE1, 0xBA, 0x41], [0xE2, 0x80, 0xFF], [0xE2, 0x81],
            [0x61, 0xE1, 0xBB, 0xC3, 0xA0], [0xFF], [0xFE], [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80],
        ]
        for bytes in broken {
            #expect(!bytes.withUnsafeBufferPointer { SimpleText.isSimple($0) }, "\(bytes)")
            #expect(bytes.withUnsafeBufferPointer { SimpleText.string($0) } == nil, "\(bytes)")
        }
    }

    /// A file is read as the validating decoder and Foundation's NFC read it, whichever path it takes.
    @Test(arguments: SimpleTextTests.samples + ["\u{FEFF}Tiêu đề", "\u{FEFF}", "ASCII only", "a\u{0}b"])
    func filesDecodeAsTheValidatingDecoderDecodesThem(_ text: String) throws {
        let bytes = Array(text.utf8)
        let decoded = try #require(bytes.withUnsafeBufferPointer { SiteFiles.decode($0) })
        var expected = try #require(String(validating: bytes, as: UTF8.self))
        if expected.hasPrefix("\u{FEFF}") { expected.removeFirst() }
        expected = expected.precomposedStringWithCanonicalMapping
        #expect(Array(decoded.unicodeScalars) == Array(expected.unicodeScalars), "\(text.debugDescription)")
        #expect(decoded == expected && decoded.hashValue == expected.hashValue)
        #expect(decoded.count == expected.count, "characters are counted alike")
    }

    @Test func aFileThatIsNotUTF8IsRefused() throws {
        for bytes: [UInt8] in [[0x54, 0xE1, 0xBA], [0xC3, 0x41], [0xFF, 0xFE, 0x41, 0x00]] {
            #expect(bytes.withUnsafeBufferPointer { SiteFiles.decode($0) } == nil, "\(bytes)")
        }
        let site = try TestSite(["content/news/2025-07-01-hong.md": TestSite.news(title: "Hỏng", body: "Đoạn")])
        let file = site.root.appendingPathComponent("content/news/2025-07-01-hong.md")
        try (Data(TestSite.news(title: "Hỏng", body: "Đoạn").utf8) + Data([0xE1, 0xBA, 0x0A])).write(to: file)
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.report.contains("not valid UTF-8"), "\(result.report)")
    }
}
