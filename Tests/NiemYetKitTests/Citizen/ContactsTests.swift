import Foundation
import Testing
@testable import NiemYetKit

@Suite struct ContactsTests {
    static let contacts = """
        hotline: 0238 3851 999
        people:
          - name: Nguyễn Văn Thử
            position: Chủ tịch UBND xã
            unit: Lãnh đạo
            phone: 0912 000 111
            email: thu@xa.example.gov.vn
          - name: Lê Thị Nghiệm
            position: Công chức Tư pháp – Hộ tịch
            unit: Một cửa
            phone: +84 238 3851 202
        """

    @Test func everyPageHasTheHotlineAsTapToCall() throws {
        let site = try TestSite([
            "content/contacts.yml": Self.contacts,
            "content/news/2025-07-31-tin.md": TestSite.news(title: "Tin thử"),
            "content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nXã thử.\n",
            "content/announcements/a.md": AnnouncementTests.notice("Thông báo", date: "2025-08-01", expires: nil),
            "content/schedule/2025-W32.yml": "- date: 2025-08-04\n  title: Giao ban\n",
        ], siteYAML: """
            title: Cổng thông tin xã Thử Nghiệm
            base_url: https://thu.example.test/
            language: vi
            hotline: 0238 3851 999
            """)
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let pages = site.outputFiles().filter { $0.hasSuffix(".html") }
        #expect(pages.count > 10)
        for page in pages {
            #expect(site.page(page)?.contains("href=\"tel:+842383851999\"") == true, "\(page) has no hotline link")
        }
        let directory = try #require(site.page("lien-he/danh-ba/index.html"))
        #expect(directory.contains("href=\"tel:+84912000111\""))
        #expect(directory.contains("href=\"tel:+842383851202\""))
        #expect(directory.contains("href=\"mailto:thu@xa.example.gov.vn\""))
        #expect(directory.contains("Lãnh đạo") && directory.contains("Một cửa"))
    }

    @Test func contactsHotlineWinsOverSiteSettings() throws {
        // The test site's site.yml gives 0912 345 678; contacts.yml another number.
        let site = try TestSite(["content/contacts.yml": Self.contacts])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.contains { $0.message.contains("differs") })
        #expect(site.page("index.html")?.contains("tel:+842383851999") == true)
        #expect(site.page("index.html")?.contains("tel:+84912345678") == false)
    }

    @Test func invalidPhoneFailsTheBuildWithItsLine() throws {
        let site = try TestSite(["content/contacts.yml": """
            hotline: 0912 345 678
            people:
              - name: Nguyễn Văn Thử
                position: Chủ tịch UBND xã
                phone: 0912 345 67
              - name: Lê Thị Nghiệm
                position: Công chức
                phone: gọi 113
                email: khong-phai-email
            """])
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.errors.contains { $0.location == SourceLocation(path: "content/contacts.yml", line: 5, column: 5)
                                         && $0.message.contains("0912 345 67") })
        #expect(result.errors.contains { $0.location?.line == 8 && $0.message.contains("phone") })
        #expect(result.errors.contains { $0.location?.line == 9 && $0.message.contains("email") })
        #expect(site.page("index.html") == nil)
    }

    @Test func invalidHotlineFailsToo() throws {
        let site = try TestSite(["content/contacts.yml": "hotline: 0123 456 789\n"])
        let result = site.build()
        #expect(result.errors.contains { $0.location?.line == 1 && $0.message.contains("hotline") })
    }

    @Test func phoneNumberRules() {
        for good in ["0238 3851 234", "0912 345 678", "+84 912 345 678", "+84 238 3851 234", "1900 1234",
                     "1800 123 456", "113", "0238.3851.234", "(0238) 3851 234"] {
            #expect(PhoneNumber.isValid(good), "\(good)")
        }
        for bad in ["0912 345 67", "0123 456 789", "0612 345 678", "+1 202 555 0100", "+84 0912 345 678",
                    "09123456789", "1900 123", "số máy lẻ 12", ""] {
            #expect(!PhoneNumber.isValid(bad), "\(bad)")
        }
        #expect(PhoneNumber.telURI("0238 3851 234") == "tel:+842383851234")
    }
}
