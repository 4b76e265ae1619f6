import Foundation

/// The one normalisation of search text, shared by the index (here) and the browser (`templates/assets/search.js`,
/// which must do exactly the same; `Tests/Fixtures/search-normalisation.json` pins both down):
///
/// 1. `VietnameseFolding.fold`: lower case, NFD, every combining mark dropped (tones and vowel marks alike), `đ` → `d`;
///    then `ð` → `d` (the Icelandic eth, `Ð`, often stands in for `Đ` in typed text), and `ς` → `σ`, because
///    JavaScript lower-cases a final sigma and Swift does not.
/// 2. Words are maximal runs of letters and digits (Unicode categories L and N); everything else separates them.
/// 3. Two neighbouring words form a pair (bigram) only when nothing but white space lies between them: `hộ tịch`
///    is the pair `ho tich`, `hồ. Tích` is two words and no pair.
///
/// `hộ tịch`, `ho tich`, `HỘ TỊCH` and `ho tịch` therefore give the same terms.
///
/// Folding a whole text through Foundation costs more than everything else the index does, so `words` folds one
/// scalar at a time through a table made from `fold` itself (lower-casing and canonical decomposition work scalar by
/// scalar, and the marks they leave are all dropped, so the result is the same; `referenceWords` is the slow
/// definition, and the tests hold the two equal).
public enum SearchText {
    /// A folded word, whether it continues the phrase of the word before it, and where it starts in the original
    /// text (UTF-8 offset).
    public struct Word: Sendable, Hashable {
        public var text: String
        /// True when only white space separates this word from the previous one.
        public var joinsPrevious: Bool
        public var start: Int = 0
        public var end: Int = 0
        /// FNV-1a of `text`'s UTF-8 bytes (names the word's shard).
        public var hash: UInt32 = 0

        public init(text: String, joinsPrevious: Bool, start: Int = 0, end: Int = 0) {
            self.text = text
            self.joinsPrevious = joinsPrevious
            self.start = start
            self.end = end
            self.hash = FNV.hash(text.utf8)
        }

        init(bytes: [UInt8], joinsPrevious: Bool, start: Int, end: Int) {
            self.text = String(decoding: bytes, as: UTF8.self)
            self.joinsPrevious = joinsPrevious
            self.start = start
            self.end = end
            self.hash = FNV.hash(bytes)
        }
    }

    /// The folded form of `text`, before it is cut into words.
    public static func fold(_ text: String) -> String {
        var folded = VietnameseFolding.fold(text)
        if folded.unicodeScalars.contains(where: { $0 == "ς" || $0 == "ð" }) {
            folded = folded.replacingOccurrences(of: "ς", with: "σ").replacingOccurrences(of: "ð", with: "d")
        }
        return folded
    }

    /// The words of `text`, folded, in order.
    public static func words(_ text: String) -> [Word] {
        var folded = FoldedWords()
        scan(text, into: &folded)
        return (0..<folded.count).map { index in
            let word = folded.words[index]
            return Word(bytes: Array(folded.bytes[folded.range(of: index)]), joinsPrevious: word.joins,
                        start: Int(word.start), end: Int(word.sourceEnd))
        }
    }

    /// The words of `text`, folded, appended to `out` (which may hold the words of other texts before): the same
    /// words as `words`, as bytes in one buffer with their FNV-1a hashes, without a `String` per word.
    ///
    /// Written through pointers into room made beforehand (`FoldedWords.write`): appending to arrays checked
    /// sharing and capacity for every byte and five times per word, a good part of the scan's cost. A scalar the
    /// table folds (or ASCII) writes at most twice its UTF-8 length and starts at most one word, so room for twice
    /// the rest of the text, and a word per byte, always suffices; a scalar beyond the table is folded on its own,
    /// with room for what its folding gives.
    static func scan(_ text: String, into out: inout FoldedWords) {
        var text = text
        text.withUTF8 { utf8 in
            let count = utf8.count
            var scanner = Scanner()
            var index = 0
            while index < count {
                index = out.write(bytes: 2 * (count - index), words: count - index + 1) { writer in
                    scanner.run(utf8, from: index, into: &writer)
                }
                guard index < count else { break }
                let (value, width) = Scanner.decode(utf8, at: index)
                let folded = Unicode.Scalar(value).map { Array(fold(String($0)).unicodeScalars) } ?? []
                out.write(bytes: 4 * folded.count, words: folded.count + 1) { writer in
                    for scalar in folded {
                        let sort = SearchText.kind(of: scalar)
                        if sort == .word {
                            scanner.begin(index)
                            scanner.appendScalar(scalar.value, to: &writer)
                        } else {
                            scanner.separate(sort == .other, index, to: &writer)
                        }
                    }
                }
                index += width
            }
            if scanner.inWord { out.write(bytes: 0, words: 1) { writer in scanner.finish(count, to: &writer) } }
        }
    }

    /// `scan`'s state between scalars, and its writing of words.
    private struct Scanner {
        var inWord = false
        var soft = false  // only white space since the previous word
        var hash = FNV.basis
        var start = 0

        @inline(__always)
        mutating func append(_ byte: UInt8, to out: inout FoldedWords.Writer) {
            out.append(byte)
            hash = (hash ^ UInt32(byte)) &* FNV.prime
        }

        @inline(__always)
        mutating func begin(_ offset: Int) {
            if !inWord {
                inWord = true
                start = offset
                hash = FNV.basis
            }
        }

        @inline(__always)
        mutating func finish(_ offset: Int, to out: inout FoldedWords.Writer) {
            out.finishWord(hash: hash, joins: soft, start: start, end: offset)
            inWord = false
            soft = true
        }

        @inline(__always)
        mutating func separate(_ other: Bool, _ offset: Int, to out: inout FoldedWords.Writer) {
            if inWord { finish(offset, to: &out) }
            if other { soft = false }
        }

        @inline(__always)
        mutating func appendScalar(_ value: UInt32, to out: inout FoldedWords.Writer) {
            switch value {
            case ..<0x80:
                append(UInt8(value), to: &out)
            case ..<0x800:
                append(UInt8(0xC0 | value >> 6), to: &out); append(UInt8(0x80 | value & 0x3F), to: &out)
            case ..<0x10000:
                append(UInt8(0xE0 | value >> 12), to: &out); append(UInt8(0x80 | value >> 6 & 0x3F), to: &out)
                append(UInt8(0x80 | value & 0x3F), to: &out)
            default:
                append(UInt8(0xF0 | value >> 18), to: &out); append(UInt8(0x80 | value >> 12 & 0x3F), to: &out)
                append(UInt8(0x80 | value >> 6 & 0x3F), to: &out); append(UInt8(0x80 | value & 0x3F), to: &out)
            }
        }

        /// The scalar at `index` of valid UTF-8 (a String's), decoded by its lead byte, and its width.
        @inline(__always)
        static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, width: Int) {
            let lead = utf8[index]
            if lead < 0x80 { return (UInt32(lead), 1) }
            if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F), 2) }
            if lead < 0xF0 {
                return (UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F), 3)
            }
            return (UInt32(lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12
                        | UInt32(utf8[index + 2] & 0x3F) << 6 | UInt32(utf8[index + 3] & 0x3F), 4)
        }

        /// Scans from `index` to the end of the text, or to a scalar beyond the table, and says where it stopped.
        mutating func run(_ utf8: UnsafeBufferPointer<UInt8>, from index: Int,
                          into out: inout FoldedWords.Writer) -> Int {
            let count = utf8.count
            let table = SearchText.table
            return table.withUnsafeBufferPointer { table in
                var index = index
                while index < count {
                    let lead = utf8[index]
                    if lead < 0x80 {
                        // ASCII: letters (lower-cased) and digits make words.
                        if lead >= 0x61 && lead <= 0x7A || lead >= 0x30 && lead <= 0x39 {
                            begin(index)
                            append(lead, to: &out)
                        } else if lead >= 0x41 && lead <= 0x5A {
                            begin(index)
                            append(lead + 0x20, to: &out)
                        } else {
                            separate(!(lead == 0x20 || (lead >= 0x09 && lead <= 0x0D)), index, to: &out)
                        }
                        index += 1
                        continue
                    }
                    let (value, width) = Self.decode(utf8, at: index)
                    guard value < table.count else { return index }
                    let entry = table[Int(value)]
                    if entry != dropped {
                        let kind = entry >> 24
                        if kind == UInt32(ScalarKind.word.rawValue) {
                            begin(index)
                            appendScalar(entry & 0x1F_FFFF, to: &out)
                        } else {
                            separate(kind == UInt32(ScalarKind.other.rawValue), index, to: &out)
                        }
                    }
                    index += width
                }
                return index
            }
        }
    }

    /// `words` by its definition: fold the whole text, then cut it. Slow; the tests compare the two.
    static func referenceWords(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        var soft = false
        for scalar in fold(text).unicodeScalars {
            let kind = kind(of: scalar)
            if kind == .word {
                current.append(scalar)
                continue
            }
            if !current.isEmpty {
                words.append(Word(text: String(current), joinsPrevious: soft))
                current = String.UnicodeScalarView()
                soft = true
            }
            if kind == .other { soft = false }
        }
        if !current.isEmpty { words.append(Word(text: String(current), joinsPrevious: soft)) }
        return words
    }

    /// Search terms of `text` in order of appearance: every word, and every pair of neighbouring words
    /// (`"ho tich"`), repeated as often as they occur.
    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var previous: String?
        for word in words(text) {
            if word.joinsPrevious, let previous { terms.append(previous + " " + word.text) }
            terms.append(word.text)
            previous = word.text
        }
        return terms
    }

    enum ScalarKind: UInt8 { case word = 1, space = 2, other = 3 }

    /// Unicode White_Space beyond ASCII, spelt out so the browser script can use the very same list.
    static let whiteSpace: Set<UInt32> = [0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
                                          0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000]

    /// Letters and digits make words; white space keeps a phrase together; anything else ends it.
    static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        if scalar.isASCII {
            let v = scalar.value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) { return .word }
            return v == 0x20 || (v >= 0x09 && v <= 0x0D) ? .space : .other
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return .word
        default:
            return whiteSpace.contains(scalar.value) ? .space : .other
        }
    }

    static let dropped: UInt32 = 0

    /// Folding of every scalar below U+3040 (Latin with Vietnamese, combining marks, Greek, Cyrillic, general
    /// punctuation, ...), as `fold` gives it (see `FoldingTable`).
    static let table: [UInt32] = FoldingTable.stored()
}

/// Folded words of one or more texts as `SearchText.scan` leaves them: their bytes back to back in one buffer, with
/// each word's hash, whether it continues the phrase before it, and where it stands in its original text.
struct FoldedWords {
    /// The words' bytes back to back (word `n` ends at `words[n].end` and starts where word `n - 1` ends), then the
    /// bytes of a word being scanned, then room.
    private(set) var bytes: [UInt8] = []
    /// The first `count` are the words; the rest is room.
    private(set) var words: [FoldedWord] = []
    private(set) var count = 0
    private var byteCount = 0

    @inline(__always)
    func range(of word: Int) -> Range<Int> {
        (word == 0 ? 0 : Int(words[word - 1].end))..<Int(words[word].end)
    }

    mutating func removeAll() {
        count = 0
        byteCount = 0
    }

    /// Where `SearchText.scan` writes, through pointers: it asks `write` for room first, and writes no further.
    struct Writer {
        fileprivate let bytes: UnsafeMutablePointer<UInt8>
        fileprivate let words: UnsafeMutablePointer<FoldedWord>
        fileprivate let byteRoom: Int, wordRoom: Int
        fileprivate var byteCount: Int, count: Int

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            assert(byteCount < byteRoom, "scan wrote past its room")
            bytes[byteCount] = byte
            byteCount += 1
        }

        @inline(__always)
        mutating func finishWord(hash: UInt32, joins: Bool, start: Int, end: Int) {
            assert(count < wordRoom, "scan wrote past its room")
            words[count] = FoldedWord(end: Int32(byteCount), hash: hash, start: Int32(start), sourceEnd: Int32(end),
                                      joins: joins)
            count += 1
        }
    }

    /// Runs `body` with room for `room` more bytes and `wordRoom` more words.
    @discardableResult
    mutating func write<Result>(bytes room: Int, words wordRoom: Int, _ body: (inout Writer) -> Result) -> Result {
        // Taken out of `self` while written, so the closures below touch two plain variables.
        var bytes: [UInt8] = [], words: [FoldedWord] = []
        swap(&bytes, &self.bytes)
        swap(&words, &self.words)
        defer {
            swap(&bytes, &self.bytes)
            swap(&words, &self.words)
        }
        bytes.grow(toAtLeast: byteCount + room, filling: 0)
        words.grow(toAtLeast: count + wordRoom, filling: FoldedWord())
        return bytes.withUnsafeMutableBufferPointer { bytes in
            words.withUnsafeMutableBufferPointer { words in
                var writer = Writer(bytes: bytes.baseAddress!, words: words.baseAddress!, byteRoom: bytes.count,
                                    wordRoom: words.count, byteCount: byteCount, count: count)
                let result = body(&writer)
                byteCount = writer.byteCount
                count = writer.count
                return result
            }
        }
    }
}

/// A word as `SearchText.scan` found it.
struct FoldedWord {
    /// End of its bytes in `FoldedWords.bytes`.
    var end: Int32 = 0
    /// FNV-1a of its bytes.
    var hash: UInt32 = 0
    /// UTF-8 offsets of the word in its original text.
    var start: Int32 = 0
    var sourceEnd: Int32 = 0
    /// True when only white space separates it from the word before.
    var joins = false
}
