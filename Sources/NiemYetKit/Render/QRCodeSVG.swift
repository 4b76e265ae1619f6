/// Draws a `QRCode` as SVG: one `<path>` of dark modules on a viewBox one unit per module, so it stays crisp at any
/// size on screen and on paper, with the 4-module light border (quiet zone) scanners need around the symbol.
public enum QRCodeSVG {
    public static let quietZone = 4

    /// Inline SVG for an HTML page, named for screen readers by `label`. The page's CSS gives it its size (it has
    /// no width or height of its own) and a white background, so the quiet zone is light on any theme.
    public static func inline(_ code: QRCode, label: String, className: String = "qr", path: String? = nil) -> String {
        let side = code.size + 2 * quietZone
        let name = XMLText.escape(label)
        return "<svg class=\"\(XMLText.escape(className))\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" "
            + "aria-label=\"\(name)\" shape-rendering=\"crispEdges\" focusable=\"false\">"
            + "<title>\(name)</title><path d=\"\(path ?? pathData(code))\"/></svg>"
    }

    /// A standalone `.svg` file (for `<img>` and for downloading): with its namespace, a size in millimetres that
    /// prints at `millimetres` wide when opened on its own, and a white rectangle behind the symbol.
    public static func file(_ code: QRCode, label: String, millimetres: Int = 30, path: String? = nil) -> String {
        let side = code.size + 2 * quietZone
        let name = XMLText.escape(label)
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(millimetres)mm\" height=\"\(millimetres)mm\" "
            + "viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"\(name)\">"
            + "<title>\(name)</title><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path d=\"\(path ?? pathData(code))\"/></svg>\n"
    }

    /// Each horizontal run of dark modules becomes one closed rectangle `h w v1 h-w z`. Moves are relative to the
    /// previous rectangle's corner (where `z` leaves the pen), which keeps the text short: a version-4 code of a
    /// page URL is about 2 KB.
    /// Built as bytes with hand-made decimal numbers: string interpolation per rectangle made drawing a code
    /// cost as much as rendering its page. The modules are read through one buffer and the bytes written into
    /// another: appending to an array captured by a nested function, and a bounds-checked subscript per module,
    /// still made it 170,000 instructions per code.
    static func pathData(_ code: QRCode) -> String {
        let size = code.size
        // A rectangle is at most 22 bytes (`m-176 -1h177v1h-177z`), and a row of n modules has at most
        // (n + 1) / 2 runs.
        let capacity = size * ((size + 1) / 2) * 22 + 16
        // Written into a scratch buffer of that worst case, then copied into a string of the real length (a
        // sixth of it): every procedure's drawing is kept for the whole build, and strings keep their capacity.
        let bytes = code.withModules { modules in
            [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
                var count = 0
                func put(_ byte: UInt8) { out[count] = byte; count += 1 }
                func number(_ n: Int) {
                    var n = n
                    if n < 0 { put(UInt8(ascii: "-")); n = -n }
                    if n >= 100 { put(UInt8(ascii: "0") + UInt8(n / 100)) }
                    if n >= 10 { put(UInt8(ascii: "0") + UInt8(n / 10 % 10)) }
                    put(UInt8(ascii: "0") + UInt8(n % 10))
                }
                var penX = 0, penY = 0
                var first = true
                for y in 0..<size {
                    let row = y * size
                    var x = 0
                    while x < size {
                        guard modules[row + x] else { x += 1; continue }
                        var end = x + 1
                        while end < size && modules[row + end] { end += 1 }
                        let width = end - x
                        let absX = x + quietZone, absY = y + quietZone
                        put(first ? UInt8(ascii: "M") : UInt8(ascii: "m"))
                        number(first ? absX : absX - penX)
                        put(UInt8(ascii: " "))
                        number(first ? absY : absY - penY)
                        first = false
                        put(UInt8(ascii: "h")); number(width)
                        put(UInt8(ascii: "v")); put(UInt8(ascii: "1")); put(UInt8(ascii: "h")); put(UInt8(ascii: "-"))
                        number(width); put(UInt8(ascii: "z"))
                        penX = absX
                        penY = absY
                        x = end
                    }
                }
                initialized = count
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
