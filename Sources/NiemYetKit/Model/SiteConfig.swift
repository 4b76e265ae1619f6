import Foundation

/// `content/site.yml`: who publishes the portal and where it lives.
public struct SiteConfig: Sendable {
    public static let path = "content/site.yml"

    public var title: String
    /// Absolute URL with a trailing slash, e.g. `https://example.gov.vn/xa-hoa-binh/`.
    public var baseURL: String
    public var language: String
    public var languages: [String]
    public var commune: String?
    public var province: String?
    public var address: String?
    public var phone: String?
    public var hotline: String?
    public var email: String?
    public var responsible: String?
    public var description: String?
    public var newsPerPage: Int
    /// Per-language overrides of the texts above (`en: {title: ..., address: ...}` in site.yml).
    public var translations: [String: [String: String]] = [:]

    /// `key` ("title", "address", ...) in `language`, falling back to the default-language value.
    public func text(_ key: String, in language: String) -> String? {
        if let translated = translations[language]?[key] { return translated }
        switch key {
        case "title": return title
        case "commune": return commune
        case "province": return province
        case "address": return address
        case "responsible": return responsible
        case "description": return description
        default: return nil
        }
    }

    static let translatableKeys: Set<String> = ["title", "commune", "province", "address", "responsible", "description"]

    /// The path part of `baseURL` (`/` or `/xa-hoa-binh/`): every internal link starts with it.
    public var basePath: String {
        guard let url = URL(string: baseURL) else { return "/" }
        let path = url.path
        return path.isEmpty ? "/" : (path.hasSuffix("/") ? path : path + "/")
    }

    /// `https://example.gov.vn` without the path, for absolute links in feeds, sitemaps and QR codes.
    public var origin: String {
        guard let url = URL(string: baseURL), let scheme = url.scheme, let host = url.host else { return "" }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    static let knownKeys: Set<String> = ["title", "base_url", "language", "languages", "commune", "province",
                                         "address", "phone", "hotline", "email", "responsible", "description",
                                         "news_per_page", "en"]

    public static func load(_ files: SiteFiles, baseURLOverride: String?, log: DiagnosticLog) -> SiteConfig? {
        guard files.exists(path) else {
            log.error("the site settings file is missing (is this a site folder with content/ and templates/?)",
                      at: SourceLocation(path: path))
            return nil
        }
        let value: YAMLValue?
        do {
            value = try YAMLValue.parse(try files.text(path), path: path)
        } catch let diagnostic as Diagnostic {
            log.report(diagnostic)
            return nil
        } catch {
            log.error("cannot read: \(error.localizedDescription)", at: SourceLocation(path: path))
            return nil
        }
        let fields = Fields(value, path: path, at: SourceLocation(path: path), log: log)
        fields.warnUnknownKeys(allowed: knownKeys)
        let title = fields.string("title", required: true)
        var baseURL = baseURLOverride ?? fields.string("base_url", required: true)
        if let url = baseURL {
            if let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
               parsed.host != nil {
                if !url.hasSuffix("/") { baseURL = url + "/" }
            } else {
                let message = "`base_url` must be an absolute http(s) URL such as https://xa.example.gov.vn/"
                if baseURLOverride != nil { log.error(message, at: nil) } else { fields.error(message, key: "base_url") }
                baseURL = nil
            }
        }
        let language = fields.string("language", required: true)
        if let language, language != "vi" {
            fields.error("`language` must be `vi`: Vietnamese is the portal's first language", key: "language")
        }
        var languages = fields.stringList("languages") ?? [language ?? "vi"]
        if languages.first != "vi" {
            fields.error("`languages` must start with `vi`", key: "languages")
            languages = ["vi"]
        }
        for code in languages where !["vi", "en"].contains(code) {
            fields.error("unsupported language `\(code)` (supported: vi, en)", key: "languages")
        }
        let perPage = fields.int("news_per_page", minimum: 1) ?? 20
        for key in ["phone", "hotline"] {
            if let number = fields.string(key), !PhoneNumber.isValid(number) {
                fields.error("`\(key)` is not a Vietnamese phone number: \(number)", key: key)
            }
        }
        var translations: [String: [String: String]] = [:]
        for code in languages.dropFirst() {
            guard let group = fields.group(code) else { continue }
            group.warnUnknownKeys(allowed: translatableKeys)
            var table: [String: String] = [:]
            for key in group.keys { if let value = group.string(key) { table[key] = value } }
            translations[code] = table
        }
        guard let title, let baseURL, language != nil else { return nil }
        var config = SiteConfig(title: title, baseURL: baseURL, language: "vi", languages: languages,
                          commune: fields.string("commune"), province: fields.string("province"),
                          address: fields.string("address"), phone: fields.string("phone"),
                          hotline: fields.string("hotline"), email: fields.string("email"),
                          responsible: fields.string("responsible"), description: fields.string("description"),
                          newsPerPage: perPage)
        config.translations = translations
        return config
    }
}
