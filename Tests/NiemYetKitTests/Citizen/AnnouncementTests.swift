import Foundation
import Testing
@testable import NiemYetKit

@Suite struct AnnouncementTests {
    static func notice(_ title: String, date: String, expires: String?, pinned: Bool = true,
                       extra: String = "") -> String {
        "---\ntitle: \(title)\ndate: \(date)\n" + (expires.map { "expires: \($0)\n" } ?? "")
            + "pinned: \(pinned)\nsummary: Tóm tắt \(title).\n\(extra)---\nNội dung thông báo.\n"
    }

    @Test func expiredNoticeLeavesHomeButStaysInList() throws {
        let site = try TestSite([
            "content/announcements/2025-07-20-cat-dien.md": Self.notice("Lịch cắt điện tháng 7", date: "2025-07-20",
                                                                       expires: "2025-08-01"),
            "content/announcements/2025-08-05-nop-thue.md": Self.notice("Hạn nộp thuế đất", date: "2025-08-05",
                                                                       expires: "2025-08-20"),
        ])
        let result = site.build(now: "2025-08-10")
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let home = try #require(site.page("index.html"))
        #expect(!home.contains("Lịch cắt điện tháng 7"))
        #expect(home.contains("Hạn nộp thuế đất"))
        let list = try #require(site.page("thong-bao/index.html"))
        #expect(list.contains("Lịch cắt điện tháng 7"))
        #expect(list.contains("Hạn nộp thuế đất"))
        // The expired one is listed under the "Đã hết hạn" heading, after the current one.
        let expiredHeading = try #require(list.range(of: "Đã hết hạn</h2>"))
        let expiredTitle = try #require(list.range(of: "Lịch cắt điện tháng 7"))
        let currentTitle = try #require(list.range(of: "Hạn nộp thuế đất"))
        #expect(expiredHeading.lowerBound < expiredTitle.lowerBound)
        #expect(currentTitle.lowerBound < expiredHeading.lowerBound)
        // Both notices keep their own page.
        #expect(site.page("thong-bao/cat-dien/index.html") != nil)
        #expect(site.page("thong-bao/nop-thue/index.html") != nil)
    }

    @Test func expiryDayItselfStillCounts() throws {
        let site = try TestSite([
            "content/announcements/hop-dan.md": Self.notice("Họp dân thôn Đông", date: "2025-08-01",
                                                            expires: "2025-08-10"),
        ])
        site.build(now: "2025-08-10")
        #expect(site.page("index.html")?.contains("Họp dân thôn Đông") == true)
        site.build(now: "2025-08-11")
        #expect(site.page("index.html")?.contains("Họp dân thôn Đông") == false)
    }

    @Test func unpinnedNoticesStayOffTheHomePage() throws {
        let site = try TestSite([
            "content/announcements/a.md": Self.notice("Thông báo thường lệ", date: "2025-08-01", expires: nil,
                                                      pinned: false),
        ])
        site.build()
        #expect(site.page("index.html")?.contains("Thông báo thường lệ") == false)
        #expect(site.page("thong-bao/index.html")?.contains("Thông báo thường lệ") == true)
    }

    @Test func feedListsNotices() throws {
        let site = try TestSite([
            "content/announcements/a.md": Self.notice("Thông báo A", date: "2025-08-01", expires: "2025-08-02"),
            "content/announcements/b.md": Self.notice("Thông báo B", date: "2025-08-03", expires: nil),
        ])
        #expect(site.build().succeeded)
        let feed = try #require(site.page("thong-bao/feed.xml"))
        #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(feed.components(separatedBy: "<entry>").count == 3)
        #expect(feed.contains("https://thu.example.test/thong-bao/b/"))
        #expect(site.page("thong-bao/index.html")?.contains("thong-bao/feed.xml") == true)
    }

    @Test func attachmentsShowTypeAndSize() throws {
        let site = try TestSite([
            "content/announcements/a.md": Self.notice("Danh sách niêm yết", date: "2025-08-01", expires: nil,
                                                      extra: "attachments:\n  - title: Danh sách\n    file: /media/ds.pdf\n"),
        ])
        try site.write("content/media/ds.pdf", Data(repeating: 0x25, count: 3 * 1024))
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let page = try #require(site.page("thong-bao/a/index.html"))
        #expect(page.contains("href=\"/media/ds.pdf\""))
        #expect(page.contains("PDF, 3 KB"))
    }

    @Test func missingAttachmentAndBackwardsExpiryAreErrors() throws {
        let site = try TestSite([
            "content/announcements/a.md": Self.notice("Sai", date: "2025-08-10", expires: "2025-08-01",
                                                      extra: "attachments:\n  - title: Tệp\n    file: /media/khong-co.pdf\n"),
        ])
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.errors.contains { $0.message.contains("expires") && $0.location?.line == 4 })
        #expect(result.errors.contains { $0.message.contains("/media/khong-co.pdf") && $0.location?.line == 9 })
    }
}
