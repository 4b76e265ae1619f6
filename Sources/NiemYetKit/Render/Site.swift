import Foundation

/// Everything renderers read: settings, content, theme and options, in one language of the site.
public struct Site: Sendable {
    public let config: SiteConfig
    public let content: ContentStore
    public let theme: Theme
    public let options: BuildOptions
    public let language: String
    public let format: LanguageFormat
    /// Every planned output path of every language, filled once planning is done (read while rendering:
    /// language switches and hreflang alternates link a page's translation only when it exists).
    public let routes: RouteTable
    /// Site-wide template values (settings, UI strings, assets, menu), computed once per language.
    private(set) var layout: TemplateValues
    /// `layout` resolved for the compiled templates, so pages neither copy nor look it up (see `LayoutValues`).
    private(set) var resolvedLayout: LayoutValues?
    /// The main menu's entries, made once per language (see `LayoutContext.menu`).
    private(set) var menuEntries: [LayoutContext.MenuEntry] = []
    /// The menu's template values, made once per language (see `LayoutContext.menu`).
    private(set) var menus = LayoutContext.Menus()
    /// The menu's entries, rendered once per section for all pages (see `SharedItems`).
    private(set) var sharedItems = SharedItems([])
    /// Skips rendering pages whose template values did not change since a previous build (with a cache only).
    private(set) var memo: PageMemo?
    /// The news values shared by the outputs that list articles, made on first use (see `NewsLists`).
    private let newsListsOnce = Once<NewsLists>()
    /// The statistics open data files, made on first use (see `StatisticsOpenData.Files`).
    private let openDataOnce = Once<StatisticsOpenData.Files>()
    /// `config.basePath` and `config.origin`, which parse the base URL: read once, not for every link.
    private let basePath: String
    private let origin: String

    public init(config: SiteConfig, content: ContentStore, theme: Theme, options: BuildOptions, language: String,
                routes: RouteTable = RouteTable()) {
        self.config = config
        self.content = content
        self.theme = theme
        self.options = options
        self.language = language
        self.format = LanguageFormat(code: language)
        self.routes = routes
        self.basePath = config.basePath
        self.origin = config.origin
        self.layout = TemplateValues([:])
        self.layout = TemplateValues(LayoutContext.base(for: self))
        self.resolvedLayout = theme.layoutValues(layout.values)
        self.menuEntries = LayoutContext.menuEntries(for: self)
        self.menus = LayoutContext.menus(menuEntries)
        self.sharedItems = SharedItems(menus.items, lists: menus.lists)
        if let cache = options.cache, PageMemo.applies(to: options) {
            self.memo = PageMemo(cache: cache, templates: theme.templatesDigest, layout: layout.values,
                                 previousOutput: options.output)
        }
    }

    /// The news values shared by the outputs that list articles (see `NewsLists`).
    var newsLists: NewsLists { newsListsOnce.get(orMake: { NewsLists(site: self) }) }

    /// The statistics open data files of this language (see `StatisticsOpenData.Files`).
    var openData: StatisticsOpenData.Files { openDataOnce.get(orMake: { StatisticsOpenData.Files(site: self) }) }

    /// The portal's name in this language.
    public var title: String { config.text("title", in: language) ?? config.title }

    public var isDefaultLanguage: Bool { language == config.language }

    /// `/en` for English, empty for the default language: English pages mirror the Vietnamese paths under /en/.
    public var languagePrefix: String { isDefaultLanguage ? "" : "/" + language }

    /// The items of a kind this language's pages show (see `TranslationPolicy`).
    public func items<K: ContentKind>(_ kind: K.Type) -> [K] { content.items(kind, language: language) }

    /// The UI string `key` in this site's language.
    public func t(_ key: String) -> String { theme.strings[language]?[key] ?? key }

    /// The UI string `key` in `language`: words that belong to a record's own name, such as "Quyết định số
    /// 125/QĐ-UBND", stay in the record's language on every page.
    public func t(_ key: String, in language: String) -> String { theme.strings[language]?[key] ?? key }

    /// Site-root path → link as it appears in HTML, honouring the base path (`/tin-tuc/` → `/sub/tin-tuc/`) and
    /// the page language (`/en/tin-tuc/`). Media and assets are shared by all languages.
    public func link(_ path: String) -> String {
        Self.link(rooted: fullPath(path), basePath: basePath)
    }

    /// A site-root path (`/tin-tuc/`, language prefix included) as a link under `basePath`.
    static func link(rooted path: String, basePath: String) -> String {
        basePath + String(path.dropFirst())
    }

    /// Site-root path in this language, without the base path: `/tin-tuc/` → `/en/tin-tuc/`.
    public func fullPath(_ path: String) -> String {
        let rooted = path.hasPrefix("/") ? path : "/" + path
        if isDefaultLanguage || Site.sharedPrefixes.contains(where: { rooted.hasPrefix($0) }) { return rooted }
        return languagePrefix + rooted
    }

    /// One sitemap and one robots.txt list every language, so they are shared too.
    static let sharedPrefixes = ["/media/", "/assets/", "/sitemap.xml", "/robots.txt"]

    /// Site-root path → absolute URL (feeds, sitemap, canonical links, QR codes).
    public func absoluteURL(_ path: String) -> String {
        origin + link(path)
    }

    /// "Thứ Năm, 31/07/2025" and friends, in this site's language.
    public func dateValues(_ date: ContentDate) -> [String: Any] {
        let civil = date.civil
        return ["iso": date.iso8601, "display": format.date(civil), "long": format.longDate(civil)]
    }
}

/// Template values that do not change after creation; `[String: Any]` is not Sendable by type, but nothing
/// writes to these once built.
struct TemplateValues: @unchecked Sendable {
    let values: [String: Any]
    init(_ values: [String: Any]) { self.values = values }
}

/// All output paths of the build (site-root, without base path), known before the first page is rendered.
public final class RouteTable: @unchecked Sendable {
    private var paths: Set<String> = []

    public init() {}

    /// Called once, after planning and before rendering; rendering only reads.
    func fill(_ paths: Set<String>) { self.paths = paths }

    public func contains(_ path: String) -> Bool { paths.contains(path) }
}
