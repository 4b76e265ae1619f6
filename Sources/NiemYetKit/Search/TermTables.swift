import Foundation

/// The hash slots of `ByteTable`, which keeps its keys and hashes itself: open addressing with linear probing, a
/// key's number + 1 in its slot, 0 for an empty slot, doubled when half full. Keys are found by a hash the caller
/// already has (the FNV-1a hash each search term gets anyway for its shard): the standard Dictionary would hash each
/// key again with SipHash, which took a good share of the index's build time.
struct ProbeSlots {
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The number of the key with `hash` that `matches`, or nil and the empty slot where it would go.
    @inline(__always)
    func find(_ hash: UInt32, matches: (Int) -> Bool) -> (number: Int?, slot: Int) {
        var slot = Int(Self.spread(hash)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return (nil, slot) }
            if matches(entry - 1) { return (entry - 1, slot) }
            slot = (slot + 1) & mask
        }
    }

    /// Puts key `number` into the empty `slot` that `find` gave; `hashes` (every key's, by number) place the keys
    /// again when the table doubles.
    @inline(__always)
    mutating func insert(_ number: Int, at slot: Int, hashes: [UInt32]) {
        slots[slot] = Int32(number + 1)
        if (number + 1) * 2 > slots.count { grow(hashes) }
    }

    private mutating func grow(_ hashes: [UInt32]) {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(Self.spread(hash)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    /// FNV's low bits are weak for short keys; mix them before masking.
    static func spread(_ hash: UInt32) -> UInt32 {
        var h = hash
        h ^= h >> 16
        h = h &* 0x7FEB_352D
        h ^= h >> 15
        return h
    }
}

/// Pairs of numbers below 2^31, each with a number the caller gives it: the search index finds the pairs of
/// neighbouring words of a chunk by the words' term numbers, so a pair seen before costs one probe here instead of
/// its bytes copied, hashed and compared in a `ByteTable`. Open addressing with linear probing, doubled when half
/// full, like `ProbeSlots`, but with the keys in the slots: a table keeping its keys apart appended every new pair to
/// two arrays, and most pairs of a small chunk are new.
struct PairTable {
    /// By slot: the pair as `first << 32 | second`, and its value + 1 (0 for an empty slot).
    private var keys: [Int]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The value of the pair (`first`, `second`), or nil and the empty slot where it would go.
    @inline(__always)
    func find(_ first: Int, _ second: Int) -> (value: Int?, slot: Int) {
        let key = first << 32 | second
        return keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                var slot = Self.home(key) & mask
                while true {
                    let value = Int(values[slot])
                    if value == 0 { return (nil, slot) }
                    if keys[slot] == key { return (value - 1, slot) }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Gives the pair (`first`, `second`) its `value` (below 2^31 - 1), in the empty `slot` that `find` gave.
    @inline(__always)
    mutating func insert(_ value: Int, for first: Int, _ second: Int, at slot: Int) {
        keys[slot] = first << 32 | second
        values[slot] = Int32(value + 1)
        count += 1
        if count * 2 > keys.count { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = oldKeys.count * 2, mask = size - 1
        self.mask = mask
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        // Placed through pointers: the arrays' sharing and bounds were checked for every pair otherwise.
        keys.withUnsafeMutableBufferPointer { keys in
            values.withUnsafeMutableBufferPointer { values in
                for (key, value) in zip(oldKeys, oldValues) where value != 0 {
                    var slot = Self.home(key) & mask
                    while values[slot] != 0 { slot = (slot + 1) & mask }
                    keys[slot] = key
                    values[slot] = value
                }
            }
        }
    }

    /// The pair's first slot: the first number spread over the bits, the second mixed in, then both spread again
    /// (small numbers side by side would otherwise crowd the same few slots).
    @inline(__always)
    private static func home(_ key: Int) -> Int {
        Int(ProbeSlots.spread(UInt32(truncatingIfNeeded: (key >> 32) &* 0x9E37_79B1) ^ UInt32(truncatingIfNeeded: key)))
    }
}

/// FNV-1a, 32 bits: the hash that names a term's shard (the browser computes the same).
enum FNV {
    static let basis: UInt32 = 2_166_136_261
    static let prime: UInt32 = 16_777_619

    static func hash<Bytes: Sequence>(_ bytes: Bytes, from start: UInt32 = basis) -> UInt32 where Bytes.Element == UInt8 {
        var hash = start
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* prime }
        return hash
    }
}

/// Byte strings (search terms as folded UTF-8) numbered 0, 1, 2, ... in order of first insertion, stored back to
/// back in one buffer: the index reads six million term occurrences on the benchmark site, and a `String` per
/// occurrence (allocated, validated, hashed again) cost more than the rest of the reading.
struct ByteTable {
    /// Every key's bytes, back to back: key `n` is `bytes[starts[n]..<starts[n + 1]]` (then room).
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    private(set) var hashes: [UInt32] = []
    private var slots: ProbeSlots

    init(capacity: Int = 64) {
        slots = ProbeSlots(capacity: capacity)
        hashes.reserveCapacity(capacity)
        starts.reserveCapacity(capacity + 1)
    }

    var count: Int { hashes.count }

    /// Byte range of key `number` in `bytes`.
    @inline(__always)
    func range(of number: Int) -> Range<Int> { Int(starts[number])..<Int(starts[number + 1]) }

    /// Key `number` as a `String` (for tools and tests).
    func string(_ number: Int) -> String { String(decoding: bytes[range(of: number)], as: UTF8.self) }

    /// The number of `key`, adding it when new; `isNew` says which. `hash` is the key's FNV-1a hash.
    mutating func number(of key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (number: Int, isNew: Bool) {
        // Probed through pointers: the arrays' bounds were checked again at every step of every lookup.
        let found = hashes.withUnsafeBufferPointer { hashes in
            starts.withUnsafeBufferPointer { starts in
                bytes.withUnsafeBufferPointer { bytes in
                    slots.find(hash) { number in
                        hashes[number] == hash && Int(starts[number + 1] - starts[number]) == key.count
                            && Self.equal(bytes.baseAddress! + Int(starts[number]), key)
                    }
                }
            }
        }
        if let number = found.number { return (number, false) }
        append(key)
        hashes.append(hash)
        slots.insert(hashes.count - 1, at: found.slot, hashes: hashes)
        return (hashes.count - 1, true)
    }

    /// Copies a new key's bytes after the others. `bytes` is kept longer than its keys (by doubling; what lies past
    /// the last key is room), so a key is one plain copy: `append(contentsOf:)` cost a hundred instructions a key.
    @inline(__always)
    private mutating func append(_ key: UnsafeBufferPointer<UInt8>) {
        let start = Int(starts[starts.count - 1]), end = start + key.count
        // Always a byte to spare, so `bytes` has an address once it holds a key, even an empty one.
        bytes.grow(toAtLeast: max(end + 1, 64), filling: 0)
        if let source = key.baseAddress {
            bytes.withUnsafeMutableBufferPointer { ($0.baseAddress! + start).update(from: source, count: key.count) }
        }
        starts.append(Int32(end))
    }

    /// Whether `key` is at `stored`. Terms are short (a syllable, two for a pair): a loop beats calling memcmp.
    @inline(__always)
    private static func equal(_ stored: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<key.count where stored[index] != key[index] { return false }
        return true
    }

    /// Whether key `a` sorts before key `b` byte by byte (the order terms take in a shard file).
    func precedes(_ a: Int, _ b: Int) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            let x = UnsafeBufferPointer(rebasing: all[range(of: a)])
            let y = UnsafeBufferPointer(rebasing: all[range(of: b)])
            return x.lexicographicallyPrecedes(y)
        }
    }

}

extension Array {
    /// Makes the array at least `count` long (new elements `filler`, old ones kept), growing it by doubling: the
    /// search index's scratch buffers are sized this way, then written through pointers.
    @inline(__always)
    mutating func grow(toAtLeast count: Int, filling filler: Element) {
        if self.count < count {
            append(contentsOf: repeatElement(filler, count: Swift.max(count, 2 * self.count) - self.count))
        }
    }
}
