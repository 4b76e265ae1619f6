import Foundation

/// One searchable item, taken from the content model (never from the HTML output): its texts by field, and what a
/// result shows.
public struct SearchDocument: Sendable {
    /// What citizens look for first ranks first: procedures, then notices, fixed pages, news.
    public enum Kind: String, Sendable, CaseIterable {
        case procedure = "p", announcement = "a", page = "g", news = "n"

        /// Multiplies every weight of the document's terms.
        var weight: Double {
            switch self {
            case .procedure: return 2.5
            case .announcement: return 1.4
            case .page: return 1.2
            case .news: return 1.0
            }
        }

        /// The UI string naming the kind in results (`search_kind_procedure` → "Thủ tục").
        var stringKey: String {
            switch self {
            case .procedure: return "search_kind_procedure"
            case .announcement: return "search_kind_announcement"
            case .page: return "search_kind_page"
            case .news: return "search_kind_news"
            }
        }
    }

    /// Where a text sits in the document: a word of the title weighs more than one deep in the body.
    public enum Field: Int, Sendable, CaseIterable {
        case title, keywords, summary, body

        var weight: Double {
            switch self {
            case .title: return 4
            case .keywords: return 3
            case .summary: return 2
            case .body: return 1
            }
        }
    }

    public var kind: Kind
    public var title: String
    /// Site-root path of the item's page in the index's language (`/thu-tuc/1.001193/`).
    public var path: String
    public var date: ContentDate?
    /// Language the item is written in (an English page lists Vietnamese procedures, marked as such).
    public var language: String
    /// Category, tags, the procedure's field and code.
    public var keywords: [String]
    public var summary: String?
    /// Plain text of the body (and of fields shown beside it).
    public var body: String
    public var source: String

    public init(kind: Kind, title: String, path: String, date: ContentDate?, language: String, keywords: [String],
                summary: String?, body: String, source: String) {
        self.kind = kind
        self.title = title
        self.path = path
        self.date = date
        self.language = language
        self.keywords = keywords
        self.summary = summary
        self.body = body
        self.source = source
    }

    /// The texts of the document with their field.
    var fields: [(Field, String)] {
        var fields: [(Field, String)] = [(.title, title)]
        fields += keywords.map { (.keywords, $0) }
        if let summary { fields.append((.summary, summary)) }
        fields.append((.body, body))
        return fields
    }

    /// Everything the site shows in `site.language`, in a fixed order that keeps document numbers stable while a
    /// site grows: procedures by code, pages by slug, then notices and news oldest first, so a new article only
    /// adds a number at the end.
    static func all(in site: Site) -> [SearchDocument] {
        var documents: [SearchDocument] = []
        for item in site.items(Procedure.self).sorted(by: { $0.code < $1.code }) {
            let extra = [item.agency, item.applicants, item.result].compactMap { $0 }.joined(separator: ". ")
            documents.append(SearchDocument(
                kind: .procedure, title: item.title, path: item.url, date: item.updated,
                language: item.language, keywords: [item.field.name, item.code], summary: nil,
                body: extra.isEmpty ? item.body.plainText : extra + ". " + item.body.plainText, source: item.source))
        }
        for item in site.items(Page.self).sorted(by: { $0.slug < $1.slug }) {
            documents.append(SearchDocument(
                kind: .page, title: item.title, path: item.url, date: nil, language: item.language, keywords: [],
                summary: item.summary, body: item.body.plainText, source: item.source))
        }
        for item in site.items(Announcement.self).sorted(by: { ($0.date, $0.slug) < ($1.date, $1.slug) }) {
            documents.append(SearchDocument(
                kind: .announcement, title: item.title, path: item.url, date: item.date, language: item.language,
                keywords: item.attachments.map(\.title), summary: item.summary, body: item.body.plainText,
                source: item.source))
        }
        for item in site.items(NewsArticle.self).sorted(by: { ($0.date, $0.slug) < ($1.date, $1.slug) }) {
            documents.append(SearchDocument(
                kind: .news, title: item.title, path: item.url, date: item.date, language: item.language,
                keywords: [item.category.name] + item.tags.map(\.name), summary: item.summary,
                body: item.body.plainText, source: item.source))
        }
        return documents
    }
}
