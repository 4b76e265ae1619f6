/// Legal documents: `/van-ban/` (newest first), static lists per type `/van-ban/loai/<type>/` and per year
/// `/van-ban/nam/<yyyy>/`, and one page per document `/van-ban/<slug>/`.
struct DocumentPages: SiteOutput {
    var templates: Set<String> { ["document", "document-list"] }
    static let base = "/van-ban/"
    static let perPage = 30

    func jobs(for site: Site) -> [OutputJob] {
        let documents = site.items(LegalDocument.self)
        guard !documents.isEmpty else { return [] }
        var byType: [String: (term: Term, items: [Int])] = [:]
        var byYear: [Int: [Int]] = [:]
        for (i, document) in documents.enumerated() {
            byType[document.type.slug, default: (document.type, [])].items.append(i)
            byYear[document.year, default: []].append(i)
        }
        let types = VietnameseCollation.sorted(Array(byType.values)) { $0.term.name }
        let years = byYear.keys.sorted(by: >)
        let typeLinks = types.map { ["name": $0.term.name, "url": site.link(Self.typePath($0.term)),
                                     "count": site.format.integer($0.items.count)] }
        let yearLinks = years.map { ["name": String($0), "url": site.link(Self.yearPath($0)),
                                     "count": site.format.integer(byYear[$0]!.count)] }
        let nav: [String: Any] = ["types": typeLinks, "years": yearLinks]

        var jobs = documents.map { document in
            OutputJob(path: document.url, inSitemap: true, lastModified: document.signed, source: document.source) {
                site.renderPage("document", meta: PageMeta(title: Self.title(document, site: site),
                                                           description: document.summary, path: document.url,
                                                           section: Self.base),
                                data: ["document": Self.values(document, site: site).merging([
                                    "body": document.body.html,
                                    "has_body": !document.body.html.isEmpty,
                                ]) { _, new in new }])
            }
        }
        jobs += listJobs(title: site.t("documents_title"), base: Self.base, items: Array(documents.indices),
                         documents: documents, nav: nav, site: site)
        for type in types {
            jobs += listJobs(title: type.term.name, titleLanguage: site.config.language, base: Self.typePath(type.term),
                             items: type.items, documents: documents, nav: nav, site: site)
        }
        for year in years {
            jobs += listJobs(title: "\(site.t("documents_title")) \(site.t("documents_year")) \(year)",
                             base: Self.yearPath(year), items: byYear[year]!, documents: documents, nav: nav,
                             site: site)
        }
        return jobs
    }

    static func typePath(_ type: Term) -> String { "\(base)loai/\(type.slug)/" }
    static func yearPath(_ year: Int) -> String { "\(base)nam/\(pad4(year))/" }

    /// "Quyết định số 125/QĐ-UBND": the document's official name, in its own language on every language's pages.
    static func title(_ document: LegalDocument, site: Site) -> String {
        "\(document.type.name) \(site.t("document_number_word", in: site.config.language)) \(document.number)"
    }

    /// `titleLanguage`: the title's language when it is not the page's (a document type's name).
    private func listJobs(title: String, titleLanguage: String? = nil, base: String, items: [Int],
                          documents: [LegalDocument], nav: [String: Any], site: Site) -> [OutputJob] {
        let pagination = Pagination(base: base, perPage: Self.perPage, total: items.count)
        let navigation = TemplateValues(nav)
        return (1...pagination.pageCount).map { number in
            OutputJob(path: pagination.path(number), inSitemap: number == 1) {
                let entries = items[pagination.range(number)].map { Self.values(documents[$0], site: site) }
                let meta = PageMeta(title: number == 1 ? title : "\(title) – \(site.t("page")) \(number)",
                                    path: pagination.path(number), section: Self.base)
                var list: [String: Any] = ["title": title, "items": entries,
                                           "pager": pagination.values(number, site: site), "is_all": base == Self.base]
                if let titleLanguage { list["title_lang"] = titleLanguage }
                return site.renderPage("document-list", meta: meta, data: [
                    "list": list,
                    "document_nav": navigation.values,
                ])
            }
        }
    }

    /// The values of a document (see docs/templates.md).
    static func values(_ document: LegalDocument, site: Site) -> [String: Any] {
        let statusKey = "document_status_" + document.status.rawValue.replacingEvery("-", with: "_")
        var values: [String: Any] = [
            "title": title(document, site: site),
            "url": site.link(document.url),
            "number": document.number,
            "type": ["name": document.type.name, "url": site.link(typePath(document.type))],
            "year": ["name": String(document.year), "url": site.link(yearPath(document.year))],
            "issuer": document.issuer,
            "signed": site.dateValues(document.signed),
            "status": ["name": site.t(statusKey), "in_force": document.status == .inForce],
            "summary": document.summary,
            "file": document.file.values(site: site),
        ]
        if let effective = document.effective { values["effective"] = site.dateValues(effective) }
        return values
    }
}
