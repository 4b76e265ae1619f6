/// Figures over a period (month, quarter, year, since the first month), overall or for one field, computed from
/// the rows: flows (received, resolved) are added up over the months; stocks are taken at the period's edges
/// (carried over from before its first month, still pending at the end of its last month), field by field.
public struct StatisticsFigures: Hashable, Sendable {
    /// Sums, with `carriedOver` at the start and `pending*` at the end of the period.
    public var counts = StatisticsCounts()
    /// Dossiers received in the rows that report `digitized`: the digitisation rate's denominator.
    public var digitizedBase = 0
    public var digitized = 0
    public var reportsDigitized = false
    /// `fee_bearing` and `paid_online` of the rows that report both: the online-payment rate.
    public var feeBearing = 0
    public var paidOnline = 0
    public var reportsPayment = false
    /// Number of rows added up (0: no figures for this period).
    public var rowCount = 0

    public init() {}

    /// Adds up `rows` of any months and fields.
    public init(_ rows: [StatisticsRow]) {
        var byField: [String: [StatisticsRow]] = [:]
        for row in rows { byField[row.field, default: []].append(row) }
        for (_, fieldRows) in byField {
            let sorted = fieldRows.sorted { $0.period < $1.period }
            counts.carriedOver += sorted.first!.counts.carriedOver
            counts.pendingInTime += sorted.last!.counts.pendingInTime
            counts.pendingOverdue += sorted.last!.counts.pendingOverdue
            for row in sorted {
                let c = row.counts
                counts.receivedOnline += c.receivedOnline
                counts.receivedDirect += c.receivedDirect
                counts.receivedPostal += c.receivedPostal
                counts.resolvedEarly += c.resolvedEarly
                counts.resolvedOnTime += c.resolvedOnTime
                counts.resolvedLate += c.resolvedLate
                if let d = c.digitized {
                    digitized += d
                    digitizedBase += c.receivedTotal
                    reportsDigitized = true
                }
                if let paid = c.paidOnline, let fee = c.feeBearing {
                    paidOnline += paid
                    feeBearing += fee
                    reportsPayment = true
                }
            }
        }
        rowCount = rows.count
    }

    public var isEmpty: Bool { rowCount == 0 }

    // MARK: rates (part of whole; the whole may be 0, shown as "—")

    public struct Rate: Hashable, Sendable {
        public var part: Int
        public var whole: Int
        /// Tenths of a percent, rounded half up but never to 1000 unless the part is the whole (1843/1844 → 999).
        public var permille: Int? { LanguageFormat.permille(part, of: whole) }
    }

    /// received_online / received total.
    public var onlineShare: Rate { Rate(part: counts.receivedOnline, whole: counts.receivedTotal) }
    /// resolved_early / resolved total.
    public var earlyRate: Rate { Rate(part: counts.resolvedEarly, whole: counts.resolvedTotal) }
    /// (resolved_early + resolved_on_time) / resolved total: the figure national scoring rests on.
    public var onTimeOrEarlyRate: Rate { Rate(part: counts.onTimeOrEarly, whole: counts.resolvedTotal) }
    /// resolved_late / resolved total.
    public var lateRate: Rate { Rate(part: counts.resolvedLate, whole: counts.resolvedTotal) }
    /// digitized / received, over the rows that report it; nil when no row does.
    public var digitizedRate: Rate? { reportsDigitized ? Rate(part: digitized, whole: digitizedBase) : nil }
    /// paid_online / fee_bearing, over the rows that report both; nil when no row does.
    public var onlinePaymentRate: Rate? { reportsPayment ? Rate(part: paidOnline, whole: feeBearing) : nil }
}

/// A period figures are asked for.
public enum StatisticsPeriod: Hashable, Sendable {
    case month(YearMonth)
    case quarter(year: Int, quarter: Int)
    case year(Int)
    /// Since the first month with figures.
    case all

    public func contains(_ month: YearMonth) -> Bool {
        switch self {
        case .month(let m): return m == month
        case .quarter(let year, let quarter): return month.year == year && month.quarter == quarter
        case .year(let year): return month.year == year
        case .all: return true
        }
    }
}

/// Every row, indexed once for the pages, the open data and the embeds.
public struct StatisticsData: Sendable {
    public let rows: [StatisticsRow]
    /// Months with at least one row, oldest first.
    public let months: [YearMonth]
    public let years: [Int]
    /// Field names in Vietnamese alphabetical order.
    public let fields: [String]
    private let rowsByMonth: [YearMonth: [StatisticsRow]]

    public init(_ rows: [StatisticsRow]) {
        let sorted = rows.sorted { a, b in
            a.period != b.period ? a.period < b.period : VietnameseCollation.less(a.field, b.field)
        }
        self.rows = sorted
        var byMonth: [YearMonth: [StatisticsRow]] = [:]
        for row in sorted { byMonth[row.period, default: []].append(row) }
        rowsByMonth = byMonth
        months = byMonth.keys.sorted()
        years = Array(Set(months.map(\.year))).sorted()
        fields = VietnameseCollation.sorted(Array(Set(rows.map(\.field)))) { $0 }
    }

    public var isEmpty: Bool { rows.isEmpty }
    public var latestMonth: YearMonth? { months.last }

    public func rows(in period: StatisticsPeriod, field: String? = nil) -> [StatisticsRow] {
        let candidates: [StatisticsRow]
        switch period {
        case .month(let month): candidates = rowsByMonth[month] ?? []
        default: candidates = rows.filter { period.contains($0.period) }
        }
        guard let field else { return candidates }
        return candidates.filter { $0.field == field }
    }

    public func figures(_ period: StatisticsPeriod, field: String? = nil) -> StatisticsFigures {
        StatisticsFigures(rows(in: period, field: field))
    }

    /// Months of `year` that have figures.
    public func months(of year: Int) -> [YearMonth] { months.filter { $0.year == year } }

    /// Quarters of `year` that have figures (1...4).
    public func quarters(of year: Int) -> [Int] { Array(Set(months(of: year).map(\.quarter))).sorted() }

    /// The last `count` calendar months up to `end`, including months without figures (a gap stays visible).
    public func trailingMonths(_ count: Int, endingAt end: YearMonth) -> [YearMonth] {
        let first = max(end.ordinal - count + 1, months.first?.ordinal ?? end.ordinal)
        return (first...end.ordinal).map(YearMonth.init(ordinal:))
    }

    /// Fields with figures in `period`.
    public func fields(in period: StatisticsPeriod) -> [String] {
        let present = Set(rows(in: period).map(\.field))
        return fields.filter(present.contains)
    }
}
