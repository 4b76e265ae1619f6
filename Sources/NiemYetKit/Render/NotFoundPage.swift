/// `404.html`, which web servers show for a missing page: it must help a lost citizen back on track.
struct NotFoundPage: SiteOutput {
    var templates: Set<String> { ["404"] }

    func jobs(for site: Site) -> [OutputJob] {
        [OutputJob(path: "/404.html") {
            var meta = PageMeta(title: site.t("not_found_title"), path: "/404.html")
            meta.noindex = true
            return site.renderPage("404", meta: meta, data: [
                "quick_links": QuickLinks.entries(for: site).map { ["title": $0.0, "url": site.link($0.1)] },
            ])
        }]
    }
}
