/// The home page: latest news and quick links to what citizens come for.
struct HomePage: SiteOutput {
    static let latestCount = 6
    var templates: Set<String> { ["home"] }

    func jobs(for site: Site) -> [OutputJob] {
        [OutputJob(path: "/", inSitemap: true) {
            let articles = site.items(NewsArticle.self)
            let index = NewsIndex(Array(articles.prefix(Self.latestCount)))
            var meta = PageMeta(title: site.title, description: site.config.text("description", in: site.language), path: "/")
            meta.feeds = articles.isEmpty ? [] : ["/tin-tuc/feed.xml"]
            let latest = index.articles.map { index.summary($0, site: site) }
            let notices = AnnouncementPages.homeEntries(for: site)
            return site.renderPage("home", meta: meta, data: [
                "latest": latest,
                "has_latest": !latest.isEmpty,
                "quick_links": QuickLinks.entries(for: site).map { ["title": $0.0, "url": site.link($0.1)] },
                "notices": notices,
                "has_notices": !notices.isEmpty,
            ])
        }]
    }
}

/// The home page's quick links; each section adds its entry here.
enum QuickLinks {
    static func entries(for site: Site) -> [(String, String)] {
        var entries: [(String, String)] = []
        if !site.items(NewsArticle.self).isEmpty { entries.append((site.t("menu_news"), "/tin-tuc/")) }
        if !site.items(Procedure.self).isEmpty { entries.append((site.t("menu_procedures"), "/thu-tuc/")) }
        if !site.items(StatisticsRow.self).isEmpty { entries.append((site.t("stats_quick_link"), "/thong-ke/")) }
        if !site.items(Dossier.self).isEmpty { entries.append((site.t("menu_lookup"), DossierLookup.path)) }
        if !site.items(Announcement.self).isEmpty { entries.append((site.t("menu_announcements"), "/thong-bao/")) }
        if !site.items(WorkSchedule.self).isEmpty { entries.append((site.t("menu_schedule"), SchedulePages.base)) }
        if !site.items(LegalDocument.self).isEmpty { entries.append((site.t("menu_documents"), DocumentPages.base)) }
        if !site.items(Contacts.self).isEmpty { entries.append((site.t("menu_contacts"), Contacts.url)) }
        entries += site.items(Page.self).filter { $0.menu != nil }.map { ($0.title, $0.url) }
        return entries
    }
}
