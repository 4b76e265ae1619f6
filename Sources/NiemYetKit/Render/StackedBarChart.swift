/// A stacked bar chart as inline SVG: one bar per month, one segment per series (dossiers received online, at
/// the counter, by post). Each series has its own fill: solid, diagonal hatching, dots, so the segments can be
/// told apart without colour; every segment is outlined in `currentColor`.
struct StackedBarChart {
    enum Fill: CaseIterable { case solid, hatch, dots }

    struct Series {
        var label: String
        var fill: Fill
    }

    struct Bar {
        var slot: ChartFrame.Slot
        /// One value per series, bottom first; nil for a month without figures (no bar is drawn).
        var values: [Int]?
        /// Shown on hover/long-press, e.g. "Tháng 7/2025: 412 hồ sơ".
        var tooltip: String
    }

    var frame: ChartFrame
    var series: [Series]
    var bars: [Bar]
    var format: LanguageFormat

    func svg() -> String {
        let id = frame.id
        let defs = """
            <pattern id="\(id)-hatch" class="pat" width="6" height="6" patternUnits="userSpaceOnUse" \
            patternTransform="rotate(45)"><rect class="pat-bg" width="6" height="6" fill="#f6d9a8"/>\
            <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="2"/></pattern>\
            <pattern id="\(id)-dots" class="pat" width="5" height="5" patternUnits="userSpaceOnUse">\
            <rect class="pat-bg" width="5" height="5" fill="#fff"/>\
            <circle cx="2.5" cy="2.5" r="1.3" fill="currentColor"/></pattern>
            """
        var out = frame.open(extraDefs: defs)
        let maximum = bars.compactMap { $0.values?.reduce(0, +) }.max() ?? 0
        let (ticks, top) = ChartFrame.ticks(upTo: max(maximum, 1))
        out += ChartFrame.grid(ticks: ticks, low: 0, high: top) { format.integer($0) }
        out += legend()
        let width = min(ChartFrame.slotWidth(bars.count) * 0.68, 40)
        for (i, bar) in bars.enumerated() {
            guard let values = bar.values else { continue }
            let x = ChartFrame.center(i, of: bars.count) - width / 2
            var base = 0
            out += "<g><title>\(XMLText.escape(bar.tooltip))</title>"
            for (s, value) in values.enumerated() where value > 0 && s < series.count {
                let y0 = ChartFrame.yPosition(base, low: 0, high: top)
                let y1 = ChartFrame.yPosition(base + value, low: 0, high: top)
                out += "<rect class=\"s\(s + 1)\" x=\"\(ChartFrame.n(x))\" y=\"\(ChartFrame.n(y1))\" "
                    + "width=\"\(ChartFrame.n(width))\" height=\"\(ChartFrame.n(max(y0 - y1, 0.5)))\" "
                    + "fill=\"\(paint(series[s].fill))\" stroke=\"currentColor\" stroke-width=\"0.75\"/>"
                base += value
            }
            out += "</g>"
        }
        out += ChartFrame.monthAxis(bars.map(\.slot))
        return out + ChartFrame.close
    }

    private func paint(_ fill: Fill) -> String {
        switch fill {
        case .solid: return "#0b4f9c"
        case .hatch: return "url(#\(frame.id)-hatch)"
        case .dots: return "url(#\(frame.id)-dots)"
        }
    }

    /// Swatches and names in one row above the plot, left to right in stacking order.
    private func legend() -> String {
        var out = "<g class=\"legend\" fill=\"currentColor\">"
        var x = 4.0
        for (s, item) in series.enumerated() {
            out += "<rect class=\"s\(s + 1)\" x=\"\(ChartFrame.n(x))\" y=\"6\" width=\"15\" height=\"15\" "
                + "fill=\"\(paint(item.fill))\" stroke=\"currentColor\"/>"
            out += "<text x=\"\(ChartFrame.n(x + 20))\" y=\"19\">\(XMLText.escape(item.label))</text>"
            x += 20 + ChartFrame.textWidth(item.label) + 14
        }
        return out + "</g>"
    }
}
