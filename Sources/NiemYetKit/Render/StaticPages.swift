/// Fixed pages (`content/pages/`) at `/<slug>/`.
struct StaticPages: SiteOutput {
    var templates: Set<String> { ["page"] }

    func jobs(for site: Site) -> [OutputJob] {
        site.items(Page.self).map { page in
            OutputJob(path: page.url, inSitemap: true, source: page.source) {
                site.renderPage("page", meta: PageMeta(title: page.title, description: page.summary, path: page.url),
                                data: ["content": ["title": page.title, "body": page.body.html]])
            }
        }
    }
}
