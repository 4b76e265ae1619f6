/// `/lien-he/danh-ba/`: who to call, grouped by unit; every number taps to call, every address opens mail.
struct ContactsPage: SiteOutput {
    var templates: Set<String> { ["contacts"] }

    func jobs(for site: Site) -> [OutputJob] {
        guard let contacts = site.items(Contacts.self).first else { return [] }
        return [OutputJob(path: Contacts.url, inSitemap: true, source: contacts.source) {
            var values: [String: Any] = [
                "units": contacts.units.map { unit -> [String: Any] in
                    [
                        "name": unit.name ?? site.t("contacts_other_unit"),
                        "people": unit.people.map { person -> [String: Any] in
                            var p: [String: Any] = ["name": person.name, "position": person.position]
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
