import Foundation

/// An Atom feed (RFC 4287): written by code, not a template, so escaping and dates cannot go wrong.
struct AtomFeed {
    struct Entry {
        var title: String
        var path: String
        var updated: ContentDate
        var summary: String
        var html: String?
        var author: String?
        var category: String?
        /// The entry's language when it is not the feed's (an untranslated notice in the English feed).
        var language: String? = nil
    }

    var title: String
    var path: String
    var alternatePath: String
    var entries: [Entry]

    func render(site: Site) -> Data {
        let updated = entries.map(\.updated).max()?.rfc3339 ?? "1970-01-01T00:00:00+00:00"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(site.language)">
        <title>\(XMLText.escape(title))</title>
        <id>\(XMLText.escape(site.absoluteURL(path)))</id>
        <link rel="self" type="application/atom+xml" href="\(XMLText.escape(site.absoluteURL(path)))"/>
        <link rel="alternate" type="text/html" href="\(XMLText.escape(site.absoluteURL(alternatePath)))"/>
        <updated>\(updated)</updated>
        <author><name>\(XMLText.escape(site.title))</name></author>

        """
        for entry in entries {
            let url = XMLText.escape(site.absoluteURL(entry.path))
            let lang = entry.language.map { $0 == site.language ? "" : " xml:lang=\"\($0)\"" } ?? ""
            xml += "<entry\(lang)>\n<title>\(XMLText.escape(entry.title))</title>\n<id>\(url)</id>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n"
            xml += "<published>\(entry.updated.rfc3339)</published>\n<updated>\(entry.updated.rfc3339)</updated>\n"
            if let author = entry.author { xml += "<author><name>\(XMLText.escape(author))</name></author>\n" }
            if let category = entry.category { xml += "<category term=\"\(XMLText.escape(category))\"/>\n" }
            xml += "<summary>\(XMLText.escape(entry.summary))</summary>\n"
            if let html = entry.html { xml += "<content type=\"html\">\(XMLText.escape(html))</content>\n" }
            xml += "</entry>\n"
        }
        xml += "</feed>\n"
        return Data(xml.utf8)
    }
}

/// `/tin-tuc/feed.xml`: the latest news.
struct NewsFeed: SiteOutput {
    static let entryCount = 20

    func jobs(for site: Site) -> [OutputJob] {
        let articles = site.items(NewsArticle.self)
        guard !articles.isEmpty else { return [] }
        return [OutputJob(path: "/tin-tuc/feed.xml") {
            let entries = articles.prefix(Self.entryCount).map {
                AtomFeed.Entry(title: $0.title, path: $0.url, updated: $0.date, summary: $0.teaser,
                               html: $0.body.html, author: $0.author, category: $0.category.name)
            }
            return .bytes(AtomFeed(title: "\(site.title) – \(site.t("news_title"))", path: "/tin-tuc/feed.xml",
                                   alternatePath: "/tin-tuc/", entries: Array(entries)).render(site: site))
        }]
    }
}
