import Foundation
import Testing
@testable import NiemYetKit

/// Translations of notices and procedures (`name.en.md`): the English site shows the translation where there is
/// one, else the Vietnamese item marked as Vietnamese.
@Suite struct TranslatedContentTests {
    static let notices = [
        "content/announcements/2025-08-01-hop-dan.md": AnnouncementTests.notice("Họp dân thôn Đông", date: "2025-08-01",
                                                                               expires: "2025-08-20"),
        "content/announcements/2025-08-01-hop-dan.en.md":
            "---\ntitle: Village meeting in Dong village\nsummary: A meeting.\n---\nAll residents are invited.\n",
        "content/announcements/2025-08-02-cat-dien.md": AnnouncementTests.notice("Lịch cắt điện", date: "2025-08-02",
                                                                                expires: "2025-08-20"),
    ]

    @Test func englishNoticesShowTranslationsAndMarkTheOthersVietnamese() throws {
        let site = try Bilingual.site(Self.notices)
        let result = site.build(now: "2025-08-10")
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let list = try #require(site.page("en/thong-bao/index.html"))
        #expect(Bilingual.language(of: "Village meeting in Dong village", in: list) == "en")
        #expect(Bilingual.language(of: "Lịch cắt điện", in: list) == "vi")
        #expect(!list.contains("Họp dân thôn Đông"))
        // The Vietnamese list is untouched by the translation.
        let vietnamese = try #require(site.page("thong-bao/index.html"))
        #expect(vietnamese.contains("Họp dân thôn Đông") && !vietnamese.contains("Village meeting"))
        // The translation takes its original's address, dates and pin: it is on the English home page as the
        // original is on the Vietnamese one, with the same deadline.
        let page = try #require(site.page("en/thong-bao/hop-dan/index.html"))
        #expect(Bilingual.pageLanguage(page) == "en")
        #expect(page.contains("datetime=\"2025-08-20\""))
        #expect(Bilingual.languageSwitch(page)?.href == "/thong-bao/hop-dan/")
        #expect(site.page("en/index.html")?.contains("Village meeting in Dong village") == true)
        // An untranslated notice has an English page too, its texts marked Vietnamese.
        let untranslated = try #require(site.page("en/thong-bao/cat-dien/index.html"))
        #expect(Bilingual.unmarkedVietnamese(untranslated).isEmpty,
                "\(Bilingual.unmarkedVietnamese(untranslated))")
        // The English feed says which entries are Vietnamese.
        let feed = try #require(site.page("en/thong-bao/feed.xml"))
        #expect(feed.contains("<entry xml:lang=\"vi\">\n<title>Lịch cắt điện</title>"))
        #expect(feed.contains("<entry>\n<title>Village meeting in Dong village</title>"))
    }

    @Test func noticeTranslationGivesOnlyItsTexts() throws {
        var files = Self.notices
        files["content/announcements/2025-08-01-hop-dan.en.md"] =
            "---\ntitle: Village meeting\nexpires: 2025-09-01\n---\nText.\n"
        let site = try Bilingual.site(files)
        let result = site.build(now: "2025-08-10")
        #expect(result.succeeded, "\(result.report)")
        let warning = try #require(result.warnings.first, "\(result.report)")
        #expect(warning.location?.path == "content/announcements/2025-08-01-hop-dan.en.md")
        #expect(warning.location?.line == 3)
        #expect(warning.message.contains("`expires`") && warning.message.contains("2025-08-01-hop-dan.md"))
        // The original's deadline holds.
        #expect(site.page("en/thong-bao/hop-dan/index.html")?.contains("datetime=\"2025-08-20\"") == true)
    }

    static let procedures = [
        "content/procedures/1.001193.md": Bilingual.procedure("1.001193", title: "Đăng ký khai sinh"),
        "content/procedures/1.001193.en.md": """
            ---
            code: "1.001193"
            title: Birth registration
            processing_time: 3 working days
            ---
            ## Steps

            1. File the dossier.
            """,
        "content/procedures/1.000656.md": Bilingual.procedure("1.000656", title: "Đăng ký khai tử"),
    ]

    @Test func englishCatalogueShowsTranslatedTitlesAndMarksTheRest() throws {
        let site = try Bilingual.site(Self.procedures)
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let catalogue = try #require(site.page("en/thu-tuc/index.html"))
        #expect(Bilingual.language(of: "Birth registration", in: catalogue) == "en")
        #expect(Bilingual.language(of: "Đăng ký khai tử", in: catalogue) == "vi")
        #expect(!catalogue.contains("Đăng ký khai sinh"))
        #expect(Bilingual.unmarkedVietnamese(catalogue).isEmpty, "\(Bilingual.unmarkedVietnamese(catalogue))")
        // The Vietnamese catalogue lists the Vietnamese titles only.
        let vietnamese = try #require(site.page("thu-tuc/index.html"))
        #expect(vietnamese.contains("Đăng ký khai sinh") && !vietnamese.contains("Birth registration"))

        // The translated page: English title and processing time; the fee it did not translate stays Vietnamese,
        // marked, and so does the field.
        let page = try #require(site.page("en/thu-tuc/1.001193/index.html"))
        #expect(Bilingual.language(of: "Birth registration", in: page) == "en")
        #expect(Bilingual.language(of: "3 working days", in: page) == "en")
        #expect(Bilingual.language(of: "Miễn phí", in: page) == "vi")
        #expect(Bilingual.language(of: "Hộ tịch", in: page) == "vi")
        #expect(Bilingual.language(of: "File the dossier.", in: page) == "en")
        #expect(Bilingual.unmarkedVietnamese(page).isEmpty, "\(Bilingual.unmarkedVietnamese(page))")
        let en = Bilingual.strings(site, "en")
        #expect(page.contains(try #require(en["procedure_partly_translated"])))
        #expect(Bilingual.languageSwitch(page)?.href == "/thu-tuc/1.001193/")
        // An untranslated procedure's English page says it is shown in Vietnamese.
        let untranslated = try #require(site.page("en/thu-tuc/1.000656/index.html"))
        #expect(untranslated.contains(try #require(en["procedure_in_other_language"])))
        #expect(Bilingual.unmarkedVietnamese(untranslated).isEmpty, "\(Bilingual.unmarkedVietnamese(untranslated))")
    }

    @Test func qrCodesAndPrintSheets() throws {
        let site = try Bilingual.site(Self.procedures)
        site.build()
        // The paper notice board is Vietnamese: sheets and their QR files exist in Vietnamese only, and lead to the
        // Vietnamese pages.
        #expect(site.page("thu-tuc/in/index.html")?.contains("https://thu.example.test/thu-tuc/1.001193/") == true)
        #expect(site.page("thu-tuc/1.001193/qr.svg") != nil)
        #expect(site.page("en/thu-tuc/in/index.html") == nil)
        #expect(site.page("en/thu-tuc/linh-vuc/ho-tich/in/index.html") == nil)
        #expect(site.page("en/thu-tuc/1.001193/qr.svg") == nil)
        #expect(site.page("en/thu-tuc/index.html")?.contains("/thu-tuc/in/") == false)
        // An English procedure page's own code leads to the English page, and says so under it.
        let page = try #require(site.page("en/thu-tuc/1.001193/index.html"))
        #expect(page.contains("aria-label=\"\(try #require(Bilingual.strings(site, "en")["qr_label"])) "
                              + "https://thu.example.test/en/thu-tuc/1.001193/\""))
        let vietnamese = try #require(site.page("thu-tuc/1.001193/index.html"))
        #expect(vietnamese.contains("aria-label=\"\(try #require(Bilingual.strings(site, "vi")["qr_label"])) "
                                    + "https://thu.example.test/thu-tuc/1.001193/\""))
    }

    @Test func procedureTranslationMustKeepTheCodeAndGivesOnlyTexts() throws {
        var files = Self.procedures
        files["content/procedures/1.001193.en.md"] = """
            ---
            code: "1.001194"
            title: Birth registration
            channels: [truc-tiep]
            ---
            """
        let site = try Bilingual.site(files)
        let result = site.build()
        #expect(!result.succeeded)
        let path = "content/procedures/1.001193.en.md"
        let error = try #require(result.errors.first, "\(result.report)")
        #expect(error.location?.path == path && error.location?.line == 2)
        #expect(error.message.contains("1.001193"))
        let warning = try #require(result.warnings.first { $0.message.contains("`channels`") }, "\(result.report)")
        #expect(warning.location?.path == path && warning.location?.line == 4)
    }

    @Test func draftOriginalTakesItsTranslationAlong() throws {
        var files = Self.notices
        files["content/announcements/2025-08-01-hop-dan.md"] = AnnouncementTests.notice(
            "Họp dân thôn Đông", date: "2025-08-01", expires: nil, extra: "draft: true\n")
        let site = try Bilingual.site(files)
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        #expect(site.page("en/thong-bao/hop-dan/index.html") == nil)
        #expect(site.page("en/thong-bao/index.html")?.contains("Village meeting") == false)
    }
}
