import Foundation

/// Everything renderers read: settings, content, theme and options, in one language of the site.
public struct Site: Sendable {
    public let config: SiteConfig
    public let content: ContentStore
    public let theme: Theme
    public let options: BuildOptions
    public let language: String
    public let format: LanguageFormat
    /// Site-wide template values (settings, UI strings, assets, menu), computed once per language.
    private(set) var layout: TemplateValues

    public init(config: SiteConfig, content: ContentStore, theme: Theme, options: BuildOptions, language: String) {
        self.config = config
        self.content = content
        self.theme = theme
        self.options = options
        self.language = language
        self.format = LanguageFormat(code: language)
        self.layout = TemplateValues([:])
        self.layout = TemplateValues(LayoutContext.base(for: self))
    }

    public func items<K: ContentKind>(_ kind: K.Type) -> [K] { content.items(kind) }

    /// The UI string `key` in this site's language.
    public func t(_ key: String) -> String { theme.strings[language]?[key] ?? key }

    /// Site-root path → link as it appears in HTML, honouring the base path (`/tin-tuc/` → `/sub/tin-tuc/`).
    public func link(_ path: String) -> String {
        config.basePath + path.drop { $0 == "/" }
    }

    /// Site-root path → absolute URL (feeds, sitemap, canonical links, QR codes).
    public func absoluteURL(_ path: String) -> String {
        config.origin + link(path)
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
