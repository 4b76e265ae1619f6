/// A small, strict RFC 4180 CSV reader that remembers where every value was written.
///
/// Why our own: both CSV packages in the local mirror (SwiftCSV 0.10, CSV.swift 2.5) report malformed input
/// without any line or column, and silently swallow the rest of the file after an unterminated quote (the
/// quoted value just runs to the end). Editors need `path:line:column` for every problem and must never lose
/// rows without being told, so the few dozen lines below are cheaper than working around either package.
///
/// What it reads (RFC 4180, with the leniencies spreadsheets need):
/// - values separated by commas, records by CRLF or LF (a lone CR counts as a line break too);
/// - a value may be quoted with `"`; inside quotes, `""` is one quote and commas and line breaks are literal
///   (a line break inside quotes is kept as `\n`);
/// - a UTF-8 byte order mark at the start is skipped (Excel writes one);
/// - entirely empty lines are skipped (a trailing newline, blank lines between blocks).
/// What it refuses, each reported at its position: a quote inside an unquoted value, anything but a comma or
/// a line break after a closing quote, and a quote that is never closed (reported where it was opened; reading
/// stops there, since everything after it would be guesswork).
///
/// Columns count characters (what an editor's cursor moves over), from 1; lines count from 1.
public enum CSVReader {
    public struct Field: Sendable, Hashable {
        public var text: String
        public var line: Int
        public var column: Int
        /// Written in quotes (so an empty quoted value is a value, not a blank line).
        public var quoted: Bool
    }

    public struct Record: Sendable, Hashable {
        public var fields: [Field]
        /// Line on which the record starts.
        public var line: Int { fields.first?.line ?? 1 }
    }

    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var line: Int
        public var column: Int
        public var description: String { "\(line):\(column): \(message)" }
    }

    public struct Document: Sendable {
        public var records: [Record]
        /// Every problem found; records around a problem are still returned where they could be read.
        public var problems: [Problem]
    }

    public static func read(_ text: String) -> Document {
        enum State { case fieldStart, unquoted, quoted, afterQuote }
        var state = State.fieldStart
        var records: [Record] = []
        var problems: [Problem] = []
        var fields: [Field] = []
        var value = ""
        var quoted = false
        var line = 1, column = 1
        var start = (line: 1, column: 1)
        var quoteOpenedAt = (line: 1, column: 1)

        func endValue() {
            fields.append(Field(text: value, line: start.line, column: start.column, quoted: quoted))
            value = ""
            quoted = false
        }
        func endRecord() {
            endValue()
            // A line with nothing on it is not a record holding one empty value.
            if !(fields.count == 1 && fields[0].text.isEmpty && !fields[0].quoted) {
                records.append(Record(fields: fields))
            }
            fields = []
        }

        // Swift reads "\r\n" as one Character, so CRLF and LF are both one line break here.
        var characters = Array(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var i = 0
        while i < characters.count {
            let c = characters[i]
            i += 1
            let isBreak = c == "\n" || c == "\r\n" || c == "\r"
            switch state {
            case .quoted:
                if c == "\"" {
                    if i < characters.count && characters[i] == "\"" {
                        value.append("\"")   // `""` inside quotes is one literal quote
                        i += 1
                        column += 2
                    } else {
                        state = .afterQuote
                        column += 1
                    }
                } else if isBreak {
                    value.append("\n")
                    line += 1
                    column = 1
                } else {
                    value.append(c)
                    column += 1
                }
                continue
            case .fieldStart, .unquoted, .afterQuote:
                break
            }
            if c == "," {
                endValue()
                column += 1
                start = (line, column)
                state = .fieldStart
            } else if isBreak {
                endRecord()
                line += 1
                column = 1
                start = (line, column)
                state = .fieldStart
            } else if state == .afterQuote {
                problems.append(Problem(
                    message: "unexpected `\(c)` after the closing quote: a quoted value must be followed by a comma "
                        + "or the end of the line",
                    line: line, column: column))
                value.append(c)
                column += 1
                state = .unquoted
            } else if c == "\"" && state == .fieldStart {
                quoted = true
                quoteOpenedAt = (line, column)
                column += 1
                state = .quoted
            } else {
                if c == "\"" {
                    problems.append(Problem(
                        message: "a quote `\"` inside a value that does not start with one: put the whole value in "
                            + "quotes and double the inner quote (\"say \"\"hi\"\"\")",
                        line: line, column: column))
                }
                value.append(c)
                column += 1
                state = .unquoted
            }
        }
        if state == .quoted {
            problems.append(Problem(
                message: "this quote is never closed, so everything after it would be one value: add the closing `\"`",
                line: quoteOpenedAt.line, column: quoteOpenedAt.column))
            return Document(records: records, problems: problems)
        }
        if !fields.isEmpty || !value.isEmpty || quoted { endRecord() }
        return Document(records: records, problems: problems)
    }
}
