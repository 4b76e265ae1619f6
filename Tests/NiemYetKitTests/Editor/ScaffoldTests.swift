import Foundation
import Testing
@testable import NiemYetKit

/// `niemyet new`: the file an editor starts from.
@Suite struct ScaffoldTests {
    let today = ContentDate(parsing: "2025-08-10")!

    @Test func newsFileIsNamedByDateAndVietnameseSlugAndBuildsIntoItsPage() throws {
        let site = try TestSite()
        let draft = try Scaffold.create(.news, title: "Đường liên thôn Đông Hòa: khởi công đợt 2/2025", today: today,
                                        in: site.root)
        #expect(draft.path == "content/news/2025-08-10-duong-lien-thon-dong-hoa-khoi-cong-dot-2-2025.md")
        let result = site.build()
        #expect(result.errors.isEmpty, "\(result.report)")
        let page = try #require(site.page("tin-tuc/duong-lien-thon-dong-hoa-khoi-cong-dot-2-2025/index.html"))
        #expect(page.contains("Đường liên thôn Đông Hòa: khởi công đợt 2/2025"))
        #expect(page.contains("10/08/2025"), "the date of the file is the day it was created")
        // The only thing the build asks of a fresh article is the summary the editor still has to write.
        #expect(result.warnings.allSatisfy { $0.message.contains("summary") }, "\(result.report)")
    }

    @Test func titlesWithYAMLSyntaxStayText() throws {
        let site = try TestSite()
        let title = "Thông báo: \"khẩn\" # lịch cắt điện - [thôn 3]"
        let draft = try Scaffold.create(.announcement, title: title, today: today, in: site.root)
        #expect(draft.path.hasPrefix("content/announcements/2025-08-10-thong-bao-khan-lich-cat-dien-thon-3"))
        let result = site.build()
        #expect(result.succeeded && result.warnings.isEmpty, "\(result.report)")
        let slug = String(draft.path.dropFirst("content/announcements/2025-08-10-".count).dropLast(3))
        let page = try #require(site.page("thong-bao/\(slug)/index.html"))
        #expect(page.contains("Thông báo: &quot;khẩn&quot; # lịch cắt điện - [thôn 3]") ||
                page.contains("Thông báo: \"khẩn\" # lịch cắt điện - [thôn 3]"))
    }

    @Test func pageBuildsWithoutWarnings() throws {
        let site = try TestSite()
        let draft = try Scaffold.create(.page, title: "Giới thiệu chung", today: today, in: site.root)
        #expect(draft.path == "content/pages/gioi-thieu-chung.md")
        let result = site.build()
        #expect(result.succeeded && result.warnings.isEmpty, "\(result.report)")
        #expect(site.page("gioi-thieu-chung/index.html")?.contains("Giới thiệu chung") == true)
    }

    @Test func neverOverwritesAnExistingFile() throws {
        let site = try TestSite()
        let first = try Scaffold.create(.news, title: "Họp dân thôn Bắc", today: today, in: site.root)
        try site.write(first.path, "---\ntitle: Đã sửa\ndate: 2025-08-10\nsummary: Bản của biên tập viên.\n---\nNội dung.\n")
        #expect(throws: Scaffold.Failure.exists(first.path)) {
            try Scaffold.create(.news, title: "Họp dân thôn Bắc", today: today, in: site.root)
        }
        let kept = try String(contentsOf: site.root.appendingPathComponent(first.path), encoding: .utf8)
        #expect(kept.contains("Bản của biên tập viên."), "the editor's text is untouched")
    }

    @Test func procedureSaysExactlyWhatIsStillMissingThenBuilds() throws {
        let site = try TestSite()
        let draft = try Scaffold.create(.procedure, title: "Đăng ký khai sinh", code: "1.001193", today: today,
                                        in: site.root)
        #expect(draft.path == "content/procedures/1.001193.md")
        let result = site.build()
        // What cannot be guessed is left for the editor, and the build names each field at its line.
        let missing = Set(result.errors.compactMap { error in ["field", "processing_time"].first { error.message.contains("`\($0)`") } })
        #expect(missing == ["field", "processing_time"], "\(result.report)")
        #expect(result.errors.allSatisfy { $0.location?.path == draft.path && ($0.location?.line ?? 0) > 1 })

        var text = try String(contentsOf: site.root.appendingPathComponent(draft.path), encoding: .utf8)
        text = text.replacingOccurrences(of: "field: \"\"", with: "field: Hộ tịch")
            .replacingOccurrences(of: "processing_time: \"\"", with: "processing_time: Trong ngày")
        try site.write(draft.path, text)
        let fixed = site.build()
        #expect(fixed.succeeded && fixed.warnings.isEmpty, "\(fixed.report)")
        #expect(site.page("thu-tuc/1.001193/index.html")?.contains("Đăng ký khai sinh") == true)
    }

    @Test func refusesWhatCannotMakeAFile() {
        #expect(throws: Scaffold.Failure.badProcedureCode("1000894")) {
            try Scaffold.draft(.procedure, title: nil, code: "1000894", today: today)
        }
        #expect(throws: Scaffold.Failure.emptySlug("!!!")) {
            try Scaffold.draft(.news, title: "!!!", today: today)
        }
    }
}
