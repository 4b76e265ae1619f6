import ArgumentParser
import Foundation
import NiemYetKit

/// `niemyet`: argument parsing only; every decision is made in NiemYetKit.
struct Niemyet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "niemyet",
        abstract: "Static-site generator for commune transparency portals (cổng thông tin xã/phường).",
        version: NiemYet.version,
        subcommands: [Build.self, Check.self, Import.self]
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
        var date: ContentDate?
        if let now {
            guard let parsed = ContentDate(parsing: now) else {
                throw ValidationError("--now must be a date such as 2025-07-31")
            }
            date = parsed
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let siteURL = URL(fileURLWithPath: site, relativeTo: cwd)
        return BuildOptions(site: siteURL, output: output.map { URL(fileURLWithPath: $0, relativeTo: cwd) },
                            baseURL: baseURL, includeDrafts: drafts, now: date)
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")
    @OptionGroup var options: SiteOptions
    @Option(name: .long, help: "Output folder (default: <site>/public).")
    var output: String?
    @Flag(name: .long, help: "Neither read nor write the build cache (.niemyet-cache/ in the site).")
    var noCache = false

    func run() throws {
        let options = try options.buildOptions(output: output)
        let result = noCache ? SiteBuilder.build(options) : SiteBuilder.buildUsingSiteCache(options)
        try BuildReport.finish(result, verb: "built")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate the site without writing anything.")
    @OptionGroup var options: SiteOptions

    func run() throws {
        let result = SiteBuilder.build(try options.buildOptions(output: nil), write: false)
        try BuildReport.finish(result, verb: "checked")
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
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
