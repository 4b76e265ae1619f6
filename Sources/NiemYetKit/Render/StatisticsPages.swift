/// The statistics pages: `/thong-ke/` (the latest month at a glance, the trend over 12 months, by field),
/// `/thong-ke/<yyyy>/` (a year, with its quarters and months), `/thong-ke/<yyyy>/<mm>/` (a month) and
/// `/thong-ke/linh-vuc/<field>/` (one field over time). Every figure comes from `StatisticsData`.
struct StatisticsPages: SiteOutput {
    static let root = "/thong-ke/"
    static let trendMonths = 12

    var templates: Set<String> {
        ["statistics", "statistics-period", "statistics-field", "partials/stats-summary", "partials/stats-table",
         "partials/stats-chart", "partials/stats-downloads", "partials/stats-embed"]
    }

    func jobs(for site: Site) -> [OutputJob] {
        let data = StatisticsData(site.items(StatisticsRow.self))
        guard let latest = data.latestMonth else { return [] }
        let text = StatisticsText(site: site)
        let downloads = StatisticsOpenData.downloads(site: site)
        let context = Context(data: data, text: text, site: site, downloads: downloads)
        var jobs: [OutputJob] = [OutputJob(path: Self.root, inSitemap: true) {
            context.overview(latest: latest)
        }]
        for year in data.years {
            jobs.append(OutputJob(path: StatisticsText.yearPath(year), inSitemap: true) { context.yearPage(year) })
        }
        for month in data.months {
            jobs.append(OutputJob(path: month.path, inSitemap: true) { context.monthPage(month) })
        }
        for field in data.fields {
            jobs.append(OutputJob(path: StatisticsText.fieldPath(field), inSitemap: true,
                                  source: StatisticsRow.folder) { context.fieldPage(field) })
        }
        return jobs
    }

    /// What every page of one build needs, captured once by the jobs.
    struct Context: @unchecked Sendable {
        let data: StatisticsData
        let text: StatisticsText
        let site: Site
        /// Links and sizes of the open data files, for the downloads box on every page.
        let downloads: [String: Any]

        func render(_ template: String, title: String, path: String, description: String? = nil,
                    values: [String: Any]) -> OutputJob.Body {
            var stats = values
            stats["title"] = title
            stats["downloads"] = downloads
            stats["home_url"] = site.link(StatisticsPages.root)
            return site.renderPage(template, meta: PageMeta(title: title, description: description, path: path,
                                                             section: StatisticsPages.root),
                                   data: ["stats": stats])
        }

        // MARK: pages

        func overview(latest: YearMonth) -> OutputJob.Body {
            let monthFigures = data.figures(.month(latest))
            var periods: [[String: Any]] = [
                text.tableRow(text.monthTitle(latest), url: latest.path, monthFigures),
                text.tableRow(text.quarterTitle(year: latest.year, quarter: latest.quarter),
                              data.figures(.quarter(year: latest.year, quarter: latest.quarter))),
                text.tableRow(text.t("stats_year_to_date", ["year": pad4(latest.year), "month": "\(latest.month)"]),
                              url: StatisticsText.yearPath(latest.year), data.figures(.year(latest.year))),
            ]
            if data.months.first != data.months.last {
                periods.append(text.tableRow(text.periodTitle(.all, data: data), data.figures(.all)))
            }
            let window = data.trailingMonths(StatisticsPages.trendMonths, endingAt: latest)
            return render("statistics", title: text.t("stats_title"), path: StatisticsPages.root,
                          description: text.t("stats_description"), values: [
                "latest": ["title": text.monthTitle(latest), "url": site.link(latest.path),
                           "glance": text.glance(monthFigures)],
                "periods": text.table(caption: text.t("stats_periods_caption"), head: text.t("stats_period"),
                                      rows: periods),
                "charts": charts(window, field: nil),
                "by_field": fieldTable(.month(latest), caption: text.t("stats_by_field_caption",
                                                                      ["period": text.monthTitle(latest)])),
                "years": browse(),
                "fields": fieldLinks(),
            ])
        }

        func yearPage(_ year: Int) -> OutputJob.Body {
            let months = data.months(of: year)
            let title = text.t("stats_title_period", ["period": text.yearTitle(year)])
            var summary = text.summary(data.figures(.year(year)))
            if let last = months.last, last.month < 12 {
                summary["caption"] = text.t("stats_year_partial", ["month": text.monthTitle(last)])
            }
            let quarterRows = data.quarters(of: year).map { q in
                text.tableRow(text.quarterTitle(year: year, quarter: q), data.figures(.quarter(year: year, quarter: q)))
            }
            let monthRows = months.map { text.tableRow(text.monthTitle($0), url: $0.path, data.figures(.month($0))) }
            let span = (months.first!.ordinal...months.last!.ordinal).map(YearMonth.init(ordinal:))
            var values: [String: Any] = [
                "is_year": true,
                "summary": summary,
                "breadcrumb": [["title": text.t("stats_title"), "url": site.link(StatisticsPages.root)]],
                "charts": charts(span, field: nil),
                "quarters": text.table(caption: text.t("stats_quarters_caption", ["year": pad4(year)]),
                                       head: text.t("stats_quarter_head"), rows: quarterRows),
                "months": text.table(caption: text.t("stats_months_caption", ["year": pad4(year)]),
                                     head: text.t("stats_month_head"), rows: monthRows),
                "by_field": fieldTable(.year(year), caption: text.t("stats_by_field_caption",
                                                                    ["period": text.yearTitle(year)])),
            ]
            if let i = data.years.firstIndex(of: year) {
                if i > 0 { values["previous"] = yearLink(data.years[i - 1]) }
                if i + 1 < data.years.count { values["next"] = yearLink(data.years[i + 1]) }
            }
            return render("statistics-period", title: title, path: StatisticsText.yearPath(year), values: values)
        }

        func monthPage(_ month: YearMonth) -> OutputJob.Body {
            let title = text.t("stats_title_period", ["period": text.monthTitle(month)])
            var values: [String: Any] = [
                "is_month": true,
                "summary": text.summary(data.figures(.month(month))),
                "breadcrumb": [["title": text.t("stats_title"), "url": site.link(StatisticsPages.root)],
                               yearLink(month.year)],
                "by_field": fieldTable(.month(month), caption: text.t("stats_by_field_caption",
                                                                      ["period": text.monthTitle(month)])),
            ]
            if let i = data.months.firstIndex(of: month) {
                if i > 0 { values["previous"] = monthLink(data.months[i - 1]) }
                if i + 1 < data.months.count { values["next"] = monthLink(data.months[i + 1]) }
            }
            return render("statistics-period", title: title, path: month.path, values: values)
        }

        func fieldPage(_ field: String) -> OutputJob.Body {
            let rows = data.rows(in: .all, field: field)
            let last = rows.map(\.period).max()!
            let months = rows.map(\.period).sorted(by: >)
            let title = text.t("stats_title_field", ["field": field])
            var summary = text.summary(StatisticsFigures(rows))
            summary["caption"] = text.periodTitle(.all, data: StatisticsData(rows))
            let years = Array(Set(months.map(\.year))).sorted(by: >)
            return render("statistics-field", title: title, path: StatisticsText.fieldPath(field), values: [
                "field": field,
                "title_html": marked(title, field: field),
                "summary": summary,
                "breadcrumb": [["title": text.t("stats_title"), "url": site.link(StatisticsPages.root)]],
                "charts": charts(data.trailingMonths(StatisticsPages.trendMonths, endingAt: last), field: field),
                "years": table(caption: text.t("stats_field_years_caption", ["field": field]), field: field,
                                    head: text.t("stats_year_head"),
                                    rows: years.map { text.tableRow(text.yearTitle($0),
                                                                    data.figures(.year($0), field: field)) }),
                "months": table(caption: text.t("stats_field_months_caption", ["field": field]), field: field,
                                     head: text.t("stats_month_head"),
                                     rows: months.map { text.tableRow(text.monthTitle($0), url: $0.path,
                                                                      data.figures(.month($0), field: field)) }),
                "fields": fieldLinks(current: field),
            ])
        }

        // MARK: parts

        /// `text` as HTML with the field name in it marked as the default language's: field names come from the
        /// data and stay Vietnamese in an English heading ("Field: Hộ tịch"), and screen readers must say so.
        func marked(_ text: String, field: String?) -> String {
            let escaped = XMLText.escape(text)
            guard let field else { return escaped }
            let name = XMLText.escape(field)
            return escaped.replacingEvery(name, with: "<span lang=\"\(site.config.language)\">\(name)</span>")
        }

        /// A table with its caption naming `field`, marked.
        func table(caption: String, field: String, head: String, rows: [[String: Any]]) -> [String: Any] {
            var table = text.table(caption: caption, head: head, rows: rows)
            table["caption_html"] = marked(caption, field: field)
            return table
        }

        func monthLink(_ month: YearMonth) -> [String: Any] {
            ["title": text.monthTitle(month), "url": site.link(month.path)]
        }

        func yearLink(_ year: Int) -> [String: Any] {
            ["title": text.yearTitle(year), "url": site.link(StatisticsText.yearPath(year))]
        }

        /// Years, each with its months, newest first: the archive of the statistics.
        func browse() -> [[String: Any]] {
            data.years.reversed().map { year in
                yearLink(year).merging(["months": data.months(of: year).map { month in
                    ["label": text.t("stats_month_label", ["month": "\(month.month)"]), "url": site.link(month.path)]
                }]) { a, _ in a }
            }
        }

        func fieldLinks(current: String? = nil) -> [[String: Any]] {
            data.fields.map { ["name": $0, "url": site.link(StatisticsText.fieldPath($0)), "current": $0 == current] }
        }

        /// One line per field with figures in `period`, and the total.
        func fieldTable(_ period: StatisticsPeriod, caption: String) -> [String: Any] {
            let rows = data.fields(in: period).map { field in
                // Field names are the data's, in the default language on every language's pages.
                text.tableRow(field, url: StatisticsText.fieldPath(field), data.figures(period, field: field))
                    .merging(["label_lang": site.config.language]) { a, _ in a }
            }
            return text.table(caption: caption, head: text.t("stats_field"), rows: rows,
                              total: text.tableRow(text.t("stats_total"), data.figures(period)))
        }

        /// The two trend charts over `months` (gaps included), each followed by its numbers as a table.
        func charts(_ months: [YearMonth], field: String?) -> [[String: Any]] {
            let figures = months.map { data.figures(.month($0), field: field) }
            let slots = months.enumerated().map { i, month in
                ChartFrame.Slot(label: "\(month.month)", yearLabel: i == 0 || month.month == 1 ? pad4(month.year) : nil)
            }
            guard let first = months.first, let last = months.last else { return [] }
            let range = ["start": text.monthShort(first), "end": text.monthShort(last)]
            let subject = field.map { " – " + text.t("stats_field") + " " + $0 } ?? ""
            let dash = "—"

            // Received by channel.
            let channelSeries = [
                StackedBarChart.Series(label: text.t("stats_channel_online"), fill: .solid),
                StackedBarChart.Series(label: text.t("stats_channel_direct"), fill: .hatch),
                StackedBarChart.Series(label: text.t("stats_channel_postal"), fill: .dots),
            ]
            var bars: [StackedBarChart.Bar] = []
            var channelRows: [[String: Any]] = []
            var busiest: (YearMonth, Int)?
            for (i, month) in months.enumerated() {
                let f = figures[i]
                let c = f.counts
                let values = f.isEmpty ? nil : [c.receivedOnline, c.receivedDirect, c.receivedPostal]
                bars.append(.init(slot: slots[i], values: values, tooltip: text.t("stats_chart_bar_tooltip", [
                    "month": text.monthTitle(month), "total": text.count(c.receivedTotal),
                    "online": text.count(c.receivedOnline), "direct": text.count(c.receivedDirect),
                    "postal": text.count(c.receivedPostal)])))
                channelRows.append(["label": text.monthShort(month), "cells": f.isEmpty ? [dash, dash, dash, dash] : [
                    text.count(c.receivedOnline), text.count(c.receivedDirect), text.count(c.receivedPostal),
                    text.count(c.receivedTotal)]])
                if !f.isEmpty, c.receivedTotal > busiest?.1 ?? -1 { busiest = (month, c.receivedTotal) }
            }
            let channelFrame = ChartFrame(
                id: "bieu-do-kenh", title: text.t("stats_chart_channels_title") + subject,
                desc: text.t("stats_chart_channels_desc", range.merging([
                    "max": text.count(busiest?.1 ?? 0),
                    "max_month": busiest.map { text.monthShort($0.0) } ?? dash]) { a, _ in a }))
            let channelChart = StackedBarChart(frame: channelFrame, series: channelSeries, bars: bars,
                                               format: text.format)

            // On time or early.
            var points: [LineChart.Point] = []
            var rateRows: [[String: Any]] = []
            var lowest: (YearMonth, StatisticsFigures.Rate)?
            for (i, month) in months.enumerated() {
                let rate = figures[i].onTimeOrEarlyRate
                points.append(.init(slot: slots[i], permille: rate.permille, tooltip: text.t("stats_chart_rate_tooltip", [
                    "month": text.monthTitle(month), "rate": text.percent(rate), "raw": text.raw(rate)])))
                rateRows.append(["label": text.monthShort(month),
                                 "cells": [text.percent(rate), text.count(rate.part), text.count(rate.whole)]])
                if let value = rate.permille, value < lowest?.1.permille ?? Int.max { lowest = (month, rate) }
            }
            let lastRate = figures.last(where: { $0.counts.resolvedTotal > 0 })?.onTimeOrEarlyRate
            let axisLow = LineChart.axis(lowest: lowest?.1.permille ?? 1000).low
            let rateFrame = ChartFrame(
                id: "bieu-do-dung-han", title: text.t("stats_chart_rate_title") + subject,
                desc: text.t("stats_chart_rate_desc", range.merging([
                    "axis_min": text.format.decimal(tenths: axisLow).replacingEvery(",0", with: "") + "%",
                    "min": lowest.map { text.percent($0.1) } ?? dash,
                    "min_month": lowest.map { text.monthShort($0.0) } ?? dash,
                    "last": lastRate.map(text.percent) ?? dash]) { a, _ in a }))
            let rateChart = LineChart(frame: rateFrame, points: points, valueName: text.t("stats_chart_rate_axis"),
                                      format: text.format, lastLabel: lastRate.map(text.percent))

            // A chart and the table that gives its numbers to those who cannot see it; the first column is the month.
            func chart(_ frame: ChartFrame, svg: String, columns: [String], rows: [[String: Any]]) -> [String: Any] {
                let caption = text.t("stats_chart_table_caption", ["chart": frame.title])
                let heads = [["label": text.t("stats_month_head"), "num": false]]
                    + columns.map { ["label": text.t($0), "num": true] as [String: Any] }
                return ["id": frame.id, "heading": frame.title, "svg": svg,
                        "heading_html": marked(frame.title, field: field),
                        "table": ["caption": caption, "caption_html": marked(caption, field: field),
                                  "columns": heads, "rows": rows]]
            }
            return [
                chart(channelFrame, svg: channelChart.svg(),
                      columns: ["stats_channel_online", "stats_channel_direct", "stats_channel_postal", "stats_total"],
                      rows: channelRows),
                chart(rateFrame, svg: rateChart.svg(),
                      columns: ["stats_rate_head", "stats_on_time_count_head", "stats_resolved"], rows: rateRows),
            ]
        }
    }
}
