import Foundation
import Testing
@testable import NiemYetKit

@Suite struct DocumentTests {
    static func document(number: String, type: String = "Quyết định", issuer: String = "UBND xã Thử Nghiệm",
                         signed: String = "2025-07-28", status: String = "con-hieu-luc",
                         file: String = "/media/vb/qd.pdf") -> String {
        """
        ---
        number: \(number)
        type: \(type)
        issuer: \(issuer)
        signed: \(signed)
        effective: 2025-08-01
        status: \(status)
        summary: Về việc công bố danh mục thủ tục hành chính của xã.
        file: \(file)
        ---

        """
    }

    @Test func documentPageShowsTheRequiredFieldsAndListsHaveIt() throws {
        let site = try TestSite([
            "content/documents/125-qd.md": Self.document(number: "125/QĐ-UBND"),
            "content/documents/86-kh.md": Self.document(number: "86/KH-UBND", type: "Kế hoạch", signed: "2024-03-02",
                                                        status: "het-hieu-luc", file: "/media/vb/kh.pdf"),
        ])
        try site.write("content/media/vb/qd.pdf", Data(repeating: 0x25, count: 2048))
        try site.write("content/media/vb/kh.pdf", Data(repeating: 0x25, count: 2048))
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let page = try #require(site.page("van-ban/125-qd/index.html"))
        for field in ["125/QĐ-UBND", "Quyết định", "UBND xã Thử Nghiệm", "28/07/2025", "01/08/2025", "Còn hiệu lực",
                      "Về việc công bố danh mục thủ tục hành chính của xã.", "PDF, 2 KB"] {
            #expect(page.contains(field), "document page lacks \(field)")
        }
        // The file link works: it points at a file the build wrote.
        let href = try #require(page.firstMatch(of: /href="\/(media\/[^"]+)"/)?.1)
        #expect(site.outputFiles().contains(String(href)))
        #expect(site.page("van-ban/86-kh/index.html")?.contains("Hết hiệu lực") == true)
        // Listed on /van-ban/ (newest first), under its type and under its year.
        let all = try #require(site.page("van-ban/index.html"))
        let newer = try #require(all.range(of: "125/QĐ-UBND"))
        let older = try #require(all.range(of: "86/KH-UBND"))
        #expect(newer.lowerBound < older.lowerBound)
        #expect(all.contains("/van-ban/loai/quyet-dinh/") && all.contains("/van-ban/nam/2025/"))
        let type = try #require(site.page("van-ban/loai/quyet-dinh/index.html"))
        #expect(type.contains("/van-ban/125-qd/") && !type.contains("/van-ban/86-kh/"))
        let year = try #require(site.page("van-ban/nam/2025/index.html"))
        #expect(year.contains("/van-ban/125-qd/") && !year.contains("/van-ban/86-kh/"))
        #expect(site.page("van-ban/nam/2024/index.html")?.contains("/van-ban/86-kh/") == true)
        let sitemap = try #require(site.page("sitemap.xml"))
        #expect(sitemap.contains("https://thu.example.test/van-ban/125-qd/"))
        #expect(sitemap.contains("https://thu.example.test/van-ban/86-kh/"))
    }

    @Test func duplicateNumberFromTheSameIssuerIsAnError() throws {
        let site = try TestSite([
            "content/documents/a.md": Self.document(number: "125/QĐ-UBND"),
            "content/documents/b.md": Self.document(number: "125/qđ-ubnd "),
            "content/documents/c.md": Self.document(number: "125/QĐ-UBND", issuer: "Đảng ủy xã Thử Nghiệm"),
        ])
        try site.write("content/media/vb/qd.pdf", Data("%PDF".utf8))
        let result = site.build()
        #expect(!result.succeeded)
        let duplicates = result.errors.filter { $0.message.contains("125/") }
        #expect(Set(duplicates.compactMap { $0.location?.path }) == ["content/documents/a.md", "content/documents/b.md"])
        #expect(duplicates.allSatisfy { $0.location?.line == 2 })
    }

    @Test func missingFieldsAndFileAreErrors() throws {
        let site = try TestSite(["content/documents/a.md": "---\nnumber: 1/TB-UBND\nfile: /media/khong-co.pdf\nstatus: sap-het\n---\n"])
        let result = site.build()
        let messages = result.errors.map(\.message).joined(separator: "\n")
        for needed in ["`type`", "`issuer`", "`signed`", "`summary`", "con-hieu-luc", "/media/khong-co.pdf"] {
            #expect(messages.contains(needed), "no error about \(needed)")
        }
    }
}

@Suite struct NewsCalendarTests {
    @Test func archiveGoesFromYearToMonthsToDays() throws {
        let site = try TestSite([
            "content/news/2025-07-15-a.md": TestSite.news(title: "Tin giữa tháng bảy", date: "2025-07-15"),
            "content/news/2025-07-31-b.md": TestSite.news(title: "Tin cuối tháng bảy", date: "2025-07-31"),
            "content/news/2025-07-31-c.md": TestSite.news(title: "Tin cuối tháng bảy nữa", date: "2025-07-31"),
            "content/news/2024-12-02-d.md": TestSite.news(title: "Tin năm trước", date: "2024-12-02"),
        ])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let index = try #require(site.page("tin-tuc/lich/index.html"))
        #expect(index.contains("2025") && index.contains("2024"))
        #expect(index.contains("Tháng 7/2025</a> (3"))
        #expect(index.contains("Tháng 12/2024</a> (1"))
        #expect(index.contains("/tin-tuc/lich/2025/07/#ngay-31"))
        #expect(index.contains("/tin-tuc/lich/2025/07/#ngay-15"))
        let month = try #require(site.page("tin-tuc/lich/2025/07/index.html"))
        let day = try #require(ScheduleTests.section(month, after: "Các tin đã đăng ngày Thứ Năm, 31/07/2025"))
        #expect(day.contains("Tin cuối tháng bảy") && day.contains("Tin cuối tháng bảy nữa"))
        #expect(!day.contains("Tin giữa tháng bảy"))
        #expect(month.contains("href=\"#ngay-15\""))
        #expect(month.contains("/tin-tuc/lich/2024/12/"))
        #expect(site.page("tin-tuc/index.html")?.contains("/tin-tuc/lich/") == true)
    }
}
