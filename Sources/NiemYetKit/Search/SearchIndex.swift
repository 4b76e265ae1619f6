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
/// The work is shared: documents are read in chunks and the shards are assembled in groups, all through
/// `SharedWork`, so every output job that needs the index helps build it (see `SearchPages`).
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

    /// One posting as a chunk stores it: the term by its number in the chunk's own term table (strings are kept
    /// once per chunk, not once per posting: the benchmark site has six million postings).
    struct Entry {
        var term: Int32
        var document: Int32
        var weight: UInt8
    }

    /// What reading a run of documents gives: index entries by shard group, and each document's result file.
    struct Chunk: @unchecked Sendable {
        var terms = DenseTable<String>(capacity: 4096)
        var hashes: [UInt32] = []
        var entries: [[Entry]]
        var fragments: [Data] = []
    }

    /// The words of each field of a document, cut once for both the index and the result file.
    public struct Words: Sendable {
        public var fields: [(SearchDocument.Field, [SearchText.Word])]
        public func of(_ field: SearchDocument.Field) -> [SearchText.Word] {
            fields.filter { $0.0 == field }.flatMap(\.1)
        }
    }

    /// `fragment` makes a document's result file (`SearchFragment`); it runs while the index reads the document.
    public init(documents: [SearchDocument],
                fragment: @escaping @Sendable (SearchDocument, Words) -> Data = { _, _ in Data() }) {
        self.documents = documents
        let shards = Self.shardCount(for: documents)
        self.shardCount = shards
        let groups = min(shards, 64)
        self.groupCount = groups
        let chunk = max(16, documents.count / 256)
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

    /// The result file of document `number` (helps read the documents if that is not done yet).
    public func fragment(_ number: Int) -> Data {
        reading.results()[number / chunkSize].fragments[number % chunkSize]
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

    /// A short hash of the whole index, put into the URLs the page fetches so a browser never mixes shards of two
    /// builds.
    public var version: String {
        var hasher = SHA256()
        for group in assembling.results() {
            for shard in group { hasher.update(data: shard.data) }
        }
        return hasher.finalize().prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Building

    /// Term weights of some documents → entries, grouped by the shard group that will assemble them; and their
    /// result files.
    static func read(_ documents: [SearchDocument], range: Range<Int>, shards: Int, groups: Int,
                     fragment: (SearchDocument, Words) -> Data) -> Chunk {
        var out = Chunk(entries: Array(repeating: [Entry](), count: groups))
        for number in range {
            let words = Words(fields: documents[number].fields.map { ($0.0, SearchText.words($0.1)) })
            for (term, hash, weight) in weightList(of: documents[number], words: words) {
                let (term, isNew) = out.terms.number(of: term, hash: hash)
                if isNew { out.hashes.append(hash) }
                let shard = Int(hash % UInt32(shards))
                out.entries[shard % groups].append(Entry(term: Int32(term), document: Int32(number), weight: weight))
            }
            out.fragments.append(fragment(documents[number], words))
        }
        return out
    }

    /// Each term of a document with its weight 1–31: 4 if it is in the title, 3 if in the keywords (field,
    /// category, tags), plus its mentions in summary (2 each) and body (1 each) saturated so the tenth mention adds
    /// little (1 for one mention, towards 2.5 for many); all times the document kind's weight.
    public static func weights(of document: SearchDocument) -> [String: UInt8] {
        let words = Words(fields: document.fields.map { ($0.0, SearchText.words($0.1)) })
        return Dictionary(uniqueKeysWithValues: weightList(of: document, words: words).map { ($0.term, $0.weight) })
    }

    struct Tally {
        var title = false
        var keywords = false
        var mentions = 0.0
    }

    /// `weights` as a list, in first-appearance order. Words get small numbers so pairs are tallied by a pair of
    /// numbers; a pair's text is made once per document.
    static func weightList(of document: SearchDocument, words fieldWords: Words)
        -> [(term: String, hash: UInt32, weight: UInt8)] {
        var numbers = DenseTable<String>(capacity: 256)
        var wordHashes: [UInt32] = []
        var single: [Tally] = []
        var pairs = DenseTable<Int>(capacity: 512)
        var pairTallies: [Tally] = []
        func tally(_ entry: inout Tally, _ field: SearchDocument.Field) {
            switch field {
            case .title: entry.title = true
            case .keywords: entry.keywords = true
            case .summary, .body: entry.mentions += field.weight
            }
        }
        for (field, fieldWords) in fieldWords.fields {
            var previous = -1
            for word in fieldWords {
                let (number, isNew) = numbers.number(of: word.text, hash: word.hash)
                if isNew {
                    wordHashes.append(word.hash)
                    single.append(Tally())
                }
                tally(&single[number], field)
                if word.joinsPrevious && previous >= 0 {
                    let key = previous << 32 | number
                    let mixed = UInt32(truncatingIfNeeded: previous &* 0x9E37_79B1) ^ UInt32(number)
                    let (pair, isNewPair) = pairs.number(of: key, hash: mixed)
                    if isNewPair { pairTallies.append(Tally()) }
                    tally(&pairTallies[pair], field)
                }
                previous = number
            }
        }
        let factor = document.kind.weight * 1.3
        func weight(_ entry: Tally) -> UInt8 {
            let k = 1.5
            var value = entry.mentions * (1 + k) / (entry.mentions + k)
            if entry.title { value += SearchDocument.Field.title.weight }
            if entry.keywords { value += SearchDocument.Field.keywords.weight }
            return UInt8(max(1, min(31, (factor * value).rounded())))
        }
        let words = numbers.keys
        var result: [(term: String, hash: UInt32, weight: UInt8)] = []
        result.reserveCapacity(words.count + pairs.count)
        for (number, word) in words.enumerated() { result.append((word, wordHashes[number], weight(single[number]))) }
        for (pair, key) in pairs.keys.enumerated() {
            let first = key >> 32, second = key & 0xFFFF_FFFF
            // FNV is sequential: the pair's hash goes on from its first word's.
            let hash = FNV.hash(words[second].utf8, from: (wordHashes[first] ^ 0x20) &* FNV.prime)
            result.append((words[first] + " " + words[second], hash, weight(pairTallies[pair])))
        }
        return result
    }

    /// The shards of one group (`group`, `group + groups`, ... below `shards`), from every chunk's entries for it.
    /// Chunks are in document order, so posting lists come out sorted.
    static func assemble(group: Int, shards: Int, groups: Int, from chunks: [Chunk]) -> [(shard: Int, data: Data)] {
        var terms = DenseTable<String>(capacity: 4096)
        var hashes: [UInt32] = []
        var postings: [[(Int32, UInt8)]] = []
        for chunk in chunks {
            // The chunk's term numbers → this group's, looked up once per term and chunk.
            var local = DenseTable<Int32>(capacity: 1024)
            var global: [Int] = []
            let names = chunk.terms.keys
            for entry in chunk.entries[group] {
                let (slot, isNewHere) = local.number(of: entry.term, hash: UInt32(bitPattern: entry.term))
                if isNewHere {
                    let hash = chunk.hashes[Int(entry.term)]
                    let (number, isNew) = terms.number(of: names[Int(entry.term)], hash: hash)
                    if isNew {
                        hashes.append(hash)
                        postings.append([])
                    }
                    global.append(number)
                }
                postings[global[slot]].append((entry.document, entry.weight))
            }
        }
        var byShard: [[Int]] = Array(repeating: [], count: (shards - group + groups - 1) / groups)
        for (number, hash) in hashes.enumerated() { byShard[Int(hash % UInt32(shards)) / groups].append(number) }
        let names = terms.keys
        return byShard.enumerated().map { position, numbers in
            let sorted = numbers.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
            var bytes: [UInt8] = [UInt8(ascii: "{")]
            for (index, number) in sorted.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: "\n")) }
                JSONText.append(names[number], to: &bytes)
                bytes.append(UInt8(ascii: ":")); bytes.append(UInt8(ascii: "\""))
                encode(postings[number], into: &bytes)
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
        var previous: Int32 = -1
        func put(_ value: Int) {
            var rest = value
            repeat {
                var digit = rest & 31
                rest >>= 5
                if rest > 0 { digit |= 32 }
                out.append(alphabetBytes[digit])
            } while rest > 0
        }
        for (document, weight) in list {
            put(Int(document - previous - 1))
            put(Int(weight) - 1)
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
