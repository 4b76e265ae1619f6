/// Values kept until the process exits, never freed (see `BuildOptions.releasesMemory`).
enum ProcessLifetime {
    private final class Box: @unchecked Sendable {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    static func keep(_ value: Any) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
