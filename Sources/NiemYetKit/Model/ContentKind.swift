import Foundation

/// One kind of content (news, pages, procedures, statistics, ...). A new kind is one file conforming to this,
/// plus its line in `ContentKinds.all`: the orchestrator, link checking and the store need no edits.
public protocol ContentKind: Sendable {
    /// Reads every item of this kind from the site, reporting all problems to `context.log`.
    static func load(_ context: LoadContext) -> [Self]

    /// Fenced-block generators this kind offers to Markdown loaded after it (statistics offer `thong-ke`).
    static func embeds(for items: [Self], context: LoadContext) -> [MarkdownEmbed]

    /// Checks that need every item of the kind at once (duplicate slugs, ...).
    static func validate(_ items: [Self], context: LoadContext)

    /// How the kind appears in the site's other languages.
    static var translationPolicy: TranslationPolicy { get }
    /// The language the item is written in (`vi`, or `en` for a `name.en.md` translation).
    var language: String { get }
    /// Equal for an item and its translations (the source path without the language suffix).
    var translationKey: String { get }
}

extension ContentKind {
    public static func embeds(for items: [Self], context: LoadContext) -> [MarkdownEmbed] { [] }
    public static func validate(_ items: [Self], context: LoadContext) {}
    public static var translationPolicy: TranslationPolicy { .shared }
    public var language: String { "vi" }
    public var translationKey: String { "" }
}

/// How a kind of content appears on the pages of a language other than the default.
public enum TranslationPolicy: Sendable {
    /// The same items in every language (statistics, media): only labels and number formats change.
    case shared
    /// Only items written in the page's language: an untranslated article is simply not in the English site.
    case translatedOnly
    /// The translation where one exists, otherwise the default-language item (an English procedure catalogue
    /// still lists every procedure, untranslated titles in Vietnamese).
    case fallback

    /// The items a site in `language` shows, in the order of `items`.
    func visible<K: ContentKind>(_ items: [K], in language: String, defaultLanguage: String) -> [K] {
        switch self {
        case .shared:
            return items
        case .translatedOnly:
            return items.filter { $0.language == language }
        case .fallback:
            if language == defaultLanguage { return items.filter { $0.language == language } }
            let translated = Dictionary(items.filter { $0.language == language }.map { ($0.translationKey, $0) },
                                        uniquingKeysWith: { a, _ in a })
            var result = items.filter { $0.language == defaultLanguage }.map { translated[$0.translationKey] ?? $0 }
            let covered = Set(result.map(\.translationKey))
            result += translated.values.filter { !covered.contains($0.translationKey) }
                .sorted { $0.translationKey < $1.translationKey }
            return result
        }
    }
}

/// What a loader may use: the site's files, its settings, the build's options and what was loaded before.
public struct LoadContext: Sendable {
    public var files: SiteFiles
    public var config: SiteConfig
    public var options: BuildOptions
    public var log: DiagnosticLog
    /// The theme, for embeds that render content-side HTML through its partials and UI strings.
    public var theme: Theme
    public var links: LinkRegistry
    public var markdown: MarkdownRenderer
    public var store: ContentStore

    /// Renders a Markdown body, recording its internal links for checking and its problems in the log.
    public func render(_ source: MarkdownSource) -> RenderedMarkdown {
        let render = { () -> (RenderedMarkdown, [Diagnostic]) in
            var problems: [Diagnostic] = []
            let rendered = markdown.render(source, diagnostics: &problems)
            return (rendered, problems)
        }
        let (rendered, problems) = options.cache?.markdown(source, renderer: markdown, render: render) ?? render()
        log.report(problems)
        links.record(rendered.links)
        return rendered
    }
}

/// All loaded content, by kind: `store.items(NewsArticle.self)` is every article in every language,
/// `store.items(NewsArticle.self, language: "en")` what the English site shows (filtered once, here).
public struct ContentStore: Sendable {
    private var storage: [ObjectIdentifier: any Sendable] = [:]
    private var visible: [String: [ObjectIdentifier: any Sendable]] = [:]
    public let languages: [String]

    public init(languages: [String] = ["vi"]) {
        self.languages = languages
    }

    public func items<K: ContentKind>(_ kind: K.Type) -> [K] {
        storage[ObjectIdentifier(kind)] as? [K] ?? []
    }

    public func items<K: ContentKind>(_ kind: K.Type, language: String) -> [K] {
        visible[language]?[ObjectIdentifier(kind)] as? [K] ?? []
    }

    public mutating func set<K: ContentKind>(_ items: [K]) {
        storage[ObjectIdentifier(K.self)] = items
        for language in languages {
            visible[language, default: [:]][ObjectIdentifier(K.self)] =
                K.translationPolicy.visible(items, in: language, defaultLanguage: languages[0])
        }
    }
}

/// Internal links and media references found while loading, checked against the finished route table.
public final class LinkRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [InternalLink] = []

    public init() {}

    public func record(_ links: [InternalLink]) {
        guard !links.isEmpty else { return }
        lock.lock(); defer { lock.unlock() }
        items.append(contentsOf: links)
    }

    public var all: [InternalLink] {
        lock.lock(); defer { lock.unlock() }
        return items
    }
}
