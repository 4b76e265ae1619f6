/// Keys numbered 0, 1, 2, ... in order of first insertion, found by a hash the caller already has (the FNV-1a hash
/// each search term gets anyway for its shard). Reading the index asks "which number has this term?" for every
/// word of 14,000 documents; the standard Dictionary would hash each key again with SipHash, which took a good
/// share of the index's build time.
struct DenseTable<Key: Equatable> {
    private(set) var keys: [Key] = []
    private var hashes: [UInt32] = []
    /// Open addressing, linear probing: a key's number + 1, 0 for an empty slot.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { keys.count }

    /// The number of `key`, adding it when new; `isNew` says which.
    mutating func number(of key: Key, hash: UInt32) -> (number: Int, isNew: Bool) {
        var slot = Int(Self.spread(hash)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            if hashes[entry - 1] == hash && keys[entry - 1] == key { return (entry - 1, false) }
            slot = (slot + 1) & mask
        }
        keys.append(key)
        hashes.append(hash)
        slots[slot] = Int32(keys.count)
        if keys.count * 2 > slots.count { grow() }
        return (keys.count - 1, true)
    }

    private mutating func grow() {
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
