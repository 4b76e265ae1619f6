import ArgumentParser
import Foundation
import NiemYetKit
import NiemYetServe

/// `niemyet serve`, as a program of its own: `niemyet serve ...` runs it (see `Serve` in niemyet's main.swift).
/// The preview server brings FlyingFox, and with it Foundation's networking and libcurl with some thirty
/// libraries that the dynamic loader then loads and relocates at every start: ~3.5 ms of each `niemyet build`,
/// which never serves anything. Argument parsing only; the server is NiemYetServe's.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "niemyet serve",
        abstract: "Preview the site in a browser; pages rebuild and reload as you save.",
        discussion: """
        Builds into <site>/.niemyet-cache/preview/ (never into the published output) with base_url set to the \
        local address, serves it, and rebuilds when a file under content/ or templates/ changes. Open tabs \
        reload by themselves; when a rebuild fails they keep the last good page and show the errors.
        """,
        version: NiemYet.version
    )
    @Option(name: .long, help: "The site folder (holding content/ and templates/).")
    var site: String = "."
    @Option(name: .long, help: "Port to listen on.")
    var port: UInt16 = 8080
    @Option(name: .long, help: "Address to listen on (loopback by default: only this computer can connect).")
    var host: String = "127.0.0.1"
    @Flag(name: .long, help: "Show drafts too.")
    var drafts = false
    @Option(name: .long, help: "Build as if today were this date (YYYY-MM-DD).")
    var now: String?

    func run() throws {
        let date: ContentDate?
        do { date = try ContentDate.option(now) } catch { throw ValidationError(error.description) }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let options = PreviewOptions(site: URL(fileURLWithPath: site, relativeTo: cwd), host: host, port: port,
                                     includeDrafts: drafts, now: date)
        let status = PreviewServer.run(options)
        if status != 0 { throw ExitCode(status) }
    }
}

ServeCommand.main()
