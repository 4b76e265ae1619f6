/// `/lien-he/danh-ba/`: who to call, grouped by unit; every number taps to call, every address opens mail.
struct ContactsPage: SiteOutput {
    var templates: Set<String> { ["contacts"] }

    func jobs(for site: Site) -> [OutputJob] {
        guard let contacts = site.items(Contacts.self).first else { return [] }
        return [OutputJob(path: Contacts.url, inSitemap: true, source: contacts.source) {
            var values: [String: Any] = [
                "units": contacts.units.enumerated().map { i, unit -> [String: Any] in
                    // A unit's name in this language: the first translation its people give, else the original.
                    let translated = unit.people.lazy.compactMap { $0.translations[site.language]?["unit"] }.first
                    let name: (String, String) = unit.name.map { vi in
                        translated.map { ($0, site.language) } ?? (vi, site.config.language)
                    } ?? (site.t("contacts_other_unit"), site.language)
                    return [
                        "id": "don-vi-\(i + 1)",
                        "name": name.0,
                        "name_lang": name.1,
                        "people": unit.people.map { person -> [String: Any] in
                            let position = person.text("position", in: site.language,
                                                       defaultLanguage: site.config.language)
                                ?? (person.position, site.config.language)
                            // Names are never translated: they are marked as the default language's.
                            var p: [String: Any] = ["name": person.name, "position": position.0,
                                                    "position_lang": position.1]
                            if let phone = person.phone { p["phone"] = ["number": phone, "tel": PhoneNumber.telURI(phone)] }
                            if let email = person.email { p["email"] = email }
                            return p
                        },
                    ]
                },
            ]
            if let hotline = site.hotline { values["hotline"] = ["number": hotline, "tel": PhoneNumber.telURI(hotline)] }
            return site.renderPage("contacts", meta: PageMeta(title: site.t("contacts_title"), path: Contacts.url,
                                                                  section: "/lien-he/"),
                                   data: ["contacts": values])
        }]
    }
}
