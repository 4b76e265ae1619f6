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
}

extension ContentKind {
    public static func embeds(for items: [Self], context: LoadContext) -> [MarkdownEmbed] { [] }
    public static func validate(_ items: [Self], context: LoadContext) {}
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
        var problems: [Diagnostic] = []
        let rendered = markdown.render(source, diagnostics: &problems)
        log.report(problems)
        links.record(rendered.links)
        return rendered
    }
}

/// All loaded content, by kind. `store.items(NewsArticle.self)` is every published article.
public struct ContentStore: Sendable {
    private var storage: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public func items<K: ContentKind>(_ kind: K.Type) -> [K] {
        storage[ObjectIdentifier(kind)] as? [K] ?? []
    }

    public mutating func set<K: ContentKind>(_ items: [K]) {
        storage[ObjectIdentifier(K.self)] = items
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
