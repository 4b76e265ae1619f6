import Foundation

extension Array where Element: Sendable {
    /// `map` on all cores, results in input order. Work items are independent files or pages, each costing
    /// far more than the dispatch, so a plain concurrentPerform is enough.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = ResultSlots<T>(count: count)
        withoutActuallyEscaping(transform) { transform in
            let work = UnsafeSendableBox(transform)
            let elements = UnsafeSendableBox(self)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                results.set(i, work.value(elements.value[i]))
            }
        }
        return results.values
    }
}

private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) {
        lock.lock(); slots[i] = value; lock.unlock()
    }
    var values: [T] { slots.map { $0! } }
}

struct UnsafeSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
