import Foundation

/// A value computed at most once, on first use, by whichever thread asks first; for work two jobs share (a
/// procedure's QR code is drawn on its page and written as its own file).
final class Once<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?
    private var make: (@Sendable () -> T)?

    init(_ make: @escaping @Sendable () -> T) { self.make = make }

    func get() -> T {
        lock.lock(); defer { lock.unlock() }
        if let value { return value }
        let result = make!()
        value = result
        make = nil
        return result
    }
}
