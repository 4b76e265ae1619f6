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
    public var baseName: String { Self.baseName(of: translationKey) }

    /// The file name of `path` without folder and `.md` (`content/thu-tuc/1.000894.md` → `1.000894`); a
    /// translation keeps its language (`x.en.md` → `x.en`).
    static func baseName(of path: String) -> String {
        let name = FileName.last(of: path).map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// `baseName` without a leading `YYYY-MM-DD-` (news and notices are named by date; their slug is the rest).
    public var undatedBaseName: String {
        let name = baseName
        if name.utf8.count > 11, FileName.isASCII(name) {
            // Bytes are characters here (see `FileName`): no walk over grapheme clusters for every article.
            let bytes = Array(name.utf8)
            guard bytes[10] == UInt8(ascii: "-"), ContentDate(parsing: String(decoding: bytes[..<10], as: UTF8.self)) != nil
            else { return name }
            return String(decoding: bytes[11...], as: UTF8.self)
        }
        guard name.count > 11, ContentDate(parsing: String(name.prefix(10))) != nil,
              name[name.index(name.startIndex, offsetBy: 10)] == "-" else { return name }
        return String(name.dropFirst(11))
    }

    /// The Markdown files of `folder` with their translations (`name.en.md`) for the site's other languages.
    /// A translation into a language the site does not publish is reported, not silently dropped; so is a
    /// translation without its original next to it (`name.en.md` without `name.md`): a translation takes its
    /// original's address and shared fields, so it cannot stand alone.
    public static func paths(in folder: String, context: LoadContext) -> [String] {
        let all = context.files.files(in: folder, suffix: ".md")
        let present = Set(all)
        return all.filter { path in
            guard let language = translationLanguage(of: path) else { return true }
            guard context.config.languages.dropFirst().contains(language) else {
                context.log.warning("translation into `\(language)` is not published: add it to `languages` in content/site.yml",
                                    at: SourceLocation(path: path))
                return false
            }
            let original = originalPath(of: path, language: language)
            if present.contains(original) { return true }
            let name = original.split(separator: "/").last.map(String.init) ?? original
            context.log.error("this translation has no original: add `\(name)` (the \(context.config.language) text "
                              + "it translates) next to it, or rename this file to `\(name)` if it is not a translation",
                              at: SourceLocation(path: path, line: 1))
            return false
        }
    }

    /// The Markdown files of a kind that has no translations: a `name.en.md` there is reported and left out
    /// (the other languages' pages show the original).
    public static func originalPaths(in folder: String, what: String, context: LoadContext) -> [String] {
        context.files.files(in: folder, suffix: ".md").filter { path in
            guard translationLanguage(of: path) != nil else { return true }
            context.log.warning("\(what) are not translated: this file is left out and every language shows the "
                                + "original; remove it", at: SourceLocation(path: path))
            return false
        }
    }

    /// `x.en.md` → `x.md`.
    static func originalPath(of path: String, language: String) -> String {
        String(path.dropLast(".\(language).md".count)) + ".md"
    }

    /// `en` for `x.en.md`; nil for an untranslated `x.md`.
    static func translationLanguage(of path: String) -> String? {
        if FileName.isASCII(path) { return FileName.asciiTranslationLanguage(of: path) }
        let parts = path.split(separator: "/").last?.split(separator: ".") ?? []
        guard parts.count >= 3, parts.last == "md" else { return nil }
        let code = parts[parts.count - 2]
        return code.count == 2 && code.allSatisfy(\.isLowercase) ? String(code) : nil
    }

    /// Reads `path`; problems go to the log and give nil. With a `serve` session's cache, a file unchanged on
    /// disk since this process last read it is not read again (`ParsedFileMemo`).
    public static func read(_ path: String, context: LoadContext) -> ContentFile? {
        do {
            let parse = { try Self.parse(path, context: context) }
            let parsed = try context.options.cache?.files.map {
                try $0.parsed(path, fullPath: context.files.path(path), parse: parse)
            } ?? parse()
            guard let parsed else { return nil }
            let fields = Fields(parsed.yaml, path: path, at: SourceLocation(path: path, line: 1), log: context.log)
            let language = translationLanguage(of: path)
            let key = language.map { originalPath(of: path, language: $0) } ?? path
            let front = parsed.front
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

    /// The file's text split and its front matter parsed; nil (problems reported) when it has none or it is not
    /// valid YAML.
    static func parse(_ path: String, context: LoadContext) throws -> ParsedFileMemo.Parsed? {
        let text = try context.files.text(path)
        let front = try FrontMatter.split(text, path: path)
        if !front.hasFrontMatter {
            context.log.error("missing front matter: start the file with a `---` line, the fields, and `---`",
                              at: SourceLocation(path: path, line: 1))
            return nil
        }
        guard let yaml = Fields.parseFrontMatter(front, path: path, log: context.log,
                                                 cache: context.options.cache) else { return nil }
        return ParsedFileMemo.Parsed(front: front, yaml: yaml.value)
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
        // Most sites translate little or nothing: no pass over (and no copy of) thousands of items for them.
        guard contains(where: { $0.language != defaultLanguage }) else { return }
        var originals: [String: String] = [:]
        for item in self where item.language == defaultLanguage && originals[item.translationKey] == nil {
            originals[item.translationKey] = item.slug
        }
        for i in indices where self[i].language != defaultLanguage {
            if let slug = originals[self[i].translationKey] { self[i].slug = slug }
        }
    }
}

extension ContentFile {
    /// The name of the file a translation translates (`x.md` for `x.en.md`).
    public var originalName: String {
        FileName.last(of: translationKey).map(String.init) ?? translationKey
    }

    /// Checks the fields of a translation of a kind whose translations give only some texts: `own` are the
    /// translation's to give; `shared` come from the original, so giving them here is reported and ignored (two
    /// values could disagree); anything else is an unknown field.
    public func checkTranslationFields(own: Set<String>, shared: Set<String>) {
        let given = own.subtracting(["draft"]).sorted().map { "`\($0)`" }.joined(separator: ", ")
        for key in fields.keys where shared.contains(key) && !own.contains(key) {
            fields.warning("`\(key)` comes from the original \(originalName) and is ignored here: a translation "
                           + "gives only \(given) and the text", key: key)
        }
        fields.warnUnknownKeys(allowed: own.union(shared))
    }
}
