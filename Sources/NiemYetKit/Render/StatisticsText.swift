/// Statistics figures turned into template values: labels from the theme's UI strings, numbers in the site's
/// language (`1.881`, `97,4%`), every rate with its raw numbers beside it. Shared by the statistics pages (which
/// have a `Site`) and the ```` ```thong-ke ```` embed (rendered while news is loaded, before there is one).
struct StatisticsText: Sendable {
    let strings: [String: String]
    let format: LanguageFormat
    let basePath: String

    init(strings: [String: String], format: LanguageFormat, basePath: String) {
        self.strings = strings
        self.format = format
        self.basePath = basePath.hasSuffix("/") ? basePath : basePath + "/"
    }

    init(site: Site) {
        self.init(strings: site.theme.strings[site.language] ?? [:], format: site.format,
                  basePath: site.config.basePath)
    }

    func t(_ key: String) -> String { strings[key] ?? key }

    /// A UI string with `{name}` placeholders filled in.
    func t(_ key: String, _ values: [String: String]) -> String {
        var text = t(key)
        for (name, value) in values { text = text.replacingEvery("{\(name)}", with: value) }
        return text
    }

    func link(_ path: String) -> String { basePath + path.drop { $0 == "/" } }

    func count(_ n: Int) -> String { format.integer(n) }

    func percent(_ rate: StatisticsFigures.Rate) -> String { format.percent(rate.part, of: rate.whole) }

    /// "1.832 trên 1.881 hồ sơ": the raw numbers a rate was computed from.
    func raw(_ rate: StatisticsFigures.Rate, key: String = "stats_of") -> String {
        t(key, ["part": count(rate.part), "whole": count(rate.whole)])
    }

    static func fieldPath(_ field: String) -> String { "/thong-ke/linh-vuc/\(Slug.make(field))/" }
    static func yearPath(_ year: Int) -> String { "/thong-ke/\(pad4(year))/" }

    // MARK: periods

    func monthTitle(_ month: YearMonth) -> String { format.month(year: month.year, month: month.month) }

    /// "7/2025": months in running text and chart descriptions.
    func monthShort(_ month: YearMonth) -> String { "\(month.month)/\(pad4(month.year))" }

    func quarterTitle(year: Int, quarter: Int) -> String {
        t("stats_quarter", ["roman": ["I", "II", "III", "IV"][quarter - 1], "q": "\(quarter)", "year": pad4(year)])
    }

    func yearTitle(_ year: Int) -> String { t("stats_year", ["year": pad4(year)]) }

    func periodTitle(_ period: StatisticsPeriod, data: StatisticsData) -> String {
        switch period {
        case .month(let month): return monthTitle(month)
        case .quarter(let year, let quarter): return quarterTitle(year: year, quarter: quarter)
        case .year(let year): return yearTitle(year)
        case .all:
            guard let first = data.months.first, let last = data.months.last else { return t("stats_since_start") }
            return t("stats_since", ["start": monthShort(first), "end": monthShort(last)])
        }
    }

    // MARK: values

    /// The summary table of one period: every figure of the issue, each rate with its raw numbers.
    func summary(_ f: StatisticsFigures) -> [String: Any] {
        let c = f.counts
        func row(_ label: String, _ value: String, _ detail: String = "", key: String) -> [String: Any] {
            ["label": label, "value": value, "detail": detail, "key": key]
        }
        var rows: [[String: Any]] = [
            row(t("stats_carried_over"), count(c.carriedOver), key: "carried_over"),
            row(t("stats_received"), count(c.receivedTotal), t("stats_channels_detail", [
                "online": count(c.receivedOnline), "direct": count(c.receivedDirect),
                "postal": count(c.receivedPostal)]), key: "received"),
            row(t("stats_online_share"), percent(f.onlineShare), raw(f.onlineShare), key: "online_share"),
            row(t("stats_resolved"), count(c.resolvedTotal), t("stats_resolved_detail", [
                "early": count(c.resolvedEarly), "on_time": count(c.resolvedOnTime),
                "late": count(c.resolvedLate)]), key: "resolved"),
            row(t("stats_on_time_rate"), percent(f.onTimeOrEarlyRate), raw(f.onTimeOrEarlyRate), key: "on_time"),
            row(t("stats_early_rate"), percent(f.earlyRate), raw(f.earlyRate), key: "early"),
            row(t("stats_late_rate"), percent(f.lateRate), raw(f.lateRate), key: "late"),
            row(t("stats_pending"), count(c.pendingTotal), t("stats_pending_detail", [
                "in_time": count(c.pendingInTime), "overdue": count(c.pendingOverdue)]), key: "pending"),
        ]
        if let rate = f.digitizedRate {
            rows.append(row(t("stats_digitized_rate"), percent(rate), raw(rate), key: "digitized"))
        }
        if let rate = f.onlinePaymentRate {
            rows.append(row(t("stats_payment_rate"), percent(rate), raw(rate, key: "stats_of_fee"), key: "payment"))
        }
        return ["rows": rows]
    }

    /// The big numbers of a month at a glance, worded for someone who has never read a report.
    func glance(_ f: StatisticsFigures) -> [[String: Any]] {
        let c = f.counts
        return [
            ["value": count(c.receivedTotal), "label": t("stats_glance_received"),
             "detail": t("stats_channels_detail", ["online": count(c.receivedOnline),
                                                   "direct": count(c.receivedDirect),
                                                   "postal": count(c.receivedPostal)])],
            ["value": percent(f.onlineShare), "label": t("stats_glance_online"), "detail": raw(f.onlineShare)],
            ["value": percent(f.onTimeOrEarlyRate), "label": t("stats_glance_on_time"),
             "detail": raw(f.onTimeOrEarlyRate, key: "stats_of_resolved")],
            ["value": count(c.pendingTotal), "label": t("stats_glance_pending"),
             "detail": t("stats_glance_pending_detail", ["overdue": count(c.pendingOverdue)])],
        ]
    }

    /// One line of a breakdown table (by field, month, quarter or year).
    func tableRow(_ label: String, url: String? = nil, _ f: StatisticsFigures) -> [String: Any] {
        let c = f.counts
        var row: [String: Any] = [
            "label": label,
            "received": count(c.receivedTotal),
            "online": ["rate": percent(f.onlineShare), "raw": count(c.receivedOnline)],
            "resolved": count(c.resolvedTotal),
            "on_time": ["rate": percent(f.onTimeOrEarlyRate), "raw": count(c.onTimeOrEarly)],
            "late": count(c.resolvedLate),
            "pending": count(c.pendingTotal),
            "overdue": count(c.pendingOverdue),
        ]
        if let url { row["url"] = link(url) }
        return row
    }

    /// A breakdown table: its caption, what the first column holds, its rows and an optional total line.
    func table(caption: String, head: String, rows: [[String: Any]], total: [String: Any]? = nil) -> [String: Any] {
        var table: [String: Any] = ["caption": caption, "caption_html": XMLText.escape(caption), "head": head,
                                    "rows": rows]
        if let total { table["total"] = total }
        return table
    }
}
