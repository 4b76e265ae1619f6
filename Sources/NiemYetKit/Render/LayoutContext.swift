import Foundation

/// What one HTML page tells the layout about itself.
public struct PageMeta: Sendable {
    public var title: String
    public var description: String?
    /// Site-root path of the page (`/tin-tuc/abc/`).
    public var path: String
    public var ogType: String = "website"
    public var image: String?
    /// Paths of feeds to announce with `<link rel="alternate">`.
    public var feeds: [String] = []
    /// Pages that must not be indexed (404).
    public var noindex: Bool = false
    /// The menu entry to mark as current (site-root path of its section).
    public var section: String?

    public init(title: String, description: String? = nil, path: String, ogType: String = "website",
                image: String? = nil, section: String? = nil) {
        self.title = title
        self.description = description
        self.path = path
        self.ogType = ogType
        self.image = image
        self.section = section
    }
}

/// Builds the values every template can use (documented in docs/templates.md) and renders whole pages.
enum LayoutContext {
    /// Values shared by every page of one language, computed once.
    static func base(for site: Site) -> [String: Any] {
        let c = site.config
        var siteValues: [String: Any] = ["base_url": c.baseURL, "home": site.link("/"), "sitemap": site.link("/sitemap.xml")]
        for key in SiteConfig.translatableKeys { siteValues[key] = c.text(key, in: site.language) }
        if let phone = c.phone { siteValues["phone"] = phone }
        if let email = c.email { siteValues["email"] = email }
        if let hotline = site.hotline {
            siteValues["hotline"] = ["number": hotline, "tel": PhoneNumber.telURI(hotline)]
        }
        if let phone = c.phone { siteValues["phone_tel"] = PhoneNumber.telURI(phone) }
        var assets: [String: Any] = [:]
        for (logical, output) in site.theme.assets {
            assets[templateKey(logical)] = site.link("/" + output)
        }
        return [
            "lang": site.language,
            "is_translation": !site.isDefaultLanguage,
            // The language content is written in unless an item says otherwise (`lang="{{content_lang}}"` marks
            // Vietnamese records, names and documents on English pages).
            "content_lang": site.config.language,
            "site": siteValues,
            "t": site.theme.strings[site.language] ?? [:],
            "assets": assets,
            "year_now": site.options.now.civil.year,
            "search": ["url": site.link(SearchPages.path)],
        ]
    }

    /// hreflang alternates of a page (only translations that exist) and the visible language switch, which falls
    /// back to the other language's home page, saying so, when this page has no translation.
    static func translations(of path: String, site: Site) -> ([[String: Any]], [[String: Any]]) {
        let languages = site.config.languages
        guard languages.count > 1 else { return ([], []) }
        let twins = Translations.paths(of: site.fullPath(path), languages: languages)
        let existing = twins.filter { site.routes.contains($0.1) }
        let alternates: [[String: Any]] = existing.count > 1
            ? existing.map { ["lang": $0.0, "url": site.config.origin + site.config.basePath + $0.1.dropFirst()] } : []
        let switches: [[String: Any]] = twins.filter { $0.0 != site.language }.map { language, twin in
            let available = site.routes.contains(twin)
            let target = available ? twin : (language == languages[0] ? "/" : "/\(language)/")
            return ["lang": language, "name": site.t("language_name_\(language)"),
                    "url": site.config.basePath + target.dropFirst(), "missing": !available]
        }
        return (alternates, switches)
    }

    /// `css/style.css` → `css_style_css`: Mustache reads dots as nesting.
    static func templateKey(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// The main menu: the site's fixed sections, then pages that ask for a place in it.
    static func menu(for site: Site, current section: String?) -> [[String: Any]] {
        guard let section, let menu = site.menus.bySection[section] else { return site.menus.unmarked }
        return menu
    }

    /// The menu's values with each entry's path marked current, and with none marked: made once per language
    /// and shared by every page (a page no longer builds the menu's dictionaries).
    static func menus(_ entries: [MenuEntry]) -> Menus {
        func values(current: String?) -> [[String: Any]] {
            entries.map { ["title": $0.title, "url": $0.url, "current": $0.path == current] }
        }
        var bySection: [String: [[String: Any]]] = [:]
        for entry in entries where bySection[entry.path] == nil {
            bySection[entry.path] = values(current: entry.path)
        }
        return Menus(bySection: bySection, unmarked: values(current: nil))
    }

    /// Menu values, never written once made.
    struct Menus: @unchecked Sendable {
        var bySection: [String: [[String: Any]]] = [:]
        var unmarked: [[String: Any]] = []

        /// Every entry of every menu, for `SharedItems`.
        var items: [[String: Any]] { unmarked + bySection.keys.sorted().flatMap { bySection[$0]! } }
        /// Every menu as a whole, for `SharedItems`.
        var lists: [[[String: Any]]] { [unmarked] + bySection.keys.sorted().map { bySection[$0]! } }
    }

    /// The menu's entries (title, site-root path, link), the same on every page of a language: made once.
    static func menuEntries(for site: Site) -> [MenuEntry] {
        var entries: [(String, String)] = MenuSections.entries(for: site)
        entries += site.items(Page.self).filter { $0.menu != nil }.map { ($0.title, $0.url) }
        return entries.map { MenuEntry(title: $0.0, path: $0.1, url: site.link($0.1)) }
    }

    struct MenuEntry: Sendable { var title: String, path: String, url: String }
}

/// Top-level sections the main menu offers; outputs add theirs here as they come.
enum MenuSections {
    static func entries(for site: Site) -> [(String, String)] {
        var entries: [(String, String)] = [(site.t("menu_home"), "/")]
        if !site.items(NewsArticle.self).isEmpty { entries.append((site.t("menu_news"), "/tin-tuc/")) }
        if !site.items(Procedure.self).isEmpty { entries.append((site.t("menu_procedures"), "/thu-tuc/")) }
        if !site.items(StatisticsRow.self).isEmpty { entries.append((site.t("menu_statistics"), "/thong-ke/")) }
        if !site.items(Announcement.self).isEmpty { entries.append((site.t("menu_announcements"), "/thong-bao/")) }
        if !site.items(LegalDocument.self).isEmpty { entries.append((site.t("menu_documents"), DocumentPages.base)) }
        if !site.items(WorkSchedule.self).isEmpty { entries.append((site.t("menu_schedule"), SchedulePages.base)) }
        if !site.items(Dossier.self).isEmpty { entries.append((site.t("menu_lookup"), DossierLookup.path)) }
        return entries
    }
}

extension Site {
    /// A full HTML page: `template` rendered with the layout values, the page's own values and `data`.
    public func renderPage(_ template: String, meta: PageMeta, data: [String: Any]) -> OutputJob.Body {
        renderPage(template, meta: meta, data: data, shared: sharedItems)
    }

    /// A full HTML page: `template` rendered with the layout values, the page's own values and `data`. List
    /// items of `shared` (which must include the menu's, `menus.items`) are rendered once for all pages (see
    /// `SharedItems`).
    func renderPage(_ template: String, meta: PageMeta, data: [String: Any], shared: SharedItems) -> OutputJob.Body {
        // Both dictionaries are made with room for every value they take: a literal is sized for its own
        // entries, and growing it past them rehashed it once or twice on every page.
        var page = [String: Any](minimumCapacity: 11)
        page["title"] = meta.title
        page["url"] = link(meta.path)
        page["canonical"] = absoluteURL(meta.path)
        page["og_type"] = meta.ogType
        page["is_home"] = meta.path == "/"
        page["noindex"] = meta.noindex
        page["feeds"] = meta.feeds.map { ["url": link($0)] }
        // Lets stylesheets and the quality gates tell page types apart.
        page["template"] = template
        if let description = meta.description { page["description"] = description }
        if let image = meta.image { page["image"] = absoluteURL(image) }
        let (alternates, languageSwitch) = LayoutContext.translations(of: meta.path, site: self)
        page["alternates"] = alternates
        // The page's own values, on top of the layout's.
        var own = [String: Any](minimumCapacity: 4 + data.count)
        own["page"] = page
        own["language_switch"] = languageSwitch
        own["menu"] = LayoutContext.menu(for: self, current: meta.section ?? meta.path)
        if let script = options.liveReloadScript { own["live_reload"] = script }
        for (key, value) in data { own[key] = value }
        let render = { [layout, resolvedLayout, theme] () -> Data in
            Data(theme.renderBytes(template, own: own, layout: layout.values, resolved: resolvedLayout, shared: shared))
        }
        guard let memo else { return .bytes(render()) }
        return .bytes(memo.bytes(template: template, values: own, render: render))
    }
}
