/// `/thong-bao/feed.xml`: the latest notices as Atom, for the district office and subscribed citizens.
struct AnnouncementFeed: SiteOutput {
    static let entryCount = 20

    func jobs(for site: Site) -> [OutputJob] {
        let items = site.items(Announcement.self)
        guard !items.isEmpty else { return [] }
        return [OutputJob(path: AnnouncementPages.feedPath) {
            let entries = items.prefix(Self.entryCount).map {
                AtomFeed.Entry(title: $0.title, path: $0.url, updated: $0.date, summary: $0.teaser,
                               html: $0.body.html, author: nil, category: nil, language: $0.language)
            }
            return .bytes(AtomFeed(title: "\(site.title) – \(site.t("announcements_title"))",
                                   path: AnnouncementPages.feedPath, alternatePath: "/thong-bao/",
                                   entries: Array(entries)).render(site: site))
        }]
    }
}
