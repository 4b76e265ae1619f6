import Crypto
import Foundation

/// `niemyet import procedures FILE.json`: turns the national public-service portal's procedure export (a JSON list
/// of records with `ma_tthc`, `ten_tthc`, `linh_vuc`, `cach_thuc_thuc_hien`, `tphs`, `kqth`, `ccpl`, ...) into
/// `content/procedures/<code>.md` files of the content contract (docs/content.md).
///
/// - The same export always gives the same bytes, so importing twice changes nothing.
/// - Every file it writes carries `imported_hash:`, a hash of the rest of the file. A file whose text no longer
///   matches its hash was edited by hand and is kept unless `force` is given; so is a file without the field
///   (written by hand). The caller reports which were kept.
/// - The whole export is checked first: with any error nothing is written.
public enum ProcedureImporter {
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// Site-relative paths.
        public var created: [String] = []
        public var updated: [String] = []
        public var unchanged: [String] = []
        /// Edited by hand and kept (no `force`).
        public var kept: [String] = []
        /// Edited by hand and replaced (`force`).
        public var overwritten: [String] = []
        public var seconds: Double = 0

        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
        public var total: Int { created.count + updated.count + unchanged.count + kept.count + overwritten.count }

        /// The line printed at the end, like the build's.
        public var summary: String {
            let time = String(format: "%.2f", seconds)
            guard succeeded else {
                let errors = diagnostics.filter { $0.severity == .error }.count
                return "niemyet: \(errors) error(s) in the export; nothing was written (\(time) s)"
            }
            var parts = ["\(created.count) new", "\(updated.count) updated", "\(unchanged.count) unchanged"]
            if !kept.isEmpty { parts.append("\(kept.count) kept because edited by hand (use --force to replace)") }
            if !overwritten.isEmpty { parts.append("\(overwritten.count) edited by hand and replaced (--force)") }
            return "niemyet: imported \(total) procedure(s): " + parts.joined(separator: ", ") + " (\(time) s)"
        }
    }

    /// One file the import would write.
    public struct File: Sendable, Hashable {
        public var code: String
        /// Site-relative, `content/procedures/<code>.md`.
        public var path: String
        public var text: String
    }

    /// Reads the export at `input` and writes its procedures into the site at `site`.
    /// `displayPath` is how messages name the export (as the user typed it).
    public static func run(input: URL, displayPath: String, site: URL, force: Bool) -> Report {
        let started = DispatchTime.now()
        var report = Report()
        func finish() -> Report {
            report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            report.diagnostics.sort()
            return report
        }
        let files = SiteFiles(root: site)
        guard files.exists(SiteConfig.path) else {
            report.diagnostics.append(.error("\(site.path) is not a site folder (it has no \(SiteConfig.path)); "
                                             + "give the site with --site DIR", at: nil))
            return finish()
        }
        let data: Data
        do {
            data = try Data(contentsOf: input)
        } catch {
            report.diagnostics.append(.error("cannot read the export: \(error.localizedDescription)",
                                             at: SourceLocation(path: displayPath)))
            return finish()
        }
        let converted = convert(data, path: displayPath)
        report.diagnostics += converted.diagnostics
        guard report.succeeded else { return finish() }

        do {
            try FileManager.default.createDirectory(at: files.url(Procedure.folder), withIntermediateDirectories: true)
        } catch {
            report.diagnostics.append(.error("cannot create the folder: \(error.localizedDescription)",
                                             at: SourceLocation(path: Procedure.folder)))
            return finish()
        }
        for file in converted.files {
            let existing = files.exists(file.path) ? try? String(contentsOf: files.url(file.path), encoding: .utf8) : nil
            if files.exists(file.path) && existing == nil {
                report.diagnostics.append(.error("cannot read the existing file to compare; left as it is",
                                                 at: SourceLocation(path: file.path)))
                continue
            }
            var outcome: WritableKeyPath<Report, [String]> = \.created
            if let existing {
                if existing == file.text { report.unchanged.append(file.path); continue }
                if ImportStamp.isUntouched(existing) == true {
                    outcome = \.updated
                } else if force {
                    outcome = \.overwritten
                } else {
                    let why = ImportStamp.isUntouched(existing) == nil
                        ? "was not written by the importer (it has no `imported_hash`)"
                        : "was changed by hand since it was imported"
                    report.diagnostics.append(.warning("\(why): kept as it is; run the import with --force to "
                                                       + "replace it with the export's version",
                                                       at: SourceLocation(path: file.path)))
                    report.kept.append(file.path)
                    continue
                }
            }
            do {
                try Data(file.text.utf8).write(to: files.url(file.path), options: .atomic)
                report[keyPath: outcome].append(file.path)
            } catch {
                report.diagnostics.append(.error("cannot write: \(error.localizedDescription)",
                                                 at: SourceLocation(path: file.path)))
            }
        }
        return finish()
    }

    /// The files an export converts to, or the problems that stop it. Touches no disk.
    public static func convert(_ data: Data, path: String) -> (files: [File], diagnostics: [Diagnostic]) {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            return ([], [.error("the export is not valid JSON (\(describe(error))); export the procedures again "
                                + "as JSON from the national portal", at: SourceLocation(path: path))])
        }
        guard case .array(let records) = root else {
            return ([], [.error("the export must be a JSON list of procedure records ([{\"ma_tthc\": ...}, ...]), "
                                + "found \(root.kindName)", at: SourceLocation(path: path))])
        }
        if records.isEmpty {
            return ([], [.error("the export holds no procedure records", at: SourceLocation(path: path))])
        }
        let positions = JSONValue.topLevelElementPositions(data)
        var diagnostics: [Diagnostic] = []
        var files: [File] = []
        var firstRecordOfCode: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            let position = index < positions.count ? positions[index] : (line: 1, column: 1)
            let location = SourceLocation(path: path, line: position.line, column: position.column)
            var converter = RecordConverter(record: record, number: index + 1, location: location)
            guard let file = converter.convert() else { diagnostics += converter.problems; continue }
            diagnostics += converter.problems
            if let earlier = firstRecordOfCode[file.code] {
                diagnostics.append(.error("record \(index + 1): procedure code \(file.code) was already given by "
                                          + "record \(earlier)", at: location))
                continue
            }
            firstRecordOfCode[file.code] = index + 1
            files.append(file)
        }
        return (files.sorted { $0.code < $1.code }, diagnostics)
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}

/// The `imported_hash:` line: a hash of the file's text without that line, to tell an untouched import from a
/// file an editor changed.
enum ImportStamp {
    static let key = "imported_hash"

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Adds the line as the last one of the front matter (the text must start with a `---` fence).
    static func stamp(_ text: String) -> String {
        let line = "\(key): \(hash(text))\n"
        guard let close = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 4)..<text.endIndex)
        else { return text }
        return String(text[..<close.lowerBound]) + "\n" + line.dropLast() + String(text[close.lowerBound...])
    }

    /// True when the text is exactly what was stamped; false when it was changed; nil when it has no stamp.
    static func isUntouched(_ text: String) -> Bool? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.hasPrefix(key + ": ") }) else { return nil }
        let stored = lines[index].dropFirst(key.count + 2).trimmingCharacters(in: .whitespaces)
        lines.remove(at: index)
        return hash(lines.joined(separator: "\n")) == stored
    }
}

/// One export record → one procedure file. Problems are collected with the record's number and place.
struct RecordConverter {
    let record: JSONValue
    let number: Int
    let location: SourceLocation
    private(set) var problems: [Diagnostic] = []

    init(record: JSONValue, number: Int, location: SourceLocation) {
        self.record = record
        self.number = number
        self.location = location
    }

    /// A channel of the export (`hinh_thuc_nop`) and what it says about time and fee.
    struct Way {
        var channel: Procedure.Channel
        var time: String
        var fee: Fee
        var note: String
    }

    struct Fee: Hashable {
        var text: String
        /// The amount in đồng when the text is the portal's usual `Phí: N VNĐ`.
        var amount: Int?
    }

    static let channelNames: [String: Procedure.Channel] = [
        "trực tiếp": .direct, "trực tuyến": .online, "bưu chính": .postal, "qua bưu chính": .postal,
        "dịch vụ bưu chính": .postal, "bưu chính công ích": .postal,
    ]
    static let channelLabels: [Procedure.Channel: String] = [
        .direct: "Trực tiếp", .online: "Trực tuyến", .postal: "Qua bưu chính",
    ]

    private mutating func error(_ message: String) {
        problems.append(.error("record \(number)\(stt.map { " (stt \($0))" } ?? ""): \(message)", at: location))
    }

    private mutating func warning(_ message: String) {
        problems.append(.warning("record \(number)\(stt.map { " (stt \($0))" } ?? ""): \(message)", at: location))
    }

    private var stt: String? { record["stt"]?.text }

    /// A text field: cleaned, on one line; nil when absent or empty. Reports a field of the wrong type.
    private mutating func text(_ key: String) -> String? {
        guard let value = record[key] else { return nil }
        if case .null = value { return nil }
        guard let raw = value.text else {
            error("`\(key)` must be text, found \(value.kindName)")
            return nil
        }
        let cleaned = SourceText.inline(raw)
        return cleaned.isEmpty ? nil : cleaned
    }

    private mutating func raw(_ key: String) -> String? {
        guard let value = record[key], let raw = value.text else { return nil }
        return raw
    }

    private mutating func list(_ key: String) -> [JSONValue] {
        guard let value = record[key] else { return [] }
        switch value {
        case .null: return []
        case .array(let items): return items
        default:
            error("`\(key)` must be a list, found \(value.kindName)")
            return []
        }
    }

    private static func entryText(_ entry: JSONValue, _ key: String) -> String {
        entry[key]?.text ?? ""
    }

    mutating func convert() -> ProcedureImporter.File? {
        guard case .object = record else {
            error("each record must be an object with `ma_tthc`, `ten_tthc`, ..., found \(record.kindName)")
            return nil
        }
        let code = text("ma_tthc")
        if code == nil { error("missing `ma_tthc` (the procedure code, such as 1.000894)") }
        if let code, !Procedure.isValidCode(code) {
            error("`ma_tthc` \"\(code)\" is not a procedure code such as 1.000894 (one digit, a dot, six digits)")
        }
        let title = text("ten_tthc")
        if title == nil { error("missing `ten_tthc` (the procedure name)") }
        let field = text("linh_vuc")
        if field == nil { error("missing `linh_vuc` (the field, such as Hộ tịch)") }
        let agency = text("co_quan_thuc_hien").map(Self.withoutRepeats)
        if agency == nil { error("missing `co_quan_thuc_hien` (the agency that carries the procedure out)") }

        var ways: [Way] = []
        for entry in list("cach_thuc_thuc_hien") {
            let name = SourceText.inline(Self.entryText(entry, "hinh_thuc_nop"))
            guard let channel = Self.channelNames[name.lowercased()] else {
                warning("unknown `hinh_thuc_nop` \"\(name)\" (known: Trực tiếp, Trực tuyến, Bưu chính): left out")
                continue
            }
            ways.append(Way(channel: channel, time: SourceText.inline(Self.entryText(entry, "thoi_gian")),
                            fee: Self.fee(Self.entryText(entry, "phi_le_phi")),
                            note: Self.entryText(entry, "mo_ta")))
        }
        if ways.isEmpty {
            error("`cach_thuc_thuc_hien` names no way to file (Trực tiếp, Trực tuyến or Bưu chính)")
        }
        let processingTime = Self.processingTime(ways)
        if !ways.isEmpty && processingTime == nil {
            error("no time limit (`thoi_gian`) in `cach_thuc_thuc_hien`")
        }
        guard let code, Procedure.isValidCode(code), let title, let field, let agency, let processingTime,
              problems.allSatisfy({ $0.severity != .error }) else { return nil }

        var yaml = YAMLWriter()
        yaml.field("code", code, forceQuotes: true)
        yaml.field("title", title)
        yaml.field("field", field)
        if let level = text("cap_thuc_hien").map(Self.withoutRepeats) { yaml.field("level", level) }
        if let applicants = text("doi_tuong_thuc_hien") { yaml.field("applicants", applicants) }
        yaml.field("agency", agency)
        yaml.field("processing_time", processingTime)
        if let fee = Self.summary(ways, by: { $0.fee.text }) { yaml.field("fee", fee) }
        if Self.isFreeOnlyOnline(ways) { yaml.raw("online_fee_exempt: true") }
        let channels = Array(Set(ways.map(\.channel))).sorted()
        yaml.raw("channels: [" + channels.map(\.rawValue).joined(separator: ", ") + "]")
        if let link = text("link_truy_cap"), Procedure.isWebAddress(link) { yaml.field("online_url", link) }
        let results = Self.unique(list("kqth").map { SourceText.inline(Self.entryText($0, "ten_ket_qua")) })
        if !results.isEmpty { yaml.field("result", results.joined(separator: "; ")) }
        let laws = list("ccpl").compactMap(Self.legalDocument)
        if !laws.isEmpty {
            yaml.raw("legal_basis:")
            for law in laws {
                yaml.field("  - number", law.number)
                if let title = law.title { yaml.field("    title", title) }
                if let date = law.date { yaml.raw("    date: \(date)") }
                if let url = law.url { yaml.field("    url", url) }
            }
        }
        let body = self.body(ways)
        let text = ImportStamp.stamp("---\n" + yaml.text + "---\n" + body)
        return ProcedureImporter.File(code: code, path: "\(Procedure.folder)/\(code).md", text: text)
    }

    // MARK: front matter values

    /// The portal's fee text: `Phí: 0 VNĐ` alone is "Miễn phí"; `Phí: 700 VNĐ (…)` is "Phí: 700 đồng (…)";
    /// anything else is kept as written (tidied).
    static func fee(_ raw: String) -> Fee {
        let text = SourceText.inline(raw)
        let pattern = #"^(Phí|Lệ phí|Phí, lệ phí|Phí, Lệ phí)\s*:\s*([0-9][0-9.]*)\s*(VNĐ|VND|đồng|đ)(?=\s|$)\s*(.*)$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let labelRange = Range(match.range(at: 1), in: text), let amountRange = Range(match.range(at: 2), in: text),
              let restRange = Range(match.range(at: 4), in: text),
              let amount = Int(text[amountRange].replacingOccurrences(of: ".", with: ""))
        else { return Fee(text: text, amount: nil) }
        let rest = String(text[restRange])
        if amount == 0 && rest.isEmpty { return Fee(text: "Miễn phí", amount: 0) }
        let formatted = LanguageFormat.vietnamese.integer(amount) + " đồng"
        return Fee(text: "\(text[labelRange]): \(formatted)" + (rest.isEmpty ? "" : " " + rest), amount: amount)
    }

    /// Free online while filing another way costs something: what `online_fee_exempt` means.
    static func isFreeOnlyOnline(_ ways: [Way]) -> Bool {
        let online = ways.filter { $0.channel == .online }, others = ways.filter { $0.channel != .online }
        return !online.isEmpty && online.allSatisfy { $0.fee.amount == 0 }
            && others.contains { ($0.fee.amount ?? 0) > 0 }
    }

    /// The time limit of one way: `thoi_gian`, or when that says only "Khác" (other), the first line of the
    /// description ("02 tháng và 15 ngày làm việc, trong đó:" → "02 tháng và 15 ngày làm việc").
    static func time(of way: Way) -> String {
        let given = way.time
        guard given.isEmpty || given.lowercased() == "khác" else { return given }
        guard var first = SourceText.lines(way.note).first else { return given }
        for suffix in [":", ", trong đó", " trong đó", ","] where first.hasSuffix(suffix) {
            first = String(first.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        return first.isEmpty || first.count > 100 ? given : first
    }

    static func processingTime(_ ways: [Way]) -> String? {
        summary(ways, by: time(of:))
    }

    /// One value when all ways agree; otherwise each value with the ways it applies to, when they differ by
    /// channel ("3 ngày làm việc (trực tuyến, qua bưu chính); 13 ngày làm việc (trực tiếp)"), or the values in
    /// the export's order when they differ by case.
    static func summary(_ ways: [Way], by value: (Way) -> String) -> String? {
        var order: [String] = []
        var channels: [String: Set<Procedure.Channel>] = [:]
        for way in ways {
            let v = value(way)
            guard !v.isEmpty else { continue }
            if channels[v] == nil { order.append(v) }
            channels[v, default: []].insert(way.channel)
        }
        guard !order.isEmpty else { return nil }
        if order.count == 1 { return order[0] }
        let all = Set(ways.map(\.channel))
        return order.map { v in
            let set = channels[v]!
            if set == all { return v }
            let names = set.sorted().map { channelLabels[$0]!.lowercased() }.joined(separator: ", ")
            return "\(v) (\(names))"
        }.joined(separator: "; ") + (order.allSatisfy { channels[$0] == all } ? " (tùy trường hợp)" : "")
    }

    /// "Sở Giáo dục và Đào tạo, Sở Giáo dục và Đào tạo" → once. Splits on commas outside parentheses only.
    static func withoutRepeats(_ text: String) -> String {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1 } else if ch == ")" { depth = max(depth - 1, 0) }
            if ch == "," && depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        let unique = Self.unique(parts)
        return unique.count == parts.count ? text : unique.joined(separator: ", ")
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    struct Law {
        var number: String
        var title: String?
        var date: String?
        var url: String?
    }

    static func legalDocument(_ entry: JSONValue) -> Law? {
        let number = SourceText.inline(entryText(entry, "so_ky_hieu"))
        guard !number.isEmpty else { return nil }
        let title = SourceText.inline(entryText(entry, "trich_yeu"))
        let url = SourceText.inline(entryText(entry, "dia_chi_truy_cap"))
        return Law(number: number, title: title.isEmpty ? nil : title, date: isoDate(entryText(entry, "ngay_ban_hanh")),
                   url: Procedure.isWebAddress(url) ? url : nil)
    }

    /// `22/08/2018` → `2018-08-22`; nil for anything that is not a real date.
    static func isoDate(_ text: String) -> String? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              parts[2].count == 4 else { return nil }
        let iso = pad4(y) + "-" + pad2(m) + "-" + pad2(d)
        return ContentDate(parsing: iso) == nil ? nil : iso
    }

    // MARK: body

    private mutating func body(_ ways: [Way]) -> String {
        var sections: [String] = []
        var steps: [String] = []
        for entry in list("trinh_tu_thuc_hien") {
            let situation = SourceText.inline(Self.entryText(entry, "truong_hop_xu_ly"))
            let text = SourceText.markdown(Self.entryText(entry, "mo_ta_chi_tiet"))
            if !situation.isEmpty { steps.append("**" + SourceText.escapeInline(situation) + "**") }
            if !text.isEmpty { steps.append(text) }
        }
        if !steps.isEmpty { sections.append("## Trình tự thực hiện\n\n" + steps.joined(separator: "\n\n")) }

        var parts: [String] = []
        var groups: [(key: String, channels: Set<Procedure.Channel>)] = []
        for way in ways {
            var key = Self.time(of: way)
            if !way.fee.text.isEmpty { key += ". Phí, lệ phí: " + way.fee.text }
            if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].channels.insert(way.channel) }
            else { groups.append((key, [way.channel])) }
        }
        parts.append(groups.map { group in
            let names = group.channels.sorted().map { Self.channelLabels[$0]! }.joined(separator: ", ")
            return "- **\(names)**: thời hạn giải quyết " + SourceText.escapeInline(Self.sentence(group.key))
        }.joined(separator: "\n"))
        for note in Self.unique(ways.map { SourceText.lines($0.note).joined(separator: "\n") }) {
            parts.append(SourceText.markdown(note))
        }
        if let place = text("dia_chi_tiep_nhan") {
            parts.append("Nơi tiếp nhận hồ sơ: " + SourceText.escapeInline(Self.sentence(place)))
        }
        sections.append("## Cách thức thực hiện\n\n" + parts.joined(separator: "\n\n"))

        let documents = list("tphs").enumerated().compactMap { offset, entry -> String? in
            let name = Self.trimmingEnd(SourceText.inline(Self.entryText(entry, "ten_giay_to")))
            guard !name.isEmpty else { return nil }
            var line = "\(offset + 1). " + SourceText.escapeBlockStart(SourceText.escapeInline(name))
            if let copies = Self.copies(entry) { line += " (\(copies))" }
            if SourceText.inline(Self.entryText(entry, "bm_dien_tu")).lowercased() == "có" {
                line += " – có biểu mẫu điện tử"
            }
            return line
        }
        if !documents.isEmpty {
            sections.append("## Thành phần hồ sơ\n\n" + documents.joined(separator: "\n"))
        }

        if let conditions = raw("yeu_cau_dieu_kien").map(SourceText.markdown), !conditions.isEmpty {
            sections.append("## Yêu cầu, điều kiện\n\n" + conditions)
        }

        if let decision = text("so_quyet_dinh") {
            var line = "Quyết định số " + SourceText.escapeInline(decision)
            if let date = text("ngay_quyet_dinh") { line += " ngày " + SourceText.escapeInline(date) }
            if let issuer = text("co_quan_ban_hanh") { line += " của " + SourceText.escapeInline(issuer) }
            sections.append("## Quyết định công bố\n\n" + Self.sentence(line))
        }
        return sections.map { $0 + "\n" }.joined(separator: "\n")
    }

    /// Ends the text with a full stop unless it already ends with punctuation.
    static func sentence(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".!?…".contains(last) ? text : text + "."
    }

    /// Without the `;`, `,` or `.` a list item of the export often ends with.
    static func trimmingEnd(_ text: String) -> String {
        var text = text
        while let last = text.last, ";,.".contains(last) { text.removeLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// "bản chính", "bản sao", "2 bản chính, 1 bản sao": the export gives true/false or counts.
    static func copies(_ entry: JSONValue) -> String? {
        func part(_ key: String, _ name: String) -> String? {
            switch entry[key] {
            case .bool(true)?: return name
            case .number(let n)? where n >= 1: return "\(Int(n)) \(name)"
            case .string(let s)? where Int(s).map({ $0 >= 1 }) == true: return "\(Int(s)!) \(name)"
            default: return nil
            }
        }
        let parts = [part("ban_chinh", "bản chính"), part("ban_sao", "bản sao")].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " và ")
    }
}
