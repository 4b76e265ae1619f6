/// A Markdown file with YAML front matter, read and split, its fields ready for a kind's loader.
public struct ContentFile: Sendable {
    public var path: String
    public var fields: Fields
    public var body: MarkdownSource
    /// `en` for `name.en.md`, otherwise the site's default language.
    public var language: String
    /// The path without the language suffix: the same for an item and its translations.
    public var translationKey: String

    /// File name without folder, language suffix and extension (`2025-07-31-ket-qua.en.md` → `2025-07-31-ket-qua`).
    public var baseName: String {
        let name = translationKey.split(separator: "/").last.map(String.init) ?? translationKey
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// The Markdown files of `folder` with their translations (`name.en.md`) for the site's other languages.
    /// A translation into a language the site does not publish is reported, not silently dropped.
    public static func paths(in folder: String, context: LoadContext) -> [String] {
        context.files.files(in: folder, suffix: ".md").filter { path in
            guard let language = translationLanguage(of: path) else { return true }
            if context.config.languages.dropFirst().contains(language) { return true }
            context.log.warning("translation into `\(language)` is not published: add it to `languages` in content/site.yml",
                                at: SourceLocation(path: path))
            return false
        }
    }

    /// `en` for `x.en.md`; nil for an untranslated `x.md`.
    static func translationLanguage(of path: String) -> String? {
        let parts = path.split(separator: "/").last?.split(separator: ".") ?? []
        guard parts.count >= 3, parts.last == "md" else { return nil }
        let code = parts[parts.count - 2]
        return code.count == 2 && code.allSatisfy(\.isLowercase) ? String(code) : nil
    }

    /// Reads `path`; problems go to the log and give nil.
    public static func read(_ path: String, context: LoadContext) -> ContentFile? {
        do {
            let text = try context.files.text(path)
            let front = try FrontMatter.split(text, path: path)
            if !front.hasFrontMatter {
                context.log.error("missing front matter: start the file with a `---` line, the fields, and `---`",
                                  at: SourceLocation(path: path, line: 1))
                return nil
            }
            guard let fields = Fields.frontMatter(front, path: path, log: context.log,
                                                      cache: context.options.cache) else { return nil }
            let language = translationLanguage(of: path)
            let key = language.map { String(path.dropLast(".\($0).md".count)) + ".md" } ?? path
            return ContentFile(path: path, fields: fields,
                               body: MarkdownSource(text: front.body, path: path, firstLine: front.bodyFirstLine),
                               language: language ?? context.config.language, translationKey: key)
        } catch let diagnostic as Diagnostic {
            context.log.report(diagnostic)
        } catch {
            context.log.error("cannot read file: \(error.localizedDescription)", at: SourceLocation(path: path))
        }
        return nil
    }

    /// A slug from the front matter, checked, or derived from the file name.
    public func slug(default fallback: String) -> String {
        if let given = fields.string("slug") {
            if Slug.isValid(given) { return given }
            fields.error("`slug` may hold only a-z, 0-9 and dashes (suggestion: \(Slug.make(given)))", key: "slug")
            return Slug.make(given)
        }
        return Slug.make(fallback)
    }

    /// A `/media/...` reference from a front matter field, recorded so the build checks the file exists.
    public func mediaReference(_ key: String, context: LoadContext) -> String? {
        guard let value = fields.string(key) else { return nil }
        guard value.hasPrefix("/media/") else {
            fields.error("`\(key)` must name a file under content/media/, written as /media/<file>", key: key)
            return nil
        }
        context.links.record([InternalLink(path: value, location: fields.location(of: key))])
        return value
    }
}

/// Content published at a slug: translations take the slug of the item they translate, so every English page sits
/// at `/en` + the Vietnamese page's path and the two can always find each other.
public protocol Slugged {
    var slug: String { get set }
}

extension Array where Element: ContentKind & Slugged {
    mutating func alignTranslationSlugs(defaultLanguage: String) {
        let originals = Dictionary(filter { $0.language == defaultLanguage }.map { ($0.translationKey, $0.slug) },
                                   uniquingKeysWith: { a, _ in a })
        for i in indices where self[i].language != defaultLanguage {
            if let slug = originals[self[i].translationKey] { self[i].slug = slug }
        }
    }
}
