// swift-tools-version: 6.2
import PackageDescription

// The root package has no dependencies: the library and the CLI build with the Swift toolchain alone.
// Benchmarks live in their own package under Benchmarks/.
let package = Package(
    name: "OpsMetrics",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex, for reading a file on several threads
    products: [
        .library(name: "OpsMetrics", targets: ["OpsMetrics"]),
        .executable(name: "opsmetrics", targets: ["opsmetrics-cli"]),
    ],
    dependencies: [],
    targets: [
        .target(
            name: "OpsMetrics",
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .strictMemorySafety(),
            ]
        ),
        .executableTarget(
            name: "opsmetrics-cli",
            dependencies: ["OpsMetrics"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "OpsMetricsTests",
            dependencies: ["OpsMetrics", "opsmetrics-cli"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
