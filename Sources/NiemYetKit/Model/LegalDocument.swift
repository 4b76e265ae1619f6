/// A legal document (văn bản) the commune issued: `content/documents/*.md`, published at `/van-ban/<slug>/`.
/// The decree on government portals requires its type, issuer, number, issue and effective dates, abstract
/// (trích yếu) and a downloadable file.
public struct LegalDocument: ContentKind, SourceFiled {
    public static let folder = "content/documents"
    static let knownKeys: Set<String> = ["number", "type", "issuer", "signed", "effective", "status", "summary",
                                         "file", "slug", "draft"]

    public enum Status: String, Sendable, CaseIterable {
        case inForce = "con-hieu-luc"
        case notInForce = "het-hieu-luc"
    }

    public var source: String
    /// Số hiệu, e.g. `125/QĐ-UBND`.
    public var number: String
    public var type: Term
    public var issuer: String
    public var signed: ContentDate
    public var effective: ContentDate?
    public var status: Status
    public var summary: String
    public var file: Attachment
    public var slug: String
    public var body: RenderedMarkdown
    /// Where `number` is written, for the duplicate-number error.
    var numberLocation: SourceLocation

    public var url: String { "/van-ban/\(slug)/" }
    public var year: Int { signed.civil.year }

    public static func load(_ context: LoadContext) -> [LegalDocument] {
        // Documents are official texts: every language shows the original (a `.en.md` is reported, not used).
        ContentFile.originalPaths(in: folder, what: "legal documents", context: context)
            .parallelMap { path -> LegalDocument? in
                guard let file = ContentFile.read(path, context: context) else { return nil }
                return LegalDocument(file, context: context)
            }
            .compactMap { $0 }
            // Newest first; the number and slug break ties so the order never depends on the file system.
            .sorted { ($0.signed, $1.number, $1.slug) > ($1.signed, $0.number, $0.slug) }
    }

    init?(_ file: ContentFile, context: LoadContext) {
        let f = file.fields
        f.warnUnknownKeys(allowed: Self.knownKeys)
        if f.bool("draft") == true && !context.options.includeDrafts { return nil }
        let number = f.string("number", required: true)
        let type = f.string("type", required: true)
        let issuer = f.string("issuer", required: true)
        let signed = f.date("signed", required: true)
        effective = f.date("effective")
        var status: Status?
        if let text = f.string("status", required: true) {
            status = Status(rawValue: text)
            if status == nil {
                f.error("`status` must be `con-hieu-luc` (in force) or `het-hieu-luc` (no longer in force)",
                        key: "status")
            }
        }
        let summary = f.string("summary", required: true)
        let fileURL = f.mediaReference("file", context: context, required: true)
        if let signed, let effective, effective < signed {
            f.error("`effective` is before `signed`", key: "effective")
        }
        slug = file.slug(default: file.baseName)
        source = file.path
        numberLocation = f.location(of: "number")
        body = context.render(file.body)
        guard let number, let type, let issuer, let signed, let status, let summary, let fileURL else { return nil }
        self.number = number
        self.type = Term(type)
        self.issuer = issuer
        self.signed = signed
        self.status = status
        self.summary = summary
        self.file = Attachment(title: number, url: fileURL)
    }

    public static func validate(_ items: [LegalDocument], context: LoadContext) {
        reportDuplicates(items, key: \.slug, what: "slug", log: context.log)
        // One issuer never gives one number twice: a duplicate is a typo that would send citizens to the wrong
        // document. Compared without case, spaces or marks, as people would read them.
        var byNumber: [String: [LegalDocument]] = [:]
        for item in items {
            let key = fold(item.issuer) + "|" + fold(item.number)
            byNumber[key, default: []].append(item)
        }
        for group in byNumber.values where group.count > 1 {
            let sources = group.map(\.source).sorted()
            for item in group {
                let others = sources.filter { $0 != item.source }.joined(separator: ", ")
                context.log.error("number \(item.number) of \(item.issuer) is also used by \(others)",
                                  at: item.numberLocation)
            }
        }
    }

    private static func fold(_ text: String) -> String {
        String(VietnameseFolding.fold(text).filter { !$0.isWhitespace })
    }
}
