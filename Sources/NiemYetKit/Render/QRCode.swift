import CQREncode
import Foundation

/// A QR code symbol as a square matrix of dark and light modules, made by libqrencode (Debian's
/// `libqrencode-dev`): error-correction level M (about 15% of the symbol may be dirty or torn and it still reads,
/// enough for a notice board), UTF-8 text in 8-bit mode, case kept. We never encode by hand; we only draw the
/// matrix (`QRCodeSVG`).
public struct QRCode: Sendable, Hashable {
    public enum Failure: Error, Sendable, Equatable {
        /// The text is longer than the largest QR code holds at level M (about 2 300 bytes).
        case tooLong
        /// The text holds a NUL character, which the C library cannot take.
        case invalidText
        case encoderFailed(errno: Int32)
    }

    /// The QR version (1–40): its size is `17 + 4 × version` modules.
    public let version: Int
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major, `true` = dark.
    private let modules: [Bool]

    /// Guards `encoded`. The encoder itself runs outside it, on every core: Debian's libqrencode (the
    /// `libqrencode-dev` this project builds against) is compiled with pthread support, which makes it
    /// thread-safe, and procedure pages render side by side, so one lock around the encoder kept the other core
    /// waiting at each QR code.
    private static let lock = NSLock()
    /// Symbols made or being made, by text (under `lock`): `serve` rebuilds draw the same 427 procedure codes at
    /// every save, and a build encodes its procedures' codes ahead of their pages (`prepare`). Each text's symbol
    /// is made once: whoever asks while it is being made waits for it rather than encoding it again. The symbol
    /// depends only on the text (and the fixed level and mode), so this changes no byte; emptied past 10,000
    /// texts.
    nonisolated(unsafe) private static var encoded: [String: Once<Result<Symbol, Failure>>] = [:]
    typealias Symbol = (version: Int, width: Int, modules: [Bool])

    public init(encoding text: String) throws(Failure) {
        (version, size, modules) = try Self.symbol(for: text).get()
    }

    /// Encodes `texts` now, for `init(encoding:)` to find later (see `ProcedurePages.prepareQRCodes`).
    public static func prepare(_ texts: [String]) {
        for text in texts { _ = symbol(for: text) }
    }

    private static func symbol(for text: String) -> Result<Symbol, Failure> {
        if text.utf8.contains(0) { return .failure(.invalidText) }
        let once = lock.withLock {
            if let known = encoded[text] { return known }
            if encoded.count >= 10_000 { encoded.removeAll(keepingCapacity: true) }
            let once = Once<Result<Symbol, Failure>> { encode(text) }
            encoded[text] = once
            return once
        }
        let result = once.get()
        if case .failure = result {  // tried again next time
            lock.withLock { if encoded[text] === once { encoded[text] = nil } }
        }
        return result
    }

    /// Calls libqrencode. All C pointers live and die inside this function.
    static func encode(_ text: String) -> Result<Symbol, Failure> {
        errno = 0
        guard let symbol = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            return .failure(errno == ERANGE ? .tooLong : .encoderFailed(errno: errno))
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        let data = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
        // Bit 0 of each byte is the module colour; the other bits describe what the module is for.
        return .success((Int(symbol.pointee.version), width, data.map { $0 & 1 == 1 }))
    }

    /// The modules row by row (`true` = dark), for drawing the whole symbol without a bounds check per module.
    func withModules<R>(_ body: (UnsafeBufferPointer<Bool>) -> R) -> R {
        modules.withUnsafeBufferPointer(body)
    }

    /// Whether the module at column `x`, row `y` is dark. Outside the symbol (the quiet zone) is light.
    public subscript(x x: Int, y y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}
