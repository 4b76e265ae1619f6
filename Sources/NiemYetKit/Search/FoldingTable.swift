/// The search folding of every scalar below U+3040, as `SearchText.scan` looks it up: the folded scalar in the low
/// 21 bits and its `ScalarKind` in the top byte, or 0 (`SearchText.dropped`) for a scalar folding drops (marks).
///
/// The table is defined by `SearchText.fold` (`computed()`), but computing it sends 12,000 scalars through
/// Foundation's lower-casing and decomposition: ~25 ms of CPU at the start of every build, a tenth of building a
/// 1,000-article site. So the table is stored in the source, as runs (`FoldingTableData.swift`, generated), and
/// `FoldingTableTests` holds the stored table equal to the computed one: a Swift whose Unicode data differs fails
/// that test, which then says how to write the file again.
///
/// Stored form: runs separated by white space, each `start,count,kind,delta`: `count` scalars from `start` (hex)
/// share the kind (0 for dropped) and fold to themselves plus `delta` (decimal, signed): `41,26,1,32` would be
/// `A`–`Z` folding to `a`–`z`, words. Scalars below the first run (ASCII) are 0; `scan` never looks them up.
enum FoldingTable {
    static let limit: UInt32 = 0x3040

    /// The table from its stored runs.
    static func stored() -> [UInt32] {
        decode(runs) ?? computed()
    }

    /// The table by its definition, `SearchText.fold` scalar by scalar. Scalars that fold to more than one
    /// scalar are not in the table's range (the table would be cut there).
    static func computed() -> [UInt32] {
        var table = [UInt32](repeating: SearchText.dropped, count: Int(limit))
        for value in 0x80..<limit {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let folded = Array(SearchText.fold(String(scalar)).unicodeScalars)
            if folded.count == 1 {
                table[Int(value)] = UInt32(SearchText.kind(of: folded[0]).rawValue) << 24 | folded[0].value
            } else if folded.count > 1 {
                return Array(table[..<Int(value)])
            }
        }
        return table
    }

    /// The stored form of `table`, 8 runs a line.
    static func encode(_ table: [UInt32]) -> String {
        func key(_ index: Int) -> (kind: UInt32, delta: Int) {
            let entry = table[index]
            return entry == SearchText.dropped ? (0, 0) : (entry >> 24, Int(entry & 0x1F_FFFF) - index)
        }
        var runs: [String] = []
        var start = 0x80
        while start < table.count {
            let (kind, delta) = key(start)
            var end = start + 1
            while end < table.count, key(end) == (kind, delta) { end += 1 }
            runs.append("\(String(start, radix: 16, uppercase: true)),\(end - start),\(kind),\(delta)")
            start = end
        }
        return stride(from: 0, to: runs.count, by: 8)
            .map { runs[$0..<min($0 + 8, runs.count)].joined(separator: " ") }
            .joined(separator: "\n")
    }

    /// The table the runs describe, or nil when they are malformed (then `stored` computes it).
    static func decode(_ runs: String) -> [UInt32]? {
        var table: [UInt32] = []
        for run in runs.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = run.split(separator: ",")
            guard parts.count == 4, let start = Int(parts[0], radix: 16), let count = Int(parts[1]),
                  let kind = UInt32(parts[2]), let delta = Int(parts[3]), start == max(table.count, 0x80), count > 0
            else { return nil }
            if table.isEmpty { table = [UInt32](repeating: SearchText.dropped, count: 0x80) }
            for value in start..<start + count {
                guard kind != 0 else { table.append(SearchText.dropped); continue }
                guard let folded = UInt32(exactly: value + delta), folded <= 0x1F_FFFF else { return nil }
                table.append(kind << 24 | folded)
            }
        }
        return table.isEmpty ? nil : table
    }
}
