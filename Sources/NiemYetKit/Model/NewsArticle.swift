import Foundation

/// A news article (tin tức): `content/news/*.md`.
public struct NewsArticle: ContentKind, Identifiable, Slugged {
    public static let folder = "content/news"
    static let knownKeys: Set<String> = ["title", "date", "summary", "category", "tags", "author", "image",
                                         "image_alt", "draft", "slug"]
    /// The category of an article that names none, when the theme has no `news_default_category` string for
    /// its language (the theme's string wins, so an English article without a category is filed under "News").
    public static let defaultCategory = "Tin tức"

    public var source: String
    public var title: String
    public var date: ContentDate
    public var summary: String?
    public var category: Term
    public var tags: [Term]
    public var author: String?
    public var image: String?
    public var imageAlt: String?
    public var slug: String
    public var body: RenderedMarkdown
    public var language: String
    public var translationKey: String

    public static var translationPolicy: TranslationPolicy { .translatedOnly }
    public var id: String { slug }
    public var url: String { "/tin-tuc/\(slug)/" }

    public static func load(_ context: LoadContext) -> [NewsArticle] {
        let loaded = ContentFile.paths(in: folder, context: context).parallelMap { path -> NewsArticle? in
            guard let file = ContentFile.read(path, context: context) else { return nil }
            return NewsArticle(file, context: context)
        }
        var articles = loaded.compactMap { $0 }
        articles.alignTranslationSlugs(defaultLanguage: context.config.language)
        // Newest first; the slug breaks ties so equal dates still give one order. Positions are sorted, not the
        // articles: moving 10,000 large values through a sort was a tenth of a second on one core.
        let order = articles.indices.sorted { a, b in
            (articles[a].date, articles[b].slug, articles[b].language) > (articles[b].date, articles[a].slug, articles[a].language)
        }
        return order.map { articles[$0] }
    }

    init?(_ file: ContentFile, context: LoadContext) {
        let f = file.fields
        f.warnUnknownKeys(allowed: Self.knownKeys)
        if f.bool("draft") == true && !context.options.includeDrafts { return nil }
        let title = f.string("title", required: true)
        let date = f.date("date", required: true)
        summary = f.string("summary")
        if summary == nil { context.log.warning("no `summary`: lists and search results will show the first lines",
                                                at: f.location) }
        category = Term(f.string("category") ?? context.theme.strings[file.language]?["news_default_category"]
                        ?? Self.defaultCategory)
        tags = (f.stringList("tags") ?? []).map(Term.init)
        author = f.string("author")
        image = file.mediaReference("image", context: context)
        imageAlt = f.string("image_alt")
        if image != nil && imageAlt == nil {
            f.error("`image_alt` is required with `image`: describe the picture for people who cannot see it",
                    key: "image")
        }
        slug = file.slug(default: file.undatedBaseName)
        source = file.path
        language = file.language
        translationKey = file.translationKey
        body = context.render(file.body)
        guard let title, let date else { return nil }
        self.title = title
        self.date = date
    }

    public static func validate(_ items: [NewsArticle], context: LoadContext) {
        reportDuplicates(items, key: \.slug, what: "slug", log: context.log)
    }

    /// The summary, or the opening of the text when the editor gave none.
    public var teaser: String { summary ?? body.plainText.truncated(to: 200) }
}

/// A category or tag: its name as written and its URL slug.
public struct Term: Sendable, Hashable {
    public var name: String
    public var slug: String
    public init(_ name: String) {
        self.name = name
        self.slug = Term.slugs.slug(of: name)
    }

    /// Categories, tags and fields repeat across a thousand items: each name is folded into a slug once.
    private static let slugs = SlugMemo()
}

final class SlugMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: String] = [:]

    func slug(of name: String) -> String {
        lock.lock()
        if let slug = known[name] { lock.unlock(); return slug }
        lock.unlock()
        let slug = Slug.make(name)
        lock.lock()
        if known.count > 10_000 { known.removeAll() }
        known[name] = slug
        lock.unlock()
        return slug
    }
}

/// Two items that would be written to the same URL: report every file involved.
/// Items are compared per language: a translation shares its original's slug by design.
func reportDuplicates<T>(_ items: [T], key: (T) -> String, what: String, log: DiagnosticLog)
where T: ContentKind, T: SourceFiled {
    var byKey: [String: [String]] = [:]  // sources, not copies of the items
    byKey.reserveCapacity(items.count)
    for item in items { byKey[item.language + "\u{0}" + key(item), default: []].append(item.source) }
    for (compound, group) in byKey where group.count > 1 {
        let sources = group.sorted()
        let value = compound.split(separator: "\u{0}", maxSplits: 1).last.map(String.init) ?? compound
        for source in group {
            let others = sources.filter { $0 != source }.joined(separator: ", ")
            log.error("duplicate \(what) `\(value)`: also used by \(others)", at: SourceLocation(path: source))
        }
    }
}

/// Content that came from one file.
public protocol SourceFiled { var source: String { get } }
extension NewsArticle: SourceFiled {}

extension String {
    /// At most `limit` characters, cut at a word boundary, with an ellipsis when cut.
    func truncated(to limit: Int) -> String {
        guard count > limit else { return self }
        let cut = prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
