import Foundation

/// An administrative procedure (thủ tục hành chính): `content/procedures/<code>.md`, published at
/// `/thu-tuc/<code>/` with a QR code leading back to that page from the paper notice board.
///
/// Procedure records come from the national portal in Vietnamese. A translation `<code>.en.md` gives the
/// procedure's name and, as far as the editor translated them, its texts (`translatedKeys`) and its steps (the
/// Markdown body); what it leaves out, and every other field (field, channels, forms, legal basis, ...), stays the
/// original's and is shown marked as Vietnamese. The English catalogue lists every procedure: the translation where
/// there is one, else the Vietnamese record (`TranslationPolicy.fallback`).
public struct Procedure: ContentKind, SourceFiled {
    public static let folder = "content/procedures"
    static let knownKeys: Set<String> = ["code", "title", "field", "processing_time", "agency", "channels", "level",
                                         "applicants", "fee", "online_fee_exempt", "online_url", "online_level",
                                         "result", "forms", "legal_basis", "updated", "imported_hash"]
    /// The texts a translation may give (with `code`, which must be the original's, and the Markdown body).
    public static let translatedKeys: Set<String> = ["title", "processing_time", "agency", "level", "applicants",
                                                     "fee", "result"]

    /// How a dossier may be filed.
    public enum Channel: String, Sendable, CaseIterable, Comparable {
        case direct = "truc-tiep"
        case online = "truc-tuyen"
        case postal = "buu-chinh"

        public static func < (a: Self, b: Self) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// How much of the procedure can be done online.
    public enum OnlineLevel: String, Sendable, CaseIterable {
        case full = "toan-trinh"
        case partial = "mot-phan"
    }

    public struct Form: Sendable, Hashable {
        public var title: String
        public var url: String
    }

    public struct LegalDocument: Sendable, Hashable {
        public var number: String
        public var title: String?
        public var date: ContentDate?
        public var url: String?
    }

    public var source: String
    /// National procedure code, `D.DDDDDD` (`1.000894`).
    public var code: String
    public var title: String
    /// Lĩnh vực, with the slug of its page.
    public var field: Term
    public var processingTime: String
    public var agency: String
    /// Sorted: direct, online, postal.
    public var channels: [Channel]
    public var level: String?
    public var applicants: String?
    public var fee: String?
    public var onlineFeeExempt: Bool
    public var onlineURL: String?
    public var onlineLevel: OnlineLevel?
    public var result: String?
    public var forms: [Form]
    public var legalBasis: [LegalDocument]
    public var updated: ContentDate?
    public var body: RenderedMarkdown
    /// The language of `title`: `vi`, or `en` for a translation.
    public var language: String
    public var translationKey: String
    /// On a translation, the texts it left out (`fee`, `body`, ...) and their language, the original's.
    public var untranslated: [String: String] = [:]

    public static var translationPolicy: TranslationPolicy { .fallback }

    /// The language `key`'s text is written in (`title`, `fee`, `body`, ... of `translatedKeys`).
    public func language(of key: String) -> String { untranslated[key] ?? language }

    public var url: String { Self.url(code: code) }
    static func url(code: String) -> String { "/thu-tuc/\(code)/" }
    /// The procedure's QR code as a file of its own, for print sheets and for downloading.
    public var qrPath: String { "/thu-tuc/\(code)/qr.svg" }

    /// `D.DDDDDD`: one digit, a dot, six digits, as the national database numbers procedures.
    public static func isValidCode(_ code: String) -> Bool {
        let chars = Array(code.utf8)
        guard chars.count == 8, chars[1] == UInt8(ascii: ".") else { return false }
        return chars.enumerated().allSatisfy { $0.offset == 1 || (48...57).contains($0.element) }
    }

    public static func load(_ context: LoadContext) -> [Procedure] {
        let paths = ContentFile.paths(in: folder, context: context)
        let loaded = paths.filter { ContentFile.translationLanguage(of: $0) == nil }.parallelMap { path -> Procedure? in
            guard let file = ContentFile.read(path, context: context) else { return nil }
            return Procedure(file, context: context)
        }
        let originals = loaded.compactMap { $0 }
        let bySource = Dictionary(originals.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        let translations = paths.filter { ContentFile.translationLanguage(of: $0) != nil }
            .parallelMap { path -> Procedure? in
                // An original with errors (reported there) takes its translations along.
                guard let file = ContentFile.read(path, context: context),
                      let original = bySource[file.translationKey] else { return nil }
                return original.translated(by: file, context: context)
            }
        return sortedByTitle(originals) + sortedByTitle(translations.compactMap { $0 })
    }

    /// This procedure with the texts of its translation `file`.
    func translated(by file: ContentFile, context: LoadContext) -> Procedure? {
        let f = file.fields
        file.checkTranslationFields(own: Self.translatedKeys.union(["code"]), shared: Self.knownKeys)
        if let given = f.string("code", required: true), given != code {
            f.error("`code` must be the original's, \(code): a translation is the same procedure", key: "code")
        }
        guard let title = f.string("title", required: true) else { return nil }
        var translation = self
        translation.title = title
        translation.source = file.path
        translation.language = file.language
        var untranslated: [String: String] = [:]
        let texts: [(String, WritableKeyPath<Procedure, String?>)] = [
            ("level", \.level), ("applicants", \.applicants), ("fee", \.fee), ("result", \.result)]
        for (key, path) in texts {
            if let text = f.string(key) { translation[keyPath: path] = text } else if self[keyPath: path] != nil {
                untranslated[key] = language
            }
        }
        if let text = f.string("processing_time") { translation.processingTime = text } else {
            untranslated["processing_time"] = language
        }
        if let text = f.string("agency") { translation.agency = text } else { untranslated["agency"] = language }
        if file.body.text.contains(where: { !$0.isWhitespace }) {
            translation.body = context.render(file.body)
        } else {
            untranslated["body"] = language
        }
        translation.untranslated = untranslated
        return translation
    }

    /// Vietnamese alphabetical order of titles; the code decides between equal titles.
    public static func sortedByTitle(_ items: [Procedure]) -> [Procedure] {
        VietnameseCollation.sorted(items, by: \.title, then: { $0.code < $1.code })
    }

    init?(_ file: ContentFile, context: LoadContext) {
        let f = file.fields
        f.warnUnknownKeys(allowed: Self.knownKeys)
        let code = f.string("code", required: true)
        if let code {
            if !Self.isValidCode(code) {
                f.error("`code` must be a national procedure code such as 1.000894 (one digit, a dot, six digits)",
                        key: "code")
            } else if code != file.baseName {
                f.error("the file name must be the procedure code: rename this file to \(code).md", key: "code")
            }
        }
        let title = f.string("title", required: true)
        let fieldName = f.string("field", required: true)
        let processingTime = f.string("processing_time", required: true)
        let agency = f.string("agency", required: true)

        var channels: [Channel] = []
        if let names = f.stringList("channels") {
            for name in names {
                if let channel = Channel(rawValue: name) {
                    if !channels.contains(channel) { channels.append(channel) }
                } else {
                    let known = Channel.allCases.map(\.rawValue).joined(separator: ", ")
                    f.error("unknown channel `\(name)` in `channels` (known: \(known))", key: "channels")
                }
            }
            if names.isEmpty { f.error("`channels` must name at least one way to file: \(Channel.allCases.map(\.rawValue).joined(separator: ", "))", key: "channels") }
        } else if f.value("channels") == nil {
            f.error("missing required field `channels` (a list of: truc-tiep, truc-tuyen, buu-chinh)", key: "channels")
        }
        self.channels = channels.sorted()

        level = f.string("level")
        applicants = f.string("applicants")
        fee = f.string("fee")
        onlineFeeExempt = f.bool("online_fee_exempt") ?? false
        if onlineFeeExempt && !channels.isEmpty && !channels.contains(.online) {
            f.warning("`online_fee_exempt` is true but `channels` has no `truc-tuyen`: citizens cannot file online",
                      key: "online_fee_exempt")
        }
        onlineURL = Self.webAddress(f, "online_url")
        if let raw = f.string("online_level") {
            onlineLevel = OnlineLevel(rawValue: raw)
            if onlineLevel == nil {
                f.error("`online_level` must be `toan-trinh` (wholly online) or `mot-phan` (partly online)",
                        key: "online_level")
            }
        }
        result = f.string("result")
        forms = (f.list("forms") ?? []).compactMap { entry in
            entry.warnUnknownKeys(allowed: ["title", "url"])
            let title = entry.string("title", required: true)
            let url = Self.link(entry, "url", required: true, context: context)
            guard let title, let url else { return nil }
            return Form(title: title, url: url)
        }
        legalBasis = (f.list("legal_basis") ?? []).compactMap { entry in
            entry.warnUnknownKeys(allowed: ["number", "title", "date", "url"])
            let number = entry.string("number", required: true)
            let document = LegalDocument(number: number ?? "", title: entry.string("title"),
                                         date: entry.date("date"), url: Self.webAddress(entry, "url"))
            return number == nil ? nil : document
        }
        updated = f.date("updated")
        source = file.path
        language = file.language
        translationKey = file.translationKey
        body = context.render(file.body)

        guard let code, let title, let fieldName, let processingTime, let agency else { return nil }
        self.code = code
        self.title = title
        self.field = Term(fieldName)
        self.processingTime = processingTime
        self.agency = agency
    }

    /// An absolute http(s) address (the national portal, a legal text).
    static func webAddress(_ f: Fields, _ key: String) -> String? {
        guard let value = f.string(key) else { return nil }
        if isWebAddress(value) { return value }
        f.error("`\(key)` must be a full web address starting with https:// or http://", key: key)
        return nil
    }

    public static func isWebAddress(_ value: String) -> Bool {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased() else { return false }
        return ["http", "https"].contains(scheme) && url.host.map { !$0.isEmpty } == true
    }

    /// A web address, or a file of the site under `/media/` (checked to exist like any internal link).
    static func link(_ f: Fields, _ key: String, required: Bool, context: LoadContext) -> String? {
        guard let value = f.string(key, required: required) else { return nil }
        if value.hasPrefix("/") {
            guard value.hasPrefix("/media/") else {
                f.error("`\(key)` must be a web address (https://...) or a file under content/media/ written as "
                        + "/media/<file>", key: key)
                return nil
            }
            context.links.record([InternalLink(path: value, location: f.location(of: key))])
            return value
        }
        return webAddress(f, key)
    }

    public static func validate(_ items: [Procedure], context: LoadContext) {
        reportDuplicates(items, key: \.code, what: "procedure code", log: context.log)
        // Two spellings of one field ("Hộ tịch", "Hộ Tịch") would share a page and split the catalogue.
        var names: [String: [String: String]] = [:]
        for item in items where item.language == context.config.language {
            names[item.field.slug, default: [:]][item.field.name] = item.source
        }
        for (slug, spellings) in names where spellings.count > 1 {
            let all = spellings.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            for (_, source) in spellings.sorted(by: { $0.key < $1.key }) {
                context.log.warning("the field is spelt in different ways (\(all)); they share the page "
                                    + "/thu-tuc/linh-vuc/\(slug)/ — write it the same way everywhere",
                                    at: SourceLocation(path: source))
            }
        }
    }
}

/// Procedures grouped once for the catalogue, field pages and print sheets, in Vietnamese alphabetical order.
public struct ProcedureIndex: Sendable {
    public struct FieldGroup: Sendable {
        public var field: Term
        public var procedures: [Procedure]
        public var path: String { "/thu-tuc/linh-vuc/\(field.slug)/" }
        public var printPath: String { "/thu-tuc/linh-vuc/\(field.slug)/in/" }
    }

    /// Every procedure, by title.
    public let procedures: [Procedure]
    /// Fields by name, each with its procedures by title.
    public let fields: [FieldGroup]
    /// Procedures that cost nothing when filed online, by title.
    public let freeOnline: [Procedure]

    public init(_ procedures: [Procedure]) {
        self.procedures = Procedure.sortedByTitle(procedures)
        var groups: [String: FieldGroup] = [:]
        for procedure in self.procedures {
            groups[procedure.field.slug, default: FieldGroup(field: procedure.field, procedures: [])]
                .procedures.append(procedure)
        }
        // The spelling shown for a field shared by two spellings is the one that sorts first.
        for (slug, group) in groups {
            if let name = VietnameseCollation.sorted(group.procedures.map(\.field.name), by: { $0 }).first {
                groups[slug]?.field = Term(name)
            }
        }
        self.fields = VietnameseCollation.sorted(Array(groups.values)) { $0.field.name }
        self.freeOnline = self.procedures.filter(\.onlineFeeExempt)
    }
}
