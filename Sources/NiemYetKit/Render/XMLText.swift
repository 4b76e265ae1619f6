/// Escaping for text written into XML and HTML by code rather than by templates.
enum XMLText {
    static func escape(_ text: String) -> String {
        // Most texts (addresses, titles) need nothing: one pass over the bytes finds that, instead of rebuilding
        // them scalar by scalar (the sitemap escapes every URL of the site). Control characters other than
        // LF, TAB and CR are single bytes below 0x20.
        if !text.utf8.contains(where: { byte in
            byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
                || (byte < 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D)
        }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are not allowed in XML 1.0; content should never carry them.
                if ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
