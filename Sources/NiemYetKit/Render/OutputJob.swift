import Foundation

/// One file of the output, planned before anything is rendered: the set of planned paths is the route table
/// internal links are checked against, and the plan is what runs in parallel.
public struct OutputJob: Sendable {
    public enum Body: Sendable {
        case bytes(Data)
        /// Copy a site file as it is (media, assets): never loaded into memory by the planner.
        case copy(siteRelativePath: String)
    }

    /// URL path from the site root without base path: `/tin-tuc/abc/` (written as `tin-tuc/abc/index.html`)
    /// or `/sitemap.xml`.
    public var path: String {
        didSet { filePath = Self.filePath(of: path) }
    }
    /// Path of the file inside the output folder (`tin-tuc/abc/index.html`), kept with `path`: the writer, the
    /// folder planner, the page memo and the summary all ask for it, and making it anew each time (two string
    /// copies and an append) was four times per job.
    public private(set) var filePath: String
    /// HTML pages a search engine should list; their last change goes into the sitemap.
    public var inSitemap: Bool
    public var lastModified: ContentDate?
    /// The content file the job comes from, to name both sides when two jobs claim one path.
    public var source: String?
    /// Language of the page; set by the build when it plans each language's site.
    public var language: String = "vi"
    public var make: @Sendable () -> Body

    public init(path: String, inSitemap: Bool = false, lastModified: ContentDate? = nil, source: String? = nil,
                make: @escaping @Sendable () -> Body) {
        self.path = path
        self.filePath = Self.filePath(of: path)
        self.inSitemap = inSitemap
        self.lastModified = lastModified
        self.source = source
        self.make = make
    }

    /// `/a/b/` → `a/b/index.html`, `/sitemap.xml` → `sitemap.xml`.
    private static func filePath(of path: String) -> String {
        let trimmed = String(path.drop { $0 == "/" })
        return path.hasSuffix("/") ? trimmed + "index.html" : trimmed
    }
}

/// One output of the site (HTML pages of a kind, a feed, the sitemap, ...): plans its files.
public protocol SiteOutput: Sendable {
    /// Templates this output renders with, checked before any page is rendered.
    var templates: Set<String> { get }
    /// False for outputs shared by all languages (media, assets, robots.txt): planned once.
    var perLanguage: Bool { get }
    /// Paths are site-root paths of the page's language (`/tin-tuc/`); the build puts `/en` in front for English.
    func jobs(for site: Site) -> [OutputJob]
}

extension SiteOutput {
    public var templates: Set<String> { [] }
    public var perLanguage: Bool { true }
}
