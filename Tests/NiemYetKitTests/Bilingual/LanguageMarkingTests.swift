import Foundation
import Testing
@testable import NiemYetKit

/// `<html lang="en">` must be true of everything on an English page that is not marked otherwise: Vietnamese
/// records, names and documents shown there carry `lang="vi"`, so screen readers switch voice.
@Suite struct LanguageMarkingTests {
    static let contacts = """
        hotline: 0912 345 678
        people:
          - name: Nguyễn Văn Thử
            position: Chủ tịch Ủy ban nhân dân xã
            unit: Lãnh đạo Ủy ban nhân dân xã
            phone: 0912 000 111
            en:
              position: Chairman of the Commune People's Committee
              unit: Commune leadership
          - name: Lê Thị Nghiệm
            position: Công chức Tư pháp – Hộ tịch
            unit: Trung tâm Phục vụ hành chính công
            phone: 0238 3851 202
        """

    /// A bilingual site with every kind of content, some of it translated.
    static func everything() throws -> TestSite {
        var files = TranslatedContentTests.notices.merging(TranslatedContentTests.procedures) { a, _ in a }
        files.merge([
            "content/news/2025-07-31-ket-qua.md": BilingualSiteTests.article,
            "content/news/2025-07-31-ket-qua.en.md": BilingualSiteTests.articleEN,
            "content/news/2025-07-30-chi-tieng-viet.md": TestSite.news(title: "Tin chỉ có tiếng Việt", date: "2025-07-30"),
            "content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\nmenu: 1\n---\nXã thử.\n",
            "content/pages/gioi-thieu.en.md": "---\ntitle: About\nmenu: 1\n---\nA test commune.\n",
            "content/contacts.yml": Self.contacts,
            "content/documents/125-qd.md": DocumentFixture.document,
            "content/media/van-ban/125.pdf": "%PDF-1.4\n",
            "content/announcements/2025-08-03-tep.md": AnnouncementTests.notice(
                "Danh sách hộ nghèo", date: "2025-08-03", expires: nil,
                extra: "attachments:\n  - title: Danh sách dự kiến\n    file: /media/van-ban/125.pdf\n"),
            "content/schedule/2025-W32.yml": """
                - date: 2025-08-04
                  time: "07:30"
                  title: Giao ban đầu tuần
                  location: Phòng họp số 1
                  host: Ông Nguyễn Văn Thử
                  participants: [Các Phó Chủ tịch, Công chức Văn phòng]
                """,
            "content/statistics/2025.csv": StatisticsTests.header
                + "\n2025-06,Hộ tịch,0,10,5,0,10,4,1,0,0\n2025-07,Hộ tịch,0,70,30,0,60,39,1,0,0"
                + "\n2025-07,Đất đai,0,5,5,0,5,5,0,0,0\n",
        ]) { a, _ in a }
        return try Bilingual.site(files)
    }

    @Test func englishPagesMarkEveryVietnameseText() throws {
        let site = try Self.everything()
        let result = site.build(now: "2025-08-06")
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let pages = site.outputFiles().filter { $0.hasPrefix("en/") && $0.hasSuffix(".html") }
        // Every section is there in English.
        for section in ["en/index.html", "en/thu-tuc/index.html", "en/thong-ke/index.html", "en/thong-bao/index.html",
                        "en/van-ban/index.html", "en/lich-lam-viec/index.html", "en/lien-he/danh-ba/index.html",
                        "en/gioi-thieu/index.html", "en/tin-tuc/ket-qua/index.html"] {
            #expect(pages.contains(section), "\(section) missing")
        }
        #expect(pages.count > 30)
        for path in pages {
            let html = try #require(site.page(path))
            #expect(Bilingual.pageLanguage(html) == "en", "\(path)")
            let unmarked = Bilingual.unmarkedVietnamese(html)
            let list = unmarked.map(\.description).joined(separator: "\n")
            #expect(unmarked.isEmpty, "\(path): Vietnamese text not marked lang=\"vi\":\n\(list)")
        }
        // And the other way round: the Vietnamese pages do not mark English.
        for path in site.outputFiles() where !path.hasPrefix("en/") && path.hasSuffix(".html") {
            let html = try #require(site.page(path))
            #expect(Bilingual.pageLanguage(html) == "vi", "\(path)")
            #expect(!html.contains("lang=\"en\"") || html.contains("hreflang=\"en\" lang=\"en\""), "\(path)")
        }
    }

    @Test func englishContactDirectoryReadsAsEnglish() throws {
        let site = try Self.everything()
        site.build()
        let page = try #require(site.page("en/lien-he/danh-ba/index.html"))
        let en = Bilingual.strings(site, "en")
        // Headings and labels in English; names in Vietnamese, marked; positions and units in English where the
        // contacts file gives them, else the Vietnamese ones, marked.
        #expect(ProcedureFixture.headings(page, tag: "h1").map(Bilingual.decode) == [try #require(en["contacts_title"])])
        #expect(page.contains("\(try #require(en["phone"])): <a href=\"tel:"))
        #expect(Bilingual.language(of: "Nguyễn Văn Thử", in: page) == "vi")
        #expect(Bilingual.language(of: "Chairman of the Commune People's Committee", in: page) == "en")
        #expect(Bilingual.language(of: "Commune leadership", in: page) == "en")
        #expect(Bilingual.language(of: "Công chức Tư pháp – Hộ tịch", in: page) == "vi")
        #expect(Bilingual.language(of: "Trung tâm Phục vụ hành chính công", in: page) == "vi")
        // The Vietnamese directory keeps the Vietnamese positions.
        let vietnamese = try #require(site.page("lien-he/danh-ba/index.html"))
        #expect(vietnamese.contains("Chủ tịch Ủy ban nhân dân xã") && !vietnamese.contains("Chairman"))
    }

    @Test func checkerSeesAnUnmarkedVietnameseText() {
        let html = """
            <html lang="en"><head><title>Tiêu đề</title></head><body><p>Hello <span lang="vi">Xin chào</span></p>
            <p>Đất đai</p><img src="x" alt="Ảnh"><svg><title>Hộ tịch</title></svg><script>var a = "Hà Nội";</script></body></html>
            """
        #expect(Bilingual.unmarkedVietnamese(html).map(\.text) == ["Đất đai", "Ảnh"])
    }
}
