import Testing
@testable import NiemYetKit

/// The strict CSV reader: what spreadsheets write must read back exactly, with every value's position; what is
/// malformed must be reported where it is, never swallowed.
@Suite struct CSVReaderTests {
    func values(_ text: String) -> [[String]] {
        CSVReader.read(text).records.map { $0.fields.map(\.text) }
    }

    @Test func plainRecordsWithAndWithoutFinalNewline() {
        #expect(values("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(values("a,b,c\n1,2,3") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(values("a,,c\n,,\n") == [["a", "", "c"], ["", "", ""]])
    }

    @Test func quotedValuesKeepCommasAndDoubledQuotes() {
        let document = CSVReader.read("field,note\n\"Lao động, Thương binh\",\"nói \"\"có\"\"\"\n\"\",x\n")
        #expect(document.problems.isEmpty)
        #expect(document.records.map { $0.fields.map(\.text) } == [
            ["field", "note"], ["Lao động, Thương binh", "nói \"có\""], ["", "x"]])
    }

    @Test func embeddedNewlinesStayInTheValueAndLinesKeepCounting() {
        let document = CSVReader.read("a,b\n\"dòng một\r\ndòng hai\",x\ny,z\n")
        #expect(document.problems.isEmpty)
        #expect(document.records[1].fields[0].text == "dòng một\ndòng hai")
        #expect(document.records[1].line == 2)
        // The record after the two-line value starts on line 4.
        #expect(document.records[2].line == 4)
        #expect(document.records[1].fields[1].line == 3)
    }

    @Test func byteOrderMarkIsSkipped() {
        let document = CSVReader.read("\u{FEFF}period,field\n2025-07,Hộ tịch\n")
        #expect(document.records[0].fields[0].text == "period")
        #expect(document.records[0].fields[0].column == 1)
    }

    @Test func crlfAndLfLineEndsReadTheSame() {
        #expect(values("a,b\r\n1,2\r\n3,4\r\n") == values("a,b\n1,2\n3,4\n"))
        #expect(CSVReader.read("a,b\r\n1,2\r\n").records[1].line == 2)
    }

    @Test func blankLinesAreNotRecords() {
        #expect(values("a,b\n\n1,2\n\n\n") == [["a", "b"], ["1", "2"]])
        #expect(CSVReader.read("a,b\n\n1,2\n").records[1].line == 3)
    }

    @Test func everyFieldHasItsLineAndColumn() {
        let document = CSVReader.read("ab,\"c,d\",é\nx,,\"y\"\n")
        let positions = document.records.flatMap { $0.fields.map { "\($0.line):\($0.column)" } }
        #expect(positions == ["1:1", "1:4", "1:10", "2:1", "2:3", "2:4"])
    }

    @Test func unterminatedQuoteIsAnErrorAtItsLine() {
        let document = CSVReader.read("a,b\n1,2\n3,\"oops\n5,6\n7,8\n")
        #expect(document.problems.count == 1)
        #expect(document.problems.first?.line == 3)
        #expect(document.problems.first?.column == 3)
        #expect(document.problems.first?.message.contains("never closed") == true)
        // The rows before it are still read; nothing after it is passed off as data.
        #expect(document.records.count == 2)
    }

    @Test func quoteInsideAnUnquotedValueIsAnError() {
        let document = CSVReader.read("a,b\n1,2\"3\n")
        #expect(document.problems.map { "\($0.line):\($0.column)" } == ["2:4"])
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        let document = CSVReader.read("a,b\n\"x\"y,2\n")
        #expect(document.problems.map { "\($0.line):\($0.column)" } == ["2:4"])
        #expect(document.records.count == 2)
    }
}
