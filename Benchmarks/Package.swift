// swift-tools-version: 6.2
import PackageDescription

// The benchmark package: its own package so the root keeps `dependencies: []`.
// - LogGenerator / generate-log: the deterministic benchmark log (no dependencies).
// - OpsMetricsBenchmarks: the suites, on ordo-one/benchmark (formerly package-benchmark; run with
//   `swift package --package-path Benchmarks benchmark`). Its trait list is spelled out:
//   "MallocInterposer" gives allocation counts without jemalloc, and leaves out the Swift 6.3 runtime
//   interposer, which this machine kind lacks. The root is named explicitly (`name: "OpsMetrics"`):
//   a path dependency is otherwise known by its directory's name, which depends on the checkout.
let package = Package(
    name: "OpsMetricsBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "OpsMetrics", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
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
        .executableTarget(
            name: "OpsMetricsBenchmarks",
            dependencies: [
                "LogGenerator",
                .product(name: "OpsMetrics", package: "OpsMetrics"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/OpsMetricsBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
