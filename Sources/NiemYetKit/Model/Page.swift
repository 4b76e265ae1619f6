/// A fixed page (giới thiệu, liên hệ, ...): `content/pages/*.md`, published at `/<slug>/`.
public struct Page: ContentKind, SourceFiled {
    public static let folder = "content/pages"
    static let knownKeys: Set<String> = ["title", "slug", "summary", "menu"]

    public var source: String
    public var title: String
    public var slug: String
    public var summary: String?
    /// Position in the main menu; pages without one are not in the menu.
    public var menu: Int?
    public var body: RenderedMarkdown

    public var url: String { "/\(slug)/" }

    public static func load(_ context: LoadContext) -> [Page] {
        context.files.files(in: folder, suffix: ".md").filter { !$0.hasSuffix(".en.md") }
            .parallelMap { path -> Page? in
                guard let file = ContentFile.read(path, context: context) else { return nil }
                let f = file.fields
                f.warnUnknownKeys(allowed: knownKeys)
                let title = f.string("title", required: true)
                let page = Page(source: path, title: title ?? "", slug: file.slug(default: file.baseName),
                                summary: f.string("summary"), menu: f.int("menu"), body: context.render(file.body))
                return title == nil ? nil : page
            }
            .compactMap { $0 }
            .sorted { ($0.menu ?? .max, $0.slug) < ($1.menu ?? .max, $1.slug) }
    }

    public static func validate(_ items: [Page], context: LoadContext) {
        reportDuplicates(items, key: \.slug, what: "slug", log: context.log)
    }
}
