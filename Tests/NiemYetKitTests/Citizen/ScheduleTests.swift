import Foundation
import Testing
@testable import NiemYetKit

@Suite struct ScheduleTests {
    static let week31 = """
        - date: 2025-07-28
          time: "07:30"
          title: Giao ban đầu tuần
          location: Phòng họp số 1
          host: Chủ tịch UBND xã
          participants: [Các Phó Chủ tịch, Văn phòng]
        - date: 2025-07-31
          time: 14:00 - 16:00
          title: Tiếp công dân định kỳ
        - date: 2025-08-03
          title: Ngày hội đại đoàn kết
        """

    /// The HTML from a day's heading to the next heading.
    static func section(_ html: String, after heading: String) -> String? {
        guard let start = html.range(of: heading) else { return nil }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "<h2")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func weekPageShowsEntriesUnderTheirWeekdays() throws {
        let site = try TestSite(["content/schedule/2025-W31.yml": Self.week31])
        let result = site.build(now: "2025-07-30")
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let page = try #require(site.page("lich-lam-viec/2025-W31/index.html"))
        let monday = try #require(Self.section(page, after: "Thứ Hai, 28/07/2025"))
        #expect(monday.contains("Giao ban đầu tuần"))
        #expect(monday.contains("07:30"))
        #expect(monday.contains("Phòng họp số 1"))
        #expect(monday.contains("Các Phó Chủ tịch, Văn phòng"))
        let thursday = try #require(Self.section(page, after: "Thứ Năm, 31/07/2025"))
        #expect(thursday.contains("Tiếp công dân định kỳ"))
        #expect(thursday.contains("14:00–16:00"))
        #expect(!thursday.contains("Giao ban đầu tuần"))
        let sunday = try #require(Self.section(page, after: "Chủ Nhật, 03/08/2025"))
        #expect(sunday.contains("Ngày hội đại đoàn kết"))
        // A free working day is still listed; Saturday without entries is not.
        #expect(page.contains("Thứ Ba, 29/07/2025"))
        #expect(!page.contains("Thứ Bảy, 02/08/2025"))
        // With "now" in that week, /lich-lam-viec/ is that week.
        let index = try #require(site.page("lich-lam-viec/index.html"))
        #expect(Self.section(index, after: "Thứ Hai, 28/07/2025")?.contains("Giao ban đầu tuần") == true)
    }

    @Test func currentWeekWithoutFileSaysNoScheduleAndLinksNeverBreak() throws {
        let site = try TestSite(["content/schedule/2025-W31.yml": Self.week31])
        let result = site.build(now: "2025-09-10")
        #expect(result.succeeded, "\(result.report)")
        let index = try #require(site.page("lich-lam-viec/index.html"))
        #expect(index.contains("Chưa có lịch"))
        #expect(index.contains("Tuần 37/2025"))
        // Every previous/next link of every schedule page leads to a page that was written.
        let pages = site.outputFiles().filter { $0.hasPrefix("lich-lam-viec/") }
        #expect(pages.contains("lich-lam-viec/2025-W30/index.html"))
        #expect(pages.contains("lich-lam-viec/2025-W32/index.html"))
        for page in pages {
            let html = try #require(site.page(page))
            for match in html.matches(of: /href="\/(lich-lam-viec\/[^"]*)"/) {
                #expect(site.page(String(match.1) + "index.html") != nil, "\(page) links to \(match.1)")
            }
        }
        // The week before the filled one goes back to it, and forward from it reaches the current week.
        let w32 = try #require(site.page("lich-lam-viec/2025-W32/index.html"))
        #expect(w32.contains("/lich-lam-viec/2025-W31/"))
        #expect(w32.contains("Chưa có lịch"))
    }

    @Test func entryOutsideItsWeekAndBadTimeAreErrorsOnTheirLine() throws {
        let site = try TestSite(["content/schedule/2025-W31.yml": """
            - date: 2025-07-28
              title: Đúng tuần
            - date: 2025-08-04
              title: Sai tuần
            - date: 2025-07-29
              time: 25:00
              title: Sai giờ
            """])
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.errors.contains { $0.location?.line == 3 && $0.message.contains("2025-W31") })
        #expect(result.errors.contains { $0.location?.line == 6 && $0.message.contains("time") })
    }

    @Test func badFileNameIsAnError() throws {
        let site = try TestSite(["content/schedule/tuan-31.yml": "- date: 2025-07-28\n  title: X\n"])
        let result = site.build()
        #expect(result.errors.contains { $0.location?.path == "content/schedule/tuan-31.yml" })
    }

    @Test func isoWeeksAcrossYearBoundaries() {
        #expect(ISOWeek(containing: CivilDate(year: 2025, month: 7, day: 28)).description == "2025-W31")
        #expect(ISOWeek(containing: CivilDate(year: 2025, month: 8, day: 3)).description == "2025-W31")
        #expect(ISOWeek(containing: CivilDate(year: 2024, month: 12, day: 30)).description == "2025-W01")
        #expect(ISOWeek(containing: CivilDate(year: 2021, month: 1, day: 3)).description == "2020-W53")
        #expect(ISOWeek.weeks(in: 2020) == 53)
        #expect(ISOWeek.weeks(in: 2025) == 52)
        #expect(ISOWeek(parsing: "2025-W31")?.monday == CivilDate(year: 2025, month: 7, day: 28))
        #expect(ISOWeek(parsing: "2025-W53") == nil)
        #expect(ISOWeek(parsing: "2025-W01")?.adding(weeks: -1).description == "2024-W52")
    }

    @Test func timesAsVietnameseWriteThem() {
        #expect(WorkSchedule.parseTime("7h30")?.0 == "07:30")
        #expect(WorkSchedule.parseTime("7h")?.0 == "07:00")
        #expect(WorkSchedule.parseTime("14:00 - 16:30")?.0 == "14:00–16:30")
        #expect(WorkSchedule.parseTime("16:00 - 14:00") == nil)
        #expect(WorkSchedule.parseTime("sáng") == nil)
        #expect(WorkSchedule.parseTime("7:") == nil)
    }
}
