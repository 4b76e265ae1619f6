import Foundation

/// What a build is asked to do. Everything that can change the output is here, including "now".
public struct BuildOptions: Sendable {
    public var site: URL
    public var output: URL
    public var baseURL: String?
    public var includeDrafts: Bool
    /// The moment the site is built "at": decides which announcements are expired and which schedule week is
    /// current. Defaults to the clock; tests and reproducible builds pass a fixed date.
    public var now: ContentDate
    /// A script tag injected into every page by `serve` for live reload; never set by `build`.
    public var liveReloadScript: String?
    /// Remembered results of earlier builds (`.niemyet-cache/`, or kept in memory by `serve`). The one field
    /// here that never changes the output: it is only a faster way to the same bytes.
    public var cache: BuildCache?
    /// Write `cache` into the site's `.niemyet-cache/` after a successful build (`niemyet build`).
    public var savesCache = false
    /// False when the process ends right after the build (`niemyet build`): the content, the planned jobs and the
    /// search index are then left for the system to reclaim, since freeing their million small objects one by
    /// one kept one core busy at the end of a large build (what compilers do with `-disable-free`). `serve`
    /// builds again and again, so it frees as usual.
    public var releasesMemory = true
    /// `serve`: update the output folder in place (only changed files are written) instead of swapping in a
    /// whole new folder. Quicker, but not atomic: for the preview folder only, never for a published site.
    public var updateInPlace = false
    /// `serve`, updating in place: the pages made from these source files are written before all others, and
    /// `firstWritten` is told which files they changed (the editor's page reloads before the lists are redone).
    public var writeFirst: Set<String> = []
    public var firstWritten: (@Sendable (OutputFolder.Update) -> Void)?
    /// Only the search benchmark turns this off, to time the same build without the index (the header's search
    /// box then points at a page that is not there).
    public var searchIndex = true

    public init(site: URL, output: URL? = nil, baseURL: String? = nil, includeDrafts: Bool = false,
                now: ContentDate? = nil, liveReloadScript: String? = nil) {
        self.site = site.standardizedFileURL
        self.output = (output ?? site.appendingPathComponent("public")).standardizedFileURL
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.now = now ?? ContentDate(epochSeconds: Int(Date().timeIntervalSince1970), hasTime: true)
        self.liveReloadScript = liveReloadScript
    }
}
