import Foundation

/// Open data: every statistics row with the computed totals and rates, as `/thong-ke/du-lieu.csv` and
/// `/thong-ke/du-lieu.json` (the same rows plus a small schema). Written by code, byte for byte the same for the
/// same rows: rows sorted by month then field, no timestamps.
///
/// Rates are percentages with one decimal and a decimal point (`97.4`), rounded exactly like the pages show
/// them (`LanguageFormat.permille`: half up, 1843/1844 → 99.9, never 100.0 unless all), and empty (CSV) or null (JSON) when there is nothing to divide by.
/// The CSV starts with a UTF-8 byte order mark and uses CRLF line ends (RFC 4180) so a double click opens it in
/// a spreadsheet with the Vietnamese letters intact.
struct StatisticsOpenData: SiteOutput {
    static let csvPath = "/thong-ke/du-lieu.csv"
    static let jsonPath = "/thong-ke/du-lieu.json"

    enum Kind: Sendable { case integer, optionalInteger, text, percent }

    struct Column: Sendable {
        var name: String
        var kind: Kind
        /// The column's value in a row, given the row's own figures (what the rates are computed from).
        var value: @Sendable (StatisticsRow, StatisticsFigures) -> Value
    }

    enum Value: Sendable { case text(String), integer(Int), permille(Int?), none }

    static let columns: [Column] = {
        func count(_ name: String, _ get: @escaping @Sendable (StatisticsCounts) -> Int) -> Column {
            Column(name: name, kind: .integer) { row, _ in .integer(get(row.counts)) }
        }
        func optional(_ name: String, _ get: @escaping @Sendable (StatisticsCounts) -> Int?) -> Column {
            Column(name: name, kind: .optionalInteger) { row, _ in get(row.counts).map(Value.integer) ?? .none }
        }
        func rate(_ name: String, _ get: @escaping @Sendable (StatisticsFigures) -> StatisticsFigures.Rate?) -> Column {
            Column(name: name, kind: .percent) { _, figures in .permille(get(figures)?.permille) }
        }
        return [
            Column(name: "period", kind: .text) { row, _ in .text(row.period.description) },
            Column(name: "field", kind: .text) { row, _ in .text(row.field) },
            count("carried_over") { $0.carriedOver },
            count("received_online") { $0.receivedOnline },
            count("received_direct") { $0.receivedDirect },
            count("received_postal") { $0.receivedPostal },
            count("resolved_early") { $0.resolvedEarly },
            count("resolved_on_time") { $0.resolvedOnTime },
            count("resolved_late") { $0.resolvedLate },
            count("pending_in_time") { $0.pendingInTime },
            count("pending_overdue") { $0.pendingOverdue },
            optional("digitized") { $0.digitized },
            optional("paid_online") { $0.paidOnline },
            optional("fee_bearing") { $0.feeBearing },
            count("received_total") { $0.receivedTotal },
            count("resolved_total") { $0.resolvedTotal },
            count("pending_total") { $0.pendingTotal },
            rate("online_share_percent") { $0.onlineShare },
            rate("early_rate_percent") { $0.earlyRate },
            rate("on_time_or_early_rate_percent") { $0.onTimeOrEarlyRate },
            rate("late_rate_percent") { $0.lateRate },
            rate("digitized_rate_percent") { $0.digitizedRate },
            rate("online_payment_rate_percent") { $0.onlinePaymentRate },
        ]
    }()

    /// Every column's value in `row`. The row's figures are added up once for all its rates (each rate column
    /// added them up again).
    static func values(_ row: StatisticsRow) -> [Value] {
        let figures = StatisticsFigures([row])
        return columns.map { $0.value(row, figures) }
    }

    func jobs(for site: Site) -> [OutputJob] {
        guard !site.items(StatisticsRow.self).isEmpty else { return [] }
        return [
            OutputJob(path: Self.csvPath, source: StatisticsRow.folder) { .bytes(site.openData.csv) },
            OutputJob(path: Self.jsonPath, source: StatisticsRow.folder) { .bytes(site.openData.json) },
        ]
    }

    /// Both files of one language's site. Made once (`Site.openData`) for the files and for the sizes the
    /// statistics pages show: the pages' sizes made both files a second time.
    struct Files: Sendable {
        let csv: Data
        let json: Data

        init(site: Site) {
            let data = StatisticsData(site.items(StatisticsRow.self))
            csv = StatisticsOpenData.csv(data)
            json = StatisticsOpenData.json(data, site: site)
        }
    }

    /// Links to both files with their sizes ("CSV, 14 KB"): people on metered connections like to know.
    static func downloads(site: Site) -> [String: Any] {
        func size(_ bytes: Int) -> String { site.format.integer(max((bytes + 1023) / 1024, 1)) + " KB" }
        let files = site.openData
        return [
            "csv": ["url": site.link(csvPath), "size": "CSV, " + size(files.csv.count)],
            "json": ["url": site.link(jsonPath), "size": "JSON, " + size(files.json.count)],
        ]
    }

    static func percentText(_ permille: Int) -> String { "\(permille / 10).\(permille % 10)" }

    /// Written into bytes, value by value: building a `String` per value and joining them was most of the cost.
    static func csv(_ data: StatisticsData) -> Data {
        var out: [UInt8] = []
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        func quoted(_ text: String) {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return put(text) }
            put("\"" + text.replacingEvery("\"", with: "\"\"") + "\"")
        }
        put("\u{FEFF}" + columns.map(\.name).joined(separator: ",") + "\r\n")
        for row in data.rows {
            for (index, value) in values(row).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                switch value {
                case .text(let text): quoted(text)
                case .integer(let n): put(String(n))
                case .permille(let p): if let p { put(percentText(p)) }
                case .none: break
                }
            }
            put("\r\n")
        }
        return Data(out)
    }

    static func json(_ data: StatisticsData, site: Site) -> Data {
        let text = StatisticsText(site: site)
        let string = JSONText.string
        func type(_ kind: Kind) -> String {
            switch kind {
            case .integer, .optionalInteger: return "integer"
            case .text: return "string"
            case .percent: return "number"
            }
        }
        var out = "{\n"
        out += "\"title\": \(string(text.t("stats_open_data_title") + " – " + site.config.title)),\n"
        out += "\"description\": \(string(text.t("stats_open_data_description"))),\n"
        out += "\"source\": \(string(site.absoluteURL(StatisticsPages.root))),\n"
        out += "\"csv\": \(string(site.absoluteURL(csvPath))),\n"
        out += "\"schema\": {\"fields\": [\n"
        out += columns.map { column in
            var entry = "{\"name\": \(string(column.name)), \"type\": \(string(type(column.kind)))"
            if column.name == "period" { entry += ", \"format\": \"YYYY-MM\"" }
            if column.kind == .optionalInteger || column.kind == .percent { entry += ", \"nullable\": true" }
            entry += ", \"description\": \(string(text.t("stats_col_" + column.name)))}"
            return entry
        }.joined(separator: ",\n")
        out += "\n]},\n\"rows\": [\n"
        var bytes = Array(out.utf8)
        appendRows(data.rows, to: &bytes)
        bytes.append(contentsOf: "\n]\n}\n".utf8)
        return Data(bytes)
    }

    /// The rows of the JSON file, `{"period": "2025-07", ...}` joined by `,\n`, written into bytes: building a
    /// `String` per value and per name and joining them was most of the file's cost.
    private static func appendRows(_ rows: [StatisticsRow], to out: inout [UInt8]) {
        let names = columns.map { column -> [UInt8] in
            var name: [UInt8] = []
            JSONText.append(column.name, to: &name)
            return name + Array(": ".utf8)
        }
        for (number, row) in rows.enumerated() {
            out.append(contentsOf: (number == 0 ? "{" : ",\n{").utf8)
            for (index, value) in values(row).enumerated() {
                if index > 0 { out.append(contentsOf: ", ".utf8) }
                out.append(contentsOf: names[index])
                switch value {
                case .text(let text): JSONText.append(text, to: &out)
                case .integer(let n): out.append(contentsOf: String(n).utf8)
                case .permille(let p): out.append(contentsOf: (p.map(percentText) ?? "null").utf8)
                case .none: out.append(contentsOf: "null".utf8)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
