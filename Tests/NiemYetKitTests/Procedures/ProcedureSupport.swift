import Foundation
@testable import NiemYetKit

/// Procedure files for test sites.
enum ProcedureFixture {
    static let sampleExport = TestSite.repository.appendingPathComponent("Tests/Fixtures/national-procedures-sample.json")

    /// A valid procedure file; `extra` adds front matter lines, `replacing` swaps whole lines.
    static func file(code: String, title: String = "Đăng ký khai sinh", field: String = "Hộ tịch",
                     channels: String = "[truc-tiep, truc-tuyen]", extra: String = "",
                     body: String = "## Trình tự thực hiện\n\n1. Nộp hồ sơ.\n2. Nhận kết quả.\n") -> String {
        """
        ---
        code: "\(code)"
        title: \(title)
        field: \(field)
        processing_time: 03 ngày làm việc
        agency: Ủy ban nhân dân xã
        channels: \(channels)
        \(extra)---
        \(body)
        """
    }

    /// The `<h2>`s of a page, in order, as text.
    static func headings(_ html: String, tag: String = "h2") -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<\(tag)"), let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex) {
            let inner = rest[open.upperBound..<close.lowerBound]
            let text = inner.drop { $0 != ">" }.dropFirst()
            result.append(stripTags(String(text)).trimmingCharacters(in: .whitespacesAndNewlines))
            rest = rest[close.upperBound...]
        }
        return result
    }

    static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
    }

    /// Every file below `content/procedures` of a site, by name.
    static func procedureFiles(_ site: TestSite) throws -> [String: Data] {
        let folder = site.root.appendingPathComponent("content/procedures")
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }
}
