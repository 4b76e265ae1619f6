/// A line chart of a rate over months as inline SVG (the share of dossiers resolved on time or early).
///
/// Such rates sit between 90% and 100% in practice, where a 0–100% axis would draw a flat line; the vertical
/// axis therefore starts at a round value below the lowest point (95%, 90%, 80%, 50% or 0%), its labels say so,
/// and the description spells it out for screen readers. Months without resolved dossiers break the line.
struct LineChart {
    struct Point {
        var slot: ChartFrame.Slot
        /// Tenths of a percent (as the page rounds it), nil when there was nothing to divide by.
        var permille: Int?
        var tooltip: String
    }

    var frame: ChartFrame
    var points: [Point]
    /// Name of the vertical axis, written above the plot.
    var valueName: String
    var format: LanguageFormat
    /// Label of the last point, as the page writes it ("99,9%").
    var lastLabel: String?

    /// The axis floor and tick step (both in tenths of a percent) for a lowest value: the largest round floor at
    /// least 1% below it.
    static func axis(lowest: Int) -> (low: Int, step: Int) {
        for (low, step) in [(980, 5), (950, 10), (900, 20), (800, 50), (500, 100)] where lowest - 10 >= low {
            return (low, step)
        }
        return (0, 200)
    }

    var axisLow: Int { Self.axis(lowest: points.compactMap(\.permille).min() ?? 1000).low }

    func svg() -> String {
        var out = frame.open()
        let (low, step) = Self.axis(lowest: points.compactMap(\.permille).min() ?? 1000)
        let ticks = Array(stride(from: low, through: 1000, by: step))
        out += ChartFrame.grid(ticks: ticks, low: low, high: 1000) { tick in
            (tick % 10 == 0 ? "\(tick / 10)" : format.decimal(tenths: tick)) + "%"
        }
        out += "<text class=\"axis\" x=\"4\" y=\"19\" fill=\"currentColor\">\(XMLText.escape(valueName))</text>"
        func position(_ i: Int, _ value: Int) -> (Double, Double) {
            (ChartFrame.center(i, of: points.count), ChartFrame.yPosition(value, low: low, high: 1000))
        }
        // The line, broken where a month has no value.
        var path = ""
        var drawing = false
        for (i, point) in points.enumerated() {
            guard let value = point.permille else { drawing = false; continue }
            let (x, y) = position(i, value)
            path += (drawing ? "L" : "M") + ChartFrame.n(x) + " " + ChartFrame.n(y)
            drawing = true
        }
        if !path.isEmpty {
            out += "<path class=\"line\" d=\"\(path)\" fill=\"none\" stroke=\"#8b1a1a\" stroke-width=\"2.5\" "
                + "stroke-linejoin=\"round\"/>"
        }
        for (i, point) in points.enumerated() {
            guard let value = point.permille else { continue }
            let (x, y) = position(i, value)
            out += "<circle class=\"dot\" cx=\"\(ChartFrame.n(x))\" cy=\"\(ChartFrame.n(y))\" r=\"4\" fill=\"#fff\" "
                + "stroke=\"currentColor\" stroke-width=\"1.5\"><title>\(XMLText.escape(point.tooltip))</title></circle>"
        }
        if let lastLabel, let i = points.lastIndex(where: { $0.permille != nil }) {
            let (x, y) = position(i, points[i].permille!)
            let width = ChartFrame.textWidth(lastLabel)
            let anchorEnd = x + width / 2 > Double(ChartFrame.plotRight)
            // Below the point when it sits in the upper half of the plot (rates mostly do), above it otherwise.
            let middle = Double(ChartFrame.plotTop + ChartFrame.plotBottom) / 2
            let labelY = y < middle ? y + 24 : y - 12
            out += "<text class=\"value\" x=\"\(ChartFrame.n(anchorEnd ? x + 4 : x))\" y=\"\(ChartFrame.n(labelY))\" "
                + "text-anchor=\"\(anchorEnd ? "end" : "middle")\" font-weight=\"bold\" fill=\"currentColor\">"
                + "\(XMLText.escape(lastLabel))</text>"
        }
        out += ChartFrame.monthAxis(points.map(\.slot))
        return out + ChartFrame.close
    }
}
