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
