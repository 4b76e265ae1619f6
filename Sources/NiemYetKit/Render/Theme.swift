import Foundation
import Mustache
import Crypto

/// The templates, UI strings and assets of `templates/`, loaded and checked once per build.
public struct Theme: Sendable {
    public static let folder = "templates"

    /// swift-mustache's templates: the reference renderer, and the one used for what `compiled` leaves to it.
    public var library: MustacheLibrary { mustache.get() }
    private let mustache: Once<MustacheLibrary>
    /// The same templates compiled for fast rendering (nil when the theme uses syntax left to swift-mustache).
    let compiled: CompiledTemplates?
    /// UI strings by language, then key: `strings["vi"]["read_more"]`.
    public let strings: [String: [String: String]]
    /// Asset path under `templates/assets/` → its fingerprinted output path (`style.css` → `assets/style.1a2b3c4d.css`).
    public let assets: [String: String]
    let assetSources: [String: String]
    /// Hash of the exact template texts the library was made from: with the values, all a page depends on
    /// (see `PageMemo`).
    var templatesDigest = Key(a: 0, b: 0, c: 0, d: 0)

    public static func load(_ files: SiteFiles, languages: [String], log: DiagnosticLog) -> Theme {
        var sources: [String: String] = [:]
        var paths: [String: String] = [:]
        var digest = KeyHasher("templates")
        for path in files.allFiles(below: folder) where path.hasSuffix(".mustache") {
            let name = String(path.dropFirst(folder.count + 1).dropLast(".mustache".count))
            do {
                let text = try files.text(path)
                digest.add(name); digest.add(text)
                sources[name] = text
                paths[name] = path
            } catch {
                log.error("template could not be read: \(error)", at: SourceLocation(path: path))
            }
        }
        let compiled = CompiledTemplates(sources: sources)
        let mustache: Once<MustacheLibrary>
        if compiled != nil {
            // Every template compiled, and the compiled parser accepts nothing swift-mustache rejects: parsing
            // them again with swift-mustache (a tenth of building a small site) waits until a page needs it.
            let (templates, files) = (sources, paths)
            mustache = Once { register(templates, paths: files, log: nil) }
        } else {
            let library = register(sources, paths: paths, log: log)
            mustache = Once { library }
        }
        return Theme(mustache: mustache, compiled: compiled,
                     strings: loadStrings(files, languages: languages, log: log),
                     assets: [:], assetSources: [:], templatesDigest: digest.finish()).withAssets(files, log: log)
    }

    /// swift-mustache's library of the templates; syntax errors go to `log`.
    private static func register(_ sources: [String: String], paths: [String: String], log: DiagnosticLog?) -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let path = paths[name] ?? name
            do {
                try library.register(source, named: name)
            } catch let error as MustacheLibrary.ParserError {
                log?.error("template syntax: \(error.error)",
                           at: SourceLocation(path: path, line: error.context.lineNumber,
                                              column: error.context.columnNumber))
            } catch let error as MustacheTemplate.ParserError {
                log?.error("template syntax: \(error.error)",
                           at: SourceLocation(path: path, line: error.context.lineNumber,
                                              column: error.context.columnNumber))
            } catch {
                log?.error("template could not be read: \(error)", at: SourceLocation(path: path))
            }
        }
        return library
    }

    /// `templates/i18n/<lang>.yml`. A key missing from a later language falls back to the first one, with a
    /// warning naming it, so a half-translated theme still builds.
    static func loadStrings(_ files: SiteFiles, languages: [String], log: DiagnosticLog) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for language in languages {
            let path = "\(folder)/i18n/\(language).yml"
            guard files.exists(path) else {
                log.error("the theme has no UI strings for language `\(language)`", at: SourceLocation(path: path))
                continue
            }
            do {
                let value = try YAMLValue.parse(try files.text(path), path: path)
                let fields = Fields(value, path: path, at: SourceLocation(path: path), log: log)
                var table: [String: String] = [:]
                for key in fields.keys { table[key] = fields.string(key) ?? "" }
                result[language] = table
            } catch let diagnostic as Diagnostic {
                log.report(diagnostic)
            } catch {
                log.error("cannot read: \(error)", at: SourceLocation(path: path))
            }
        }
        if let first = languages.first, let base = result[first] {
            for language in languages.dropFirst() {
                var table = result[language] ?? [:]
                for key in base.keys.sorted() where table[key] == nil {
                    log.warning("UI string `\(key)` has no `\(language)` translation; using `\(first)`",
                                at: SourceLocation(path: "\(folder)/i18n/\(language).yml"))
                    table[key] = base[key]
                }
                result[language] = table
            }
        }
        return result
    }

    /// Fingerprints every file under `templates/assets/`: the content hash in the name lets browsers cache
    /// assets forever and still see a new stylesheet the moment it changes.
    func withAssets(_ files: SiteFiles, log: DiagnosticLog) -> Theme {
        var assets: [String: String] = [:]
        var sources: [String: String] = [:]
        let root = "\(Self.folder)/assets"
        for path in files.allFiles(below: root) {
            let logical = String(path.dropFirst(root.count + 1))
            guard let data = try? files.data(path) else {
                log.error("cannot read asset", at: SourceLocation(path: path))
                continue
            }
            let hash = SHA256.hash(data: data).prefix(4).map { String(format: "%02x", $0) }.joined()
            let url = URL(fileURLWithPath: logical)
            let ext = url.pathExtension
            let stem = ext.isEmpty ? logical : String(logical.dropLast(ext.count + 1))
            let fingerprinted = "assets/\(stem).\(hash)" + (ext.isEmpty ? "" : ".\(ext)")
            assets[logical] = fingerprinted
            sources[fingerprinted] = path
        }
        return Theme(mustache: mustache, compiled: compiled, strings: strings, assets: assets, assetSources: sources,
                     templatesDigest: templatesDigest)
    }

    public func has(template name: String) -> Bool {
        if let compiled { return compiled.has(name) }
        return library.getTemplate(named: name) != nil
    }

    /// Renders a template. A missing template is a theme bug caught by `Theme.require` before rendering.
    public func render(_ name: String, _ context: [String: Any]) -> String {
        String(decoding: renderBytes(name, context), as: UTF8.self)
    }

    /// Renders a template into UTF-8 bytes: through the compiled templates, or swift-mustache for what they
    /// leave to it (see `CompiledTemplates`).
    public func renderBytes(_ name: String, _ context: [String: Any]) -> [UInt8] {
        if let bytes = compiled?.render(name, context) { return bytes }
        return Array((library.render(context, withTemplate: name) ?? "").utf8)
    }

    /// The layout's values of one language resolved for the compiled templates (see `LayoutValues`); nil when
    /// pages are rendered over merged values.
    func layoutValues(_ values: [String: Any]) -> LayoutValues? { compiled?.layoutValues(values) }

    /// A page: its own values over the layout's, rendered as `renderBytes` renders the two merged (`own` wins a
    /// name both have). With `resolved` (the same layout, from `layoutValues`) nothing is merged.
    func renderBytes(_ name: String, own: [String: Any], layout: [String: Any], resolved: LayoutValues?,
                     shared: SharedItems? = nil) -> [UInt8] {
        if let compiled, let resolved,
           let bytes = compiled.render(name, own: own, layout: resolved, shared: shared) { return bytes }
        var values = layout
        for (key, value) in own { values[key] = value }
        return renderBytes(name, values)
    }

    /// Reports templates the outputs need but the theme lacks, before any page is rendered.
    public func require(_ names: Set<String>, log: DiagnosticLog) {
        for name in names.sorted() where !has(template: name) {
            log.error("the theme has no template `\(name).mustache`", at: SourceLocation(path: "\(Self.folder)/\(name).mustache"))
        }
    }
}
