import Foundation

/// A CSV file as exported by spreadsheets and the one-stop software: a header row, then records.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// 1-based line of the file on which the record starts.
        public var line: Int
        public var fields: [String]
    }

    public var path: String
    public var header: [String]
    public var headerLine: Int
    public var rows: [Row]

    /// Position of a column by its header name, or nil.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}

/// A strict RFC 4180 reader: comma-separated fields, records ending in CRLF or LF, fields in double quotes may
/// hold commas, quotes (written twice) and line breaks. Anything else that is ambiguous (a quote in the middle of
/// an unquoted field, text after a closing quote, an unclosed quote, a record with a different number of fields
/// than the header) is reported with its line and column rather than guessed at: a shifted column would publish
/// a value under the wrong heading. Blank lines are skipped (spreadsheets leave them at the end).
public enum CSVReader {
    /// Reads `text` (the contents of `path`); problems go to the log. Returns nil when the file cannot be read
    /// at all; rows with the wrong number of fields are reported and left out.
    public static func read(_ text: String, path: String, log: DiagnosticLog) -> CSVTable? {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var line = 1, column = 1
        var recordLine = 1
        var state = State.fieldStart
        var quoteLine = 1, quoteColumn = 1

        enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

        func endRecord() {
            fields.append(field)
            field = ""
            // A blank line is one empty field: skip it.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }

        var scalars = Array(text.unicodeScalars)
        if scalars.last != "\n" && !scalars.isEmpty { scalars.append("\n") }
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            // CRLF is one line break; a lone CR is one too (old spreadsheet exports).
            let isBreak = c == "\n" || c == "\r"
            if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
            switch state {
            case .fieldStart, .unquoted:
                if state == .fieldStart && c == "\"" {
                    state = .quoted
                    quoteLine = line; quoteColumn = column
                } else if c == "," {
                    fields.append(field); field = ""; state = .fieldStart
                } else if isBreak {
                    endRecord(); state = .fieldStart
                } else if c == "\"" {
                    log.error("a double quote inside a value that does not start with one: put the whole value "
                              + "in double quotes and write the quote twice (\"\")",
                              at: SourceLocation(path: path, line: line, column: column))
                    return nil
                } else {
                    field.unicodeScalars.append(c); state = .unquoted
                }
            case .quoted:
                if c == "\"" { state = .quoteInQuoted }
                else if isBreak { field.append("\n") }
                else { field.unicodeScalars.append(c) }
            case .quoteInQuoted:
                if c == "\"" {
                    field.append("\""); state = .quoted
                } else if c == "," {
                    fields.append(field); field = ""; state = .fieldStart
                } else if isBreak {
                    endRecord(); state = .fieldStart
                } else {
                    log.error("text after the closing double quote of a value: a comma or the end of the line "
                              + "must follow it", at: SourceLocation(path: path, line: line, column: column))
                    return nil
                }
            }
            if isBreak {
                line += 1; column = 1
                if state == .fieldStart && fields.isEmpty { recordLine = line }
            } else {
                column += 1
            }
            i += 1
        }
        if state == .quoted {
            log.error("a value opened with a double quote is never closed",
                      at: SourceLocation(path: path, line: quoteLine, column: quoteColumn))
            return nil
        }
        guard let first = records.first else {
            log.error("the file is empty: the first line must name the columns", at: SourceLocation(path: path))
            return nil
        }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [CSVTable.Row] = []
        for record in records.dropFirst() {
            if record.fields.count != header.count {
                log.error("this row has \(record.fields.count) values but the first line names \(header.count) "
                          + "columns", at: SourceLocation(path: path, line: record.line))
                continue
            }
            rows.append(CSVTable.Row(line: record.line, fields: record.fields))
        }
        return CSVTable(path: path, header: header, headerLine: first.line, rows: rows)
    }
}
