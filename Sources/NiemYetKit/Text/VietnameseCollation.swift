import Foundation

/// Vietnamese alphabetical order: a ă â b c d đ e ê … o ô ơ … u ư, letters first and tones second.
/// Code-point order puts "Đất đai" after "Ưu đãi"; Foundation's vi_VN collation gets it right, so use it.
public enum VietnameseCollation {
    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        if a == b { return .orderedSame }
        // Converted for CoreFoundation only when the memo has no answer (`serve` rebuilds ask the same pairs).
        return fixed(a, b, memo.compare(a, b) { CollationText.localeOrder(CollationText(a), CollationText(b)) })
    }

    /// The same for texts converted once (see `CollationText`): a sort compares each key many times.
    static func compare(_ a: CollationText, _ b: CollationText) -> ComparisonResult {
        if a.text == b.text { return .orderedSame }
        return fixed(a.text, b.text, memo.compare(a.text, b.text) { CollationText.localeOrder(a, b) })
    }

    /// Two different strings that collate equal still need a fixed order, for deterministic output.
    private static func fixed(_ a: String, _ b: String, _ result: ComparisonResult) -> ComparisonResult {
        result == .orderedSame ? (a < b ? .orderedAscending : .orderedDescending) : result
    }

    public static func less(_ a: String, _ b: String) -> Bool { compare(a, b) == .orderedAscending }

    /// `items` in the order of their keys. Each key is taken once, and positions are sorted rather than the items:
    /// moving large values (a `Procedure`) through every step of the sort cost more than the comparisons.
    public static func sorted<T>(_ items: [T], by key: (T) -> String) -> [T] {
        sorted(items, by: key, then: { _, _ in false })
    }

    /// The same, with `tieBreak` deciding between items whose keys collate equal.
    public static func sorted<T>(_ items: [T], by key: (T) -> String, then tieBreak: (T, T) -> Bool) -> [T] {
        let keys = items.map { CollationText(key($0)) }
        // A strict total order: collation, then `tieBreak`, then the original position (so the result is the same
        // whatever the sorting algorithm).
        func before(_ i: Int, _ j: Int) -> Bool {
            switch compare(keys[i], keys[j]) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame:
                if tieBreak(items[i], items[j]) { return true }
                if tieBreak(items[j], items[i]) { return false }
                return i < j
            }
        }
        return sortedPositions(count: items.count, by: before).map { items[$0] }
    }

    /// Positions `0..<count` sorted by `before`, a strict total order. Lists past a few dozen items are sorted as
    /// two halves on two threads, then merged on both: one thread takes the smaller half of the result from the
    /// front, the other the rest from the back. Each comparison asks Foundation's locale collation (microseconds):
    /// sorting the 2,000 procedures of a large site was a quarter of a second that no other work overlapped, and
    /// the 427 of the 1k benchmark site ten milliseconds with the other core idle.
    static func sortedPositions(count: Int, by before: (Int, Int) -> Bool) -> [Int] {
        guard count > 64 else { return (0..<count).sorted(by: before) }
        let middle = count / 2
        return withoutActuallyEscaping(before) { before in
            let order = UnsafeSendableBox(before)
            let halves = [0..<middle, middle..<count].parallelMap { $0.sorted(by: order.value) }
            let left = halves[0], right = halves[1]
            // A strict total order has one sorted result, so the two ends can be merged apart: the `middle`
            // smallest positions are the front's, the others the back's.
            let ends = [true, false].parallelMap { isFront -> [Int] in
                let before = order.value
                var merged: [Int] = []
                if isFront {
                    merged.reserveCapacity(middle)
                    var a = 0, b = 0
                    while merged.count < middle {
                        if b < right.count && (a == left.count || before(right[b], left[a])) {
                            merged.append(right[b]); b += 1
                        } else {
                            merged.append(left[a]); a += 1
                        }
                    }
                    return merged
                }
                merged.reserveCapacity(count - middle)
                var a = left.count - 1, b = right.count - 1
                while merged.count < count - middle {
                    if b >= 0 && (a < 0 || before(left[a], right[b])) {
                        merged.append(right[b]); b -= 1
                    } else {
                        merged.append(left[a]); a -= 1
                    }
                }
                return merged.reversed()
            }
            return ends[0] + ends[1]
        }
    }
}

/// Foundation's locale comparison costs microseconds per call and a rebuild sorts the same titles again (427
/// procedures: thousands of comparisons, a few percent of a `serve` rebuild). The comparison is a pure function of
/// the two strings, so `serve` has its answers remembered for the life of the process; the memo is emptied when it
/// grows large (a long session whose titles keep changing), which changes only the speed, never an answer.
/// A single `build` never asks the same pair twice, so it leaves the memo off: hashing and storing 20,000 pairs of
/// long titles cost it almost as much as the comparisons.
final class CollationMemo: @unchecked Sendable {
    private struct Pair: Hashable { var a: String, b: String }
    private let lock = NSLock()
    private var answers: [Pair: ComparisonResult] = [:]
    private var enabled = false
    private let limit: Int

    init(limit: Int = 200_000) { self.limit = limit }

    func enable() { lock.withLock { enabled = true } }

    func compare(_ a: String, _ b: String, _ compute: () -> ComparisonResult) -> ComparisonResult {
        lock.lock()
        guard enabled else { lock.unlock(); return compute() }
        let pair = Pair(a: a, b: b)
        if let known = answers[pair] { lock.unlock(); return known }
        lock.unlock()
        let answer = compute()
        lock.lock()
        if answers.count >= limit { answers.removeAll(keepingCapacity: true) }
        answers[pair] = answer
        lock.unlock()
        return answer
    }
}

extension VietnameseCollation {
    static let memo = CollationMemo()

    /// For processes that sort the same texts again and again (`serve`): remember every comparison's answer.
    public static func rememberAnswers() { memo.enable() }
}
