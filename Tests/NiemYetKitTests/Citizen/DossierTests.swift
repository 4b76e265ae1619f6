import Foundation
import Testing
@testable import NiemYetKit

@Suite struct DossierTests {
    static let header = "code,procedure_code,received,due,status,resolved"

    /// Every byte of every output file, for "does any file contain X" checks.
    static func outputs(_ site: TestSite) -> [(String, Data)] {
        site.outputFiles().map { ($0, (try? Data(contentsOf: site.output.appendingPathComponent($0))) ?? Data()) }
    }

    @Test func extraColumnIsDroppedWithAWarningAndNeverPublished() throws {
        let names = ["Trần Thị Mận Hồng", "Phùng Văn Quýt Lê", "Nông Thị Sấu Đỏ"]
        let addresses = ["Xóm Bến Đò Số Bảy", "Ngõ Cây Gạo Thứ Chín", "Đội Ba Hợp Tác Xã Cũ"]
        var csv = "code,applicant_name,procedure_code,received,due,status,resolved,address\r\n"
        for i in 0..<3 {
            csv += "000.00.21.H42-250801-000\(i),\(names[i]),1.001193,2025-08-01,2025-08-06,dang-xu-ly,,"
                + "\"\(addresses[i]), thôn Đông\"\r\n"
        }
        let site = try TestSite(["content/dossiers/2025-08.csv": csv])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let warnings = result.warnings.filter { $0.location?.path == "content/dossiers/2025-08.csv" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("applicant_name") == true)
        #expect(warnings.first?.message.contains("address") == true)
        // The warning names the column, never its values.
        #expect(!result.report.contains("Mận") && !result.report.contains("Bến Đò"))
        let files = Self.outputs(site)
        #expect(files.contains { $0.0.hasPrefix("tra-cuu-ho-so/du-lieu/") })
        let values = names + addresses + ["thôn Đông"]
        for (path, data) in files {
            for value in values {
                for form in [value, value.decomposedStringWithCanonicalMapping] {
                    #expect(data.range(of: Data(form.utf8)) == nil, "\(path) contains \(value)")
                }
            }
        }
    }

    @Test func noFileListsTheCodesAndBucketsStaySmall() throws {
        var csv = Self.header + "\n"
        var codes: [String] = []
        for i in 0..<2000 {
            let code = "000.00.21.H42-2507\(10 + i % 20)-\(String(format: "%04d", i))"
            codes.append(code)
            csv += "\(code),1.001193,2025-07-10,2025-07-15,da-giai-quyet,2025-07-14\n"
        }
        let site = try TestSite(["content/dossiers/2025-07.csv": csv])
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let files = Self.outputs(site)
        let buckets = files.filter { $0.0.hasPrefix("tra-cuu-ho-so/du-lieu/") }
        #expect(buckets.count > 100)
        // No file holds any code in clear; no bucket holds more than 1% of the dossiers.
        let codeSet = Set(codes)
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            let found = text.matches(of: /[0-9.]+H42-[0-9]+-[0-9]+/).filter { codeSet.contains(String($0.output)) }
            #expect(found.isEmpty, "\(path) contains a dossier code")
        }
        var total = 0
        for (path, data) in buckets {
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path)")
            total += object.count
            #expect(object.count <= codes.count / 100, "\(path) holds \(object.count) entries")
            #expect(data.count < 1000, "\(path) is \(data.count) bytes")
        }
        #expect(total == codes.count)
    }

    @Test func bucketEntryIsFoundByTheHashOfTheNormalisedCode() throws {
        let site = try TestSite(["content/dossiers/a.csv": Self.header + "\n"
            + "000.00.21.H42-250731-0001,1.001193,2025-07-31,2025-08-05,dang-xu-ly,\n"
            + "000.00.21.H42-250731-0002,1.001193,2025-07-31,2025-08-15,dang-xu-ly,\n"])
        #expect(site.build(now: "2025-08-10").succeeded)
        // What a citizen might type: full-width characters, spaces, lower case.
        let typed = "０００.００.２１.h42 - 250731-0001 "
        let hex = Dossier.hash(of: typed).map { String(format: "%02x", $0) }.joined()
        #expect(hex == Dossier.hash(of: "000.00.21.H42-250731-0001").map { String(format: "%02x", $0) }.joined())
        let digits = DossierLookup.prefixLength(for: 2)
        let bucket = try #require(site.page("tra-cuu-ho-so/du-lieu/\(hex.prefix(digits)).json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bucket.utf8)) as? [String: [Any]])
        let entry = try #require(object[String(hex.prefix(DossierLookup.keyLength).dropFirst(digits))])
        #expect(entry[0] as? String == "1.001193")
        #expect(entry[4] as? String == "dang-xu-ly")
        #expect(entry[6] as? Int == 1, "due 05/08, still processing on 10/08: late")
        let page = try #require(site.page("tra-cuu-ho-so/index.html"))
        #expect(page.contains("<noscript>"))
        #expect(page.contains("tel:+84912345678"))
    }

    @Test func badRowsAreErrorsWithTheirLine() throws {
        let site = try TestSite(["content/dossiers/a.csv": Self.header + "\n"
            + "A-1,1.001193,2025-07-31,2025-08-05,dang-xu-ly,\n"
            + "A-2,1.001193,31/07/2025,2025-08-05,xong-roi,\n"
            + "A-3,1.001193,2025-07-31,hôm qua,dang-xu-ly,\n"
            + "a - 1,1.001193,2025-07-31,2025-08-05,dang-xu-ly,\n"
            + "A-5,1.001193,2025-07-31\n"])
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.errors.contains { $0.location?.line == 3 && $0.message.contains("status") })
        #expect(result.errors.contains { $0.location?.line == 4 && $0.message.contains("due") })
        #expect(result.errors.contains { $0.location?.line == 5 && $0.message.contains("a.csv:2") })
        #expect(result.errors.contains { $0.location?.line == 6 && $0.message.contains("3 values") })
        #expect(result.errors.contains { $0.location?.line == 2 && $0.message.contains("a.csv:5") })
    }

    @Test func missingColumnIsAnError() throws {
        let site = try TestSite(["content/dossiers/a.csv": "code,received,due\nA-1,2025-07-31,2025-08-05\n"])
        let result = site.build()
        #expect(result.errors.contains { $0.location?.line == 1 && $0.message.contains("procedure_code") })
    }

    @Test func lateness() {
        func dossier(_ status: Dossier.Status, due: String, resolved: String? = nil) -> Dossier {
            Dossier(source: "x", line: 1, hash: [], procedureCode: "1", procedureName: nil,
                    received: CivilDate(year: 2025, month: 8, day: 1), due: ContentDate(parsing: due)!.civil,
                    status: status, resolved: resolved.map { ContentDate(parsing: $0)!.civil })
        }
        let now = ContentDate(parsing: "2025-08-10")!
        #expect(dossier(.processing, due: "2025-08-09").isLate(at: now))
        #expect(!dossier(.processing, due: "2025-08-10").isLate(at: now))
        #expect(dossier(.resolved, due: "2025-08-05", resolved: "2025-08-06").isLate(at: now))
        #expect(!dossier(.resolved, due: "2025-08-05", resolved: "2025-08-05").isLate(at: now))
        #expect(!dossier(.waitingForCitizen, due: "2025-08-01").isLate(at: now))
    }
}

@Suite struct CSVTableTests {
    @Test func quotedFieldsCommasQuotesAndLineBreaks() throws {
        let log = DiagnosticLog()
        let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\nlines\",\r\n3,,z"
        let table = try #require(CSVTable.read(text, path: "t.csv", log: log))
        #expect(log.diagnostics.isEmpty)
        #expect(table.header == ["a", "b", "c"])
        #expect(table.rows.map(\.fields) == [["1", "x, y", "say \"hi\""], ["2", "two\nlines", ""], ["3", "", "z"]])
        #expect(table.rows.map(\.line) == [2, 4, 6])
    }

    @Test func strayQuotesAreErrorsWithLineAndColumn() {
        let log = DiagnosticLog()
        #expect(CSVTable.read("a,b\n1,x\"y\n", path: "t.csv", log: log) == nil)
        #expect(log.errors.first?.location == SourceLocation(path: "t.csv", line: 2, column: 4))
        let log2 = DiagnosticLog()
        #expect(CSVTable.read("a,b\n1,\"x\"y\n", path: "t.csv", log: log2) == nil)
        #expect(log2.errors.first?.location == SourceLocation(path: "t.csv", line: 2, column: 6))
        let log3 = DiagnosticLog()
        #expect(CSVTable.read("a,b\n1,2\n3,\"open\n", path: "t.csv", log: log3) == nil)
        #expect(log3.errors.first?.location == SourceLocation(path: "t.csv", line: 3, column: 3))
    }
}
