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

    /// What a document's result shows, made from the document and its passages (UTF-8, `SearchFragment.json`).
    public typealias Fragment = @Sendable (SearchDocument, [[UInt8]]) -> [UInt8]

    /// One posting as a chunk stores it: the term by its number among the chunk's terms of the same shard group
    /// (below 2^24, see `enter`) and its weight 1–31 in the top byte. Eight bytes, where a separate weight made
    /// twelve: every chunk's entries live until the shards are assembled, and fresh memory costs page faults.
    struct Entry {
        var termAndWeight: UInt32
        var document: Int32

        init(term: Int, document: Int32, weight: UInt8) {
            termAndWeight = UInt32(weight) << 24 | UInt32(term)
            self.document = document
        }

        var term: Int { Int(termAndWeight & 0xFF_FFFF) }
        var weight: UInt8 { UInt8(termAndWeight >> 24) }
    }

    /// What reading a run of documents gives: its terms, index entries by shard group, and its result files. The
    /// groups' lists lie back to back in flat arrays: one allocation each instead of one per group, and no array
    /// nested in an array to check for sharing on every append.
    struct Chunk: @unchecked Sendable {
        var terms = ByteTable()
        /// Per shard group: the chunk's terms in it (numbers in `terms`), in order of first appearance; group `g`'s
        /// are `groupTerms[termStarts[g]..<termStarts[g + 1]]`.
        var groupTerms: [Int32] = []
        var termStarts: [Int] = []
        /// Per shard group: its entries in document order, `entries[entryStarts[g]..<entryStarts[g + 1]]`.
        var entries: [Entry] = []
        var entryStarts: [Int] = []
        var results: [Data] = []

        func terms(of group: Int) -> ArraySlice<Int32> { groupTerms[termStarts[group]..<termStarts[group + 1]] }
        func entries(of group: Int) -> ArraySlice<Entry> { entries[entryStarts[group]..<entryStarts[group + 1]] }
    }

    /// `fragment` makes what a result shows; it runs while the index reads the document. Without it the index
    /// writes no result data (tests of the index alone).
    public init(documents: [SearchDocument], fragment: Fragment? = nil) {
        self.documents = documents
        let shards = Self.shardCount(for: documents)
        self.shardCount = shards
        let groups = min(shards, 64)
        self.groupCount = groups
        // A whole number of result groups per chunk, so each result file is made by one chunk. Four chunks a core
        // keep every core busy reading; more made the build slower: a term that several chunks share is numbered in
        // each of them and looked up again by `assemble` for each, and with 64 chunks (1,427 documents of the 1k
        // benchmark site, 22 a chunk) that was 5–10% of the whole build's CPU time. The chunking never shows in
        // the output: postings are merged in document order.
        let size = Self.resultGroupSize
        let perChunk = documents.count / (4 * ProcessInfo.processInfo.activeProcessorCount)
        let chunk = (max(16, perChunk) + size - 1) / size * size
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
        for entry in chunk.entries(of: 0) {
            result[chunk.terms.string(Int(chunk.terms(of: 0)[entry.term]))] = entry.weight
        }
        return result
    }

    struct Tally {
        var title = false
        var keywords = false
        /// Mentions in summary (2 each) and body (1 each): a whole number, exactly as a `Double` would hold it.
        var mentions: Int32 = 0

        mutating func add(_ field: SearchDocument.Field) {
            switch field {
            case .title: title = true
            case .keywords: keywords = true
            case .summary, .body: mentions += Int32(field.weight)
            }
        }

        func weight(factor: Double) -> UInt8 {
            let k = 1.5
            let mentions = Double(self.mentions)
            var value = mentions * (1 + k) / (mentions + k)
            if title { value += SearchDocument.Field.title.weight }
            if keywords { value += SearchDocument.Field.keywords.weight }
            return UInt8(max(1, Self.roundedHalfUp(min(31, factor * value))))
        }

        /// `x.rounded()` (halves away from zero) for `0 ≤ x ≤ 31`, without the call into libm's `round` that
        /// `rounded()` makes on this target for every term of every document. `x - whole` is exact.
        @inline(__always)
        static func roundedHalfUp(_ x: Double) -> Int {
            let whole = Int(x)
            return x - Double(whole) >= 0.5 ? whole + 1 : whole
        }
    }

    /// The words of one document, each with its number among the document's terms, with their offsets in their
    /// field's text and the words of each field.
    struct DocumentWords {
        /// By word: its number among the document's terms (`terms` may be longer than the document; the rest is
        /// stale).
        var terms: [Int32] = []
        /// By word: where it stands in its field's text.
        var folded: [FoldedWord] = []
        var fields: [(field: SearchDocument.Field, words: Range<Int>)] = []

        /// The words of a field a document has at most once (title, summary, body).
        func words(of field: SearchDocument.Field) -> Range<Int> {
            fields.first { $0.field == field }?.words ?? 0..<0
        }
    }

    /// The terms of a chunk as its documents are read, numbered in order of first appearance; a new term gets its
    /// shard group and its number among the group's terms of the chunk.
    struct ChunkTerms {
        var terms = ByteTable(capacity: 8192)
        /// Pairs by their two words' numbers in `terms` → the pair's own number there. A pair's bytes "a b" are in
        /// bijection with (a, b), since no word holds a space: a pair the chunk has seen costs one integer probe
        /// here, where copying, hashing and comparing its bytes in `terms` cost several times that.
        var pairs = PairTable(capacity: 8192)
        /// By term: its shard group (top 8 bits) and its number among the group's terms of the chunk (low 24).
        var place: [UInt32] = []
        var groupSizes: [Int]
        let shards: Int

        init(shards: Int, groups: Int) {
            self.shards = shards
            groupSizes = [Int](repeating: 0, count: groups)
        }

        /// The number of the term with `bytes` and FNV-1a `hash`, numbered now if new.
        @inline(__always)
        mutating func number(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (number: Int, isNew: Bool) {
            let (term, isNew) = terms.number(of: bytes, hash: hash)
            if isNew {
                // Entries hold the chunk's term number until `sortByGroup`, and the group's number after: both fit
                // in the 24 bits an entry has for it.
                precondition(term < 1 << 24, "too many terms in one chunk of the search index")
                let group = Int(hash % UInt32(shards)) % groupSizes.count
                place.append(UInt32(group) << 24 | UInt32(groupSizes[group]))
                groupSizes[group] += 1
            }
            return (term, isNew)
        }

        /// The number of the pair of the neighbouring words numbered `first` and `second`, with bytes `a` and `b`
        /// and `a`'s FNV-1a hash. Only a pair new to the chunk has its bytes copied (into `scratch`, room for both
        /// words and a space) and hashed.
        @inline(__always)
        mutating func number(ofPair first: Int, _ second: Int, a: UnsafeBufferPointer<UInt8>, hashOfA: UInt32,
                             b: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>) -> Int {
            let found = pairs.find(first, second)
            if let pair = found.value { return pair }
            // Plain copies: appending the bytes to an array was 1.4% of a whole build's instructions.
            copy(a.baseAddress!, to: scratch, count: a.count)
            scratch[a.count] = 0x20
            copy(b.baseAddress!, to: scratch + a.count + 1, count: b.count)
            // FNV is sequential: the pair's hash goes on from its first word's.
            let hash = FNV.hash(b, from: (hashOfA ^ 0x20) &* FNV.prime)
            let (pair, isNew) = number(of: UnsafeBufferPointer(start: scratch, count: a.count + 1 + b.count),
                                       hash: hash)
            assert(isNew, "a pair new by its words' numbers is new by its bytes")
            pairs.insert(pair, for: first, second, at: found.slot)
            return pair
        }
    }

    /// A term of the document being read: its number among the chunk's terms, and the fields it appears in.
    struct DocumentTerm {
        var term: Int32
        var tally = Tally()
    }

    /// Per chunk term: the last document that had it, and its number among that document's terms.
    struct LastSeen {
        var document: Int32 = -1
        var local: Int32 = 0
    }

    /// The distinct terms of the document being read, numbered in the document (first appearance first), written
    /// through pointers into room made beforehand: two terms a word at most (the word, and the pair it ends), and a
    /// `LastSeen` for every term the chunk can have by the document's end.
    struct DocumentTerms {
        let terms: UnsafeMutablePointer<DocumentTerm>
        let lastSeen: UnsafeMutablePointer<LastSeen>
        let document: Int32
        var count = 0

        /// Tallies chunk term `term` in `field`, and gives its number in the document.
        @inline(__always)
        mutating func add(_ term: Int, in field: SearchDocument.Field) -> Int32 {
            if lastSeen[term].document != document {
                lastSeen[term] = LastSeen(document: document, local: Int32(count))
                terms[count] = DocumentTerm(term: Int32(term))
                count += 1
            }
            let local = lastSeen[term].local
            terms[Int(local)].tally.add(field)
            return local
        }
    }

    /// Reads a run of documents: each word and pair is numbered among the chunk's terms as it is met (a pair by its
    /// two words' numbers, by its bytes only when new to the chunk) and tallied among its document's terms, which
    /// then become index entries; the entries are grouped by the shard group that will assemble them. Makes the
    /// result files too.
    ///
    /// Words are numbered in the chunk directly: a table per document first, then the chunk's, looked every
    /// distinct word of a document up twice. The order terms are numbered in never reaches the output: `assemble`
    /// sorts each shard's terms by their bytes, and a term's postings come in document order (a document has one
    /// entry per term, and the chunks' entries are in document order).
    static func read(_ documents: [SearchDocument], range: Range<Int>, shards: Int, groups: Int,
                     fragment: Fragment?) -> Chunk {
        var chunk = ChunkTerms(shards: shards, groups: groups)
        // The chunk's entries in document order, terms by chunk number; sorted by group at the end.
        var entries: [Entry] = []
        var folded = FoldedWords()
        var words = DocumentWords()
        var documentTerms: [DocumentTerm] = []
        var lastSeen: [LastSeen] = []
        var pairBytes = [UInt8](repeating: 0, count: 256)
        var seen: [Bool] = []
        var pieces: [[UInt8]] = []
        var results: [Data] = []

        for number in range {
            let document = documents[number]
            let documentNumber = Int32(number)
            folded.removeAll()
            words.fields.removeAll(keepingCapacity: true)
            for (field, text) in document.fields {
                let first = folded.count
                SearchText.scan(text, into: &folded)
                words.fields.append((field, first..<folded.count))
            }
            // Sized once here, the buffers are written through pointers below, where appending and subscripting
            // checked sharing and bounds for every word. A word brings at most two terms, to the document and to
            // the chunk; a pair is at most all the document's bytes and a space.
            let wordCount = folded.count
            words.terms.grow(toAtLeast: wordCount, filling: 0)
            documentTerms.grow(toAtLeast: 2 * wordCount, filling: DocumentTerm(term: 0))
            lastSeen.grow(toAtLeast: chunk.terms.count + 2 * wordCount, filling: LastSeen())
            pairBytes.grow(toAtLeast: folded.bytes.count + 1, filling: 0)
            let termCount = words.terms.withUnsafeMutableBufferPointer { wordTerms in
                documentTerms.withUnsafeMutableBufferPointer { documentTerms in
                    lastSeen.withUnsafeMutableBufferPointer { lastSeen in
                        pairBytes.withUnsafeMutableBufferPointer { scratch in
                            var terms = DocumentTerms(terms: documentTerms.baseAddress!,
                                                      lastSeen: lastSeen.baseAddress!, document: documentNumber)
                            tally(folded, fields: words.fields, chunk: &chunk, into: &terms,
                                  wordTerms: wordTerms.baseAddress!, scratch: scratch.baseAddress!)
                            return terms.count
                        }
                    }
                }
            }
            let factor = document.kind.weight * 1.3
            for term in documentTerms[0..<termCount] {
                entries.append(Entry(term: Int(term.term), document: documentNumber,
                                     weight: term.tally.weight(factor: factor)))
            }
            guard let fragment else { continue }
            seen.removeAll(keepingCapacity: true)
            seen.append(contentsOf: repeatElement(false, count: termCount))
            words.folded = folded.words
            // Marked through a pointer: the array's uniqueness was checked for every word otherwise.
            let passages = seen.withUnsafeMutableBufferPointer { seen in
                SearchFragment.passages(of: document, words: words) { word in
                    guard !seen[Int(word)] else { return false }
                    seen[Int(word)] = true
                    return true
                }
            }
            // Let go of the shared words, so the next document's scan has their buffer to itself.
            words.folded = []
            pieces.append(fragment(document, passages))
            if pieces.count == resultGroupSize || number == range.upperBound - 1 {
                var bytes: [UInt8] = [UInt8(ascii: "[")]
                for (index, piece) in pieces.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: "\n")) }
                    bytes.append(contentsOf: piece)
                }
                bytes.append(UInt8(ascii: "]")); bytes.append(UInt8(ascii: "\n"))
                results.append(Data(bytes))
                pieces.removeAll(keepingCapacity: true)
            }
        }
        var out = Chunk(terms: chunk.terms, results: results)
        sortByGroup(entries, place: chunk.place, groupSizes: chunk.groupSizes, into: &out)
        return out
    }

    /// A word's few bytes copied by a loop: `update(from:count:)` called memmove for each.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        for index in 0..<count { target[index] = source[index] }
    }

    /// Numbers the words of one document and each pair of neighbouring words in the same phrase among the chunk's
    /// terms, and tallies them among the document's terms with the fields they appear in (`wordTerms`, by word: its
    /// number among the document's terms). `scratch` has room for any two of the document's words and a space.
    @inline(__always)
    static func tally(_ folded: FoldedWords, fields: [(field: SearchDocument.Field, words: Range<Int>)],
                      chunk: inout ChunkTerms, into terms: inout DocumentTerms, wordTerms: UnsafeMutablePointer<Int32>,
                      scratch: UnsafeMutablePointer<UInt8>) {
        folded.bytes.withUnsafeBufferPointer { bytes in
            for (field, range) in fields {
                // The previous word's chunk number, while it is in the same field.
                var previous = -1
                for word in range {
                    let text = UnsafeBufferPointer(rebasing: bytes[folded.range(of: word)])
                    let term = chunk.number(of: text, hash: folded.words[word].hash).number
                    wordTerms[word] = terms.add(term, in: field)
                    if folded.words[word].joins && previous >= 0 {
                        let pair = chunk.number(ofPair: previous, term,
                                                a: UnsafeBufferPointer(rebasing: bytes[folded.range(of: word - 1)]),
                                                hashOfA: folded.words[word - 1].hash, b: text, scratch: scratch)
                        _ = terms.add(pair, in: field)
                    }
                    previous = term
                }
            }
        }
    }

    /// Lays the chunk's terms and entries out by shard group (each group's in their order: a counting sort), the
    /// entries' terms numbered among their group's terms of the chunk.
    static func sortByGroup(_ entries: [Entry], place: [UInt32], groupSizes: [Int], into out: inout Chunk) {
        let groups = groupSizes.count
        out.termStarts = prefixSums(groupSizes)
        out.groupTerms = [Int32](repeating: 0, count: place.count)
        out.groupTerms.withUnsafeMutableBufferPointer { groupTerms in
            for (term, at) in place.enumerated() {
                groupTerms[out.termStarts[Int(at >> 24)] + Int(at & 0xFF_FFFF)] = Int32(term)
            }
        }
        var entryCounts = [Int](repeating: 0, count: groups)
        place.withUnsafeBufferPointer { place in
            entryCounts.withUnsafeMutableBufferPointer { counts in
                for entry in entries { counts[Int(place[entry.term] >> 24)] += 1 }
            }
            out.entryStarts = prefixSums(entryCounts)
            var next = out.entryStarts
            out.entries = [Entry](repeating: Entry(term: 0, document: 0, weight: 0), count: entries.count)
            out.entries.withUnsafeMutableBufferPointer { sorted in
                next.withUnsafeMutableBufferPointer { next in
                    for entry in entries {
                        let at = place[entry.term]
                        let group = Int(at >> 24)
                        sorted[next[group]] = Entry(term: Int(at & 0xFF_FFFF), document: entry.document,
                                                    weight: entry.weight)
                        next[group] += 1
                    }
                }
            }
        }
    }

    /// `[0, a, a + b, ...]`: where each of `counts`' runs starts when they lie back to back, and their end.
    static func prefixSums(_ counts: [Int]) -> [Int] {
        var sums = [0]
        sums.reserveCapacity(counts.count + 1)
        for count in counts { sums.append(sums[sums.count - 1] + count) }
        return sums
    }

    /// The shards of one group (`group`, `group + groups`, ... below `shards`), from every chunk's entries for it:
    /// the group's terms are numbered, their postings counted, then placed into one array by a counting sort
    /// (chunks are in document order, so each term's postings come out sorted) and written out shard by shard.
    static func assemble(group: Int, shards: Int, groups: Int, from chunks: [Chunk]) -> [(shard: Int, data: Data)] {
        var terms = ByteTable(capacity: 4096)
        var maps: [[Int32]] = []
        maps.reserveCapacity(chunks.count)
        for chunk in chunks {
            // The chunk's terms of this group → the group's numbers, looked up once per term and chunk.
            let local = chunk.terms(of: group)
            var map = [Int32](repeating: 0, count: local.count)
            chunk.terms.bytes.withUnsafeBufferPointer { bytes in
                for (index, term) in local.enumerated() {
                    let (number, _) = terms.number(of: UnsafeBufferPointer(rebasing: bytes[chunk.terms.range(of: Int(term))]),
                                                   hash: chunk.terms.hashes[Int(term)])
                    map[index] = Int32(number)
                }
            }
            maps.append(map)
        }
        var counts = [Int](repeating: 0, count: terms.count)
        counts.withUnsafeMutableBufferPointer { counts in
            for (chunk, map) in zip(chunks, maps) {
                for entry in chunk.entries(of: group) { counts[Int(map[entry.term])] += 1 }
            }
        }
        // Where each term's postings start, and (`next`, as they are placed) where the next one goes.
        let offsets = prefixSums(counts)
        var next = offsets
        let total = offsets[terms.count]
        var postings = [Int32](repeating: 0, count: total)
        var weights = [UInt8](repeating: 0, count: total)
        postings.withUnsafeMutableBufferPointer { postings in
            weights.withUnsafeMutableBufferPointer { weights in
                next.withUnsafeMutableBufferPointer { next in
                    for (chunk, map) in zip(chunks, maps) {
                        for entry in chunk.entries(of: group) {
                            let number = Int(map[entry.term])
                            let at = next[number]
                            postings[at] = entry.document
                            weights[at] = entry.weight
                            next[number] = at + 1
                        }
                    }
                }
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
        // Written through a pointer into room for the longest codes (a gap below 2^31 takes seven characters, a
        // weight two), then trimmed: appending character by character checked the array's sharing and capacity
        // for each of the index's millions of characters.
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: 9 * documents.count))
        let end = alphabetBytes.withUnsafeBufferPointer { alphabet in
            out.withUnsafeMutableBufferPointer { out in
                var at = start
                @inline(__always) func put(_ value: Int) {
                    var rest = value
                    repeat {
                        var digit = rest & 31
                        rest >>= 5
                        if rest > 0 { digit |= 32 }
                        out[at] = alphabet[digit]
                        at += 1
                    } while rest > 0
                }
                var previous: Int32 = -1
                for (document, weight) in zip(documents, weights) {
                    put(Int(document - previous - 1))
                    put(Int(weight) - 1)
                    previous = document
                }
                return at
            }
        }
        out.removeLast(out.count - end)
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
