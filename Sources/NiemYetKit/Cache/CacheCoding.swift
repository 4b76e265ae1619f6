import Foundation

/// The cache file's encoding: a flat binary stream of varints and length-prefixed UTF-8, written and read in
/// one pass. JSON would be several times slower to read for a thousand articles, and the format never leaves
/// the machine (a different niemyet ignores the file, see `BuildCache.programIdentity`).
struct CacheWriter {
    /// Bytes not yet written to the file. An array, not `Data`: `Data` paid for every appended byte (its inline
    /// and shared representations), which made writing the cache 4% of the 10k benchmark build's CPU.
    var bytes: [UInt8] = []

    /// Writes the buffered bytes to `file` once there are at least `atLeast` of them (the file is written a
    /// megabyte at a time, so the whole cache is never held twice).
    mutating func flush(to file: inout CacheFile, atLeast: Int) {
        guard bytes.count >= atLeast else { return }
        bytes.withUnsafeBytes { file.write($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func count(_ value: Int) { varint(UInt64(max(value, 0))) }

    mutating func uint32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func key(_ key: Key) {
        for word in [key.a, key.b, key.c, key.d] {
            withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }

    mutating func location(_ location: SourceLocation) {
        string(location.path); count(location.line); count(location.column)
    }

    mutating func optionalYAML(_ value: YAMLValue?) {
        guard let value else { bytes.append(0); return }
        yaml(value)
    }

    mutating func yaml(_ value: YAMLValue) {
        switch value {
        case .scalar(let text, let at, let quoted):
            bytes.append(1); string(text); location(at); bool(quoted)
        case .sequence(let items, let at):
            bytes.append(2); location(at); count(items.count)
            for item in items { yaml(item) }
        case .mapping(let pairs, let at):
            bytes.append(3); location(at); count(pairs.count)
            for pair in pairs { string(pair.key); location(pair.keyLocation); yaml(pair.value) }
        case .null(let at):
            bytes.append(4); location(at)
        }
    }

    mutating func rendered(_ value: RenderedMarkdown) {
        string(value.html); string(value.plainText)
        count(value.links.count)
        for link in value.links { string(link.path); location(link.location) }
        count(value.headings.count)
        for heading in value.headings { count(heading.level); string(heading.text); string(heading.id) }
    }
}

struct CacheReader {
    struct Damaged: Error {}

    private let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        self.offset = data.startIndex
    }

    private mutating func byte() throws(Damaged) -> UInt8 {
        guard offset < data.endIndex else { throw Damaged() }
        defer { offset += 1 }
        return data[offset]
    }

    mutating func uint32() throws(Damaged) -> UInt32 {
        var value: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { value |= UInt32(try byte()) << UInt32(shift) }
        return value
    }

    mutating func varint() throws(Damaged) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
            if shift > 63 { throw Damaged() }
        }
    }

    mutating func count() throws(Damaged) -> Int {
        let value = try varint()
        guard value <= UInt64(Int32.max) else { throw Damaged() }
        return Int(value)
    }

    mutating func string() throws(Damaged) -> String {
        let length = try count()
        guard length <= data.endIndex - offset else { throw Damaged() }
        let text = String(validating: data[offset..<(offset + length)], as: UTF8.self)
        offset += length
        guard let text else { throw Damaged() }
        return text
    }

    mutating func bool() throws(Damaged) -> Bool { try byte() != 0 }

    mutating func key() throws(Damaged) -> Key {
        var words: [UInt64] = []
        for _ in 0..<4 {
            var word: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 8) { word |= UInt64(try byte()) << UInt64(shift) }
            words.append(word)
        }
        return Key(a: words[0], b: words[1], c: words[2], d: words[3])
    }

    mutating func location() throws(Damaged) -> SourceLocation {
        SourceLocation(path: try string(), line: try count(), column: try count())
    }

    mutating func optionalYAML() throws(Damaged) -> YAMLValue? {
        let tag = try byte()
        if tag == 0 { return nil }
        return try yaml(tag: tag)
    }

    mutating func yaml(tag given: UInt8? = nil, depth: Int = 0) throws(Damaged) -> YAMLValue {
        guard depth < 200 else { throw Damaged() }
        let tag: UInt8
        if let given { tag = given } else { tag = try byte() }
        switch tag {
        case 1:
            return .scalar(try string(), try location(), quoted: try bool())
        case 2:
            let at = try location()
            var items: [YAMLValue] = []
            for _ in 0..<(try count()) { items.append(try yaml(depth: depth + 1)) }
            return .sequence(items, at)
        case 3:
            let at = try location()
            var pairs: [(key: String, value: YAMLValue, keyLocation: SourceLocation)] = []
            for _ in 0..<(try count()) {
                let key = try string()
                let keyLocation = try location()
                pairs.append((key, try yaml(depth: depth + 1), keyLocation))
            }
            return .mapping(pairs, at)
        case 4:
            return .null(try location())
        default:
            throw Damaged()
        }
    }

    mutating func rendered() throws(Damaged) -> RenderedMarkdown {
        let html = try string()
        let plain = try string()
        var links: [InternalLink] = []
        for _ in 0..<(try count()) { links.append(InternalLink(path: try string(), location: try location())) }
        var headings: [RenderedMarkdown.Heading] = []
        for _ in 0..<(try count()) {
            headings.append(.init(level: try count(), text: try string(), id: try string()))
        }
        return RenderedMarkdown(html: html, plainText: plain, links: links, headings: headings)
    }
}
