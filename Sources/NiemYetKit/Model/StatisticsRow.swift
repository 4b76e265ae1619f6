/// One row of dossier-processing statistics (thống kê tình hình giải quyết hồ sơ): the counts of one field
/// (lĩnh vực) for one month, from `content/statistics/*.csv`, following the national one-stop reporting model.
/// Figures over longer periods are computed from these rows (`StatisticsFigures`); nothing is typed twice.
public struct StatisticsRow: ContentKind, SourceFiled {
    public static let folder = "content/statistics"

    public var source: String
    /// Line of the row in its file (for messages that point back at it).
    public var line: Int
    public var period: YearMonth
    public var field: String
    public var counts: StatisticsCounts

    public var location: SourceLocation { SourceLocation(path: source, line: line) }

    // MARK: columns

    /// Columns every file must have, in the order the open data repeats them.
    public static let requiredColumns = ["period", "field", "carried_over", "received_online", "received_direct",
                                         "received_postal", "resolved_early", "resolved_on_time", "resolved_late",
                                         "pending_in_time", "pending_overdue"]
    public static let optionalColumns = ["digitized", "paid_online", "fee_bearing"]
    public static var allColumns: [String] { requiredColumns + optionalColumns }

    public static func load(_ context: LoadContext) -> [StatisticsRow] {
        let all = context.files.allFiles(below: folder)
        for path in all where !path.lowercased().hasSuffix(".csv") {
            context.log.warning("only .csv files are read here; export this one as “CSV UTF-8 (comma delimited)”",
                                at: SourceLocation(path: path))
        }
        return all.filter { $0.lowercased().hasSuffix(".csv") }
            .parallelMap { read($0, context: context) }
            .flatMap { $0 }
            .sorted { ($0.period, $0.source, $0.line) < ($1.period, $1.source, $1.line) }
    }

    /// Reads one file, reporting every problem it has.
    static func read(_ path: String, context: LoadContext) -> [StatisticsRow] {
        let log = context.log
        let text: String
        do {
            text = try context.files.text(path)
        } catch let diagnostic as Diagnostic {
            log.report(diagnostic)
            return []
        } catch {
            log.error("cannot read file: \(error.localizedDescription)", at: SourceLocation(path: path))
            return []
        }
        func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(path: path, line: line, column: column) }
        let document = CSVReader.read(text)
        for problem in document.problems { log.error(problem.message, at: at(problem.line, problem.column)) }
        guard let header = document.records.first else {
            log.error("empty file: the first line must name the columns (\(requiredColumns.joined(separator: ",")))",
                      at: at(1, 1))
            return []
        }

        // Header: every required column once, known optional ones, nothing else.
        var index: [String: Int] = [:]
        var headerOK = true
        if header.fields.count == 1 && header.fields[0].text.contains(";") {
            log.error("the values are separated by `;`, not commas: save the sheet as “CSV UTF-8 (comma delimited)”",
                      at: at(header.line, 1))
            return []
        }
        for (position, cell) in header.fields.enumerated() {
            let name = cell.text.trimmingCharacters(in: .whitespaces)
            if let earlier = index[name] {
                log.error("column `\(name)` is named twice (first as column \(earlier + 1))",
                          at: at(cell.line, cell.column))
                headerOK = false
            } else if allColumns.contains(name) {
                index[name] = position
            } else {
                let hint = closestColumn(to: name).map { " (did you mean `\($0)`?)" } ?? ""
                log.error("unknown column `\(name)`\(hint); the columns are: \(allColumns.joined(separator: ", "))",
                          at: at(cell.line, cell.column))
                headerOK = false
            }
        }
        for name in requiredColumns where index[name] == nil {
            log.error("missing column `\(name)`", at: at(header.line, 1))
            headerOK = false
        }
        if index["paid_online"] != nil && index["fee_bearing"] == nil {
            log.warning("`paid_online` without `fee_bearing`: the online-payment rate is paid_online / fee_bearing, "
                        + "so it cannot be shown", at: at(header.line, header.fields[index["paid_online"]!].column))
        }
        guard headerOK else { return [] }

        var rows: [StatisticsRow] = []
        for record in document.records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                log.error("this row has \(record.fields.count) values but the header names \(header.fields.count) "
                          + "columns", at: at(record.line, 1))
                continue
            }
            func cell(_ name: String) -> CSVReader.Field { record.fields[index[name]!] }
            var ok = true
            func number(_ name: String, required: Bool = true) -> Int? {
                let field = cell(name)
                let raw = field.text.trimmingCharacters(in: .whitespaces)
                if raw.isEmpty {
                    if required {
                        log.error("`\(name)` is empty: write 0 if there were none", at: at(field.line, field.column))
                        ok = false
                    }
                    return nil
                }
                if raw.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), raw.utf8.count <= 12, let value = Int(raw) {
                    return value
                }
                var hint = ""
                if raw.hasPrefix("-") { hint = ": counts cannot be negative" }
                else if raw.contains(".") || raw.contains(",") || raw.contains(" ") {
                    hint = ": write whole numbers without thousands separators or decimals (1832, not 1.832)"
                }
                log.error("`\(name)` must be a whole number of dossiers (0 or more), found `\(raw)`\(hint)",
                          at: at(field.line, field.column))
                ok = false
                return nil
            }
            let periodCell = cell("period")
            let period = YearMonth(parsing: periodCell.text.trimmingCharacters(in: .whitespaces))
            if period == nil {
                log.error("`period` must be a month written YYYY-MM (such as 2025-07), found `\(periodCell.text)`",
                          at: at(periodCell.line, periodCell.column))
                ok = false
            }
            let fieldCell = cell("field")
            let field = fieldCell.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if field.isEmpty {
                log.error("`field` is empty: name the field (lĩnh vực), such as Hộ tịch", at: at(fieldCell.line, fieldCell.column))
                ok = false
            }
            let values = requiredColumns.dropFirst(2).map { number($0) }
            let optional = optionalColumns.map { index[$0] == nil ? nil : number($0, required: false) }
            guard ok, let period, values.allSatisfy({ $0 != nil }) else { continue }
            let v = values.map { $0! }
            let counts = StatisticsCounts(
                carriedOver: v[0], receivedOnline: v[1], receivedDirect: v[2], receivedPostal: v[3],
                resolvedEarly: v[4], resolvedOnTime: v[5], resolvedLate: v[6], pendingInTime: v[7],
                pendingOverdue: v[8], digitized: optional[0], paidOnline: optional[1], feeBearing: optional[2])
            let row = StatisticsRow(source: path, line: record.line, period: period, field: field, counts: counts)
            if row.checkBalance(log: log) { rows.append(row) }
            row.checkOptional(log: log, cell: { at(cell($0).line, cell($0).column) })
        }
        return rows
    }

    /// carried_over + received_* = resolved_* + pending_*: what came in is either done or still in the centre.
    func checkBalance(log: DiagnosticLog) -> Bool {
        let c = counts
        let left = [c.carriedOver, c.receivedOnline, c.receivedDirect, c.receivedPostal]
        let right = [c.resolvedEarly, c.resolvedOnTime, c.resolvedLate, c.pendingInTime, c.pendingOverdue]
        let leftSum = left.reduce(0, +), rightSum = right.reduce(0, +)
        guard leftSum != rightSum else { return true }
        func terms(_ values: [Int]) -> String { values.map(String.init).joined(separator: " + ") }
        log.error("""
            the row for \(period) \(field) does not add up: dossiers in (carried_over + received_online + \
            received_direct + received_postal = \(terms(left)) = \(leftSum)) must equal dossiers out \
            (resolved_early + resolved_on_time + resolved_late + pending_in_time + pending_overdue = \
            \(terms(right)) = \(rightSum)); the difference is \(abs(leftSum - rightSum))
            """, at: location)
        return false
    }

    /// Optional columns that make no sense together (a rate above 100%) are flagged, not silently published.
    func checkOptional(log: DiagnosticLog, cell: (String) -> SourceLocation) {
        let c = counts
        if let digitized = c.digitized, digitized > c.receivedTotal {
            log.warning("`digitized` (\(digitized)) is more than the dossiers received (\(c.receivedTotal)): the "
                        + "digitisation rate would exceed 100%", at: cell("digitized"))
        }
        if let paid = c.paidOnline, let fee = c.feeBearing, paid > fee {
            log.warning("`paid_online` (\(paid)) is more than `fee_bearing` (\(fee)): the online-payment rate would "
                        + "exceed 100%", at: cell("paid_online"))
        }
    }

    private static func closestColumn(to name: String) -> String? {
        allColumns.map { ($0, editDistance(name.lowercased(), $0)) }
            .filter { $0.1 <= max(2, $0.0.count / 4) }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    // MARK: rules across all rows

    public static func validate(_ items: [StatisticsRow], context: LoadContext) {
        let log = context.log
        // A (period, field) pair once across all files.
        var seen: [String: StatisticsRow] = [:]
        for row in items {
            let key = "\(row.period)|\(row.field)"
            if let first = seen[key] {
                log.error("\(row.period) \(row.field) is given twice: also at \(first.location)", at: row.location)
                log.error("\(row.period) \(row.field) is given twice: also at \(row.location)", at: first.location)
            } else {
                seen[key] = row
            }
        }
        // Field names that differ only in case or marks would share one page: make the editor pick one spelling.
        var spellings: [String: Set<String>] = [:]
        var firstRow: [String: StatisticsRow] = [:]
        for row in items {
            spellings[Slug.make(row.field), default: []].insert(row.field)
            if firstRow[row.field] == nil { firstRow[row.field] = row }
        }
        for (_, names) in spellings where names.count > 1 {
            let list = names.sorted().map { "`\($0)`" }.joined(separator: ", ")
            for name in names.sorted() {
                log.error("fields \(list) differ only in spelling: write the field the same way in every row",
                          at: firstRow[name]!.location)
            }
        }
        // carried_over of a month = what the same field still had pending at the end of the month before.
        var byKey: [String: StatisticsRow] = [:]
        for row in items { byKey["\(row.period)|\(row.field)"] = byKey["\(row.period)|\(row.field)"] ?? row }
        for row in items {
            guard let previous = byKey["\(row.period.previous)|\(row.field)"] else { continue }
            let pending = previous.counts.pendingTotal
            if row.counts.carriedOver != pending {
                log.warning("""
                    carried_over is \(row.counts.carriedOver) but \(previous.period) \(row.field) ended with \
                    \(pending) still pending (pending_in_time + pending_overdue at \(previous.location))
                    """, at: row.location)
            }
        }
    }

    // MARK: embeds

    /// ```` ```thong-ke ```` blocks in news: the summary table of a month or a year, optionally of one field.
    public static func embeds(for items: [StatisticsRow], context: LoadContext) -> [MarkdownEmbed] {
        let data = StatisticsData(items)
        let text = StatisticsText(strings: context.theme.strings[context.config.language] ?? [:],
                                  format: LanguageFormat(code: context.config.language),
                                  basePath: context.config.basePath)
        let theme = context.theme
        return [MarkdownEmbed(name: "thong-ke") { body in
            switch StatisticsEmbedRequest.parse(body, data: data) {
            case .failure(let failure):
                return .errors(failure.problems)
            case .success(let request):
                return .html(StatisticsEmbedRequest.render(request, data: data, text: text, theme: theme))
            }
        }]
    }
}

/// A calendar month, the period of one statistics row. Written `2025-07`.
public struct YearMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Exactly `YYYY-MM` with a month from 01 to 12.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == 45,
              bytes.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 48 && $0.element <= 57) }),
              let year = Int(text.prefix(4)), let month = Int(text.suffix(2)), (1...12).contains(month), year >= 1900
        else { return nil }
        self.init(year: year, month: month)
    }

    public var description: String { pad4(year) + "-" + pad2(month) }
    public var quarter: Int { (month - 1) / 3 + 1 }
    /// Months since year 0, for distances and sorting.
    public var ordinal: Int { year * 12 + month - 1 }
    public init(ordinal: Int) { self.init(year: ordinal / 12, month: ordinal % 12 + 1) }
    public var previous: YearMonth { YearMonth(ordinal: ordinal - 1) }
    public var next: YearMonth { YearMonth(ordinal: ordinal + 1) }
    /// Site-root path of the month's page.
    public var path: String { "/thong-ke/\(pad4(year))/\(pad2(month))/" }

    public static func < (a: Self, b: Self) -> Bool { a.ordinal < b.ordinal }
}

/// The counts of one row, or of several rows added up.
public struct StatisticsCounts: Hashable, Sendable {
    public var carriedOver = 0
    public var receivedOnline = 0
    public var receivedDirect = 0
    public var receivedPostal = 0
    public var resolvedEarly = 0
    public var resolvedOnTime = 0
    public var resolvedLate = 0
    public var pendingInTime = 0
    public var pendingOverdue = 0
    public var digitized: Int?
    public var paidOnline: Int?
    public var feeBearing: Int?

    public var receivedTotal: Int { receivedOnline + receivedDirect + receivedPostal }
    public var resolvedTotal: Int { resolvedEarly + resolvedOnTime + resolvedLate }
    public var pendingTotal: Int { pendingInTime + pendingOverdue }
    public var onTimeOrEarly: Int { resolvedEarly + resolvedOnTime }
}
