/// A notice (thông báo) with an optional deadline: `content/announcements/*.md`, published at `/thong-bao/<slug>/`.
/// Pinned notices that have not expired show on the home page; expired ones stay on `/thong-bao/` under their
/// own heading, because citizens and inspectors still look up what was announced.
///
/// A translation `name.en.md` gives the notice's `title`, `summary` and text in English; its dates, pin and
/// attachments are the original's. The English site shows every notice: the translation where there is one,
/// else the Vietnamese notice marked as Vietnamese (`TranslationPolicy.fallback`).
public struct Announcement: ContentKind, SourceFiled {
    public static let folder = "content/announcements"
    static let knownKeys: Set<String> = ["title", "date", "expires", "pinned", "summary", "attachments", "slug",
                                         "draft"]

    public var source: String
    public var title: String
    public var date: ContentDate
    public var expires: ContentDate?
    public var pinned: Bool
    public var summary: String?
    public var attachments: [Attachment]
    public var slug: String
    public var body: RenderedMarkdown
    public var language: String
    public var translationKey: String
    /// The language of `body`: a translation without text of its own shows the original's.
    public var bodyLanguage: String
    /// What a translation may give; the other fields come from its original.
    static let translatedKeys: Set<String> = ["title", "summary", "draft"]

    public static var translationPolicy: TranslationPolicy { .fallback }
    public var url: String { "/thong-bao/\(slug)/" }

    /// The summary, or the opening of the text.
    public var teaser: String { summary ?? body.plainText.truncated(to: 200) }

    /// Expired once the expiry day is over (a notice "valid until 20/08" still holds on 20/08), or at the given
    /// moment when the editor wrote a time.
    public func isExpired(at now: ContentDate) -> Bool {
        guard let expires else { return false }
        if expires.hasTime { return now >= expires }
        return now.civil.dayNumber > expires.civil.dayNumber
    }

    public static func load(_ context: LoadContext) -> [Announcement] {
        let paths = ContentFile.paths(in: folder, context: context)
        let originals = paths.filter { ContentFile.translationLanguage(of: $0) == nil }
            .parallelMap { path -> Announcement? in
                guard let file = ContentFile.read(path, context: context) else { return nil }
                return Announcement(file, context: context)
            }
            .compactMap { $0 }
        let bySource = Dictionary(originals.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        let translations = paths.filter { ContentFile.translationLanguage(of: $0) != nil }
            .parallelMap { path -> Announcement? in
                // An original left out (a draft, or one with errors, reported there) takes its translations along.
                guard let file = ContentFile.read(path, context: context),
                      let original = bySource[file.translationKey] else { return nil }
                return original.translated(by: file, context: context)
            }
            .compactMap { $0 }
        return (originals + translations)
            .sorted { ($0.date, $1.slug, $1.language) > ($1.date, $0.slug, $0.language) }
    }

    /// This notice with the texts of its translation `file`.
    func translated(by file: ContentFile, context: LoadContext) -> Announcement? {
        let f = file.fields
        file.checkTranslationFields(own: Self.translatedKeys, shared: Self.knownKeys)
        if f.bool("draft") == true && !context.options.includeDrafts { return nil }
        guard let title = f.string("title", required: true) else { return nil }
        var translation = self
        translation.title = title
        translation.summary = f.string("summary")
        translation.source = file.path
        translation.language = file.language
        if file.body.text.contains(where: { !$0.isWhitespace }) {
            translation.body = context.render(file.body)
            translation.bodyLanguage = file.language
        }
        return translation
    }

    init?(_ file: ContentFile, context: LoadContext) {
        let f = file.fields
        f.warnUnknownKeys(allowed: Self.knownKeys)
        if f.bool("draft") == true && !context.options.includeDrafts { return nil }
        let title = f.string("title", required: true)
        let date = f.date("date", required: true)
        expires = f.date("expires")
        pinned = f.bool("pinned") ?? false
        summary = f.string("summary")
        attachments = Attachment.list(f, key: "attachments", context: context)
        slug = file.slug(default: file.undatedBaseName)
        source = file.path
        language = file.language
        translationKey = file.translationKey
        bodyLanguage = file.language
        body = context.render(file.body)
        guard let title, let date else { return nil }
        if let expires, expires < date {
            f.error("`expires` is before `date`: the notice would never be current", key: "expires")
        }
        self.title = title
        self.date = date
    }

    public static func validate(_ items: [Announcement], context: LoadContext) {
        reportDuplicates(items, key: \.slug, what: "slug", log: context.log)
    }
}

/// A downloadable file under `content/media/`, with the title shown on its link.
public struct Attachment: Sendable, Hashable {
    public var title: String
    /// `/media/...`
    public var url: String

    /// `attachments: [{title, file}]`, each file recorded for the link check.
    static func list(_ fields: Fields, key: String, context: LoadContext) -> [Attachment] {
        (fields.list(key) ?? []).compactMap { entry in
            entry.warnUnknownKeys(allowed: ["title", "file"])
            let title = entry.string("title", required: true)
            let file = entry.mediaReference("file", context: context, required: true)
            guard let title, let file else { return nil }
            return Attachment(title: title, url: file)
        }
    }

    /// Values for templates: title, link, and "PDF, 245 KB".
    func values(site: Site) -> [String: Any] {
        // Attachments are the original's files, titled in the default language on every language's pages.
        var values: [String: Any] = ["title": title, "url": site.link(url), "content_lang": site.config.language]
        if let media = site.items(MediaFile.self).first(where: { $0.url == url }) {
            values["info"] = media.description(in: site.format)
        }
        return values
    }
}

extension Fields {
    /// A `/media/...` reference in these fields, recorded so the build checks the file exists.
    func mediaReference(_ key: String, context: LoadContext, required: Bool = false) -> String? {
        guard let value = string(key, required: required) else { return nil }
        guard value.hasPrefix("/media/") else {
            error("`\(key)` must name a file under content/media/, written as /media/<file>", key: key)
            return nil
        }
        context.links.record([InternalLink(path: value, location: location(of: key))])
        return value
    }
}
