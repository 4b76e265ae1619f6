/// Draws a `QRCode` as SVG: one `<path>` of dark modules on a viewBox one unit per module, so it stays crisp at any
/// size on screen and on paper, with the 4-module light border (quiet zone) scanners need around the symbol.
public enum QRCodeSVG {
    public static let quietZone = 4

    /// Inline SVG for an HTML page, named for screen readers by `label`. The page's CSS gives it its size (it has
    /// no width or height of its own) and a white background, so the quiet zone is light on any theme.
    public static func inline(_ code: QRCode, label: String, className: String = "qr") -> String {
        let side = code.size + 2 * quietZone
        let name = XMLText.escape(label)
        return "<svg class=\"\(XMLText.escape(className))\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" "
            + "aria-label=\"\(name)\" shape-rendering=\"crispEdges\" focusable=\"false\">"
            + "<title>\(name)</title><path d=\"\(pathData(code))\"/></svg>"
    }

    /// A standalone `.svg` file (for `<img>` and for downloading): with its namespace, a size in millimetres that
    /// prints at `millimetres` wide when opened on its own, and a white rectangle behind the symbol.
    public static func file(_ code: QRCode, label: String, millimetres: Int = 30) -> String {
        let side = code.size + 2 * quietZone
        let name = XMLText.escape(label)
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(millimetres)mm\" height=\"\(millimetres)mm\" "
            + "viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"\(name)\">"
            + "<title>\(name)</title><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path d=\"\(pathData(code))\"/></svg>\n"
    }

    /// Each horizontal run of dark modules becomes one closed rectangle `h w v1 h-w z`. Moves are relative to the
    /// previous rectangle's corner (where `z` leaves the pen), which keeps the text short: a version-4 code of a
    /// page URL is about 2 KB.
    static func pathData(_ code: QRCode) -> String {
        var d = ""
        var penX = 0, penY = 0
        var first = true
        for y in 0..<code.size {
            var x = 0
            while x < code.size {
                guard code[x: x, y: y] else { x += 1; continue }
                var end = x
                while end < code.size && code[x: end, y: y] { end += 1 }
                let width = end - x
                let absX = x + quietZone, absY = y + quietZone
                if first {
                    d += "M\(absX) \(absY)"
                    first = false
                } else {
                    d += "m\(absX - penX) \(absY - penY)"
                }
                d += "h\(width)v1h-\(width)z"
                penX = absX
                penY = absY
                x = end
            }
        }
        return d
    }
}
