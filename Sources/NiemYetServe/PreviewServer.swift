import FlyingFox
import FlyingSocks
import Foundation
import NiemYetKit

/// What `niemyet serve` is asked to do.
public struct PreviewOptions: Sendable {
    public var site: URL
    /// Loopback by default: the preview is for the editor at this computer, not for the office network.
    public var host: String
    /// 0 picks a free port (tests).
    public var port: UInt16
    public var includeDrafts: Bool
    /// A fixed "today" (`--now`); otherwise the clock, read again at every rebuild.
    public var now: ContentDate?

    public init(site: URL, host: String = "127.0.0.1", port: UInt16 = 8080, includeDrafts: Bool = false,
                now: ContentDate? = nil) {
        self.site = site.standardizedFileURL
        self.host = host
        self.port = port
        self.includeDrafts = includeDrafts
        self.now = now
    }
}

public enum PreviewError: Error, CustomStringConvertible {
    case badHost(String)
    case cannotListen(String, String)

    public var description: String {
        switch self {
        case .badHost(let host):
            return "--host must be an IP address such as 127.0.0.1 or ::1, not \(host)"
        case .cannotListen(let address, let reason):
            return "cannot listen on \(address): \(reason) (is another `niemyet serve` running? try --port 8081)"
        }
    }
}

/// `niemyet serve`: builds the site into a preview folder (`.niemyet-cache/preview/` in the site, never the
/// published output) with `base_url` set to the local address and the live-reload script in every page, serves
/// it, and rebuilds when anything under `content/` or `templates/` changes. Rebuilds use an in-memory
/// `BuildCache` and update the preview folder in place, so after one article is saved only the pages that show
/// it are rendered and written again. A failed rebuild leaves the folder as it was (content errors stop a build
/// before anything is written): the browser keeps the last good pages and shows the errors over them.
public final class PreviewServer: @unchecked Sendable {
    public let options: PreviewOptions
    public let output: URL
    let events = PreviewEvents()
    private let cache: BuildCache
    private let watcher: SourceWatcher
    private let terminal: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "niemyet.preview.rebuild")
    private let lock = NSLock()
    private var building = false
    private var pending: [String] = []
    private var server: HTTPServer?
    private var keepAlive: DispatchSourceTimer?
    private var stopped = false
    private var lastWarnings: [String] = []
    /// `http://127.0.0.1:8080/`, known once the server listens.
    public private(set) var baseURL = ""

    public init(options: PreviewOptions,
                terminal: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.options = options
        self.output = options.site.appendingPathComponent(BuildCache.folderName).appendingPathComponent("preview")
        // What the last `niemyet build` parsed is reused for the first preview build; the preview never writes
        // the cache file back (its pages differ from the published ones anyway).
        self.cache = BuildCache.load(site: options.site, rememberingFiles: true)
        VietnameseCollation.rememberAnswers()
        self.watcher = SourceWatcher(root: options.site)
        self.terminal = terminal
    }

    // MARK: starting and stopping

    /// Listens, builds, then watches the sources. Returns the result of the first build (the server runs even
    /// when it failed: the editor fixes the file and the page appears).
    @discardableResult
    public func start() async throws -> BuildResult {
        let server = try makeServer()
        self.server = server
        let failure = ErrorBox()
        Task { do { try await server.run() } catch { failure.set(error) } }
        while !(await server.isListening) {
            if let error = failure.value {
                throw PreviewError.cannotListen("\(options.host):\(options.port)", "\(error)")
            }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        var port = options.port
        switch await server.listeningAddress {
        case .ip4(_, let bound)?, .ip6(_, let bound)?: port = bound
        default: break
        }
        baseURL = "http://\(Self.urlHost(options.host)):\(port)/"

        lock.withLock { building = true }
        watcher.start { [weak self] changed in self?.changed(changed) }
        let result = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.buildOnce(changed: [])) }
        }
        report(result, changed: [])
        terminal("niemyet: preview at \(baseURL) (watching content/ and templates/; Ctrl-C stops)")
        queue.async { self.drain() }  // changes saved during the first build

        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 15, repeating: 15)
        timer.setEventHandler { [events] in events.keepAlive() }
        timer.resume()
        keepAlive = timer
        return result
    }

    /// Stops at once: open event streams are ended first, so no browser tab holds the server up.
    public func stop() async {
        let wasStopped = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        if wasStopped { return }
        watcher.stop()
        keepAlive?.cancel()
        events.finishAll()
        // Connections still open after this are cancelled; the listening task does not end by itself.
        await server?.stop(timeout: 0.2)
    }

    /// `niemyet serve`: runs until SIGINT (Ctrl-C) or SIGTERM; returns the exit status.
    public static func run(_ options: PreviewOptions) -> Int32 {
        let preview = PreviewServer(options: options)
        let finished = DispatchSemaphore(value: 0)
        let status = ErrorBox()
        var handlers: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // Whatever happens while stopping, the process ends within a second and a half.
                DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { exit(0) }
                Task {
                    await preview.stop()
                    finished.signal()
                }
            }
            source.resume()
            handlers.append(source)
        }
        Task {
            do {
                try await preview.start()
            } catch {
                preview.terminal("niemyet: \(error)")
                status.set(error)
                finished.signal()
            }
        }
        finished.wait()
        _ = handlers
        return status.value == nil ? 0 : 1
    }

    private func makeServer() throws -> HTTPServer {
        let handler = PreviewHandler(files: OutputPath(root: output), events: events)
        let host = options.host == "localhost" ? "127.0.0.1" : options.host
        // An idle keep-alive connection or an event stream is not a stuck request: the timeout applies to
        // handlers only, and ours answer at once.
        if host.contains(":") {
            guard let address = try? sockaddr_in6.inet6(ip6: host, port: options.port) else {
                throw PreviewError.badHost(options.host)
            }
            return HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)
        }
        guard let address = try? sockaddr_in.inet(ip4: host, port: options.port) else {
            throw PreviewError.badHost(options.host)
        }
        return HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)
    }

    /// The host as it goes into a URL: `[::1]` for IPv6; a wildcard address is reached through loopback.
    static func urlHost(_ host: String) -> String {
        switch host {
        case "0.0.0.0", "localhost": return "127.0.0.1"
        case "::": return "[::1]"
        default: return host.contains(":") ? "[\(host)]" : host
        }
    }

    // MARK: rebuilding

    /// Called by the watcher with the site-relative paths that changed: rebuilds, at most one build at a time;
    /// changes saved during a build are gathered into the next one.
    func changed(_ paths: [String]) {
        lock.lock()
        pending += paths
        if building || stopped { lock.unlock(); return }
        building = true
        lock.unlock()
        queue.async { self.drain() }
    }

    private func drain() {
        while true {
            lock.lock()
            let paths = pending
            pending = []
            if paths.isEmpty || stopped {
                building = false
                lock.unlock()
                return
            }
            lock.unlock()
            report(buildOnce(changed: paths), changed: paths)
        }
    }

    /// One build of the preview. Only the rebuild queue calls it. The pages of the files just saved are
    /// written (and their tabs told) first; the rest of the site follows.
    func buildOnce(changed: [String]) -> BuildResult {
        var build = BuildOptions(site: options.site, output: output, baseURL: baseURL,
                                 includeDrafts: options.includeDrafts, now: options.now,
                                 liveReloadScript: LiveReload.tag)
        build.cache = cache
        build.updateInPlace = true
        build.writeFirst = Set(changed)
        let early = ErrorBox.Strings()
        let started = DispatchTime.now()
        build.firstWritten = { [events, terminal] update in
            guard update.problems.isEmpty, !update.changed.isEmpty else { return }
            early.set(update.changed)
            events.published(update.changed)
            let ms = (DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
            terminal("niemyet: \(Self.describe(update.changed)) updated in \(ms) ms")
        }
        var result = SiteBuilder.build(build)
        if result.succeeded {
            let first = Set(early.value)
            let rest = (result.changedFiles ?? []).filter { !first.contains($0) }
            // Also after a build that changed nothing: tabs drop the overlay of a failure now fixed.
            if !rest.isEmpty || first.isEmpty { events.published(rest) }
        }
        result.changedFiles = result.changedFiles ?? []
        return result
    }

    private func report(_ result: BuildResult, changed: [String]) {
        let errors = result.diagnostics.filter { $0.severity == .error }.sorted()
        // Warnings are shown when they change, not again at every save.
        let warnings = result.diagnostics.filter { $0.severity == .warning }.sorted().map(\.description)
        if !result.succeeded || warnings != lastWarnings {
            for diagnostic in result.diagnostics.sorted() { terminal(diagnostic.description) }
        }
        if result.succeeded { lastWarnings = warnings }
        let what = changed.isEmpty ? "built" : "\(Self.describe(changed)) changed: rebuilt"
        if result.succeeded {
            let files = result.changedFiles?.count ?? 0
            let note = warnings.isEmpty ? "" : ", \(warnings.count) warning(s)"
            terminal("niemyet: \(what) in \(Int(result.seconds * 1000)) ms (\(files) file(s) changed\(note))")
        } else {
            events.failed(PreviewEvents.Failure(errors: errors.map(\.description)))
            terminal("niemyet: \(errors.count) error(s); the preview keeps the last good build")
        }
    }

    static func describe(_ paths: [String]) -> String {
        paths.count == 1 ? paths[0] : "\(paths[0]) and \(paths.count - 1) more file(s)"
    }
}

/// The first error a background task met, read from another.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ error: any Error) { lock.lock(); self.error = error; lock.unlock() }
    var value: (any Error)? { lock.lock(); defer { lock.unlock() }; return error }

    /// Strings handed from one thread to another.
    final class Strings: @unchecked Sendable {
        private let lock = NSLock()
        private var strings: [String] = []
        func set(_ strings: [String]) { lock.lock(); self.strings = strings; lock.unlock() }
        var value: [String] { lock.lock(); defer { lock.unlock() }; return strings }
    }
}
