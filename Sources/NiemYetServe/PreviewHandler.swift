import FlyingFox
import Foundation

/// Answers the browser: the preview's own endpoints (`/_niemyet/...`), then files of the output folder through
/// `OutputPath`, which alone decides what may be read. Everything is sent with `Cache-Control: no-store`: a
/// preview must never show a page older than the last build.
struct PreviewHandler: HTTPHandler {
    let files: OutputPath
    let events: PreviewEvents

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD are served.\n", extra: [.allow: "GET, HEAD"])
        }
        let rawPath = request.target.path(percentEncoded: true)
        switch rawPath {
        case PreviewEvents.path:
            return events.response()
        case LiveReload.scriptPath:
            return Self.response(.ok, Data(LiveReload.script.utf8), type: "text/javascript; charset=utf-8",
                                 head: request.method == .HEAD)
        default:
            return serve(rawPath, head: request.method == .HEAD)
        }
    }

    func serve(_ rawPath: String, head: Bool) -> HTTPResponse {
        switch files.resolve(rawPath) {
        case .file(let url):
            guard let data = FileManager.default.contents(atPath: url.path) else { return notFound(rawPath, head: head) }
            return Self.response(.ok, data, type: OutputPath.contentType(for: url.path), head: head)
        case .redirect(let location):
            var response = Self.text(.movedPermanently, "Moved to \(location)\n", head: head)
            response.headers[.location] = location
            return response
        case .badRequest:
            return Self.text(.badRequest, "Bad request path.\n", head: head)
        case .notFound:
            return notFound(rawPath, head: head)
        }
    }

    /// The site's own 404 page (the English one under `/en/`), as a static host would show it.
    private func notFound(_ rawPath: String, head: Bool) -> HTTPResponse {
        let language = rawPath.split(separator: "/").first.map(String.init)
        for candidate in [language.map { "/\($0)/404.html" }, "/404.html"].compactMap({ $0 }) {
            if case .file(let url) = files.resolve(candidate),
               let data = FileManager.default.contents(atPath: url.path) {
                return Self.response(.notFound, data, type: "text/html; charset=utf-8", head: head)
            }
        }
        return Self.text(.notFound, "Not found.\n", head: head)
    }

    static func text(_ status: HTTPStatusCode, _ body: String, head: Bool = false,
                     extra: [HTTPHeader: String] = [:]) -> HTTPResponse {
        var response = response(status, Data(body.utf8), type: "text/plain; charset=utf-8", head: head)
        for (key, value) in extra { response.headers[key] = value }
        return response
    }

    /// A response with its body (none for HEAD: FlyingFox then sends `Content-Length: 0`, which HEAD allows).
    static func response(_ status: HTTPStatusCode, _ body: Data, type: String, head: Bool) -> HTTPResponse {
        HTTPResponse(statusCode: status,
                     headers: [.contentType: type, .cacheControl: "no-store", HTTPHeader("X-Content-Type-Options"): "nosniff"],
                     body: head ? Data() : body)
    }
}

extension HTTPHeader {
    static let allow = HTTPHeader("Allow")
}
