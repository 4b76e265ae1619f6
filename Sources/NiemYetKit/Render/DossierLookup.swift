import Foundation

/// `/tra-cuu-ho-so/`: the dossier status lookup, and the small static files it reads.
///
/// Each dossier is published under the SHA-256 of its normalised code, never the code itself, in bucket files
/// `/tra-cuu-ho-so/du-lieu/<first hex digits>.json`. The number of digits grows with the number of dossiers so
/// a bucket holds about two entries: a lookup downloads a few hundred bytes, and no file lists more than a
/// handful of dossiers. Only entries keyed by `keyLength` hex digits of the hash are stored (96 bits: no two
/// real codes share one), which also keeps the files small. `lookup.js` hashes what the citizen typed the same
/// way and reads one bucket.
struct DossierLookup: SiteOutput {
    var templates: Set<String> { ["dossier-lookup"] }
    static let path = "/tra-cuu-ho-so/"
    static let dataPath = "/tra-cuu-ho-so/du-lieu/"
    /// Hex digits of the hash that identify an entry (prefix included).
    static let keyLength = 24
    /// Average entries per bucket aimed at.
    static let bucketTarget = 2

    /// Hex digits naming a bucket: at least 2 (256 buckets), more as the data grows.
    static func prefixLength(for count: Int) -> Int {
        var digits = 2
        var buckets = 256
        while count > bucketTarget * buckets && digits < 8 {
            digits += 1
            buckets *= 16
        }
        return digits
    }

    func jobs(for site: Site) -> [OutputJob] {
        let dossiers = site.items(Dossier.self)
        guard !dossiers.isEmpty else { return [] }
        let digits = Self.prefixLength(for: dossiers.count)
        let now = site.options.now
        let names = ProcedureNames.all(in: site)
        var buckets: [String: [(key: String, json: String)]] = [:]
        for dossier in dossiers {
            let hex = dossier.hashHex
            let prefix = String(hex.prefix(digits))
            let key = String(hex.prefix(Self.keyLength).dropFirst(digits))
            let name = names[dossier.procedureCode] ?? dossier.procedureName ?? ""
            let fields: [String] = [dossier.procedureCode, name, dossier.received.isoDate, dossier.due.isoDate,
                                    dossier.status.rawValue, dossier.resolved?.isoDate ?? ""]
            let json = "[" + fields.map(JSONText.string).joined(separator: ",") + "," + (dossier.isLate(at: now) ? "1" : "0") + "]"
            buckets[prefix, default: []].append((key, json))
        }
        var jobs: [OutputJob] = buckets.keys.sorted().map { prefix in
            let entries = buckets[prefix]!.sorted { $0.key < $1.key }
            return OutputJob(path: Self.dataPath + prefix + ".json") {
                .bytes(Data(("{" + entries.map { JSONText.string($0.key) + ":" + $0.json }.joined(separator: ",")
                             + "}\n").utf8))
            }
        }
        jobs.append(OutputJob(path: Self.path, inSitemap: true) {
            var values: [String: Any] = [
                "data_url": site.link(Self.dataPath),
                "prefix_length": digits,
                "key_length": Self.keyLength,
                "as_of": site.format.date(now.civil),
                "strings_json": Self.strings(site: site),
            ]
            if let hotline = site.hotline { values["hotline"] = ["number": hotline, "tel": PhoneNumber.telURI(hotline)] }
            return site.renderPage("dossier-lookup",
                                   meta: PageMeta(title: site.t("lookup_title"), description: site.t("lookup_intro"),
                                                  path: Self.path),
                                   data: ["lookup": values])
        })
        return jobs
    }

    /// The texts `lookup.js` shows, from the theme's UI strings, as JSON for a `<script type="application/json">`.
    static func strings(site: Site) -> String {
        var table: [String: String] = [:]
        for key in ["lookup_empty", "lookup_searching", "lookup_not_found", "lookup_error", "lookup_procedure",
                    "lookup_received", "lookup_due", "lookup_resolved", "lookup_status", "lookup_late",
                    "lookup_on_time", "lookup_late_resolved", "lookup_result_title", "lookup_code_label",
                    "lookup_date_pattern"] {
            table[key] = site.t(key)
        }
        for status in Dossier.Status.allCases {
            let key = "lookup_status_" + status.rawValue.replacingEvery("-", with: "_")
            table[status.rawValue] = site.t(key)
            table[status.rawValue + "_help"] = site.t(key + "_help")
        }
        return "{" + table.keys.sorted().map { JSONText.string($0) + ":" + JSONText.string(table[$0]!) }.joined(separator: ",") + "}"
    }
}

/// Procedure names by national code, for lookup answers. A name from the procedures catalogue wins over the
/// export's `procedure_name` column; until the catalogue is part of the site, the column is the only source.
enum ProcedureNames {
    static func all(in site: Site) -> [String: String] {
        [:]
    }
}
