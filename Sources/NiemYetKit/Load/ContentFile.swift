/// A Markdown file with YAML front matter, read and split, its fields ready for a kind's loader.
public struct ContentFile: Sendable {
    public var path: String
    public var fields: Fields
    public var body: MarkdownSource

    /// File name without folder and extension (`2025-07-31-ket-qua.md` → `2025-07-31-ket-qua`).
    public var baseName: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
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
            guard let fields = Fields.frontMatter(front, path: path, log: context.log) else { return nil }
            return ContentFile(path: path, fields: fields,
                               body: MarkdownSource(text: front.body, path: path, firstLine: front.bodyFirstLine))
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
