import FlyingFox
import FlyingSocks
import Foundation

/// Server-Sent Events to the open preview tabs (`GET /_niemyet/events`): `hello` when a tab connects (with the
/// identity of the current build, so a tab that reconnects after missing a rebuild reloads), `reload` after a
/// successful rebuild wrote files (with the pages it changed: a tab reloads only when its own page is among
/// them), `errors` after a failed one (and at once to a tab that connects while the site is broken). SSE
/// rather than WebSocket: one-way is all a reload needs, and the browser reconnects by itself.
public final class PreviewEvents: @unchecked Sendable {
    public static let path = "/_niemyet/events"

    /// What a failed build shows in the browser overlay.
    public struct Failure: Codable, Sendable, Equatable {
        public var title: String
        public var hint: String
        public var close: String
        /// `path:line:column: error: message`, as in the terminal.
        public var errors: [String]

        /// The overlay for a failed rebuild, in the editors' language first.
        public init(errors: [String]) {
            self.title = "Bản dựng mới bị lỗi (build failed)"
            self.hint = "Trang đang xem là bản dựng đúng gần nhất. Sửa các lỗi dưới đây rồi lưu tệp: "
                + "trang sẽ tự tải lại. (You are seeing the last good build; fix these and save.)"
            self.close = "Đóng (close)"
            self.errors = errors
        }
    }

    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<Data>.Continuation] = [:]
    private let session = UUID().uuidString.prefix(8).lowercased()
    private var generation = 0
    private var failure: Failure?
    private var finished = false

    public init() {}

    public var subscriberCount: Int {
        lock.lock(); defer { lock.unlock() }
        return subscribers.count
    }

    /// What a `reload` event carries: the new build's identity and the URL paths of the pages it changed
    /// (`["*"]` when something every page uses changed, such as the stylesheet or an image).
    struct Reload: Codable {
        var id: String
        var paths: [String]
    }

    /// New files are being served: tell the tabs showing them to reload (and every tab to drop its error
    /// overlay). `files` are paths inside the output folder.
    public func published(_ files: [String]) {
        lock.lock()
        generation += 1
        failure = nil
        let event = Self.event("reload", Self.json(Reload(id: "\(session)-\(generation)", paths: Self.urlPaths(files))))
        let targets = Array(subscribers.values)
        lock.unlock()
        for target in targets { target.yield(event) }
    }

    /// The last rebuild failed: show its errors over the (still served) previous pages.
    public func failed(_ failure: Failure) {
        lock.lock()
        self.failure = failure
        let event = Self.event("errors", Self.json(failure))
        let targets = Array(subscribers.values)
        lock.unlock()
        for target in targets { target.yield(event) }
    }

    /// A comment line: keeps proxies and idle-connection timers from closing the stream, and lets the server
    /// notice tabs that went away (the write fails).
    func keepAlive() {
        lock.lock()
        let targets = Array(subscribers.values)
        lock.unlock()
        for target in targets { target.yield(Data(": keep-alive\n\n".utf8)) }
    }

    /// Ends every open stream (the server is stopping): browsers see the end at once instead of a hanging
    /// connection, and no response is left for the server to wait on.
    public func finishAll() {
        lock.lock()
        finished = true
        let targets = Array(subscribers.values)
        subscribers.removeAll()
        lock.unlock()
        for target in targets { target.finish() }
    }

    /// The event stream of one tab.
    public func subscribe() -> AsyncStream<Data> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.lock()
        if finished {
            lock.unlock()
            continuation.finish()
            return stream
        }
        subscribers[id] = continuation
        // Retry quickly when the connection drops (server restarted): the editor sees the new site at once.
        continuation.yield(Data("retry: 500\n".utf8) + Self.event("hello", "\(session)-\(generation)"))
        if let failure { continuation.yield(Self.event("errors", Self.json(failure))) }
        lock.unlock()
        return stream
    }

    private func remove(_ id: UUID) {
        lock.lock(); defer { lock.unlock() }
        subscribers[id] = nil
    }

    static func event(_ name: String, _ data: String) -> Data {
        // `data:` may not contain a newline; JSON is written on one line and other payloads have none.
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }
        return Data("event: \(name)\n\(lines.joined(separator: "\n"))\n\n".utf8)
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Output files as the URL paths a tab shows them at: `tin-tuc/a/index.html` → `/tin-tuc/a/`. Pages and
    /// documents (feeds, sitemap) stand for themselves; any other file (stylesheet, script, image) may be used
    /// by every page, so it makes every tab reload.
    static func urlPaths(_ files: [String]) -> [String] {
        let documents: Set<String> = ["html", "xml", "txt", "json", "csv", "webmanifest"]
        var paths: [String] = []
        for file in files.sorted() {
            guard documents.contains((file as NSString).pathExtension.lowercased()) else { return ["*"] }
            if file == "index.html" { paths.append("/") }
            else if file.hasSuffix("/index.html") { paths.append("/" + file.dropLast("index.html".count)) }
            else { paths.append("/" + file) }
        }
        return paths
    }

    /// The HTTP response for one tab: a chunked body that stays open until the tab goes away or the server
    /// stops.
    func response() -> HTTPResponse {
        HTTPResponse(statusCode: .ok,
                     headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                               HTTPHeader("X-Accel-Buffering"): "no"],
                     body: HTTPBodySequence(from: EventBytes(stream: subscribe())))
    }
}

/// An `AsyncStream` of event blocks as the byte sequence FlyingFox writes out (one chunk per event).
struct EventBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                guard let block = await base.next() else { return nil }
                pending = Array(block)
            }
            let take = Swift.min(Swift.max(count, 1), pending.count)
            defer { pending.removeFirst(take) }
            return Array(pending.prefix(take))
        }
    }
}
