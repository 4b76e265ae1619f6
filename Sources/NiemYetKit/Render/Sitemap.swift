import Foundation

/// `sitemap.xml` over every planned page marked for it, and `robots.txt` pointing at it.
struct Sitemap {
    static func job(pages: [OutputJob], site: Site) -> OutputJob {
        let entries = pages.filter(\.inSitemap).map { ($0.path, $0.lastModified) }.sorted { $0.0 < $1.0 }
        return OutputJob(path: "/sitemap.xml") {
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for (path, modified) in entries {
                xml += "<url><loc>\(XMLText.escape(site.absoluteURL(path)))</loc>"
                if let modified { xml += "<lastmod>\(modified.civil.isoDate)</lastmod>" }
                xml += "</url>\n"
            }
            xml += "</urlset>\n"
            return .bytes(Data(xml.utf8))
        }
    }
}

struct Robots: SiteOutput {
    func jobs(for site: Site) -> [OutputJob] {
        [OutputJob(path: "/robots.txt") {
            .bytes(Data("User-agent: *\nAllow: /\n\nSitemap: \(site.absoluteURL("/sitemap.xml"))\n".utf8))
        }]
    }
}
