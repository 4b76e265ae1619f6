import Foundation
import Testing
@testable import NiemYetKit

@Suite struct ProcedureLoaderTests {
    @Test func validProcedureGetsItsPageCatalogueEntryAndSitemapLine() throws {
        let site = try TestSite([
            "content/procedures/1.001193.md": ProcedureFixture.file(code: "1.001193", extra: """
                fee: Miễn phí
                online_url: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193
                online_level: toan-trinh
                legal_basis:
                  - number: 04/2020/TT-BTP
                    title: Thông tư hướng dẫn Luật Hộ tịch
                    date: 2020-05-28
                updated: 2025-07-01

                """),
        ])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        let page = try #require(site.page("thu-tuc/1.001193/index.html"))
        #expect(page.contains(">Đăng ký khai sinh</h1>"))
        #expect(page.contains("03 ngày làm việc"))
        #expect(page.contains("href=\"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193\""))
        #expect(page.contains("Nộp trực tuyến"))
        #expect(page.contains("04/2020/TT-BTP"))
        // The QR code: one inline SVG drawn as a single path, named for screen readers.
        let start = try #require(page.range(of: "<svg class=\"qr\""))
        let end = try #require(page.range(of: "</svg>", range: start.upperBound..<page.endIndex))
        let qr = String(page[start.lowerBound..<end.upperBound])
        #expect(qr.components(separatedBy: "<path").count == 2)
        #expect(qr.contains("role=\"img\""))
        #expect(qr.contains("aria-label=\"Mã QR dẫn đến https://thu.example.test/thu-tuc/1.001193/\""))
        #expect(qr.contains("shape-rendering=\"crispEdges\""))
        #expect(site.page("thu-tuc/1.001193/qr.svg")?.contains("<path") == true)

        let catalogue = try #require(site.page("thu-tuc/index.html"))
        #expect(catalogue.contains("href=\"/thu-tuc/1.001193/\""))
        #expect(site.page("thu-tuc/linh-vuc/ho-tich/index.html")?.contains("Đăng ký khai sinh") == true)
        #expect(site.page("thu-tuc/in/index.html")?.contains("/thu-tuc/1.001193/qr.svg") == true)
        #expect(site.page("thu-tuc/linh-vuc/ho-tich/in/index.html") != nil)
        let sitemap = try #require(site.page("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://thu.example.test/thu-tuc/1.001193/</loc><lastmod>2025-07-01</lastmod>"))
        #expect(sitemap.contains("<loc>https://thu.example.test/thu-tuc/</loc>"))
        #expect(!sitemap.contains("/thu-tuc/in/"))
        // Citizens find the catalogue from the home page and the menu.
        let home = try #require(site.page("index.html"))
        #expect(home.components(separatedBy: "href=\"/thu-tuc/\"").count >= 3)
    }

    @Test func badProceduresAreAllReportedWithTheirPlace() throws {
        let site = try TestSite([
            // Code not in D.DDDDDD form.
            "content/procedures/1.00089.md": ProcedureFixture.file(code: "1.00089"),
            // File name that is not the code.
            "content/procedures/ket-hon.md": ProcedureFixture.file(code: "1.000894"),
            // Unknown channel, a missing required field.
            "content/procedures/2.000815.md": """
                ---
                code: "2.000815"
                title: Chứng thực bản sao từ bản chính
                field: Chứng thực
                agency: Ủy ban nhân dân xã
                channels: [truc-tiep, qua-mang]
                ---
                Nội dung.
                """,
            // The same code as another file's.
            "content/procedures/1.000001.md": ProcedureFixture.file(code: "1.000002"),
            "content/procedures/1.000002.md": ProcedureFixture.file(code: "1.000002"),
        ])
        let result = site.build()
        #expect(!result.succeeded)
        let report = result.report
        #expect(report.contains("content/procedures/1.00089.md:2:1: error: `code` must be a national procedure code"), "\(report)")
        #expect(report.contains("content/procedures/ket-hon.md:2:1: error: the file name must be the procedure code: rename this file to 1.000894.md"), "\(report)")
        #expect(report.contains("content/procedures/2.000815.md:6:1: error: unknown channel `qua-mang`"), "\(report)")
        #expect(report.contains("content/procedures/2.000815.md:2:1: error: missing required field `processing_time`"), "\(report)")
        #expect(report.contains("content/procedures/1.000002.md:1:1: error: duplicate procedure code `1.000002`: also used by content/procedures/1.000001.md"), "\(report)")
        #expect(report.contains("content/procedures/1.000001.md:2:1: error: the file name must be the procedure code"), "\(report)")
    }

    @Test func everyRequiredFieldIsNamedWhenMissing() throws {
        let site = try TestSite(["content/procedures/1.000003.md": "---\ntitle: Thủ tục thiếu thông tin\n---\nNội dung.\n"])
        let report = site.build().report
        for key in ["code", "field", "processing_time", "agency", "channels"] {
            #expect(report.contains("missing required field `\(key)`"), "\(key): \(report)")
        }
    }

    @Test func fieldsAndProceduresFollowVietnameseAlphabeticalOrder() throws {
        // Code-point order would put Đ after every plain letter and Ư before Ứ; Vietnamese puts
        // "Đất đai" right after "Dân tộc" and "Ứng phó" before "Ưu đãi".
        let fields = ["Hộ tịch", "Ưu đãi người có công", "Đất đai", "Ứng phó thiên tai", "Dân tộc", "Chứng thực"]
        var files: [String: String] = [:]
        for (i, field) in fields.enumerated() {
            files["content/procedures/1.00000\(i).md"] = ProcedureFixture.file(code: "1.00000\(i)", title: "Thủ tục \(i)", field: field)
        }
        let titles = ["Đăng ký khai tử", "Đăng ký kết hôn", "Dăng ký thử", "Ghi vào sổ hộ tịch", "Ân xá"]
        for (i, title) in titles.enumerated() {
            files["content/procedures/2.00000\(i).md"] = ProcedureFixture.file(code: "2.00000\(i)", title: title, field: "Hộ tịch")
        }
        let site = try TestSite(files)
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let catalogue = try #require(site.page("thu-tuc/index.html"))
        let order = ProcedureFixture.headings(catalogue).filter { !$0.hasPrefix("Các lĩnh vực") }
            .map { $0.replacingOccurrences(of: #"\s*\(\d+\)$"#, with: "", options: .regularExpression) }
        #expect(order == ["Chứng thực", "Dân tộc", "Đất đai", "Hộ tịch", "Ứng phó thiên tai", "Ưu đãi người có công"])

        let fieldPage = try #require(site.page("thu-tuc/linh-vuc/ho-tich/index.html"))
        let listed = fieldPage.components(separatedBy: "<li class=\"procedure-item\"><a href=\"").dropFirst()
            .map { String($0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }) }
        #expect(listed == ["Ân xá", "Dăng ký thử", "Đăng ký kết hôn", "Đăng ký khai tử", "Ghi vào sổ hộ tịch", "Thủ tục 0"])
        // Counts per field are shown.
        #expect(catalogue.contains("Hộ tịch</span> <span class=\"count\">(6)</span>"))
    }

    @Test func onlyFeeExemptProceduresAreOnTheFreeOnlinePage() throws {
        let site = try TestSite([
            "content/procedures/2.000635.md": ProcedureFixture.file(code: "2.000635", title: "Cấp bản sao trích lục hộ tịch",
                                                                    extra: "fee: 8.000 đồng/bản\nonline_fee_exempt: true\n"),
            "content/procedures/1.001193.md": ProcedureFixture.file(code: "1.001193", title: "Đăng ký khai sinh",
                                                                    extra: "fee: Miễn phí\n"),
        ])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let page = try #require(site.page("thu-tuc/mien-phi-truc-tuyen/index.html"))
        #expect(page.contains("Cấp bản sao trích lục hộ tịch"))
        #expect(page.contains("href=\"/thu-tuc/2.000635/\""))
        #expect(!page.contains("Đăng ký khai sinh"))
        #expect(!page.contains("/thu-tuc/1.001193/"))
        #expect(site.page("thu-tuc/2.000635/index.html")?.contains("Miễn phí khi nộp trực tuyến") == true)
    }

    @Test func subPathSitesLinkAndEncodeTheFullAddress() throws {
        let site = try TestSite(["content/procedures/1.001193.md": ProcedureFixture.file(code: "1.001193")])
        let result = site.build(baseURL: "https://cong.example.test/xa-son-mai/")
        #expect(result.succeeded, "\(result.report)")
        let page = try #require(site.page("thu-tuc/1.001193/index.html"))
        #expect(page.contains("aria-label=\"Mã QR dẫn đến https://cong.example.test/xa-son-mai/thu-tuc/1.001193/\""))
        #expect(page.contains("href=\"/xa-son-mai/thu-tuc/linh-vuc/ho-tich/\""))
        let sheet = try #require(site.page("thu-tuc/in/index.html"))
        #expect(sheet.contains("src=\"/xa-son-mai/thu-tuc/1.001193/qr.svg\""))
    }
}
