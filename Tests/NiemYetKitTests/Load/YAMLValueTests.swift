import Testing
@testable import NiemYetKit

@Suite struct YAMLValueTests {
    /// An unclosed quote is only noticed where the front matter ends; the message must also name the line where
    /// the quote was opened, which is the one the editor has to fix. Lines count from the file's first line.
    @Test func anUnclosedQuoteNamesTheLineWhereItOpened() {
        let yaml = "title: \"Hỏng\ndate: 2025-08-09"
        #expect(throws: Diagnostic.self) { try YAMLValue.parse(yaml, path: "content/news/x.md", firstLine: 2) }
        do {
            _ = try YAMLValue.parse(yaml, path: "content/news/x.md", firstLine: 2)
        } catch {
            #expect(error.description.hasPrefix("content/news/x.md:3:"), "\(error.description)")
            #expect(error.description.contains("starts on line 2, column 8"), "\(error.description)")
        }
    }
}
