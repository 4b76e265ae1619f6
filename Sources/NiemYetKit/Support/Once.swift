import Foundation

/// A value computed at most once, on first use, by whichever thread asks first; for work two jobs share (a
/// procedure's QR code is drawn on its page and written as its own file).
final class Once<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?
    private var make: (@Sendable () -> T)?

    init(_ make: @escaping @Sendable () -> T) { self.make = make }

    /// Without a maker: for a value made from what asks for it (a `Site`'s news lists need the site).
    init() {}

    func get() -> T { get(orMake: { self.make!() }) }

    /// The value, made by `make` if nobody made it before.
    func get(orMake make: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        if let value { return value }
        let result = make()
        value = result
        self.make = nil
        return result
    }
}
