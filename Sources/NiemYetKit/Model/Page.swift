/// A fixed page (giới thiệu, liên hệ, ...): `content/pages/*.md`, published at `/<slug>/`.
public struct Page: ContentKind, SourceFiled, Slugged {
    public static let folder = "content/pages"
    static let knownKeys: Set<String> = ["title", "slug", "summary", "menu"]

    public var source: String
    public var title: String
    public var slug: String
    public var summary: String?
    /// Position in the main menu; pages without one are not in the menu.
    public var menu: Int?
    public var body: RenderedMarkdown
    public var language: String
    public var translationKey: String

    public static var translationPolicy: TranslationPolicy { .translatedOnly }
    public var url: String { "/\(slug)/" }

    public static func load(_ context: LoadContext) -> [Page] {
        var pages = ContentFile.paths(in: folder, context: context)
            .parallelMap { path -> Page? in
                guard let file = ContentFile.read(path, context: context) else { return nil }
                let f = file.fields
                f.warnUnknownKeys(allowed: knownKeys)
                let title = f.string("title", required: true)
                let page = Page(source: path, title: title ?? "", slug: file.slug(default: file.baseName),
                                summary: f.string("summary"), menu: f.int("menu"), body: context.render(file.body),
                                language: file.language, translationKey: file.translationKey)
                return title == nil ? nil : page
            }
            .compactMap { $0 }
        pages.alignTranslationSlugs(defaultLanguage: context.config.language)
        return pages.sorted { ($0.menu ?? .max, $0.slug, $0.language) < ($1.menu ?? .max, $1.slug, $1.language) }
    }

    public static func validate(_ items: [Page], context: LoadContext) {
        reportDuplicates(items, key: \.slug, what: "slug", log: context.log)
    }
}
