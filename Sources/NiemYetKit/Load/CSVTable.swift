import Foundation

/// A CSV file with a header row, as exported by spreadsheets and the one-stop software, read with `CSVReader`.
/// Rows whose number of values differs from the header are reported and left out: a shifted column would
/// publish a value under the wrong heading.
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

    /// Reads `text` (the contents of `path`); every problem goes to the log. Nil when the file is malformed or
    /// empty, since guessing where values belong could publish them in the wrong place.
    public static func read(_ text: String, path: String, log: DiagnosticLog) -> CSVTable? {
        let document = CSVReader.read(text)
        for problem in document.problems {
            log.error(problem.message, at: SourceLocation(path: path, line: problem.line, column: problem.column))
        }
        if !document.problems.isEmpty { return nil }
        guard let first = document.records.first else {
            log.error("the file is empty: the first line must name the columns", at: SourceLocation(path: path))
            return nil
        }
        let header = first.fields.map { $0.text.trimmingCharacters(in: .whitespaces) }
        var rows: [Row] = []
        for record in document.records.dropFirst() {
            guard record.fields.count == header.count else {
                log.error("this row has \(record.fields.count) values but the first line names \(header.count) "
                          + "columns", at: SourceLocation(path: path, line: record.line))
                continue
            }
            rows.append(Row(line: record.line, fields: record.fields.map(\.text)))
        }
        return CSVTable(path: path, header: header, headerLine: first.line, rows: rows)
    }
}
