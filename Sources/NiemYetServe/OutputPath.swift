import Foundation

/// Maps a request path to a file of the output folder, and nothing else. This is the one place that decides
/// what a browser (or anyone on the machine) may read through the preview server, so it is strict:
///
/// - the path is percent-decoded exactly once; a `%` that does not start a valid escape, an escape that decodes
///   to another escape (`%252e` → `%2e`: double encoding), invalid UTF-8, NUL and other control characters,
///   backslashes and `.`/`..` segments are refused with 400 — browsers never send them for a real link;
/// - what is left is joined under the output folder and resolved with `realpath`, and the result must still be
///   inside the output folder (a symbolic link cannot lead out either);
/// - folders are served through their `index.html`; a folder asked for without its trailing slash is
///   redirected to it, as static hosts do, so relative URLs in it keep working.
public struct OutputPath: Sendable {
    public enum Resolution: Equatable, Sendable {
        case file(URL)
        /// Permanent redirect to this path (a folder without its trailing slash).
        case redirect(String)
        case badRequest
        case notFound
    }

    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// `rawPath` is the request target's path as it came over the wire, still percent-encoded, without the
    /// query string.
    public func resolve(_ rawPath: String) -> Resolution {
        guard let segments = Self.segments(of: rawPath) else { return .badRequest }
        guard let rootReal = Self.realPath(root.path) else { return .notFound }
        let joined = segments.isEmpty ? rootReal : rootReal + "/" + segments.joined(separator: "/")
        // realpath fails for missing files; it also follows every symbolic link, so the prefix test below sees
        // where the file really is.
        guard let real = Self.realPath(joined) else { return .notFound }
        guard real == rootReal || real.hasPrefix(rootReal + "/") else { return .notFound }
        var info = stat()
        guard stat(real, &info) == 0 else { return .notFound }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .file(URL(fileURLWithPath: real))
        case S_IFDIR:
            if !rawPath.hasSuffix("/") {
                return .redirect("/" + segments.map(Self.encodeSegment).joined(separator: "/") + "/")
            }
            let index = real + "/index.html"
            guard stat(index, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .notFound }
            return .file(URL(fileURLWithPath: index))
        default:
            return .notFound
        }
    }

    /// The decoded, checked segments of a path, or nil when the path must be refused.
    static func segments(of rawPath: String) -> [String]? {
        guard rawPath.hasPrefix("/") else { return nil }
        let raw = Array(rawPath.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < raw.count, let high = hexValue(raw[i + 1]), let low = hexValue(raw[i + 2]) else {
                    return nil
                }
                bytes.append(high << 4 | low)
                i += 3
            } else {
                bytes.append(byte)
                i += 1
            }
        }
        // A decoded `%` followed by two hex digits means the client encoded twice: refuse rather than guess
        // which layer a later step might decode again.
        for k in bytes.indices where bytes[k] == UInt8(ascii: "%") {
            if k + 2 < bytes.count, hexValue(bytes[k + 1]) != nil, hexValue(bytes[k + 2]) != nil { return nil }
        }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) { return nil }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { return nil }
        var segments: [String] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." || segment == ".." { return nil }
            // Output names are written in NFC (content is normalised at the door): match them whichever way the
            // browser composed the characters.
            segments.append(String(segment).precomposedStringWithCanonicalMapping)
        }
        return segments
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func encodeSegment(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#", "%"]))
            ?? segment
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The media type a static host would send for a file of the output.
    public static func contentType(for path: String) -> String {
        let name = (path as NSString).lastPathComponent.lowercased()
        let ext = (name as NSString).pathExtension
        if name == "feed.xml" || ext == "atom" { return "application/atom+xml; charset=utf-8" }
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "webmanifest": return "application/manifest+json"
        case "xml": return "application/xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "doc": return "application/msword"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xls": return "application/vnd.ms-excel"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "odt": return "application/vnd.oasis.opendocument.text"
        case "ods": return "application/vnd.oasis.opendocument.spreadsheet"
        case "zip": return "application/zip"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "mp4": return "video/mp4"
        case "mp3": return "audio/mpeg"
        default: return "application/octet-stream"
        }
    }
}
