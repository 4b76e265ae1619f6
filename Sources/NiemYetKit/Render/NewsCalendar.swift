/// The date archive as on the portals people know: `/tin-tuc/lich/` lists years, their months with counts and
/// the days that have articles; `/tin-tuc/lich/<yyyy>/<mm>/` shows the month as a calendar and, for each day,
/// "Các tin đã đăng ngày ...".
struct NewsCalendar: SiteOutput {
    var templates: Set<String> { ["news-calendar", "news-calendar-month"] }
    static let base = "/tin-tuc/lich/"

    struct Month: Sendable {
        var year: Int, month: Int
        /// Day of month → positions in the articles list, newest first.
        var days: [Int: [Int]]
        var count: Int { days.values.reduce(0) { $0 + $1.count } }
        var path: String { "\(NewsCalendar.base)\(pad4(year))/\(pad2(month))/" }
    }

    func jobs(for site: Site) -> [OutputJob] {
        let articles = site.items(NewsArticle.self)
        guard !articles.isEmpty else { return [] }
        var months: [Int: Month] = [:]
        for (i, article) in articles.enumerated() {
            let c = article.date.civil
            months[c.year * 100 + c.month, default: Month(year: c.year, month: c.month, days: [:])]
                .days[c.day, default: []].append(i)
        }
        let ordered = months.values.sorted { ($0.year, $0.month) > ($1.year, $1.month) }
        var jobs = [OutputJob(path: Self.base, inSitemap: true) {
            let years = Dictionary(grouping: ordered, by: \.year).keys.sorted(by: >).map { year -> [String: Any] in
                let inYear = ordered.filter { $0.year == year }
                return [
                    "year": String(year),
                    "count": site.format.integer(inYear.reduce(0) { $0 + $1.count }),
                    "months": inYear.map { month -> [String: Any] in
                        [
                            "name": site.format.month(year: month.year, month: month.month),
                            "url": site.link(month.path),
                            "count": site.format.integer(month.count),
                            "days": month.days.keys.sorted().map { day in
                                ["day": String(day), "url": site.link(month.path) + "#" + Self.anchor(day),
                                 "label": site.format.longDate(CivilDate(year: month.year, month: month.month,
                                                                         day: day))]
                            },
                        ]
                    },
                ]
            }
            return site.renderPage("news-calendar",
                                   meta: PageMeta(title: site.t("calendar_title"), path: Self.base,
                                                  section: "/tin-tuc/"),
                                   data: ["calendar": ["years": years]])
        }]
        let lists = site.newsLists
        for (i, month) in ordered.enumerated() {
            // Newer months come first in `ordered`.
            let newer = i > 0 ? ordered[i - 1] : nil
            let older = i + 1 < ordered.count ? ordered[i + 1] : nil
            jobs.append(OutputJob(path: month.path, inSitemap: true) {
                monthPage(month, newer: newer, older: older, lists: lists, site: site)
            })
        }
        return jobs
    }

    static func anchor(_ day: Int) -> String { "ngay-\(pad2(day))" }

    private func monthPage(_ month: Month, newer: Month?, older: Month?, lists: NewsLists,
                           site: Site) -> OutputJob.Body {
        let title = "\(site.t("calendar_title")) – \(site.format.month(year: month.year, month: month.month))"
        let first = CivilDate(year: month.year, month: month.month, day: 1)
        let length = CivilDate.daysIn(month: month.month, year: month.year)
        // Weeks Monday to Sunday; cells before the 1st and after the last day stay empty.
        var cells: [[String: Any]] = Array(repeating: ["blank": true], count: first.weekday - 1)
        for day in 1...length {
            var cell: [String: Any] = ["day": String(day)]
            if let items = month.days[day] {
                cell["url"] = "#" + Self.anchor(day)
                cell["count"] = site.format.integer(items.count)
            }
            cells.append(cell)
        }
        while cells.count % 7 != 0 { cells.append(["blank": true]) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { ["days": Array(cells[$0..<$0 + 7])] }
        let short = site.t("calendar_weekdays_short").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let headers = (1...7).map { d -> [String: Any] in
            ["name": site.format.weekday(d), "short": d - 1 < short.count ? short[d - 1] : site.format.weekday(d)]
        }
        let days = month.days.keys.sorted(by: >).map { day -> [String: Any] in
            [
                "anchor": Self.anchor(day),
                "label": site.format.longDate(CivilDate(year: month.year, month: month.month, day: day)),
                // Positions in `site.items(NewsArticle.self)`, the order of `lists.summaries`.
                "articles": month.days[day]!.map { lists.summaries[$0].values },
            ]
        }
        var values: [String: Any] = [
            "title": title,
            "month": site.format.month(year: month.year, month: month.month),
            "weekdays": headers, "weeks": weeks, "days": days,
            "index_url": site.link(Self.base),
        ]
        if let newer { values["newer"] = ["name": site.format.month(year: newer.year, month: newer.month),
                                          "url": site.link(newer.path)] }
        if let older { values["older"] = ["name": site.format.month(year: older.year, month: older.month),
                                          "url": site.link(older.path)] }
        return site.renderPage("news-calendar-month",
                               meta: PageMeta(title: title, path: month.path, section: "/tin-tuc/"),
                               data: ["calendar": values], shared: lists.shared)
    }
}
