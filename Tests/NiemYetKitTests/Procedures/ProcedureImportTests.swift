import Foundation
import Testing
@testable import NiemYetKit

@Suite struct ProcedureImportTests {
    private func importSample(into site: TestSite, force: Bool = false) -> ProcedureImporter.Report {
        ProcedureImporter.run(input: ProcedureFixture.sampleExport, displayPath: "sample.json", site: site.root,
                              force: force)
    }

    private func importJSON(_ json: String, into site: TestSite, force: Bool = false) throws -> ProcedureImporter.Report {
        let url = site.root.appendingPathComponent("export.json")
        try Data(json.utf8).write(to: url)
        return ProcedureImporter.run(input: url, displayPath: "export.json", site: site.root, force: force)
    }

    @Test func allFortySampleRecordsImportAndBuildCleanly() throws {
        let site = try TestSite()
        let report = importSample(into: site)
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.created.count == 40)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        for code in ["1.000288", "1.012766", "2.001827", "3.000442", "1.010778"] {
            #expect(site.page("thu-tuc/\(code)/index.html") != nil, "\(code)")
        }
        let page = try #require(site.page("thu-tuc/1.001639/index.html"))
        #expect(page.contains("Giải thể trường tiểu học"))
        #expect(page.contains("20 ngày làm việc"))
        #expect(page.contains("Miễn phí"))                       // "Phí: 0 VNĐ"
        #expect(page.contains("<h2 id=\"thanh-phan-ho-so\">Thành phần hồ sơ</h2>"))
        #expect(page.contains("Nộp trực tuyến"))
    }

    @Test func sourceTextIsTidiedWithoutChangingItsMeaning() throws {
        let site = try TestSite()
        _ = importSample(into: site)
        let files = try ProcedureFixture.procedureFiles(site)
        let all = files.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!all.contains("\t"))
        #expect(!all.contains("¬"))
        #expect(all.range(of: #"\S  "#, options: .regularExpression) == nil)  // doubled spaces (not indentation)
        #expect(!all.contains("Р"))                               // Cyrillic ER
        #expect(all.contains("NQ-CP"))
        #expect(all == all.precomposedStringWithCanonicalMapping)
        let school = String(decoding: try #require(files["1.000280.md"]), as: UTF8.self)
        #expect(school.contains("Học sinh được tổ chức theo lớp học"))
        // A time limit of "Khác" (other) takes the description's first line.
        #expect(school.contains("processing_time: 02 tháng và 15 ngày làm việc\n"))
        // Different time limits by channel name their channels.
        let land = String(decoding: try #require(files["1.012766.md"]), as: UTF8.self)
        #expect(land.contains("processing_time: 3 ngày làm việc (trực tuyến, qua bưu chính); 13 ngày làm việc (trực tiếp)\n"))
        let fee = String(decoding: try #require(files["2.001827.md"]), as: UTF8.self)
        #expect(fee.contains("Phí: 700 đồng"))
    }

    @Test func importingTwiceChangesNothing() throws {
        let site = try TestSite()
        _ = importSample(into: site)
        let before = try ProcedureFixture.procedureFiles(site)
        let folder = site.root.appendingPathComponent("content/procedures")
        let dates = try before.keys.map {
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path)[.modificationDate] as? Date
        }
        let again = importSample(into: site)
        #expect(again.succeeded)
        #expect(again.unchanged.count == 40)
        #expect(again.created.isEmpty && again.updated.isEmpty && again.kept.isEmpty)
        #expect(try ProcedureFixture.procedureFiles(site) == before)
        let datesAfter = try before.keys.map {
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path)[.modificationDate] as? Date
        }
        #expect(dates == datesAfter)
    }

    @Test func aFileEditedByHandSurvivesReimportUnlessForced() throws {
        let site = try TestSite()
        _ = importSample(into: site)
        let path = "content/procedures/1.001622.md"
        let original = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        let edited = original.replacingOccurrences(of: "## Trình tự thực hiện",
                                                   with: "Ghi chú của xã: nộp tại quầy số 2.\n\n## Trình tự thực hiện")
        try site.write(path, edited)
        // A hand-written procedure (no import stamp) is kept too.
        let handWritten = ProcedureFixture.file(code: "1.000288", title: "Viết tay")
        try site.write("content/procedures/1.000288.md", handWritten)

        let report = importSample(into: site)
        #expect(report.succeeded)
        #expect(report.kept == ["content/procedures/1.000288.md", path])
        #expect(report.unchanged.count == 38)
        #expect(report.diagnostics.contains { $0.severity == .warning && $0.location?.path == path && $0.message.contains("--force") })
        #expect(report.summary.contains("2 kept"))
        #expect(try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8) == edited)
        #expect(try String(contentsOf: site.root.appendingPathComponent("content/procedures/1.000288.md"), encoding: .utf8) == handWritten)

        let forced = importSample(into: site, force: true)
        #expect(forced.overwritten.count == 2)
        #expect(try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8) == original)
    }

    @Test func anUntouchedFileFromAnOlderImportIsUpdated() throws {
        let site = try TestSite()
        _ = importSample(into: site)
        let path = "content/procedures/1.001622.md"
        let url = site.root.appendingPathComponent(path)
        let current = try String(contentsOf: url, encoding: .utf8)
        // What an earlier export (another time limit) would have written, stamped as the importer stamps.
        let unstamped = current.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("imported_hash:") }.joined(separator: "\n")
        let older = ImportStamp.stamp(unstamped.replacingOccurrences(of: "24 ngày làm việc", with: "30 ngày làm việc"))
        try site.write(path, older)
        #expect(ImportStamp.isUntouched(older) == true)
        let report = importSample(into: site)
        #expect(report.updated == [path])
        #expect(try String(contentsOf: url, encoding: .utf8) == current)
    }

    @Test func badExportsAreExplainedAndWriteNothing() throws {
        let site = try TestSite()
        let notJSON = try importJSON("ma_tthc;ten_tthc\n1.000001;Thủ tục\n", into: site)
        #expect(!notJSON.succeeded)
        #expect(notJSON.diagnostics.first?.description.hasPrefix("export.json:1:1: error: the export is not valid JSON") == true,
                "\(notJSON.diagnostics)")

        let good = """
            {"ma_tthc": "1.000001", "ten_tthc": "Thủ tục một", "linh_vuc": "Hộ tịch", "co_quan_thuc_hien": "UBND xã",
             "cach_thuc_thuc_hien": [{"hinh_thuc_nop": "Trực tiếp", "thoi_gian": "1 ngày", "phi_le_phi": "", "mo_ta": ""}]}
            """
        let missingCode = """
            {"ten_tthc": "Thủ tục hai", "linh_vuc": "Hộ tịch", "co_quan_thuc_hien": "UBND xã",
             "cach_thuc_thuc_hien": [{"hinh_thuc_nop": "Trực tiếp", "thoi_gian": "1 ngày"}]}
            """
        let report = try importJSON("[\n \(good),\n \(missingCode)\n]\n", into: site)
        #expect(!report.succeeded)
        #expect(report.diagnostics.map(\.description).contains("export.json:4:2: error: record 2: missing `ma_tthc` (the procedure code, such as 1.000894)"),
                "\(report.diagnostics)")
        #expect(report.summary.contains("nothing was written"))
        #expect(try ProcedureFixture.procedureFiles(site).isEmpty)

        let notAList = try importJSON("{\"ma_tthc\": \"1.000001\"}", into: site)
        #expect(notAList.diagnostics.first?.message.contains("must be a JSON list") == true)
        let noSite = ProcedureImporter.run(input: ProcedureFixture.sampleExport, displayPath: "sample.json",
                                           site: site.root.appendingPathComponent("content"), force: false)
        #expect(noSite.diagnostics.first?.message.contains("is not a site folder") == true)
    }

    @Test func markupInTheExportStaysText() throws {
        let site = try TestSite()
        let record = """
            [{"ma_tthc": "1.000009", "ten_tthc": "Cấp phép <b>thử</b>", "linh_vuc": "Thủy lợi",
              "co_quan_thuc_hien": "UBND xã",
              "cach_thuc_thuc_hien": [{"hinh_thuc_nop": "Trực tuyến", "thoi_gian": "2 ngày", "phi_le_phi": "Phí: 0 VNĐ", "mo_ta": ""},
                                      {"hinh_thuc_nop": "Trực tiếp", "thoi_gian": "2 ngày", "phi_le_phi": "Lệ phí: 20000 VNĐ", "mo_ta": ""}],
              "yeu_cau_dieu_kien": "Diện tích <5 ha và *không* nằm trong [vùng cấm]\\n# không phải tiêu đề\\n1. Điều kiện một\\n2. Điều kiện hai\\n-\\tMục gạch đầu dòng\\n---"}]
            """
        let report = try importJSON(record, into: site)
        #expect(report.succeeded, "\(report.diagnostics)")
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let page = try #require(site.page("thu-tuc/1.000009/index.html"))
        #expect(page.contains(">Cấp phép &lt;b&gt;thử&lt;/b&gt;</h1>"))
        #expect(page.contains("Diện tích &lt;5 ha và *không* nằm trong [vùng cấm]"))
        #expect(page.contains("<p># không phải tiêu đề</p>"))
        #expect(page.contains("<li>Điều kiện một</li>"))
        #expect(page.contains("<li>Mục gạch đầu dòng</li>"))
        #expect(page.contains("<p>---</p>"))
        #expect(page.contains("Lệ phí: 20.000 đồng (trực tiếp)"))
        // Free online while another channel costs money: on the free-online page.
        #expect(site.page("thu-tuc/mien-phi-truc-tuyen/index.html")?.contains("/thu-tuc/1.000009/") == true)
    }
}
