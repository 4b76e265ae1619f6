import Foundation
import Testing
@testable import NiemYetKit

/// Statistics through the real pipeline: CSV files in, pages, charts and open data out.
@Suite struct StatisticsTests {
    static let header = "period,field,carried_over,received_online,received_direct,received_postal,"
        + "resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue"

    /// The acceptance month: 1.881 received (1.832 online, 49 at the counter or by post), 1.844 resolved
    /// (1.246 early, 597 on time, 1 late), 37 pending within the deadline.
    static let acceptance = header + "\n2025-07,Hộ tịch,0,1832,40,9,1246,597,1,37,0\n"

    /// The text of the element holding `marker` (a table row or list item), without tags.
    func row(_ html: String, containing marker: String, tag: String = "tr") -> String? {
        guard let hit = html.range(of: marker) else { return nil }
        guard let start = html[..<hit.lowerBound].range(of: "<\(tag)", options: .backwards),
              let end = html[hit.upperBound...].range(of: "</\(tag)>") else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
            .replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .split(separator: " ").joined(separator: " ")
    }

    @Test func acceptanceMonthShowsTruncatedRatesWithRawNumbers() throws {
        let site = try TestSite(["content/statistics/2025.csv": Self.acceptance])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let month = try #require(site.page("thong-ke/2025/07/index.html"))
        let online = try #require(row(month, containing: "stats-online_share"))
        #expect(online.contains("97,4%"))
        #expect(online.contains("1.832") && online.contains("1.881"))
        let onTime = try #require(row(month, containing: "stats-on_time\""))
        #expect(onTime.contains("99,9%"))
        #expect(!onTime.contains("100"))
        #expect(onTime.contains("1.843") && onTime.contains("1.844"))
        let received = try #require(row(month, containing: "stats-received"))
        #expect(received.contains("1.881"))
        let pending = try #require(row(month, containing: "stats-pending"))
        #expect(pending.contains("37"))

        // The overview shows the same month at a glance.
        let overview = try #require(site.page("thong-ke/index.html"))
        let glanceOnline = try #require(row(overview, containing: "97,4%", tag: "li"))
        #expect(glanceOnline.contains("1.832") && glanceOnline.contains("1.881"))
        let glanceOnTime = try #require(row(overview, containing: "99,9%", tag: "li"))
        #expect(glanceOnTime.contains("1.843") && glanceOnTime.contains("1.844"))
    }

    @Test func rowThatDoesNotAddUpFailsWithItsLineAndBothSides() throws {
        let csv = Self.header + "\n2025-06,Hộ tịch,0,10,0,0,10,0,0,0,0\n2025-07,Hộ tịch,0,1832,40,9,1246,597,1,36,0\n"
        let site = try TestSite(["content/statistics/2025.csv": csv])
        let result = site.build()
        #expect(!result.succeeded)
        let error = try #require(result.errors.first { $0.message.contains("does not add up") }, "\(result.report)")
        #expect(error.location?.path == "content/statistics/2025.csv")
        #expect(error.location?.line == 3)
        #expect(error.message.contains("0 + 1832 + 40 + 9 = 1881"))
        #expect(error.message.contains("1246 + 597 + 1 + 36 + 0 = 1880"))
        #expect(error.description.hasPrefix("content/statistics/2025.csv:3:1: error:"))
    }

    @Test func everyProblemOfAFileIsReportedAtItsCell() throws {
        let csv = Self.header + "\n2025-13,Hộ tịch,0,-1,0,0,0,0,0,0,0\n2025-07,Chứng thực,0,1.832,0,0,0,0,0,0,0\n"
            + "2025-08,,0,0,0,0,0,0,0,0,0\n2025-09,Hộ tịch,0,1,0\n"
        let site = try TestSite(["content/statistics/a.csv": csv])
        let errors = site.build().errors.map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
        #expect(errors.contains { $0.hasPrefix("2:1 `period` must be a month") })
        #expect(errors.contains { $0.hasPrefix("2:19 `received_online` must be a whole number") && $0.contains("negative") })
        #expect(errors.contains { $0.hasPrefix("3:22 `received_online`") && $0.contains("1832, not 1.832") })
        #expect(errors.contains { $0.hasPrefix("4:9 `field` is empty") })
        #expect(errors.contains { $0.hasPrefix("5:1 this row has 5 values") })
    }

    @Test func misspeltColumnIsNamedAndMissingOnesListed() throws {
        let csv = Self.header.replacingOccurrences(of: "received_online", with: "recieved_online")
            + "\n2025-07,Hộ tịch,0,1,0,0,1,0,0,0,0\n"
        let site = try TestSite(["content/statistics/a.csv": csv])
        let errors = site.build().errors
        let unknown = try #require(errors.first { $0.message.contains("unknown column") })
        #expect(unknown.message.contains("`recieved_online`"))
        #expect(unknown.message.contains("did you mean `received_online`"))
        #expect(unknown.location?.line == 1 && unknown.location?.column == 27)
        #expect(errors.contains { $0.message == "missing column `received_online`" })
    }

    @Test func optionalColumnsMayBeAbsentOrPresent() throws {
        let withOptional = Self.header + ",digitized,paid_online,fee_bearing\n"
            + "2025-07,Hộ tịch,0,90,10,0,100,0,0,0,0,95,30,40\n"
        let site = try TestSite(["content/statistics/2025.csv": withOptional,
                                 "content/statistics/2024.csv": Self.header + "\n2024-12,Hộ tịch,0,5,5,0,10,0,0,0,0\n"])
        let result = site.build()
        #expect(result.succeeded && result.warnings.isEmpty, "\(result.report)")
        let july = try #require(site.page("thong-ke/2025/07/index.html"))
        #expect(row(july, containing: "stats-digitized")?.contains("95,0%") == true)
        #expect(row(july, containing: "stats-payment")?.contains("75,0%") == true)
        let december = try #require(site.page("thong-ke/2024/12/index.html"))
        #expect(!december.contains("stats-digitized"))
    }

    @Test func samePeriodAndFieldTwiceAcrossFilesIsAnErrorOnBoth() throws {
        let row = "\n2025-07,Hộ tịch,0,1,0,0,1,0,0,0,0\n"
        let site = try TestSite(["content/statistics/a.csv": Self.header + row,
                                 "content/statistics/b.csv": Self.header + row])
        let errors = site.build().errors.filter { $0.message.contains("given twice") }
        #expect(Set(errors.compactMap { $0.location?.path }) == ["content/statistics/a.csv", "content/statistics/b.csv"])
        #expect(errors.allSatisfy { $0.location?.line == 2 })
    }

    @Test func carriedOverThatDoesNotContinueIsAWarning() throws {
        let csv = Self.header + "\n2025-06,Đất đai,0,10,0,0,4,0,0,6,0\n2025-07,Đất đai,5,10,0,0,15,0,0,0,0\n"
        let site = try TestSite(["content/statistics/a.csv": csv])
        let result = site.build()
        #expect(result.succeeded)
        let warning = try #require(result.warnings.first)
        #expect(warning.location?.line == 3)
        #expect(warning.message.contains("carried_over is 5") && warning.message.contains("6 still pending"))
    }

    @Test func unterminatedQuoteFailsTheBuildAtItsLine() throws {
        let csv = Self.header + "\n2025-07,\"Hộ tịch,0,1,0,0,1,0,0,0,0\n2025-08,Hộ tịch,0,1,0,0,1,0,0,0,0\n"
        let site = try TestSite(["content/statistics/a.csv": csv])
        let error = try #require(site.build().errors.first)
        #expect(error.location == SourceLocation(path: "content/statistics/a.csv", line: 2, column: 9))
        #expect(error.message.contains("never closed"))
    }

    @Test func zeroDenominatorShowsDashNotZeroOrNaN() throws {
        let csv = Self.header + "\n2025-07,Đất đai,3,0,0,0,0,0,0,3,0\n"
        let site = try TestSite(["content/statistics/a.csv": csv])
        #expect(site.build().succeeded)
        let page = try #require(site.page("thong-ke/2025/07/index.html"))
        #expect(row(page, containing: "stats-on_time\"")?.contains("—") == true)
        #expect(row(page, containing: "stats-online_share")?.contains("—") == true)
        #expect(!page.contains("NaN") && !page.contains("0,0%"))
    }

    @Test func quarterAndYearAddFlowsAndTakeStocksAtTheEdges() throws {
        let csv = Self.header + """

            2025-01,Hộ tịch,2,10,0,0,9,0,0,3,0
            2025-02,Hộ tịch,3,20,0,0,20,0,0,3,0
            2025-04,Hộ tịch,3,5,5,0,10,0,0,3,0
            2025-01,Đất đai,0,4,0,0,1,1,0,2,0
            """
        let site = try TestSite(["content/statistics/a.csv": csv])
        #expect(site.build().succeeded)
        let rows = StatisticsRow.read("content/statistics/a.csv",
                                      context: try #require(Self.context(site)))
        let data = StatisticsData(rows)
        let q1 = data.figures(.quarter(year: 2025, quarter: 1))
        #expect(q1.counts.carriedOver == 2)
        #expect(q1.counts.receivedTotal == 34)
        #expect(q1.counts.resolvedTotal == 31)
        #expect(q1.counts.pendingTotal == 5)  // Hộ tịch 3 at the end of February + Đất đai 2
        let year = data.figures(.year(2025), field: "Hộ tịch")
        #expect(year.counts.carriedOver == 2 && year.counts.pendingTotal == 3 && year.counts.receivedTotal == 40)
        #expect(data.quarters(of: 2025) == [1, 2])
        let page = try #require(site.page("thong-ke/2025/index.html"))
        #expect(page.contains("Quý I/2025") && page.contains("Quý II/2025"))
    }

    @Test func pagesHaveSVGChartsWithTitleDescriptionAndTableBelow() throws {
        let site = try TestSite(["content/statistics/2025.csv": Self.acceptance])
        #expect(site.build().succeeded)
        for page in ["thong-ke/index.html", "thong-ke/2025/index.html", "thong-ke/linh-vuc/ho-tich/index.html"] {
            let html = try #require(site.page(page), "\(page)")
            let charts = html.components(separatedBy: "<svg").dropFirst()
            #expect(charts.count == 2, "\(page)")
            for chart in charts {
                let svg = chart.components(separatedBy: "</svg>")[0]
                #expect(svg.contains("role=\"img\"") && svg.contains("<title") && svg.contains("<desc"))
                let after = chart.components(separatedBy: "</svg>")[1]
                // The chart's data table follows right after it, in a scroll box keyboard users can reach.
                let next = after.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(next.hasPrefix("<div class=\"table-scroll\" tabindex=\"0\""))
                #expect(next.split(separator: "\n").dropFirst().first == "<table>")
            }
        }
        #expect(!(site.page("thong-ke/index.html") ?? "").contains("<script"))
    }

    @Test func openDataParsesAndMatchesThePages() throws {
        let csv = Self.acceptance + "2025-06,\"Lao động, Thương binh và Xã hội\",2,3,1,0,4,0,0,2,0\n"
        let site = try TestSite(["content/statistics/2025.csv": csv])
        #expect(site.build().succeeded)
        let data = try #require(site.page("thong-ke/du-lieu.csv"))
        let document = CSVReader.read(data)
        #expect(document.problems.isEmpty)
        let header = document.records[0].fields.map(\.text)
        let records = document.records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: zip(header, record.fields.map(\.text)))
        }
        #expect(records.count == 2)
        #expect(records[0]["field"] == "Lao động, Thương binh và Xã hội")
        let july = try #require(records.first { $0["period"] == "2025-07" })
        #expect(july["received_total"] == "1881")
        #expect(july["online_share_percent"] == "97.4")
        #expect(july["on_time_or_early_rate_percent"] == "99.9")
        #expect(july["digitized_rate_percent"] == "")

        let json = try #require(site.page("thong-ke/du-lieu.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let fields = try #require((object["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == header)
        #expect(fields.allSatisfy { ($0["description"] as? String)?.isEmpty == false })
        let rows = try #require(object["rows"] as? [[String: Any]])
        let jsonJuly = try #require(rows.first { $0["period"] as? String == "2025-07" })
        #expect(jsonJuly["received_total"] as? Int == 1881)
        #expect((jsonJuly["on_time_or_early_rate_percent"] as? NSNumber)?.doubleValue == 99.9)
        #expect(jsonJuly["digitized"] is NSNull)

        // Every figure of the month page is the open data's, formatted.
        let month = try #require(site.page("thong-ke/2025/07/index.html"))
        #expect(row(month, containing: "stats-on_time\"")?.contains(
            july["on_time_or_early_rate_percent"]!.replacingOccurrences(of: ".", with: ",") + "%") == true)
        #expect(month.contains("/thong-ke/du-lieu.csv") && month.contains("/thong-ke/du-lieu.json"))
    }

    @Test func outputIsDeterministic() throws {
        let site = try TestSite(["content/statistics/2025.csv": Self.acceptance
                                    + "2025-07,Chứng thực,0,5,5,0,10,0,0,0,0\n2025-07,Đất đai,1,1,0,0,1,0,0,1,0\n"])
        #expect(site.build().succeeded)
        let first = ["thong-ke/du-lieu.csv", "thong-ke/du-lieu.json", "thong-ke/index.html"].map { site.page($0) }
        try site.remove("public")
        #expect(site.build().succeeded)
        let second = ["thong-ke/du-lieu.csv", "thong-ke/du-lieu.json", "thong-ke/index.html"].map { site.page($0) }
        #expect(first == second)
    }

    @Test func menuAndHomeLinkToStatistics() throws {
        let site = try TestSite(["content/statistics/2025.csv": Self.acceptance])
        #expect(site.build().succeeded)
        let home = try #require(site.page("index.html"))
        #expect(home.contains("href=\"/thong-ke/\""))
        #expect(row(home, containing: "quick-links-title", tag: "section")?.contains("Kết quả giải quyết hồ sơ") == true)
    }

    // MARK: embeds

    @Test func newsEmbedsASummaryTableInPlace() throws {
        let body = "Đầu bài.\n\n```thong-ke\nperiod: 2025-07\n```\n\nCuối bài.\n\n```thong-ke\nyear: 2025\nfield: Hộ tịch\n```\n"
        let site = try TestSite(["content/statistics/2025.csv": Self.acceptance,
                                 "content/news/2025-08-01-ket-qua.md": TestSite.news(title: "Kết quả", body: body)])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let article = try #require(site.page("tin-tuc/ket-qua/index.html"))
        let tables = article.components(separatedBy: "<figure class=\"stats-embed\">").dropFirst()
        #expect(tables.count == 2)
        #expect(tables.first?.contains("97,4%") == true && tables.first?.contains("99,9%") == true)
        #expect(tables.first?.contains("href=\"/thong-ke/2025/07/\"") == true)
        #expect(article.range(of: "Đầu bài")!.lowerBound < article.range(of: "stats-embed")!.lowerBound)
        #expect(!article.contains("period: 2025-07"))
    }

    @Test func embedWithUnknownPeriodFailsAtThatLine() throws {
        // Front matter takes lines 1-5; the fence is on line 8 and `period:` on line 9.
        let body = "Mở đầu.\n\n```thong-ke\nperiod: 2024-01\n```\n"
        let site = try TestSite(["content/statistics/2025.csv": Self.acceptance,
                                 "content/news/2025-08-01-sai.md": TestSite.news(title: "Sai", body: body)])
        let result = site.build()
        let error = try #require(result.errors.first, "\(result.report)")
        #expect(error.location == SourceLocation(path: "content/news/2025-08-01-sai.md", line: 9, column: 9))
        #expect(error.message.contains("no statistics for 2024-01"))
        #expect(error.message.contains("2025-07"))
    }

    @Test func embedProblemsAreEachReported() throws {
        let body = "```thong-ke\nperiod: 7/2025\nfield: Hộ tich sai\ncolour: red\n```\n"
        let site = try TestSite(["content/statistics/2025.csv": Self.acceptance,
                                 "content/news/2025-08-01-sai.md": TestSite.news(title: "Sai", body: body)])
        let lines = site.build().errors.map { $0.location!.line }
        #expect(lines == [7, 8, 9])
    }

    static func context(_ site: TestSite) -> LoadContext? {
        let log = DiagnosticLog()
        let files = SiteFiles(root: site.root)
        guard let config = SiteConfig.load(files, baseURLOverride: nil, log: log) else { return nil }
        return LoadContext(files: files, config: config, options: BuildOptions(site: site.root), log: log,
                           theme: Theme.load(files, languages: ["vi"], log: log), links: LinkRegistry(),
                           markdown: MarkdownRenderer(), store: ContentStore())
    }
}

@Suite struct StatisticsUnitTests {
    @Test func ratesAreRoundedButNeverUpToAHundred() {
        let format = LanguageFormat.vietnamese
        #expect(format.percent(1843, of: 1844) == "99,9%")
        #expect(format.percent(1832, of: 1881) == "97,4%")   // 97,395…%
        #expect(format.percent(1999, of: 2000) == "99,9%")   // 99,95% would round to 100,0%
        #expect(format.percent(19999, of: 20000) == "99,9%")
        #expect(format.percent(1, of: 3) == "33,3%")
        #expect(format.percent(2, of: 3) == "66,7%")
        #expect(format.percent(1, of: 2000) == "0,1%")
        #expect(format.percent(5, of: 5) == "100,0%")
        #expect(format.percent(0, of: 0) == "—")
    }

    @Test func yearMonthParsesOnlyWellFormedMonths() {
        #expect(YearMonth(parsing: "2025-07") == YearMonth(year: 2025, month: 7))
        for bad in ["2025-7", "2025-13", "2025-00", "25-07", "2025/07", "2025-07-01", " 2025-07"] {
            #expect(YearMonth(parsing: bad) == nil, "\(bad)")
        }
        #expect(YearMonth(year: 2025, month: 1).previous == YearMonth(year: 2024, month: 12))
    }

    @Test func lineChartAxisStartsAtARoundValueBelowTheLowestPoint() {
        #expect(LineChart.axis(lowest: 999).low == 980)
        #expect(LineChart.axis(lowest: 975).low == 950)
        #expect(LineChart.axis(lowest: 955).low == 900)
        #expect(LineChart.axis(lowest: 300).low == 0)
    }

    @Test func barChartTicksAreRoundAndCoverTheTallestBar() {
        let (ticks, top) = ChartFrame.ticks(upTo: 436)
        #expect(top >= 436 && top == ticks.last && ticks.first == 0)
        #expect(ticks.count <= 6)
        #expect(ChartFrame.ticks(upTo: 1881).top == 2000)
    }
}
