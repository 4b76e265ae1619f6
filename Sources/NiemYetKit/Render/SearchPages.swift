import Foundation

/// `/tim-kiem/`: site search that understands Vietnamese typed without accents, and the static index it reads.
///
/// - `/tim-kiem/` — a plain GET form (`?q=`, so a search is a shareable link); `search.js` runs the query in the
///   browser. Without JavaScript the page offers the procedure catalogue and the news archive instead.
/// - `/tim-kiem/chi-muc/<shard>.json` — term → posting list, sharded by a hash of the term (`SearchIndex`).
/// - `/tim-kiem/chi-muc/d/<group>.json` — title, link, kind, date and snippet passages (`SearchFragment`) of
///   four consecutive documents (`SearchIndex.resultGroupSize`), fetched only for the results on screen.
///
/// Each language has its own index of what its pages show (English pages search the English news and pages, and
/// the procedures and notices every language lists).
struct SearchPages: SiteOutput {
    var templates: Set<String> { ["search"] }
    static let path = "/tim-kiem/"
    static let dataPath = "/tim-kiem/chi-muc/"
    /// Results shown at once, and added by each "more results".
    static let pageSize = 10

    func jobs(for site: Site) -> [OutputJob] {
        guard site.options.searchIndex else { return [] }
        let documents = SearchDocument.all(in: site)
        let index = SearchIndex(documents: documents) { document, passages in
            SearchFragment.json(document, passages: passages, site: site)
        }
        var jobs: [OutputJob] = (0..<index.resultGroupCount).map { group in
            OutputJob(path: Self.dataPath + "d/\(group).json",
                      source: documents[group * SearchIndex.resultGroupSize].source) {
                .bytes(index.results(group))
            }
        }
        jobs += (0..<index.shardCount).map { shard in
            OutputJob(path: Self.dataPath + "\(shard).json") { .bytes(index.shard(shard)) }
        }
        jobs.append(OutputJob(path: Self.path, inSitemap: true) {
            Self.page(site: site, index: index)
        })
        return jobs
    }

    static func page(site: Site, index: SearchIndex) -> OutputJob.Body {
        var browse: [[String: String]] = []
        if site.routes.contains(site.fullPath("/thu-tuc/")) {
            browse.append(["title": site.t("search_browse_procedures"), "url": site.link("/thu-tuc/")])
        }
        if site.routes.contains(site.fullPath("/tin-tuc/")) {
            browse.append(["title": site.t("search_browse_news"), "url": site.link("/tin-tuc/")])
        }
        if site.routes.contains(site.fullPath("/thong-bao/")) {
            browse.append(["title": site.t("search_browse_announcements"), "url": site.link("/thong-bao/")])
        }
        let values: [String: Any] = [
            "data_url": site.link(dataPath),
            "shards": index.shardCount,
            "documents": index.documents.count,
            "group_size": SearchIndex.resultGroupSize,
            "version": index.version,
            "page_size": pageSize,
            "strings_json": strings(site: site),
            "browse": browse,
            "has_browse": !browse.isEmpty,
        ]
        return site.renderPage("search", meta: PageMeta(title: site.t("search_title"),
                                                        description: site.t("search_intro"), path: path),
                               data: ["search_page": values])
    }

    /// The texts `search.js` shows, from the theme's UI strings, as JSON for a `<script type="application/json">`.
    static func strings(site: Site) -> String {
        var table: [String: String] = [:]
        for key in ["search_count", "search_count_one", "search_none", "search_partial", "search_loading",
                    "search_error", "search_more", "search_empty", "search_thousands"] {
            table[key] = site.t(key)
        }
        for kind in SearchDocument.Kind.allCases { table[kind.rawValue] = site.t(kind.stringKey) }
        let pairs: [String] = table.keys.sorted().map { key in JSONText.string(key) + ":" + JSONText.string(table[key]!) }
        return "{" + pairs.joined(separator: ",") + "}"
    }
}
