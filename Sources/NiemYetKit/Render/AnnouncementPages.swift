/// `/thong-bao/` (current notices first, expired ones under their own heading) and `/thong-bao/<slug>/`.
struct AnnouncementPages: SiteOutput {
    var templates: Set<String> { ["announcement", "announcement-list"] }
    static let feedPath = "/thong-bao/feed.xml"

    func jobs(for site: Site) -> [OutputJob] {
        let all = site.items(Announcement.self)
        guard !all.isEmpty else { return [] }
        var jobs = all.map { item in
            OutputJob(path: item.url, inSitemap: true, lastModified: item.date, source: item.source) {
                var meta = PageMeta(title: item.title, description: item.teaser, path: item.url, ogType: "article",
                                    section: "/thong-bao/")
                meta.feeds = [Self.feedPath]
                return site.renderPage("announcement", meta: meta, data: [
                    "announcement": Self.values(item, site: site).merging([
                        "body": item.body.html,
                        "body_lang": item.bodyLanguage,
                        "attachments": item.attachments.map { $0.values(site: site) },
                        "has_attachments": !item.attachments.isEmpty,
                    ]) { _, new in new },
                ])
            }
        }
        jobs.append(OutputJob(path: "/thong-bao/", inSitemap: true) {
            let now = site.options.now
            // Pinned notices lead the current list; within each group, newest first (the load order).
            let current = all.filter { !$0.isExpired(at: now) }.enumerated()
                .sorted { ($0.element.pinned ? 0 : 1, $0.offset) < ($1.element.pinned ? 0 : 1, $1.offset) }
                .map { Self.values($0.element, site: site) }
            let expired = all.filter { $0.isExpired(at: now) }.map { Self.values($0, site: site) }
            var meta = PageMeta(title: site.t("announcements_title"), path: "/thong-bao/", section: "/thong-bao/")
            meta.feeds = [Self.feedPath]
            return site.renderPage("announcement-list", meta: meta, data: [
                "announcements": ["current": current, "has_current": !current.isEmpty,
                                  "expired": expired, "has_expired": !expired.isEmpty,
                                  "feed": site.link(Self.feedPath)],
            ])
        })
        return jobs
    }

    /// Pinned notices still current at the build's "now", for the home page.
    static func homeEntries(for site: Site) -> [[String: Any]] {
        site.items(Announcement.self).filter { $0.pinned && !$0.isExpired(at: site.options.now) }
            .map { values($0, site: site) }
    }

    /// The values of a notice in a list (see docs/templates.md).
    static func values(_ item: Announcement, site: Site) -> [String: Any] {
        var values: [String: Any] = [
            "title": item.title,
            "url": site.link(item.url),
            "date": site.dateValues(item.date),
            "summary": item.teaser,
            // An expired notice is no longer marked important, even if it stays pinned in its file.
            "pinned": item.pinned && !item.isExpired(at: site.options.now),
            "expired": item.isExpired(at: site.options.now),
            // An untranslated notice on another language's pages is marked as written in its own language.
            "content_lang": item.language,
            "summary_lang": item.summary == nil ? item.bodyLanguage : item.language,
        ]
        if let expires = item.expires { values["expires"] = site.dateValues(expires) }
        return values
    }
}
