import Foundation

/// Work cut into independent parts that every thread needing the result helps to finish.
///
/// Output jobs run on all cores. Several of them (the index shards) need one result that costs real work to make;
/// with a plain lazy value the first job would make it alone while the others wait idle on a lock. Here a thread
/// that asks for the result takes the next part nobody has started, and only waits once every part is taken, so all
/// threads that reach the search jobs work on the index together, and the rest keep rendering pages meanwhile.
final class SharedWork<Part: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let make: @Sendable (Int) -> Part
    private var slots: [Part?]
    private var next = 0
    private var finished = 0
    /// The parts once all are made: handed out as they are, since mapping the optionals again for each of
    /// thousands of callers (one per search result file) retained every part each time.
    private var done: [Part]?

    init(parts: Int, make: @escaping @Sendable (Int) -> Part) {
        self.make = make
        self.slots = Array(repeating: nil, count: parts)
    }

    /// Every part, in order; computes unclaimed parts on the calling thread.
    func results() -> [Part] {
        condition.lock()
        if let done {
            condition.unlock()
            return done
        }
        while next < slots.count {
            let index = next
            next += 1
            condition.unlock()
            let part = make(index)
            condition.lock()
            slots[index] = part
            finished += 1
            if finished == slots.count { condition.broadcast() }
        }
        while finished < slots.count { condition.wait() }
        if done == nil { done = slots.map { $0! } }
        let parts = done!
        condition.unlock()
        return parts
    }
}
