import Foundation

/// Checks every internal link and media reference written in content against the planned output, so a typo in
/// `/tin-tuc/...` fails the build instead of sending a citizen to a 404.
enum LinkChecker {
    static func check(_ links: [InternalLink], routes: RouteTable, log: DiagnosticLog) {
        for link in links {
            let target = normalise(link.path)
            if routes.contains(target) { continue }
            let what = target.hasPrefix("/media/") ? "a file under content/media/ that does not exist"
                                                   : "a page that does not exist"
            log.error("link to \(what): \(link.path)", at: link.location)
        }
    }

    /// `/tin-tuc/abc` and `/tin-tuc/abc/index.html` both mean the page `/tin-tuc/abc/`.
    static func normalise(_ raw: String) -> String {
        var path = raw.removingPercentEncoding ?? raw
        if path.hasSuffix("/index.html") { path = String(path.dropLast("index.html".count)) }
        let last = path.split(separator: "/").last ?? ""
        if !path.hasSuffix("/") && !last.contains(".") { path += "/" }
        return path.precomposedStringWithCanonicalMapping
    }
}
