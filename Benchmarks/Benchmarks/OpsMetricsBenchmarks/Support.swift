import Benchmark
import Foundation
import LogGenerator

/// The input sizes, in events.
let benchmarkSizes = [10_000, 100_000, 1_000_000]

/// `10^4`-style labels for benchmark names.
func sizeLabel(_ events: Int) -> String {
    var power = 0
    var n = events
    while n >= 10 && n % 10 == 0 {
        n /= 10
        power += 1
    }
    return n == 1 ? "10^\(power)" : "\(events)"
}

/// One generated log and its ground truth.
struct GeneratedInput: Sendable {
    let bytes: [UInt8]
    let summary: GeneratedLogSummary

    init(events: Int, format: LogFormat) {
        (bytes, summary) = IncidentLogGenerator.generate(LogGeneratorOptions(events: events, format: format))
    }
}

/// A generated CSV log written to a file in the temporary directory (the same name for the same
/// size, so runs replace it rather than pile up).
struct GeneratedFile: Sendable {
    let input: GeneratedInput
    let path: String

    init(events: Int) throws {
        input = GeneratedInput(events: events, format: .csv)
        path = FileManager.default.temporaryDirectory.appendingPathComponent("opsmetrics-benchmark-\(events).csv").path
        try Data(input.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Throughput figures measured inside each iteration, around the work alone.
enum Rate {
    /// Input megabytes (10^6 bytes) per second.
    static let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Events (input rows, or timestamps, or intervals) per second.
    static let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)
}

/// Runs `body`, timing it, and records MB/s and events/s for `bytes` and `events`.
func measure<T>(_ benchmark: Benchmark, bytes: Int, events: Int, _ body: () throws -> T) rethrows -> T {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    if seconds > 0 {
        if bytes > 0 { benchmark.measurement(Rate.megabytesPerSecond, Int(Double(bytes) / 1e6 / seconds)) }
        benchmark.measurement(Rate.eventsPerSecond, Int(Double(events) / seconds))
    }
    return result
}

/// Stops the run with `message` unless `condition` holds: a wrong answer is a failed run (nonzero
/// exit), never a figure in the table.
func check(_ benchmark: Benchmark, _ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    let text = "\(benchmark.name): wrong answer: \(message())"
    benchmark.error(text)
    fatalError(text)
}
