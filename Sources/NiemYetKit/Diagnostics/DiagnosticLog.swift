import Foundation

/// Collects every problem of a build instead of stopping at the first, so an editor fixes them all in one go.
/// Shared by the parallel loaders, hence the lock.
public final class DiagnosticLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        lock.lock(); defer { lock.unlock() }
        items.append(diagnostic)
    }

    public func report(_ diagnostics: [Diagnostic]) {
        lock.lock(); defer { lock.unlock() }
        items.append(contentsOf: diagnostics)
    }

    public func error(_ message: String, at location: SourceLocation?) {
        report(.error(message, at: location))
    }

    public func warning(_ message: String, at location: SourceLocation?) {
        report(.warning(message, at: location))
    }

    /// Sorted and de-duplicated: the same input always gives the same report.
    public var diagnostics: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return Array(Set(items)).sorted()
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool {
        lock.lock(); defer { lock.unlock() }
        return items.contains { $0.severity == .error }
    }
}
