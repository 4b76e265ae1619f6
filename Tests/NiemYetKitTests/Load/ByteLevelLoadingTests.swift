import Foundation
import Testing
@testable import NiemYetKit

/// The byte-level paths of loading (front matter fences, file names, byte search) must give exactly what the
/// character-level code they replaced gave, on the inputs where bytes and characters differ most.
@Suite struct ByteLevelLoadingTests {
    static let files: [String] = [
        "", "---", "---\n", "---\n---", "---\n---\n", "---\n---\nbody", "---\n\n---\n\n\n",
        "---\ntitle: Tin\n---\nThân bài\n", "---\ntitle: Tin\n---\nThân bài", "---\ntitle: Tin\n---\n",
        "---\r\ntitle: Tin\r\n---\r\nThân bài\r\n", "---\ntitle: x\n...\nbody\n", "---\ntitle: x\n...\r\nbody\n",
        "---\ntitle: x\n--- \nbody", "---\ntitle: x", "---\ntitle: x\n", " ---\ntitle: x\n---\n", "-- -\n---\n",
        "\u{FEFF}---\ntitle: x\n---\nbody", "---\ntiêu đề: Hồ sơ\n---\n\nHướng dẫn".decomposedStringWithCanonicalMapping,
        "---\r\n---\r\n", "---\na: 1\n---\n\n", "không có front matter\n---\n", "---\n----\n---\nx",
        "---\ne\u{301}: \u{1F44D}\u{1F3FD}\n---\n\u{1F469}\u{200D}\u{1F467}\n\n",
    ]

    @Test(arguments: files)
    func frontMatterIsSplitAsByTheCharacterWalk(_ text: String) {
        let split = Result { () throws(Diagnostic) in try FrontMatter.split(text, path: "a.md") }
        let reference = Result { () throws(Diagnostic) in try Self.referenceSplit(text, path: "a.md") }
        switch (split, reference) {
        case (.success(let a), .success(let b)):
            #expect(a.yaml == b.yaml && a.body == b.body && a.hasFrontMatter == b.hasFrontMatter)
            #expect(a.yamlFirstLine == b.yamlFirstLine && a.bodyFirstLine == b.bodyFirstLine)
            #expect(a.yaml.utf8.elementsEqual(b.yaml.utf8) && a.body.utf8.elementsEqual(b.body.utf8))
        case (.failure(let a), .failure(let b)):
            #expect(a == b)
        default:
            Issue.record("\(text.debugDescription): \(split) vs \(reference)")
        }
    }

    static let paths: [String] = [
        "content/news/2025-07-31-ket-qua.md", "content/news/2025-07-31-ket-qua.en.md", "content/news/x.EN.md",
        "content/news/.en.md", "content/news/a..en..md", "content/news/a.en.md/", "a.en.md", "", "/", "//",
        "content/news/a.e.md", "content/news/a.eng.md", "content/news/a.en.mdx", "content/news/a.vi.md.md",
        "content/news/a.en.md.en", "a/b/", "content/tin-tức/bài.en.md", "content/news/bà.en.md", "x/é.en.md",
        "content/news/a\r\n.en.md", "content/news/...md", "content/news/a.e1.md", "x.md", "md", ".md", "a.b.md",
    ]

    @Test(arguments: paths)
    func fileNamesSplitOnBytesAsOnCharacters(_ path: String) {
        #expect(FileName.last(of: path) == path.split(separator: "/").last)
        let parts = path.split(separator: "/").last?.split(separator: ".") ?? []
        var language: String?
        if parts.count >= 3, parts.last == "md", parts[parts.count - 2].count == 2,
           parts[parts.count - 2].allSatisfy(\.isLowercase) {
            language = String(parts[parts.count - 2])
        }
        #expect(ContentFile.translationLanguage(of: path) == language)
        if FileName.isASCII(path) { #expect(FileName.asciiTranslationLanguage(of: path) == language) }
    }

    @Test func byteSearchFindsTheFirstOccurrence() {
        let haystacks = ["", "a", "aaab", "abababc", "thong-ke", "```thong-ke\n", "Đất đai thong-kê thong-ke", "xyz"]
        let needles = ["a", "ab", "abc", "b", "thong-ke", "ke", "đ", "Đất", "xyzw", "aab"]
        for haystack in haystacks {
            for needle in needles {
                let h = Array(haystack.utf8), n = Array(needle.utf8)
                let naive = h.count < n.count ? nil
                    : (0...(h.count - n.count)).first { h[$0..<($0 + n.count)].elementsEqual(n) }
                let found = h.withUnsafeBufferPointer { hb in
                    n.withUnsafeBufferPointer { nb in ByteSearch.firstOffset(of: nb, in: hb) }
                }
                #expect(found == naive, "\(needle) in \(haystack)")
            }
        }
    }

    /// `FrontMatter.split` as it was written over `String.UTF8View` indices, line by line.
    static func referenceSplit(_ text: String, path: String) throws(Diagnostic) -> FrontMatter {
        let utf8 = text.utf8
        let newline = UInt8(ascii: "\n")
        func line(at start: String.Index) -> (end: String.Index, next: String.Index?) {
            guard let end = utf8[start...].firstIndex(of: newline) else { return (utf8.endIndex, nil) }
            return (end, utf8.index(after: end))
        }
        func isFence(_ start: String.Index, _ end: String.Index, orDots: Bool = false) -> Bool {
            var bytes = utf8[start..<end]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            if bytes.elementsEqual("---".utf8) { return true }
            return orDots && utf8[start..<end].elementsEqual("...".utf8)
        }
        let first = line(at: utf8.startIndex)
        guard !text.isEmpty, isFence(utf8.startIndex, first.end) else {
            return FrontMatter(yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false)
        }
        var lineNumber = 2
        var cursor = first.next
        while let start = cursor {
            let current = line(at: start)
            if current.next == nil && start == current.end { break }
            if isFence(start, current.end, orDots: true) {
                let yamlStart = first.next!
                let yaml = start == yamlStart ? "" : String(text[yamlStart..<utf8.index(before: start)])
                var body = ""
                if let bodyStart = current.next {
                    let bodyEnd = utf8.last == newline ? utf8.index(before: utf8.endIndex) : utf8.endIndex
                    body = bodyStart < bodyEnd ? String(text[bodyStart..<bodyEnd]) : ""
                }
                return FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1,
                                   hasFrontMatter: true)
            }
            lineNumber += 1
            cursor = current.next
        }
        throw .error("front matter is not closed: add a line with only `---` after the last field",
                     at: SourceLocation(path: path, line: 1, column: 1))
    }
}
