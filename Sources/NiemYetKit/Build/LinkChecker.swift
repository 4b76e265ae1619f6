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
    /// Foundation only where it has work to do: a large site has a link in nearly every article, and decoding and
    /// normalising each through Foundation held up the build on one core between loading and rendering.
    static func normalise(_ raw: String) -> String {
        var path = raw.utf8.contains(UInt8(ascii: "%")) ? raw.removingPercentEncoding ?? raw : raw
        if path.hasSuffix("/index.html") { path = String(path.dropLast("index.html".count)) }
        let last = path.split(separator: "/").last ?? ""
        if !path.hasSuffix("/") && !last.contains(".") { path += "/" }
        return path.precomposed
    }
}
