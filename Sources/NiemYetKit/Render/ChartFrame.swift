/// What the build-time SVG charts share: the canvas, the month axis, grid lines and accessible wrapping.
///
/// Charts are drawn once at build time as inline SVG: no script, no chart library, nothing for a cheap phone to
/// download. The viewBox is phone-sized (360 units wide), so at phone width text is drawn at about its nominal
/// size and on wider screens the chart simply scales up (the stylesheet caps its width). Text and outlines use
/// `currentColor`; series differ by pattern as well as colour, so they stay apart in print, in grey scale and in
/// forced-colours (high contrast) mode, where the stylesheet swaps the colours for system colours.
struct ChartFrame {
    static let width = 360
    static let height = 250
    static let fontSize = 15
    static let plotLeft = 50
    static let plotRight = 354
    static let plotTop = 40
    static let plotBottom = 206

    /// One position on the horizontal axis: a month number, with the year written under the first month of each
    /// year (and under the first position), so "7" over "2025" reads as July 2025 without abbreviations.
    struct Slot {
        var label: String
        var yearLabel: String?
    }

    var id: String
    var title: String
    var desc: String

    /// Opening of the `<svg>` with its title and description (the chart's accessible name and long text).
    func open(extraDefs: String = "") -> String {
        """
        <svg class="chart" id="\(id)" role="img" aria-labelledby="\(id)-t \(id)-d" viewBox="0 0 \(Self.width) \
        \(Self.height)" width="\(Self.width)" height="\(Self.height)" font-size="\(Self.fontSize)">\
        <title id="\(id)-t">\(XMLText.escape(title))</title><desc id="\(id)-d">\(XMLText.escape(desc))</desc>\
        \(extraDefs.isEmpty ? "" : "<defs>\(extraDefs)</defs>")
        """
    }

    static let close = "</svg>"

    /// Centre of slot `index` of `count` on the horizontal axis.
    static func center(_ index: Int, of count: Int) -> Double {
        let slot = Double(plotRight - plotLeft) / Double(max(count, 1))
        return Double(plotLeft) + slot * (Double(index) + 0.5)
    }

    static func slotWidth(_ count: Int) -> Double { Double(plotRight - plotLeft) / Double(max(count, 1)) }

    /// Horizontal grid lines with their labels on the left, at `ticks` (values between `low` and `high`).
    static func grid(ticks: [Int], low: Int, high: Int, label: (Int) -> String) -> String {
        var out = "<g class=\"grid\">"
        for tick in ticks {
            let y = yPosition(tick, low: low, high: high)
            out += "<line x1=\"\(plotLeft)\" x2=\"\(plotRight)\" y1=\"\(n(y))\" y2=\"\(n(y))\" stroke=\"#bbb\"/>"
        }
        out += "</g><g class=\"axis\" text-anchor=\"end\" fill=\"currentColor\">"
        for tick in ticks {
            let y = yPosition(tick, low: low, high: high)
            out += "<text x=\"\(plotLeft - 5)\" y=\"\(n(y + 5))\">\(XMLText.escape(label(tick)))</text>"
        }
        out += "</g><line class=\"base\" x1=\"\(plotLeft)\" x2=\"\(plotRight)\" y1=\"\(plotBottom)\" "
            + "y2=\"\(plotBottom)\" stroke=\"currentColor\"/>"
        return out
    }

    /// Month numbers under the plot and years under those (the description names the axis for screen readers).
    static func monthAxis(_ slots: [Slot]) -> String {
        var out = "<g class=\"axis\" text-anchor=\"middle\" fill=\"currentColor\">"
        for (i, slot) in slots.enumerated() {
            let x = center(i, of: slots.count)
            out += "<text x=\"\(n(x))\" y=\"\(plotBottom + 19)\">\(XMLText.escape(slot.label))</text>"
            if let year = slot.yearLabel {
                out += "<text x=\"\(n(x))\" y=\"\(plotBottom + 38)\" font-weight=\"bold\">\(XMLText.escape(year))</text>"
            }
        }
        return out + "</g>"
    }

    static func yPosition(_ value: Int, low: Int, high: Int) -> Double {
        let span = Double(max(high - low, 1))
        return Double(plotBottom) - Double(value - low) / span * Double(plotBottom - plotTop)
    }

    /// Round steps (1, 2, 5 × 10ⁿ) giving at most five intervals from 0 up to at least `maximum`.
    static func ticks(upTo maximum: Int, from minimum: Int = 0) -> (ticks: [Int], top: Int) {
        let span = max(maximum - minimum, 1)
        var magnitude = 1
        while true {
            for multiple in [1, 2, 5] where multiple * magnitude * 5 >= span {
                let step = multiple * magnitude
                let top = minimum + (span + step - 1) / step * step
                return (Array(stride(from: minimum, through: top, by: step)), top)
            }
            magnitude *= 10
        }
    }

    /// A number as short SVG text: whole numbers bare, others with one decimal.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Rough width of a text at the chart's font size (system fonts average about 0.58 em per character).
    static func textWidth(_ text: String) -> Double { Double(text.count) * Double(fontSize) * 0.58 }
}
