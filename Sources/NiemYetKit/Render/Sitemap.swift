import Foundation

/// `sitemap.xml` over every planned page marked for it, in every language, each with its translations as
/// hreflang alternates; and `robots.txt` pointing at it.
struct Sitemap {
    static func job(pages: [OutputJob], site: Site) -> OutputJob {
        let entries = pages.filter(\.inSitemap).map { ($0.path, $0.lastModified) }.sorted { $0.0 < $1.0 }
        let listed = Set(entries.map(\.0))
        let languages = site.config.languages
        return OutputJob(path: "/sitemap.xml") {
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
            xml += " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
            for (path, modified) in entries {
                let absolute = site.config.origin + site.config.basePath + path.dropFirst()
                xml += "<url><loc>\(XMLText.escape(absolute))</loc>"
                if let modified { xml += "<lastmod>\(modified.civil.isoDate)</lastmod>" }
                // One language has no alternates: no need to look for twins of 15,000 paths.
                let twins = languages.count < 2 ? []
                    : Translations.paths(of: path, languages: languages).filter { listed.contains($0.1) }
                if twins.count > 1 {
                    for (language, twin) in twins {
                        let href = site.config.origin + site.config.basePath + twin.dropFirst()
                        xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(language)\" href=\"\(XMLText.escape(href))\"/>"
                    }
                }
                xml += "</url>\n"
            }
            xml += "</urlset>\n"
            return .bytes(Data(xml.utf8))
        }
    }
}

struct Robots: SiteOutput {
    var perLanguage: Bool { false }

    func jobs(for site: Site) -> [OutputJob] {
        [OutputJob(path: "/robots.txt") {
            .bytes(Data("User-agent: *\nAllow: /\n\nSitemap: \(site.absoluteURL("/sitemap.xml"))\n".utf8))
        }]
    }
}
