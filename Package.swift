// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "niemyet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "niemyet", targets: ["niemyet"]),
        // `niemyet serve` runs it; a program of its own so that niemyet links no HTTP server (see its main.swift).
        .executable(name: "niemyet-serve", targets: ["niemyet-serve"]),
        .library(name: "NiemYetKit", targets: ["NiemYetKit"]),
    ],
    dependencies: [
        // Yams for libyaml (its `CYaml` module): YAMLComposer composes values straight from libyaml's events and
        // detects duplicate keys itself. Yams' own composer is the reference of a test (YAMLComposerTests), pinned
        // at the version that test was written against.
        .package(url: "https://github.com/jpsim/Yams.git", exact: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // `niemyet serve`: a small, maintained HTTP server (~40 s clean build here, where Hummingbird takes ~4 min;
        // an open SSE stream does not hold up shutdown). Only its request/response types and socket loop are
        // used: file serving and path safety are ours (Sources/NiemYetServe/OutputPath.swift).
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(name: "CCMark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Linux calls Swift cannot reach directly: the atomic swap of the old and new output folders, and opening
        // the build cache for direct I/O (O_DIRECT needs _GNU_SOURCE).
        .target(name: "CFileSwap"),
        .target(
            name: "NiemYetKit",
            dependencies: [
                "CCMark", "CQREncode", "CFileSwap",
                // For its libyaml (the `CYaml` module), which YAMLComposer reads events from.
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The live preview (`niemyet serve`): HTTP, file watching, reload events. Kept out of NiemYetKit so
        // the generator itself never links a server.
        .target(
            name: "NiemYetServe",
            dependencies: [
                "NiemYetKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "niemyet",
            dependencies: ["NiemYetKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // jemalloc instead of glibc's malloc: a build allocates and frees millions of small strings, arrays
            // and page buffers from two threads; glibc's arenas spent ~6% of a 10,000-article build in
            // malloc/free/consolidation, jemalloc ~10% less user CPU overall (docs/performance.md). Linked, not
            // called: its malloc and free take the place of glibc's for the whole process.
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "niemyet-serve",
            dependencies: ["NiemYetKit", "NiemYetServe",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // Yams directly only for a test: YAMLComposer must compose exactly as Yams' composer did.
        .testTarget(name: "NiemYetKitTests", dependencies: ["NiemYetKit", "NiemYetServe",
                                                            .product(name: "Yams", package: "Yams")]),
    ]
)
