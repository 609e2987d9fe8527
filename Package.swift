// swift-tools-version: 6.0
import Foundation
import PackageDescription

let package = Package(
    name: "govctl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "govctl", targets: ["govctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "YAMLNodes", dependencies: ["CYAML"]),
        .target(name: "Governance"),
        .target(name: "Manifests", dependencies: ["YAMLNodes", "Governance"]),
        .target(name: "Planning", dependencies: ["Governance"]),
        .target(
            name: "ControlPlane",
            dependencies: [
                "Governance",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Server",
            dependencies: [
                "ControlPlane", "Governance",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "Reconciler",
            dependencies: [
                "Planning", "ControlPlane", "Governance",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "govctl",
            dependencies: [
                "Manifests", "Governance", "YAMLNodes", "ControlPlane", "Planning", "Reconciler", "Server",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime and Foundation are linked in, so the binary runs on a machine without a Swift
            // toolchain (a CI runner) with only the system's own libraries. Every build does it, so the binary the
            // tests run (and check with ldd) is the one scripts/install.sh ships. `swift build --static-swift-stdlib`
            // would also compile every dependency against the static SDK, whose Foundation names the libraries
            // below; a linker setting alone does not, so they are named here (a toolchain that renames them fails
            // the link, never the binary).
            linkerSettings: [
                .unsafeFlags(["-static-stdlib", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections"],
                             .when(platforms: [.linux])),
            ],
            plugins: ["BuildStamp"]
        ),
        .plugin(name: "BuildStamp", capability: .buildTool()),
        .executableTarget(
            name: "govctl-bench",
            dependencies: ["CYAML", "YAMLNodes", "Manifests", "Planning", "Governance"],
            path: "Sources/govctl-bench"
        ),
        .executableTarget(name: "controlplane-stress", dependencies: ["ControlPlane", "Governance"]),
        .testTarget(name: "YAMLNodesTests", dependencies: ["YAMLNodes"], exclude: ["Fixtures"]),
        .testTarget(name: "GovernanceTests", dependencies: ["Governance"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning"]),
        .testTarget(name: "ControlPlaneTests", dependencies: ["ControlPlane", "Governance", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ManifestsTests", dependencies: ["Manifests"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "ControlPlane", "Planning", "Governance"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "ControlPlane", "Governance", "YAMLNodes",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["check_openapi.py", "Fixtures"]
        ),
        .testTarget(
            name: "RemoteTests",
            dependencies: [
                "Reconciler", "Server", "ControlPlane", "Governance", "Planning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "GovctlTests", dependencies: ["Manifests", "ControlPlane", "Governance"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer targets (Fuzz/, run by scripts/fuzz.sh) exist only when GOVCTL_FUZZ is set: they have no `main`
// of their own (libFuzzer brings it), so an ordinary build must not see them.
if ProcessInfo.processInfo.environment["GOVCTL_FUZZ"] != nil {
    package.targets += [
        .executableTarget(name: "fuzz-manifests", dependencies: ["Manifests"], path: "Fuzz/Sources/fuzz-manifests"),
        .executableTarget(name: "fuzz-patterns", dependencies: ["Governance"], path: "Fuzz/Sources/fuzz-patterns"),
    ]
}
