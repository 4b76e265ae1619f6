import Foundation
import Testing
@testable import NiemYetKit

/// The acceptance of the bilingual portal (issue 7), through the real pipeline.
@Suite struct BilingualSiteTests {
    static let article = TestSite.news(title: "Kết quả tháng 7", date: "2025-07-31")
    static let articleEN = "---\ntitle: July results\ndate: 2025-07-31\nsummary: Figures.\n---\nText.\n"

    @Test func englishHomeIsEnglishAndLinksBackToTheVietnameseHome() throws {
        let site = try Bilingual.site(["content/news/2025-07-31-ket-qua.md": Self.article])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let english = try #require(site.page("en/index.html"))
        let vietnamese = try #require(site.page("index.html"))
        #expect(Bilingual.pageLanguage(english) == "en")
        #expect(Bilingual.pageLanguage(vietnamese) == "vi")
        // Both homes name each other as alternates, and each offers the other visibly.
        for page in [english, vietnamese] {
            #expect(Bilingual.alternates(page) == ["vi": "https://thu.example.test/", "en": "https://thu.example.test/en/"])
        }
        let back = try #require(Bilingual.languageSwitch(english))
        #expect(back.href == "/" && back.hreflang == "vi")
        let forth = try #require(Bilingual.languageSwitch(vietnamese))
        #expect(forth.href == "/en/" && forth.hreflang == "en")
        // The English home page speaks English: its menu and title come from the English strings and settings.
        let en = Bilingual.strings(site, "en")
        #expect(english.contains("<title>Thu Nghiem Commune Portal</title>"))
        #expect(english.contains(">\(try #require(en["menu_home"]))</a>"))
    }

    @Test func articleAndItsTranslationLinkEachOther() throws {
        let site = try Bilingual.site([
            "content/news/2025-07-31-ket-qua.md": Self.article,
            "content/news/2025-07-31-ket-qua.en.md": Self.articleEN,
        ])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        // The translation lives at the original's path under /en/, whatever its own file name would give.
        let vietnamese = try #require(site.page("tin-tuc/ket-qua/index.html"))
        let english = try #require(site.page("en/tin-tuc/ket-qua/index.html"))
        #expect(Bilingual.pageLanguage(english) == "en")
        #expect(english.contains("July results"))
        let expected = ["vi": "https://thu.example.test/tin-tuc/ket-qua/", "en": "https://thu.example.test/en/tin-tuc/ket-qua/"]
        #expect(Bilingual.alternates(vietnamese) == expected)
        #expect(Bilingual.alternates(english) == expected)
        let toEnglish = try #require(Bilingual.languageSwitch(vietnamese))
        #expect(toEnglish.href == "/en/tin-tuc/ket-qua/" && toEnglish.hreflang == "en")
        let toVietnamese = try #require(Bilingual.languageSwitch(english))
        #expect(toVietnamese.href == "/tin-tuc/ket-qua/" && toVietnamese.hreflang == "vi")
        // Neither says a translation is missing.
        let note = try #require(Bilingual.strings(site, "vi")["translation_missing"])
        #expect(!vietnamese.contains(note))
    }

    @Test func pageWithoutTranslationSwitchesToTheEnglishHomeAndSaysSo() throws {
        let site = try Bilingual.site(["content/news/2025-07-31-ket-qua.md": Self.article])
        site.build()
        let page = try #require(site.page("tin-tuc/ket-qua/index.html"))
        #expect(site.page("en/tin-tuc/ket-qua/index.html") == nil)
        let language = try #require(Bilingual.languageSwitch(page))
        #expect(language.href == "/en/")
        let note = try #require(Bilingual.strings(site, "vi")["translation_missing"])
        #expect(language.text.contains(note))
        // No alternate announces a page that does not exist.
        #expect(Bilingual.alternates(page).isEmpty)
    }

    @Test func englishStatisticsUseEnglishNumberFormats() throws {
        // 600 early + 392 on time of 1 000 resolved: the on-time-or-early rate is 992/1000.
        let (early, onTime, late) = (600, 392, 8)
        let resolved = early + onTime + late
        let csv = StatisticsTests.header + "\n2025-07,Hộ tịch,0,700,300,0,\(early),\(onTime),\(late),0,0\n"
        let site = try Bilingual.site(["content/statistics/2025.csv": csv])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let permille = (early + onTime) * 1000 / resolved
        let english = "\(permille / 10).\(permille % 10)%"
        let vietnamese = "\(permille / 10),\(permille % 10)%"
        #expect(english == "99.2%")
        let en = try #require(site.page("en/thong-ke/2025/07/index.html"))
        let vi = try #require(site.page("thong-ke/2025/07/index.html"))
        #expect(en.contains(english) && !en.contains(vietnamese))
        #expect(vi.contains(vietnamese) && !vi.contains(english))
        // Thousands too: 1,000 in English, 1.000 in Vietnamese.
        #expect(en.contains("1,000") && !en.contains("1.000<"))
        #expect(vi.contains("1.000"))
        #expect(Bilingual.pageLanguage(en) == "en")
        // The field name stays Vietnamese on the English page and says so.
        #expect(Bilingual.language(of: "Hộ tịch", in: en) == "vi")
    }

    @Test func missingEnglishStringFallsBackToVietnameseWithAWarningNamingIt() throws {
        let site = try Bilingual.site()
        let path = site.root.appendingPathComponent("templates/i18n/en.yml")
        let lines = try String(contentsOf: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try site.write("templates/i18n/en.yml", lines.filter { !$0.hasPrefix("menu_home:") }.joined(separator: "\n"))
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let warning = try #require(result.warnings.first { $0.message.contains("menu_home") }, "\(result.report)")
        #expect(warning.location?.path == "templates/i18n/en.yml")
        #expect(result.warnings.count == 1, "\(result.report)")
        let vietnamese = try #require(Bilingual.strings(site, "vi")["menu_home"])
        #expect(site.page("en/index.html")?.contains(">\(vietnamese)</a>") == true)
    }

    @Test func translationWithoutOriginalIsALocatedError() throws {
        let site = try Bilingual.site([
            "content/news/2025-07-31-mot-minh.en.md": Self.articleEN,
            "content/pages/rieng.en.md": "---\ntitle: Alone\n---\nText.\n",
            "content/announcements/2025-08-01-le.en.md": "---\ntitle: Alone\n---\nText.\n",
            "content/procedures/1.000001.en.md": "---\ncode: \"1.000001\"\ntitle: Alone\n---\n",
        ])
        let result = site.build()
        #expect(!result.succeeded)
        for (path, original) in [("content/news/2025-07-31-mot-minh.en.md", "2025-07-31-mot-minh.md"),
                                 ("content/pages/rieng.en.md", "rieng.md"),
                                 ("content/announcements/2025-08-01-le.en.md", "2025-08-01-le.md"),
                                 ("content/procedures/1.000001.en.md", "1.000001.md")] {
            let error = try #require(result.errors.first { $0.location?.path == path }, "\(path): \(result.report)")
            #expect(error.location?.line == 1)
            #expect(error.message.contains(original), "\(error)")
            #expect(error.description.hasPrefix("\(path):1:"))
        }
    }

    @Test func legalDocumentsAreNotTranslated() throws {
        let site = try Bilingual.site([
            "content/documents/125-qd.md": DocumentFixture.document,
            "content/documents/125-qd.en.md": "---\ntitle: Decision\n---\n",
            "content/media/van-ban/125.pdf": "%PDF-1.4\n",
        ])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let warning = try #require(result.warnings.first, "\(result.report)")
        #expect(warning.location?.path == "content/documents/125-qd.en.md")
        #expect(result.warnings.count == 1, "\(result.report)")
    }
}

enum DocumentFixture {
    static let document = """
        ---
        number: 125/QĐ-UBND
        type: Quyết định
        issuer: Ủy ban nhân dân xã Thử Nghiệm
        signed: 2025-07-28
        status: con-hieu-luc
        summary: Về việc công bố danh mục thủ tục hành chính.
        file: /media/van-ban/125.pdf
        ---
        Nội dung quyết định.
        """
}
