import Foundation
import Crypto

/// The search index of one language, written as many small files so a query downloads only what it needs.
///
/// Every term (a folded word, `ho`, or a pair of neighbouring words, `ho tich`) has a posting list: the numbers of
/// the documents containing it, each with a weight 1–31 that already holds where the term stands (title, keywords,
/// summary, body), how often, and the kind of document (procedures weigh most). Terms are spread over
/// `shardCount` shard files by a hash of the term (FNV-1a over its UTF-8 bytes), so the browser computes a term's
/// shard from the query alone and fetches one file per term, never the whole index.
///
/// Shard file (`<shard>.json`): a JSON object, term → posting list, terms in byte order. A posting list is a string
/// of numbers in a base-64 variable-length code (5 bits per character, the sixth bit says another character follows;
/// alphabet `A–Z a–z 0–9 - _`): for each document, the gap to the previous document number minus one, then the
/// weight minus one. Dense lists of common words are runs of `A`, which gzip squeezes to almost nothing.
///
/// Result files (`d/<group>.json`): what a result shows (`SearchFragment`) for `resultGroupSize` consecutive
/// documents, a JSON array whose element `n % resultGroupSize` is document `n`. One file per document made twelve
/// thousand files on the benchmark site, and creating a file costs more than writing its bytes; four documents a file
/// keep the bytes a page of ten results downloads within the search budget (results on screen rarely share a file).
///
/// The work is shared: documents are read in chunks and the shards are assembled in groups, all through
/// `SharedWork`, so every output job that needs the index helps build it (see `SearchPages`). Terms are handled as
/// folded UTF-8 bytes from start to end (`FoldedWords`, `ByteTable`): no `String` is made per word or pair.
public final class SearchIndex: @unchecked Sendable {
    public let documents: [SearchDocument]
    public let shardCount: Int
    private let groupCount: Int
    private let chunkSize: Int
    private let reading: SharedWork<Chunk>
    private let assembling: SharedWork<[(shard: Int, data: Data)]>

    /// Average shard size aimed at, before gzip. Smaller shards mean less of other terms downloaded with the
    /// query's own, and more files.
    static let targetShardBytes = 4096
    static let maxShards = 4096
    /// Documents per result file.
    public static let resultGroupSize = 4

    /// What a document's result shows, made from the document and its passages (`SearchFragment.json`).
    public typealias Fragment = @Sendable (SearchDocument, [String]) -> [UInt8]

    /// One posting as a chunk stores it: the term by its number among the chunk's terms of the same shard group.
    struct Entry {
        var term: Int32
        var document: Int32
        var weight: UInt8
    }

    /// What reading a run of documents gives: its terms, index entries by shard group, and its result files.
    struct Chunk: @unchecked Sendable {
        var terms = ByteTable(capacity: 8192)
        /// Per shard group: the chunk's terms in it (numbers in `terms`), in order of first appearance.
        var groupTerms: [[Int32]]
        var entries: [[Entry]]
        var results: [Data] = []
    }

    /// `fragment` makes what a result shows; it runs while the index reads the document. Without it the index
    /// writes no result data (tests of the index alone).
    public init(documents: [SearchDocument], fragment: Fragment? = nil) {
        self.documents = documents
        let shards = Self.shardCount(for: documents)
        self.shardCount = shards
        let groups = min(shards, 64)
        self.groupCount = groups
        // A whole number of result groups per chunk, so each result file is made by one chunk.
        let size = Self.resultGroupSize
        let chunk = (max(16, documents.count / 64) + size - 1) / size * size
        self.chunkSize = chunk
        let chunks = (documents.count + chunk - 1) / chunk
        let reading = SharedWork<Chunk>(parts: chunks) { index in
            Self.read(documents, range: index * chunk ..< min(documents.count, (index + 1) * chunk),
                      shards: shards, groups: groups, fragment: fragment)
        }
        self.reading = reading
        self.assembling = SharedWork(parts: groups) { group in
            Self.assemble(group: group, shards: shards, groups: groups, from: reading.results())
        }
    }

    /// Number of result files.
    public var resultGroupCount: Int { (documents.count + Self.resultGroupSize - 1) / Self.resultGroupSize }

    /// Result file `group`: documents `group * resultGroupSize ..< (group + 1) * resultGroupSize` (helps read the
    /// documents if that is not done yet).
    public func results(_ group: Int) -> Data {
        let first = group * Self.resultGroupSize
        return reading.results()[first / chunkSize].results[first % chunkSize / Self.resultGroupSize]
    }

    /// Number of shards, a power of two, from the amount of text (the index is roughly a fifth of the text's size):
    /// known before the index is built, because output paths are planned first.
    static func shardCount(for documents: [SearchDocument]) -> Int {
        let text = documents.reduce(0) { total, document in
            total + document.fields.reduce(0) { $0 + $1.1.utf8.count }
        }
        var shards = 1
        while shards < maxShards && shards * targetShardBytes * 5 < text { shards *= 2 }
        return shards
    }

    /// Shard number of a term: FNV-1a (32 bits) of its UTF-8 bytes, modulo the shard count.
    public static func shard(of term: String, count: Int) -> Int {
        Int(FNV.hash(term.utf8) % UInt32(count))
    }

    /// The bytes of shard `number` (helps build the index if it is not ready yet).
    public func shard(_ number: Int) -> Data {
        let parts = assembling.results()
        let group = parts[number % groupCount]
        return group[number / groupCount].data
    }

    /// A short hash of the whole index, put into the URLs the page fetches so a browser never mixes files of two
    /// builds (or of two layouts of the result files).
    public var version: String {
        var hasher = SHA256()
        hasher.update(data: Data("results in groups of \(Self.resultGroupSize)".utf8))
        for group in assembling.results() {
            for shard in group { hasher.update(data: shard.data) }
        }
        return hasher.finalize().prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Building

    /// Each term of a document with its weight 1–31: 4 if it is in the title, 3 if in the keywords (field,
    /// category, tags), plus its mentions in summary (2 each) and body (1 each) saturated so the tenth mention adds
    /// little (1 for one mention, towards 2.5 for many); all times the document kind's weight.
    public static func weights(of document: SearchDocument) -> [String: UInt8] {
        let chunk = read([document], range: 0..<1, shards: 1, groups: 1, fragment: nil)
        var result: [String: UInt8] = [:]
        for entry in chunk.entries[0] {
            result[chunk.terms.string(Int(chunk.groupTerms[0][Int(entry.term)]))] = entry.weight
        }
        return result
    }

    struct Tally {
        var title = false
        var keywords = false
        var mentions = 0.0

        mutating func add(_ field: SearchDocument.Field) {
            switch field {
            case .title: title = true
            case .keywords: keywords = true
            case .summary, .body: mentions += field.weight
            }
        }

        func weight(factor: Double) -> UInt8 {
            let k = 1.5
            var value = mentions * (1 + k) / (mentions + k)
            if title { value += SearchDocument.Field.title.weight }
            if keywords { value += SearchDocument.Field.keywords.weight }
            return UInt8(max(1, min(31, (factor * value).rounded())))
        }
    }

    /// The words of one document, numbered in the document (first appearance first), with their offsets in their
    /// field's text and the words of each field.
    struct DocumentWords {
        var terms: [Int32] = []
        var starts: [Int32] = []
        var fields: [(field: SearchDocument.Field, words: Range<Int>)] = []

        func of(_ field: SearchDocument.Field) -> [Int] {
            fields.filter { $0.field == field }.flatMap { Array($0.words) }
        }
    }

    /// Reads a run of documents: each document's words and pairs are tallied in small tables of the document (they
    /// stay in the processor's cache), then each distinct term is numbered once among the chunk's terms; the index
    /// entries are grouped by the shard group that will assemble them. Makes the result files too.
    static func read(_ documents: [SearchDocument], range: Range<Int>, shards: Int, groups: Int,
                     fragment: Fragment?) -> Chunk {
        var out = Chunk(groupTerms: Array(repeating: [], count: groups), entries: Array(repeating: [], count: groups))
        // Per chunk term: its shard group (top 8 bits) and its number among the group's terms of the chunk.
        var place: [UInt32] = []
        var folded = FoldedWords()
        var words = DocumentWords()
        var numbers = ByteTable(capacity: 1024)
        var single: [Tally] = []
        var pairs = DenseTable<Int>(capacity: 1024)
        var pairTallies: [Tally] = []
        var pairBytes = [UInt8](repeating: 0, count: 256)
        var seen: [Bool] = []
        var pieces: [[UInt8]] = []

        for number in range {
            let document = documents[number]
            let documentNumber = Int32(number)
            folded.removeAll()
            numbers.removeAll()
            pairs.removeAll()
            single.removeAll(keepingCapacity: true)
            pairTallies.removeAll(keepingCapacity: true)
            words.terms.removeAll(keepingCapacity: true)
            words.starts.removeAll(keepingCapacity: true)
            words.fields.removeAll(keepingCapacity: true)
            for (field, text) in document.fields {
                let first = folded.count
                SearchText.scan(text, into: &folded)
                var previous = -1
                folded.bytes.withUnsafeBufferPointer { bytes in
                    for word in first..<folded.count {
                        let (local, isNew) = numbers.number(of: UnsafeBufferPointer(rebasing: bytes[folded.range(of: word)]),
                                                            hash: folded.hashes[word])
                        if isNew { single.append(Tally()) }
                        single[local].add(field)
                        words.terms.append(Int32(local))
                        words.starts.append(folded.starts[word])
                        if folded.joins[word] && previous >= 0 {
                            let key = previous << 32 | local
                            let mixed = UInt32(truncatingIfNeeded: previous &* 0x9E37_79B1) ^ UInt32(local)
                            let (pair, isNewPair) = pairs.number(of: key, hash: mixed)
                            if isNewPair { pairTallies.append(Tally()) }
                            pairTallies[pair].add(field)
                        }
                        previous = local
                    }
                }
                words.fields.append((field, first..<folded.count))
            }
            let factor = document.kind.weight * 1.3
            numbers.bytes.withUnsafeBufferPointer { bytes in
                for (local, tally) in single.enumerated() {
                    enter(UnsafeBufferPointer(rebasing: bytes[numbers.range(of: local)]), hash: numbers.hashes[local],
                          weight: tally.weight(factor: factor), document: documentNumber,
                          into: &out, place: &place, shards: shards, groups: groups)
                }
                for (pair, key) in pairs.keys.enumerated() {
                    let first = key >> 32, second = key & 0xFFFF_FFFF
                    let a = numbers.range(of: first), b = numbers.range(of: second)
                    // The pair's bytes go into a scratch buffer by plain copies: appending them to an array was
                    // 1.4% of a whole build's instructions, for a few hundred thousand pairs.
                    let length = a.count + 1 + b.count
                    if pairBytes.count < length { pairBytes = [UInt8](repeating: 0, count: max(length, 2 * pairBytes.count)) }
                    // FNV is sequential: the pair's hash goes on from its first word's.
                    let hash = FNV.hash(UnsafeBufferPointer(rebasing: bytes[b]),
                                        from: (numbers.hashes[first] ^ 0x20) &* FNV.prime)
                    pairBytes.withUnsafeMutableBufferPointer { scratch in
                        let text = scratch.baseAddress!, words = bytes.baseAddress!
                        text.update(from: words + a.lowerBound, count: a.count)
                        text[a.count] = 0x20
                        (text + a.count + 1).update(from: words + b.lowerBound, count: b.count)
                        enter(UnsafeBufferPointer(start: text, count: length), hash: hash,
                              weight: pairTallies[pair].weight(factor: factor),
                              document: documentNumber, into: &out, place: &place, shards: shards, groups: groups)
                    }
                }
            }
            guard let fragment else { continue }
            seen.removeAll(keepingCapacity: true)
            seen.append(contentsOf: repeatElement(false, count: numbers.count))
            let passages = SearchFragment.passages(of: document, words: words) { word in
                guard !seen[Int(word)] else { return false }
                seen[Int(word)] = true
                return true
            }
            pieces.append(fragment(document, passages))
            if pieces.count == resultGroupSize || number == range.upperBound - 1 {
                var bytes: [UInt8] = [UInt8(ascii: "[")]
                for (index, piece) in pieces.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: "\n")) }
                    bytes.append(contentsOf: piece)
                }
                bytes.append(UInt8(ascii: "]")); bytes.append(UInt8(ascii: "\n"))
                out.results.append(Data(bytes))
                pieces.removeAll(keepingCapacity: true)
            }
        }
        return out
    }

    /// One index entry: the term numbered among the chunk's terms (`place` holds each chunk term's shard group, top
    /// 8 bits, and its number among the group's terms of the chunk).
    @inline(__always)
    static func enter(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32, weight: UInt8, document: Int32,
                      into out: inout Chunk, place: inout [UInt32], shards: Int, groups: Int) {
        let (term, isNew) = out.terms.number(of: bytes, hash: hash)
        if isNew {
            let group = Int(hash % UInt32(shards)) % groups
            place.append(UInt32(group) << 24 | UInt32(out.groupTerms[group].count))
            out.groupTerms[group].append(Int32(term))
        }
        let at = place[term]
        out.entries[Int(at >> 24)].append(Entry(term: Int32(at & 0xFF_FFFF), document: document, weight: weight))
    }

    /// The shards of one group (`group`, `group + groups`, ... below `shards`), from every chunk's entries for it:
    /// the group's terms are numbered, their postings counted, then placed into one array by a counting sort
    /// (chunks are in document order, so each term's postings come out sorted) and written out shard by shard.
    static func assemble(group: Int, shards: Int, groups: Int, from chunks: [Chunk]) -> [(shard: Int, data: Data)] {
        var terms = ByteTable(capacity: 4096)
        var counts: [Int] = []
        var maps: [[Int32]] = []
        maps.reserveCapacity(chunks.count)
        for chunk in chunks {
            // The chunk's terms of this group → the group's numbers, looked up once per term and chunk.
            let local = chunk.groupTerms[group]
            var map = [Int32](repeating: 0, count: local.count)
            chunk.terms.bytes.withUnsafeBufferPointer { bytes in
                for (index, term) in local.enumerated() {
                    let (number, isNew) = terms.number(of: UnsafeBufferPointer(rebasing: bytes[chunk.terms.range(of: Int(term))]),
                                                       hash: chunk.terms.hashes[Int(term)])
                    if isNew { counts.append(0) }
                    map[index] = Int32(number)
                }
            }
            for entry in chunk.entries[group] { counts[Int(map[Int(entry.term)])] += 1 }
            maps.append(map)
        }
        var next = [Int](repeating: 0, count: counts.count + 1)
        for (number, count) in counts.enumerated() { next[number + 1] = next[number] + count }
        let offsets = next
        var postings = [Int32](repeating: 0, count: next[counts.count])
        var weights = [UInt8](repeating: 0, count: next[counts.count])
        for (chunk, map) in zip(chunks, maps) {
            for entry in chunk.entries[group] {
                let number = Int(map[Int(entry.term)])
                let at = next[number]
                postings[at] = entry.document
                weights[at] = entry.weight
                next[number] = at + 1
            }
        }
        var byShard: [[Int]] = Array(repeating: [], count: (shards - group + groups - 1) / groups)
        for (number, hash) in terms.hashes.enumerated() { byShard[Int(hash % UInt32(shards)) / groups].append(number) }
        return byShard.enumerated().map { position, numbers in
            let sorted = numbers.sorted { terms.precedes($0, $1) }
            var bytes: [UInt8] = [UInt8(ascii: "{")]
            for (index, number) in sorted.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: "\n")) }
                terms.bytes.withUnsafeBufferPointer { all in
                    JSONText.append(utf8: UnsafeBufferPointer(rebasing: all[terms.range(of: number)]), to: &bytes)
                }
                bytes.append(UInt8(ascii: ":")); bytes.append(UInt8(ascii: "\""))
                encode(postings[offsets[number]..<offsets[number + 1]], weights[offsets[number]..<offsets[number + 1]],
                       into: &bytes)
                bytes.append(UInt8(ascii: "\""))
            }
            bytes.append(UInt8(ascii: "}")); bytes.append(UInt8(ascii: "\n"))
            return (group + position * groups, Data(bytes))
        }
    }

    static let alphabet: [Character] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    static let alphabetBytes: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Gap and weight pairs in the base-64 variable-length code described above.
    static func encode(_ list: [(Int32, UInt8)]) -> String {
        var bytes: [UInt8] = []
        encode(list, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func encode(_ list: [(Int32, UInt8)], into out: inout [UInt8]) {
        encode(list.map(\.0)[...], list.map(\.1)[...], into: &out)
    }

    static func encode(_ documents: ArraySlice<Int32>, _ weights: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let alphabet = alphabetBytes
        @inline(__always) func put(_ value: Int, _ out: inout [UInt8]) {
            var rest = value
            repeat {
                var digit = rest & 31
                rest >>= 5
                if rest > 0 { digit |= 32 }
                out.append(alphabet[digit])
            } while rest > 0
        }
        var previous: Int32 = -1
        for (document, weight) in zip(documents, weights) {
            put(Int(document - previous - 1), &out)
            put(Int(weight) - 1, &out)
            previous = document
        }
    }

    /// Decodes a posting list (for tests and tools): document numbers with their weights.
    public static func decode(_ text: String) -> [(document: Int, weight: Int)] {
        var values: [Int] = []
        var value = 0, shift = 0
        for character in text {
            guard let digit = alphabet.firstIndex(of: character) else { return [] }
            value |= (digit & 31) << shift
            if digit & 32 != 0 { shift += 5 } else { values.append(value); value = 0; shift = 0 }
        }
        var result: [(document: Int, weight: Int)] = []
        var document = -1
        var index = 0
        while index + 1 < values.count {
            document += values[index] + 1
            result.append((document, values[index + 1] + 1))
            index += 2
        }
        return result
    }
}
