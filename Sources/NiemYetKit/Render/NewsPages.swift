/// Article pages and every list of news: the paginated list, categories, tags and month archives.
/// Lists come from indexes built once here, so the cost grows with the number of articles, not its square.
struct NewsPages: SiteOutput {
    var templates: Set<String> { ["article", "news-list"] }

    func jobs(for site: Site) -> [OutputJob] {
        let articles = site.items(NewsArticle.self)
        guard !articles.isEmpty else { return [] }
        let lists = site.newsLists
        let (index, summaries, shared) = (lists.index, lists.summaries, lists.shared)
        var jobs: [OutputJob] = []
        for (position, article) in articles.enumerated() {
            jobs.append(OutputJob(path: article.url, inSitemap: true, lastModified: article.date,
                                  source: article.source) {
                articlePage(article, position: position, index: index, summaries: summaries, shared: shared, site: site)
            })
        }
        jobs += listJobs(title: site.t("news_title"), base: "/tin-tuc/", items: Array(articles.indices), lists,
                         site: site)
        for category in index.categories {
            jobs += listJobs(title: category.term.name, base: "/tin-tuc/chuyen-muc/\(category.term.slug)/",
                             items: category.items, lists, site: site)
        }
        for tag in index.tags {
            jobs += listJobs(title: site.t("tag_prefix") + " " + tag.term.name,
                             base: "/tin-tuc/the/\(tag.term.slug)/", items: tag.items, lists, site: site)
        }
        for month in index.months {
            jobs += listJobs(title: site.format.month(year: month.year, month: month.month),
                             base: month.path, items: month.items, lists, site: site)
        }
        return jobs
    }

    private func articlePage(_ article: NewsArticle, position: Int, index: NewsIndex, summaries: [TemplateValues],
                             shared: SharedItems, site: Site) -> OutputJob.Body {
        let articles = index.articles
        let related = Array((index.byCategory[article.category.slug] ?? [])
            .lazy.filter { $0 != position }.prefix(5).map { summaries[$0].values })
        // The summary with room for the article's own values: copied and grown at once, not rehashed twice.
        var values = summaries[position].values
        values.reserveCapacity(values.count + 3)
        values["body"] = article.body.html
        values["tags"] = article.tags.map { ["name": $0.name, "url": site.link("/tin-tuc/the/\($0.slug)/")] }
        values["has_tags"] = !article.tags.isEmpty
        var data = [String: Any](minimumCapacity: 5)
        data["article"] = values
        data["related"] = related
        data["has_related"] = !related.isEmpty
        // The list is newest first: the previous (older) article is the next one in it.
        if position + 1 < articles.count { data["older"] = summaries[position + 1].values }
        if position > 0 { data["newer"] = summaries[position - 1].values }
        var meta = PageMeta(title: article.title, description: article.teaser, path: article.url,
                            ogType: "article", image: article.image, section: "/tin-tuc/")
        meta.feeds = ["/tin-tuc/feed.xml"]
        return site.renderPage("article", meta: meta, data: data, shared: shared)
    }

    private func listJobs(title: String, base: String, items: [Int], _ lists: NewsLists, site: Site) -> [OutputJob] {
        let pagination = Pagination(base: base, perPage: site.config.newsPerPage, total: items.count)
        let (summaries, sidebar, shared) = (lists.summaries, lists.sidebar, lists.shared)
        return (1...pagination.pageCount).map { number in
            OutputJob(path: pagination.path(number), inSitemap: number == 1) {
                let entries = items[pagination.range(number)].map { summaries[$0].values }
                var meta = PageMeta(title: number == 1 ? title : "\(title) – \(site.t("page")) \(number)",
                                    path: pagination.path(number), section: "/tin-tuc/")
                meta.feeds = ["/tin-tuc/feed.xml"]
                return site.renderPage("news-list", meta: meta, data: [
                    "list": ["title": title, "items": entries, "empty": entries.isEmpty,
                             "pager": pagination.values(number, site: site)],
                    "categories": sidebar.values["categories"]!,
                    "archive": sidebar.values["archive"]!,
                ], shared: shared)
            }
        }
    }
}

/// The news values several outputs share (article and list pages, the calendar), made once per language on
/// first use (`Site.newsLists`).
final class NewsLists: Sendable {
    let index: NewsIndex
    /// An article appears on a dozen pages (its own, its neighbours', lists, archives, the calendar): its list
    /// values are made once, in parallel, not once per page.
    let summaries: [TemplateValues]
    /// The sidebar of every list page (categories and months), the same on all of them.
    let sidebar: TemplateValues
    /// Summaries, sidebar links and the menu, rendered once as list items and reused by every list showing them.
    let shared: SharedItems

    init(site: Site) {
        index = NewsIndex(site.items(NewsArticle.self))
        summaries = index.summaries(site: site)
        let categoryLinks = index.categoryLinks(site: site), monthLinks = index.monthLinks(site: site)
        sidebar = TemplateValues(["categories": categoryLinks, "archive": monthLinks])
        shared = SharedItems(summaries.map(\.values) + categoryLinks + monthLinks + site.menus.items,
                             lists: [categoryLinks, monthLinks] + site.menus.lists)
    }
}

/// Articles grouped once for all lists. Positions refer to `articles`, newest first.
struct NewsIndex: Sendable {
    struct Group: Sendable { var term: Term; var items: [Int] }
    struct Month: Sendable {
        var year: Int, month: Int, items: [Int]
        var path: String { "/tin-tuc/\(pad4(year))/\(pad2(month))/" }
    }

    let articles: [NewsArticle]
    let byCategory: [String: [Int]]
    let categories: [Group]
    let tags: [Group]
    let months: [Month]

    init(_ articles: [NewsArticle]) {
        self.articles = articles
        var categories: [String: Group] = [:]
        var tags: [String: Group] = [:]
        var months: [Int: Month] = [:]
        for (i, article) in articles.enumerated() {
            categories[article.category.slug, default: Group(term: article.category, items: [])].items.append(i)
            for tag in article.tags { tags[tag.slug, default: Group(term: tag, items: [])].items.append(i) }
            let civil = article.date.civil
            months[civil.year * 100 + civil.month, default: Month(year: civil.year, month: civil.month, items: [])]
                .items.append(i)
        }
        self.byCategory = categories.mapValues(\.items)
        self.categories = VietnameseCollation.sorted(Array(categories.values)) { $0.term.name }
        self.tags = VietnameseCollation.sorted(Array(tags.values)) { $0.term.name }
        self.months = months.values.sorted { ($0.year, $0.month) > ($1.year, $1.month) }
    }

    /// Every article's `summary`, in the order of `articles`, made in parallel.
    func summaries(site: Site) -> [TemplateValues] {
        articles.parallelMap { TemplateValues(summary($0, site: site)) }
    }

    /// The values of an article in a list (title, link, date, summary, category).
    func summary(_ article: NewsArticle, site: Site) -> [String: Any] {
        var values: [String: Any] = [
            "title": article.title,
            "url": site.link(article.url),
            "date": site.dateValues(article.date),
            "summary": article.teaser,
            "category": ["name": article.category.name,
                         "url": site.link("/tin-tuc/chuyen-muc/\(article.category.slug)/")],
        ]
        if let author = article.author { values["author"] = author }
        if let image = article.image {
            values["image"] = ["url": site.link(image), "alt": article.imageAlt ?? ""]
        }
        return values
    }

    func categoryLinks(site: Site) -> [[String: Any]] {
        categories.map { ["name": $0.term.name, "url": site.link("/tin-tuc/chuyen-muc/\($0.term.slug)/"),
                          "count": site.format.integer($0.items.count)] }
    }

    func monthLinks(site: Site) -> [[String: Any]] {
        months.map { ["name": site.format.month(year: $0.year, month: $0.month), "url": site.link($0.path),
                      "count": site.format.integer($0.items.count)] }
    }
}
