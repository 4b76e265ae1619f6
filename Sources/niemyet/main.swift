import ArgumentParser
import Foundation
import NiemYetKit

/// `niemyet`: argument parsing only; every decision is made in NiemYetKit.
struct Niemyet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "niemyet",
        abstract: "Static-site generator for commune transparency portals (cổng thông tin xã/phường).",
        version: NiemYet.version,
        subcommands: [Build.self, Check.self, Serve.self, New.self, Import.self]
    )
}

struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder (holding content/ and templates/).")
    var site: String = "."

    @Option(name: .long, help: "Override base_url from content/site.yml, e.g. https://example.test/sub/.")
    var baseURL: String?

    @Flag(name: .long, help: "Publish drafts too.")
    var drafts = false

    @Option(name: .long, help: "Build as if today were this date (YYYY-MM-DD): decides expired notices and the current week.")
    var now: String?

    func buildOptions(output: String?) throws -> BuildOptions {
        let date = try parseDate(now)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let siteURL = URL(fileURLWithPath: site, relativeTo: cwd)
        return BuildOptions(site: siteURL, output: output.map { URL(fileURLWithPath: $0, relativeTo: cwd) },
                            baseURL: baseURL, includeDrafts: drafts, now: date)
    }
}

struct Build: ParsableCommand {
    // Every command names itself: ArgumentParser otherwise derives the name from the type with
    // `String(describing:)`, whose protocol conformance lookups scan the whole static binary at each start (~1.4 ms
    // of every build, before any work).
    static let configuration = CommandConfiguration(commandName: "build",
                                                    abstract: "Build the site into the output folder.")
    @OptionGroup var options: SiteOptions
    @Option(name: .long, help: "Output folder (default: <site>/public).")
    var output: String?
    @Flag(name: .long, help: "Neither read nor write the build cache (.niemyet-cache/ in the site).")
    var noCache = false
    @Flag(name: .long, help: ArgumentHelp("Leave out the search index (bench/search.py times the build without it).",
                                          visibility: .hidden))
    var noSearchIndex = false

    func run() throws {
        var options = try options.buildOptions(output: output)
        options.searchIndex = !noSearchIndex
        options.releasesMemory = false
        let result = noCache ? SiteBuilder.build(options) : SiteBuilder.buildUsingSiteCache(options)
        try BuildReport.finish(result, verb: "built")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check",
                                                    abstract: "Validate the site without writing anything.")
    @OptionGroup var options: SiteOptions

    func run() throws {
        let result = SiteBuilder.build(try options.buildOptions(output: nil), write: false)
        try BuildReport.finish(result, verb: "checked")
    }
}

/// Runs `niemyet-serve`, the program next to this one, with the same arguments: the preview server lives there
/// so that this program, which every build starts, loads no networking libraries (see niemyet-serve's main.swift).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site in a browser; pages rebuild and reload as you save.",
        discussion: "Options: --site DIR, --port N, --host ADDRESS, --drafts, --now YYYY-MM-DD (niemyet serve --help)."
    )
    @Argument(parsing: .captureForPassthrough, help: "The preview's options.")
    var arguments: [String] = []

    func run() throws {
        // This very program, wherever it was started from (PATH, a link, a relative path): Foundation reads
        // /proc/self/exe on Linux and asks the loader on macOS, where there is no /proc.
        guard let program = Bundle.main.executableURL?.resolvingSymlinksInPath() else {
            throw ValidationError("cannot find where niemyet itself is, to start niemyet-serve next to it")
        }
        let server = program.deletingLastPathComponent().appendingPathComponent("niemyet-serve").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw ValidationError("""
                \(server) is missing: build it next to niemyet with \
                `swift build -c release --product niemyet-serve --static-swift-stdlib` (`make build` does)
                """)
        }
        let argv = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        throw ValidationError("cannot start \(server): \(String(cString: strerror(errno)))")
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new content file with today's date and the fields its kind needs.",
        discussion: """
        niemyet new news "Tiêu đề bài viết"        content/news/<date>-<slug>.md
        niemyet new announcement "Tiêu đề"          content/announcements/<date>-<slug>.md
        niemyet new page "Giới thiệu"               content/pages/<slug>.md
        niemyet new procedure 1.000894 ["Tên"]      content/procedures/1.000894.md
        An existing file is never replaced.
        """
    )
    @Argument(help: "news, announcement, page or procedure.")
    var kind: String
    @Argument(help: "The title (for a procedure: its national code, then optionally its title).")
    var words: [String] = []
    @Option(name: .long, help: "The site folder (holding content/ and templates/).")
    var site: String = "."
    @Option(name: .long, help: "Use this date instead of today (YYYY-MM-DD).")
    var now: String?

    func run() throws {
        guard let kind = Scaffold.Kind(rawValue: kind) else {
            throw ValidationError("unknown kind `\(kind)`: use news, announcement, page or procedure")
        }
        var title = words.joined(separator: " ")
        var code: String?
        if kind == .procedure {
            guard let first = words.first else { throw ValidationError("give the procedure's code, e.g. 1.000894") }
            code = first
            title = words.dropFirst().joined(separator: " ")
        } else if title.isEmpty {
            throw ValidationError("give a title, e.g. niemyet new \(kind.rawValue) \"Tiêu đề\"")
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let today = try parseDate(now) ?? ContentDate(epochSeconds: Int(Date().timeIntervalSince1970), hasTime: true)
        var stderr = FileHandle.standardError
        do {
            let draft = try Scaffold.create(kind, title: title.isEmpty ? nil : title, code: code, today: today,
                                            in: URL(fileURLWithPath: site, relativeTo: cwd))
            print(draft.path)
        } catch {
            print("niemyet: \(error)", to: &stderr)
            throw ExitCode(1)
        }
    }
}

/// `--now`, reported as a usage error (with the command's usage) when it is not a date.
func parseDate(_ text: String?) throws -> ContentDate? {
    do { return try ContentDate.option(text) } catch { throw ValidationError(error.description) }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import content from another system's export.",
        subcommands: [ImportProcedures.self]
    )
}

struct ImportProcedures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "procedures",
        abstract: "Import procedures from the national public-service portal's JSON export into content/procedures/.",
        discussion: """
        Files are written as content/procedures/<code>.md. Importing the same file again changes nothing. \
        A file changed by hand since it was imported is kept (and reported) unless --force is given.
        """
    )
    @Argument(help: "The export (JSON list of records with ma_tthc, ten_tthc, linh_vuc, ...).")
    var file: String
    @Option(name: .long, help: "The site folder (holding content/ and templates/).")
    var site: String = "."
    @Flag(name: .long, help: "Replace files that were changed by hand since they were imported.")
    var force = false

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let report = ProcedureImporter.run(input: URL(fileURLWithPath: file, relativeTo: cwd), displayPath: file,
                                           site: URL(fileURLWithPath: site, relativeTo: cwd), force: force)
        var stderr = FileHandle.standardError
        for diagnostic in report.diagnostics { print(diagnostic, to: &stderr) }
        print(report.summary, to: &stderr)
        if !report.succeeded { throw ExitCode(1) }
    }
}

enum BuildReport {
    static func finish(_ result: BuildResult, verb: String) throws {
        var stderr = FileHandle.standardError
        for diagnostic in result.diagnostics { print(diagnostic, to: &stderr) }
        print(BuildSummary.line(result, verb: verb), to: &stderr)
        if !result.succeeded { throw ExitCode(1) }
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}

// Usage errors exit with 2 (content errors with 1), not ArgumentParser's default 64.
do {
    var command = try Niemyet.parseAsRoot()
    try command.run()
} catch {
    let code = Niemyet.exitCode(for: error)
    if code == .success || error is ExitCode {
        Niemyet.exit(withError: error)
    }
    var stderr = FileHandle.standardError
    print(Niemyet.fullMessage(for: error), to: &stderr)
    Foundation.exit(2)
}
