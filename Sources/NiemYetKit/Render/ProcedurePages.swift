import Foundation

/// The procedures catalogue (`/thu-tuc/`): one page per procedure with its QR code, one per field, the procedures
/// free when filed online, and printable notice-board sheets (`/thu-tuc/in/`, `/thu-tuc/linh-vuc/<slug>/in/`).
///
/// In another language the same pages list every procedure, translated or not (untranslated texts marked with their
/// language). The print sheets and their QR files exist in the default language only: the paper notice board is
/// Vietnamese. An English procedure page's own QR code leads to the English page.
struct ProcedurePages: SiteOutput {
    static let catalogue = "/thu-tuc/"
    static let freeOnline = "/thu-tuc/mien-phi-truc-tuyen/"
    static let printSheet = "/thu-tuc/in/"
    /// Up to this many procedures the catalogue lists them all under their fields; a bigger catalogue (a commune
    /// may have 400) lists the fields only, each linking to its page, so the page stays light on a slow phone.
    static let catalogueListLimit = 150

    var templates: Set<String> { ["procedure", "procedure-list", "procedure-sheet"] }

    func jobs(for site: Site) -> [OutputJob] {
        let procedures = site.items(Procedure.self)
        guard !procedures.isEmpty else { return [] }
        let index = ProcedureIndex(procedures)
        // A procedure is shown by its page and by up to four lists (its field's page, the free-online page, both
        // print sheets): its list values are made once, by the first job that needs them, for all of them.
        let summaries = Once { ProcedureSummaries(index.procedures) { summary($0, site: site) } }
        var jobs: [OutputJob] = []
        for procedure in index.procedures {
            // Encoded once for the page's inline code and the qr.svg file: encoding scores eight masks, the
            // costliest part of a procedure page.
            let qr = Once { () -> QRDrawing? in
                (try? QRCode(encoding: site.absoluteURL(procedure.url))).map { QRDrawing(code: $0, path: QRCodeSVG.pathData($0)) }
            }
            jobs.append(OutputJob(path: procedure.url, inSitemap: true, lastModified: procedure.updated,
                                  source: procedure.source) {
                procedurePage(procedure, qr: qr.get(), summaries: summaries.get(), site: site)
            })
            guard site.isDefaultLanguage else { continue }
            jobs.append(OutputJob(path: procedure.qrPath, source: procedure.source) {
                guard let drawing = qr.get() else { return .bytes(Data()) }
                return .bytes(Data(QRCodeSVG.file(drawing.code, label: qrLabel(procedure, site: site),
                                                  path: drawing.path).utf8))
            })
        }
        jobs.append(OutputJob(path: Self.catalogue, inSitemap: true) {
            cataloguePage(index, summaries: summaries.get(), site: site)
        })
        jobs.append(OutputJob(path: Self.freeOnline, inSitemap: true) {
            freeOnlinePage(index, summaries: summaries.get(), site: site)
        })
        for group in index.fields {
            jobs.append(OutputJob(path: group.path, inSitemap: true) {
                fieldPage(group, summaries: summaries.get(), site: site)
            })
        }
        guard site.isDefaultLanguage else { return jobs }
        jobs.append(OutputJob(path: Self.printSheet) {
            sheetPage(scope: site.t("sheet_all_fields"), path: Self.printSheet,
                      back: (site.t("procedures_title"), Self.catalogue), groups: index.fields, headings: true,
                      summaries: summaries.get(), site: site)
        })
        for group in index.fields {
            jobs.append(OutputJob(path: group.printPath) {
                sheetPage(scope: "\(site.t("procedure_field")): \(group.field.name)", path: group.printPath,
                          back: (group.field.name, group.path), groups: [group], headings: false,
                          summaries: summaries.get(), site: site)
            })
        }
        return jobs
    }

    // MARK: values

    /// Starts encoding the QR codes of the default language's procedure pages, on a thread of its own, as soon as
    /// the settings are read: the procedures' codes are their file names, so their page addresses are known
    /// before any content loads. The pages find them made (`QRCode.prepare`); a build spends ~10% of its CPU in
    /// the encoder's mask scoring, and the other core has spare moments while settings, theme and the smaller
    /// kinds of content load one after another. A file whose name is not a code, or whose page never comes, costs
    /// one unused encoding (that build fails, or the page is missing for a reason of its own).
    static func prepareQRCodes(files: SiteFiles, config: SiteConfig) {
        let texts = qrTexts(files: files, config: config)
        DispatchQueue.global().async { QRCode.prepare(texts) }
    }

    /// What the default language's procedure pages encode, from the procedure files' names.
    static func qrTexts(files: SiteFiles, config: SiteConfig) -> [String] {
        let origin = config.origin, basePath = config.basePath
        return files.files(in: Procedure.folder, suffix: ".md").compactMap { path in
            let code = ContentFile.baseName(of: path)  // a translation (`x.en.md`) is not a code: left out
            guard Procedure.isValidCode(code) else { return nil }
            return origin + Site.link(rooted: Procedure.url(code: code), basePath: basePath)
        }
    }

    private func qrLabel(_ procedure: Procedure, site: Site) -> String {
        "\(site.t("qr_label")) \(site.absoluteURL(procedure.url))"
    }

    /// A field (lĩnh vực) of the catalogue: its name is the records' (the default language) in every language.
    private func fieldValues(_ field: Term, site: Site) -> [String: Any] {
        ["name": field.name, "url": site.link("/thu-tuc/linh-vuc/\(field.slug)/"), "lang": site.config.language]
    }

    private func channelLabel(_ channel: Procedure.Channel, site: Site) -> String {
        site.t("channel_" + String(decoding: channel.rawValue.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 },
                                   as: UTF8.self))
    }

    /// What a list shows of a procedure (catalogue, field page, free-online page, print sheet).
    private func summary(_ procedure: Procedure, site: Site) -> [String: Any] {
        var values: [String: Any] = [
            "title": procedure.title,
            "url": site.link(procedure.url),
            "absolute_url": site.absoluteURL(procedure.url),
            "code": procedure.code,
            "processing_time": procedure.processingTime,
            "field": fieldValues(procedure.field, site: site),
            "qr_file": site.link(procedure.qrPath),
            "online_fee_exempt": procedure.onlineFeeExempt,
            // The language of each text, so screen readers read an untranslated record in Vietnamese.
            "content_lang": procedure.language,
            "langs": Dictionary(uniqueKeysWithValues: (Procedure.translatedKeys.union(["body"])).map {
                ($0, procedure.language(of: $0))
            }),
        ]
        if let fee = procedure.fee { values["fee"] = fee }
        return values
    }

    /// A procedure's QR code and its SVG path, made once for its page and its qr.svg.
    struct QRDrawing: Sendable { var code: QRCode, path: String }

    private func procedurePage(_ procedure: Procedure, qr: QRDrawing?, summaries: ProcedureSummaries,
                               site: Site) -> OutputJob.Body {
        var values = summaries[procedure]
        values.reserveCapacity(values.count + 20)  // the page's own values below: one growth, not several
        values["agency"] = procedure.agency
        values["channels"] = procedure.channels.map { ["label": channelLabel($0, site: site), "key": $0.rawValue] }
        values["channels_text"] = procedure.channels.map { channelLabel($0, site: site) }.joined(separator: ", ")
        for (key, value) in [("level", procedure.level), ("applicants", procedure.applicants),
                             ("result", procedure.result)] {
            if let value { values[key] = value }
        }
        if let level = procedure.onlineLevel {
            values["online_level"] = site.t("online_level_" + level.rawValue.replacingEvery("-", with: "_"))
        }
        if let url = procedure.onlineURL {
            let key = procedure.channels.contains(.online) ? "procedure_apply_online" : "procedure_view_on_portal"
            values["online"] = ["href": url, "label": site.t(key)]
        }
        // Forms and legal texts are the records' own, in the default language on every language's pages.
        values["forms"] = procedure.forms.map {
            ["form_title": $0.title, "href": $0.url.hasPrefix("/") ? site.link($0.url) : $0.url,
             "content_lang": site.config.language]
        }
        values["has_forms"] = !procedure.forms.isEmpty
        values["legal_basis"] = procedure.legalBasis.map { document -> [String: Any] in
            var entry: [String: Any] = ["number": document.number, "content_lang": site.config.language]
            if let title = document.title { entry["doc_title"] = title }
            if let date = document.date { entry["doc_date"] = site.dateValues(date) }
            if let url = document.url { entry["doc_url"] = url }
            return entry
        }
        values["has_legal_basis"] = !procedure.legalBasis.isEmpty
        if let updated = procedure.updated { values["updated"] = site.dateValues(updated) }
        values["body"] = procedure.body.html
        let toc = procedure.body.headings.filter { $0.level == 2 }.map { ["text": $0.text, "id": $0.id] }
        values["toc"] = toc
        values["has_toc"] = toc.count > 1
        if let qr {
            values["qr_svg"] = QRCodeSVG.inline(qr.code, label: qrLabel(procedure, site: site), path: qr.path)
        }
        // The address printed under the code may break only after a slash, so it can be typed from paper.
        values["absolute_url_html"] = site.absoluteURL(procedure.url).split(separator: "/", omittingEmptySubsequences: false)
            .map { XMLText.escape(String($0)) }.joined(separator: "/<wbr>")
        // Notes for readers of another language: the whole record is untranslated, or only some of its texts are.
        values["in_other_language"] = procedure.language != site.language
        values["partly_translated"] = procedure.language == site.language && !procedure.untranslated.isEmpty
        let description = "\(site.t("procedure_code")) \(procedure.code) · \(procedure.field.name) · "
            + "\(site.t("procedure_processing_time")): \(procedure.processingTime)"
        let meta = PageMeta(title: procedure.title, description: description, path: procedure.url,
                            section: Self.catalogue)
        return site.renderPage("procedure", meta: meta, data: [
            "procedure": values,
            "catalogue_url": site.link(Self.catalogue),
        ])
    }

    private func fieldLinks(_ index: ProcedureIndex, site: Site) -> [[String: Any]] {
        let listAll = index.procedures.count <= Self.catalogueListLimit
        return index.fields.map { group in
            ["name": group.field.name, "href": listAll ? "#" + group.field.slug : site.link(group.path),
             "count": site.format.integer(group.procedures.count), "content_lang": site.config.language]
        }
    }

    private func cataloguePage(_ index: ProcedureIndex, summaries: ProcedureSummaries, site: Site) -> OutputJob.Body {
        let listed = index.procedures.count <= Self.catalogueListLimit ? index.fields : []
        let groups = listed.map { group -> [String: Any] in
            ["name": group.field.name, "url": site.link(group.path), "anchor": group.field.slug,
             "content_lang": site.config.language, "count": site.format.integer(group.procedures.count),
             "procedures": group.procedures.map { summaries[$0] }]
        }
        let meta = PageMeta(title: site.t("procedures_title"), description: site.t("procedures_intro"),
                            path: Self.catalogue, section: Self.catalogue)
        var list: [String: Any] = [
            "title": site.t("procedures_title"),
            "is_catalogue": true,
            "count": site.format.integer(index.procedures.count),
            "field_count": site.format.integer(index.fields.count),
            "groups": groups,
        ]
        if site.isDefaultLanguage { list["print_url"] = site.link(Self.printSheet) }
        return site.renderPage("procedure-list", meta: meta, data: [
            "list": list,
            "fields": fieldLinks(index, site: site),
            "free_online": ["url": site.link(Self.freeOnline), "count": site.format.integer(index.freeOnline.count)],
        ])
    }

    private func fieldPage(_ group: ProcedureIndex.FieldGroup, summaries: ProcedureSummaries,
                           site: Site) -> OutputJob.Body {
        let meta = PageMeta(title: group.field.name, description: "\(site.t("procedures_title")): \(group.field.name)",
                            path: group.path, section: Self.catalogue)
        var list: [String: Any] = [
            "title": group.field.name,
            // Field names are the records' language on every language's pages.
            "title_lang": site.config.language,
            "is_field": true,
            "count": site.format.integer(group.procedures.count),
            "procedures": group.procedures.map { summaries[$0] },
        ]
        if site.isDefaultLanguage { list["print_url"] = site.link(group.printPath) }
        return site.renderPage("procedure-list", meta: meta, data: [
            "list": list,
            "catalogue_url": site.link(Self.catalogue),
        ])
    }

    private func freeOnlinePage(_ index: ProcedureIndex, summaries: ProcedureSummaries,
                                site: Site) -> OutputJob.Body {
        let meta = PageMeta(title: site.t("procedures_free_online_title"), description: site.t("procedures_free_online_intro"),
                            path: Self.freeOnline, section: Self.catalogue)
        return site.renderPage("procedure-list", meta: meta, data: [
            "list": [
                "title": site.t("procedures_free_online_title"),
                "is_free_online": true,
                "count": site.format.integer(index.freeOnline.count),
                "procedures": index.freeOnline.map { summaries[$0] },
                "empty": index.freeOnline.isEmpty,
            ] as [String: Any],
            "catalogue_url": site.link(Self.catalogue),
        ])
    }

    /// A notice-board sheet: every procedure of `groups` with its QR code, field by field; each card names its
    /// field when `headings` (the sheet of all fields).
    private func sheetPage(scope: String, path: String, back: (String, String), groups: [ProcedureIndex.FieldGroup],
                           headings: Bool, summaries: ProcedureSummaries, site: Site) -> OutputJob.Body {
        var meta = PageMeta(title: "\(site.t("sheet_title")) – \(scope)", path: path, section: Self.catalogue)
        meta.noindex = true
        let count = groups.reduce(0) { $0 + $1.procedures.count }
        return site.renderPage("procedure-sheet", meta: meta, data: [
            "sheet": [
                "scope": scope,
                "count": site.format.integer(count),
                "entries": groups.flatMap(\.procedures).map { summaries[$0] },
                "show_field": headings,
                "back_title": back.0,
                "back_url": site.link(back.1),
            ] as [String: Any],
        ])
    }
}

/// Every procedure's list values (`ProcedurePages.summary`), made once per language and never written after.
final class ProcedureSummaries: @unchecked Sendable {
    /// By content file: each procedure of a language comes from a file of its own. (Values of two procedures
    /// from one file would be dropped and made anew each time: never mixed up.)
    private let bySource: [String: [String: Any]]
    private let make: @Sendable (Procedure) -> [String: Any]

    init(_ procedures: [Procedure], make: @escaping @Sendable (Procedure) -> [String: Any]) {
        var bySource = [String: [String: Any]](minimumCapacity: procedures.count)
        var shared = Set<String>()
        for procedure in procedures where bySource.updateValue(make(procedure), forKey: procedure.source) != nil {
            shared.insert(procedure.source)
        }
        for source in shared { bySource[source] = nil }
        self.bySource = bySource
        self.make = make
    }

    /// The procedure's values, made anew for one the index did not hold (which does not happen).
    subscript(_ procedure: Procedure) -> [String: Any] { bySource[procedure.source] ?? make(procedure) }
}
