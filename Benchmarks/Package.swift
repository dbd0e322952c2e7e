// swift-tools-version: 6.2
import PackageDescription

// The benchmark package: its own package so the root keeps `dependencies: []`.
// - LogGenerator / generate-log: the deterministic benchmark log (no dependencies).
let package = Package(
    name: "OpsMetricsBenchmarks",
    platforms: [.macOS(.v15)],
    targets: [
        .target(
            name: "LogGenerator",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "generate-log",
            dependencies: ["LogGenerator"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
