/// A ```` ```thong-ke ```` block in a news article: which figures to show in place.
///
///     ```thong-ke
///     period: 2025-07
///     field: Hộ tịch
///     ```
///
/// `period: YYYY-MM` (a month) or `year: YYYY`, and optionally `field:`. Every problem (unknown key, malformed or
/// unknown period, unknown field) is reported at its own line inside the block.
struct StatisticsEmbedRequest: Sendable {
    var period: StatisticsPeriod
    var field: String?

    static let keys = ["period", "year", "field"]

    static func parse(_ body: String, data: StatisticsData) -> Result<StatisticsEmbedRequest, EmbedFailure> {
        typealias Problem = MarkdownEmbed.Problem
        var problems: [Problem] = []
        var values: [String: (text: String, line: Int, column: Int)] = [:]
        for (offset, rawLine) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(Problem("expected `name: value`, such as `period: 2025-07`", line: lineNumber))
                continue
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let afterColon = line[line.index(after: colon)...]
            let value = afterColon.trimmingCharacters(in: .whitespaces)
            let leading = afterColon.prefix { $0 == " " || $0 == "\t" }.count
            let column = line.distance(from: line.startIndex, to: colon) + 2 + leading
            guard keys.contains(key) else {
                problems.append(Problem("unknown setting `\(key)` (use period, year or field)", line: lineNumber))
                continue
            }
            if values[key] != nil {
                problems.append(Problem("`\(key)` is given twice", line: lineNumber))
                continue
            }
            values[key] = (value, lineNumber, column)
        }

        var period: StatisticsPeriod?
        let monthList = data.months.isEmpty ? "there are no statistics in content/statistics/ yet"
            : "the months with figures are \(data.months.first!) to \(data.months.last!)"
        switch (values["period"], values["year"]) {
        case (nil, nil):
            problems.append(Problem("say which figures to show: `period: 2025-07` (a month) or `year: 2025`", line: 0))
        case (.some, .some):
            problems.append(Problem("give either `period` or `year`, not both", line: values["year"]!.line))
        case (let given?, nil):
            if let month = YearMonth(parsing: given.text) {
                if data.rows(in: .month(month)).isEmpty {
                    problems.append(Problem("no statistics for \(month): \(monthList)", line: given.line,
                                            column: given.column))
                } else {
                    period = .month(month)
                }
            } else {
                problems.append(Problem("`period` must be a month written YYYY-MM (such as 2025-07), found "
                                        + "`\(given.text)`", line: given.line, column: given.column))
            }
        case (nil, let given?):
            if given.text.count == 4, given.text.allSatisfy(\.isASCII), let year = Int(given.text) {
                if data.years.contains(year) {
                    period = .year(year)
                } else {
                    problems.append(Problem("no statistics for \(year): \(monthList)", line: given.line,
                                            column: given.column))
                }
            } else {
                problems.append(Problem("`year` must be a year such as 2025, found `\(given.text)`",
                                        line: given.line, column: given.column))
            }
        }

        var field: String?
        if let given = values["field"] {
            let name = given.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if let exact = data.fields.first(where: { $0 == name })
                ?? data.fields.first(where: { Slug.make($0) == Slug.make(name) }) {
                field = exact
                if let period, data.rows(in: period, field: exact).isEmpty {
                    problems.append(Problem("no figures for `\(exact)` in that period", line: given.line,
                                            column: given.column))
                }
            } else {
                problems.append(Problem("unknown field `\(name)`; the fields are: "
                                        + data.fields.joined(separator: ", "), line: given.line, column: given.column))
            }
        }
        guard problems.isEmpty, let period else { return .failure(EmbedFailure(problems: problems)) }
        return .success(StatisticsEmbedRequest(period: period, field: field))
    }

    /// The block's HTML: the summary table of the figures, through the theme's `partials/stats-embed`.
    static func render(_ request: StatisticsEmbedRequest, data: StatisticsData, text: StatisticsText,
                       theme: Theme) -> String {
        let figures = data.figures(request.period, field: request.field)
        var caption = text.periodTitle(request.period, data: data)
        if let field = request.field { caption += " – " + text.t("stats_field") + " " + field }
        let url: String
        switch request.period {
        case .month(let month): url = month.path
        case .year(let year): url = "/thong-ke/\(pad4(year))/"
        default: url = "/thong-ke/"
        }
        let values: [String: Any] = [
            "t": text.strings,
            "embed": [
                "caption": caption,
                "summary": text.summary(figures),
                "url": text.link(url),
                "data_url": text.link("/thong-ke/du-lieu.csv"),
            ] as [String: Any],
        ]
        return theme.render("partials/stats-embed", values).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct EmbedFailure: Error {
    var problems: [MarkdownEmbed.Problem]
}
