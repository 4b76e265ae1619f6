import Crypto
import Foundation

/// One dossier (hồ sơ) from the one-stop software's export, `content/dossiers/*.csv`, for the public status
/// lookup at `/tra-cuu-ho-so/`.
///
/// The law lets a portal show, without login, only a dossier's code and its processing status. So:
/// - only the columns below are read; any other column (applicant name, address, phone, ...) is dropped at the
///   door with a warning and never reaches the model, let alone the output;
/// - the code itself is not kept either: only the SHA-256 of its normalised form, which the lookup page
///   recomputes from what the citizen types.
public struct Dossier: ContentKind, SourceFiled {
    public static let folder = "content/dossiers"
    /// Columns that may be published. `procedure_name` is optional: the procedure's name, when the export has it.
    public static let required = ["code", "procedure_code", "received", "due", "status"]
    public static let optional = ["procedure_name", "resolved"]

    public enum Status: String, Sendable, CaseIterable {
        case processing = "dang-xu-ly"
        case waitingForCitizen = "cho-bo-sung"
        case resolved = "da-giai-quyet"
        case returned = "tra-lai"
    }

    public var source: String
    public var line: Int
    /// SHA-256 of `normalise(code)`.
    public var hash: [UInt8]
    public var procedureCode: String
    public var procedureName: String?
    public var received: CivilDate
    public var due: CivilDate
    public var status: Status
    public var resolved: CivilDate?

    public var hashHex: String { hash.map { String(format: "%02x", $0) }.joined() }

    /// What the citizen typed or the QR code holds, reduced to one spelling: full-width and other compatibility
    /// forms to ASCII (NFKC), no white space anywhere, upper case. `lookup.js` does exactly the same.
    public static func normalise(_ code: String) -> String {
        String(code.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }).uppercased()
    }

    public static func hash(of code: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(normalise(code).utf8)))
    }

    /// Late: still open after the due day, or resolved after it. Returned dossiers and those waiting for the
    /// citizen's papers are not counted late (the clock stops while the centre waits).
    public func isLate(at now: ContentDate) -> Bool {
        switch status {
        case .processing: return now.civil.dayNumber > due.dayNumber
        case .resolved: return (resolved?.dayNumber ?? due.dayNumber) > due.dayNumber
        case .waitingForCitizen, .returned: return false
        }
    }

    public static func load(_ context: LoadContext) -> [Dossier] {
        let rows = context.files.files(in: folder, suffix: ".csv").parallelMap { path -> [Dossier] in
            do {
                return read(path, text: try context.files.text(path), log: context.log)
            } catch let diagnostic as Diagnostic {
                context.log.report(diagnostic)
            } catch {
                context.log.error("cannot read: \(error.localizedDescription)", at: SourceLocation(path: path))
            }
            return []
        }
        return rows.flatMap { $0 }
    }

    static func read(_ path: String, text: String, log: DiagnosticLog) -> [Dossier] {
        guard let table = CSVTable.read(text, path: path, log: log) else { return [] }
        let headerAt = SourceLocation(path: path, line: table.headerLine)
        let known = Set(required + optional)
        let dropped = table.header.filter { !known.contains($0) }
        if !dropped.isEmpty {
            // Names the columns, never their values: the warning goes to CI logs too.
            log.warning("columns not published and ignored: \(dropped.map { "`\($0)`" }.joined(separator: ", ")). "
                        + "Only \(required.joined(separator: ", ")) and \(optional.joined(separator: ", ")) may be "
                        + "shown without login; remove the others from the export", at: headerAt)
        }
        let missing = required.filter { table.column($0) == nil }
        if !missing.isEmpty {
            log.error("missing column(s) \(missing.map { "`\($0)`" }.joined(separator: ", ")) in the first line",
                      at: headerAt)
            return []
        }
        var duplicates = Set<String>()
        for name in table.header where table.header.filter({ $0 == name }).count > 1 && known.contains(name) {
            if duplicates.insert(name).inserted { log.error("column `\(name)` is given twice", at: headerAt) }
        }
        if !duplicates.isEmpty { return [] }
        let columns = Dictionary(uniqueKeysWithValues: known.compactMap { name in table.column(name).map { (name, $0) } })
        return table.rows.compactMap { row in
            func value(_ name: String) -> String? {
                guard let index = columns[name] else { return nil }
                let text = row.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }
            let at = SourceLocation(path: path, line: row.line)
            func date(_ name: String, required: Bool) -> CivilDate? {
                guard let text = value(name) else {
                    if required { log.error("`\(name)` is empty", at: at) }
                    return nil
                }
                guard let date = parseDate(text) else {
                    log.error("`\(name)` is not a date: write 2025-07-31 or 31/07/2025", at: at)
                    return nil
                }
                return date
            }
            let code = value("code").map(normalise)
            if code == nil { log.error("`code` is empty", at: at) }
            if let code, !code.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic
                                                          || ("0"..."9").contains($0) || ".-_/".unicodeScalars.contains($0) }) {
                log.error("`code` may hold only letters A–Z, digits and . - _ /", at: at)
            }
            let procedureCode = value("procedure_code")
            if procedureCode == nil { log.error("`procedure_code` is empty", at: at) }
            let received = date("received", required: true)
            let due = date("due", required: true)
            let resolved = date("resolved", required: false)
            var status: Status?
            if let text = value("status") {
                status = Status(rawValue: text)
                if status == nil {
                    log.error("`status` \(text) is not one of "
                              + Status.allCases.map(\.rawValue).joined(separator: ", "), at: at)
                }
            } else {
                log.error("`status` is empty", at: at)
            }
            if let received, let due, due < received {
                log.error("`due` is before `received`", at: at)
            }
            if status == .resolved && resolved == nil {
                log.warning("a resolved dossier without a `resolved` date: it is shown as resolved on time", at: at)
            }
            guard let code, let procedureCode, let received, let due, let status else { return nil }
            return Dossier(source: path, line: row.line, hash: hash(of: code), procedureCode: procedureCode,
                           procedureName: value("procedure_name"), received: received, due: due, status: status,
                           resolved: resolved)
        }
    }

    /// ISO `2025-07-31` or the Vietnamese `31/07/2025` most exports use.
    static func parseDate(_ text: String) -> CivilDate? {
        if let date = ContentDate(parsing: text) { return date.civil }
        let parts = text.split(separator: "/")
        guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]),
              let y = Int(parts[2]), (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y)
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    public static func validate(_ items: [Dossier], context: LoadContext) {
        var byHash: [[UInt8]: [Dossier]] = [:]
        for item in items { byHash[item.hash, default: []].append(item) }
        for group in byHash.values where group.count > 1 {
            let places = group.map { "\($0.source):\($0.line)" }
            for item in group {
                let others = places.filter { $0 != "\(item.source):\(item.line)" }.joined(separator: ", ")
                context.log.error("this dossier code is also given at \(others): keep one row per dossier",
                                  at: SourceLocation(path: item.source, line: item.line))
            }
        }
    }
}
