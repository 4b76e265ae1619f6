import Foundation
import Testing
@testable import NiemYetKit

/// Procedure pages render on every core and each draws its QR code, so the encoder is called from several
/// threads at once (it is not behind a lock any more). A code made that way must be the code the encoder makes
/// alone: a scrambled module would send a citizen's phone to a wrong address, or nowhere.
@Suite struct QRCodeTests {
    @Test func codesMadeOnSeveralThreadsAtOnceAreTheCodesMadeOneAtATime() throws {
        let texts = (0..<400).map { "https://xa.example.gov.vn/thu-tuc/\(1_000_000 + $0 * 7919)/qr-threads" }
        let together = ResultBox(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: texts.count) { index in
            together.set(index, try? QRCode(encoding: texts[index]))
        }
        for (index, text) in texts.enumerated() {
            let (version, size, modules) = try QRCode.encode(text).get()
            let code = try #require(together.values[index], "\(text) was not encoded")
            #expect(code.version == version && code.size == size, "\(text)")
            let drawn = (0..<size * size).map { code[x: $0 % size, y: $0 / size] }
            #expect(drawn == modules, "\(text): modules differ")
        }
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [QRCode?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: QRCode?) { lock.withLock { values[index] = value } }
}

/// A build encodes the procedures' QR codes ahead of their pages, from the file names (`prepareQRCodes`). What it
/// encodes ahead must be exactly what the pages encode, base path included, or the work is done twice.
@Suite struct EarlyQRCodeTests {
    @Test func codesEncodedAheadAreTheAddressesThePagesEncode() throws {
        let site = try TestSite([
            "content/procedures/1.000894.md": ProcedureFixture.file(code: "1.000894"),
            "content/procedures/2.001188.md": ProcedureFixture.file(code: "2.001188", title: "Chứng thực bản sao"),
            "content/procedures/ghi-chu.md": "not a procedure code: not encoded ahead",
        ], siteYAML: """
            title: Cổng thông tin xã Thử Nghiệm
            base_url: https://thu.example.test/cong/
            language: vi
            """)
        let files = SiteFiles(root: site.root)
        let config = try #require(SiteConfig.load(files, baseURLOverride: nil, log: DiagnosticLog()))
        let ahead = ProcedurePages.qrTexts(files: files, config: config)
        #expect(ahead == ["https://thu.example.test/cong/thu-tuc/1.000894/",
                          "https://thu.example.test/cong/thu-tuc/2.001188/"])
        try site.remove("content/procedures/ghi-chu.md")
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        for text in ahead {
            let code = text.split(separator: "/").last.map(String.init) ?? ""
            let svg = try #require(site.page("thu-tuc/\(code)/qr.svg"))
            #expect(svg.contains(text), "the page's QR code names \(text)")
            // The same symbol as encoding the address now.
            let fresh = try QRCode(encoding: text)
            let (version, size, modules) = try QRCode.encode(text).get()
            #expect(fresh.version == version && fresh.size == size)
            #expect((0..<size * size).map { fresh[x: $0 % size, y: $0 / size] } == modules)
        }
    }
}
