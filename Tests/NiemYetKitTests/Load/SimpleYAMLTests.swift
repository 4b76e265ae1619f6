import Foundation
import Testing
@testable import NiemYetKit

/// Front matter read by `SimpleYAML` must come out exactly as Yams composes it: same values, same kinds, same
/// lines and columns (editors are pointed at them), same duplicate-key errors.
@Suite struct SimpleYAMLTests {
    static func dump(_ value: YAMLValue?) -> String {
        guard let value else { return "nil" }
        func at(_ l: NiemYetKit.SourceLocation) -> String { "@\(l.line):\(l.column)" }
        switch value {
        case .scalar(let s, let l, let quoted): return "\(quoted ? "q" : "p")\(s.debugDescription)\(at(l))"
        case .null(let l): return "null\(at(l))"
        case .sequence(let items, let l): return "[" + items.map(dump).joined(separator: ", ") + "]\(at(l))"
        case .mapping(let pairs, let l):
            return "{" + pairs.map { "\($0.key)\(at($0.keyLocation))=\(dump($0.value))" }.joined(separator: "; ") + "}\(at(l))"
        }
    }

    static func outcome(_ parse: () throws(Diagnostic) -> YAMLValue?) -> String {
        do { return dump(try parse()) } catch { return "error: \(error.description)" }
    }

    /// Inputs the fast reader takes.
    static let simple: [String] = [
        "title: \"Xã cộng giải tiếp ban xã đoàn đúng\"\ndate: 2023-01-01T08:00:00+07:00\ncategory: \"Tin tức\"\ntags: [\"thanh niên\", \"hộ tịch\"]\nsummary: \"Tiếp nhanh thoại.\"\nauthor: \"Ban biên tập\"",
        "code: \"1.001000\"\nchannels: [truc-tiep, truc-tuyen]\nonline_fee_exempt: false\nfee: \"8.000 đồng/bản\"\nonline_url: \"https://dichvucong.gov.vn/p/home/x.html?ma_thu_tuc=1.001000\"",
        "title: Hướng dẫn đăng ký hộ tịch trực tuyến\ndate: 2025-07-31\nsummary: Người dân có thể nộp hồ sơ: nhanh, gọn.",
        "title:    nhiều khoảng trắng   \nnull_value: ~\nother: null\nNull: Null\nx: NULL",
        "a: 1\n\nb: 2\n\n",
        "tags: []\nmore: [ ]\nspaced: [ a ,  b ,c ]\nquoted: [\"x, y\", \"[z]\"]",
        "t: \"\"\nu: \"có \\\" không\"",
        "url: http://example.com:8080/a#b\ntime: 08:00",
        "title: Nói 'có' và \"không\"\nx: a#b\ny: a:b",
        "dup: 1\nother: 2\ndup: 3",
        "slug: ket-qua\ndraft: true\nimage: /media/a.png\nimage_alt: \"Ảnh: lễ khai trương\"",
        "tiêu_đề: không phải khoá ASCII",
        "title: x\n  tiếp dòng",
        "list:\n  - a\n  - b",
        "a: [x, [y]]",
        "a: {b: c}",
        "a: 'đơn'",
        "a: x # chú thích",
        "# chú thích\na: b",
        "a: b: c",
        "a: -5\nb: ?x\nc: &anchor v\nd: *anchor",
        "a: |\n  khối",
        "a:",
        "a:\tb",
        "a: [x, ]",
        "a: [x,]",
        "a: [\"x\" \"y\"]",
        "a: [x] y",
        "a: \"x\" y",
        "a: \"x",
        "a: x:",
        "a: \"\\u00e9\"",
        "a: x\u{2028}y",
        "a: \u{0085}",
        "",
        "\n\n",
        "---\na: b",
        "a: b\n...",
    ]

    @Test(arguments: simple)
    func readsWhatYamsComposes(_ text: String) {
        let fast = Self.outcome { () throws(Diagnostic) in try YAMLValue.parse(text, path: "x.md", firstLine: 2) }
        let yams = Self.outcome { () throws(Diagnostic) in try YAMLValue.composeWithYams(text, path: "x.md", firstLine: 2) }
        #expect(fast == yams, "\(text.debugDescription)")
    }

    @Test func theBenchmarkAndExampleFrontMatterTakeTheFastPath() throws {
        #expect(try SimpleYAML.parse(Self.simple[0], path: "x.md", firstLine: 2) != nil)
        #expect(try SimpleYAML.parse(Self.simple[1], path: "x.md", firstLine: 2) != nil)
        #expect(try SimpleYAML.parse("title: Hướng dẫn đăng ký\ndate: 2025-07-31\ntags: [a, \"b c\"]", path: "x.md",
                                     firstLine: 2) != nil)
    }

    @Test func everyContentFileOfTheExampleSiteReadsAlike() throws {
        let files = SiteFiles(root: TestSite.repository)
        var checked = 0
        for path in files.allFiles(below: "content") where path.hasSuffix(".md") || path.hasSuffix(".yml") {
            let text = try files.text(path)
            let yaml = path.hasSuffix(".md") ? try FrontMatter.split(text, path: path).yaml : text
            let fast = Self.outcome { () throws(Diagnostic) in try YAMLValue.parse(yaml, path: path, firstLine: 2) }
            let yams = Self.outcome { () throws(Diagnostic) in try YAMLValue.composeWithYams(yaml, path: path, firstLine: 2) }
            #expect(fast == yams, "\(path)")
            checked += 1
        }
        #expect(checked > 50)
    }
}
