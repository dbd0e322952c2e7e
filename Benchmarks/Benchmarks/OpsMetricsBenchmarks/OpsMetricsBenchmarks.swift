// The benchmark suites of OpsMetrics (ordo-one/package-benchmark). Run from the repository root:
//
//     swift package --package-path Benchmarks benchmark                       # every suite
//     swift package --package-path Benchmarks benchmark --filter "Pipeline.*"  # one suite
//
// Suites: Tokenizer, Timestamp, Folding, IntervalSet, Pipeline (see Benchmarks/README.md). Each
// input is the generated benchmark log (LogGenerator, seed 42, 50 services) at 10^4, 10^5 and 10^6
// events, made in `setup`, outside the timed region. Each iteration checks its answer against the
// generator's ground truth or a known result and fails the benchmark (`benchmark.error`) if it is
// wrong, then hands the result to `blackHole`.
import Benchmark

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident,
                  Rate.megabytesPerSecond, Rate.eventsPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(2),
        maxIterations: 30
    )
    tokenizerBenchmarks()
    timestampBenchmarks()
    foldingBenchmarks()
    intervalSetBenchmarks()
    pipelineBenchmarks()
    sloBenchmarks()
}
