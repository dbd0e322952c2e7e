@testable import OpsMetrics
import Testing

// Replay a failure with OPSMETRICS_SEED=<seed> swift test --filter RankSelection

/// `RankSelection` and `DurationStatistics(permuting:)` against `sorted()` on random arrays.
@Suite struct RankSelectionTests {
    /// One shape of random samples.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var counts: [Int]
        /// Samples are drawn from `0..<range` (small ranges give many duplicates).
        var range: Int64
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "tiny arrays, n = 1...40", counts: Array(1...40), range: 1_000_000),
        Case(name: "tiny arrays of duplicates", counts: Array(1...40), range: 3),
        Case(name: "all equal", counts: [1, 2, 17, 1_000, 100_000], range: 1),
        Case(name: "few distinct values", counts: [100, 10_007, 200_000], range: 5),
        Case(name: "large, wide range", counts: [1_000, 65_537, 300_001], range: Int64.max / 4),
    ]

    /// The statistics computed the original way: sort, then read the ranks.
    static func sortedStatistics(_ samples: [Int64]) -> DurationStatistics {
        var expected = DurationStatistics(microseconds: [])
        expected.count = samples.count
        guard !samples.isEmpty else { return expected }
        let sorted = samples.sorted()
        var sum: Int128 = 0
        for sample in sorted { sum += Int128(sample) }
        expected.meanSeconds = DurationStatistics.seconds(Double(sum) / Double(sorted.count))
        expected.p50Seconds = DurationStatistics.seconds(DurationStatistics.percentile(sorted, 0.5))
        expected.p90Seconds = DurationStatistics.seconds(DurationStatistics.percentile(sorted, 0.9))
        expected.minSeconds = DurationStatistics.seconds(Double(sorted[0]))
        expected.maxSeconds = DurationStatistics.seconds(Double(sorted[sorted.count - 1]))
        return expected
    }

    @Test(arguments: cases)
    func statisticsMatchSorting(_ testCase: Case) {
        var generator = SplitMix64()
        for count in testCase.counts {
            let samples = (0..<count).map { _ in Int64.random(in: 0..<testCase.range, using: &generator) }
            var permuted = samples
            let statistics = DurationStatistics(permuting: &permuted)
            #expect(statistics == Self.sortedStatistics(samples), "OPSMETRICS_SEED=0x\(String(generator.seed, radix: 16)) n=\(count)")
            #expect(permuted.sorted() == samples.sorted(), "the samples are only permuted")
        }
    }

    @Test(arguments: cases)
    func ranksMatchSorting(_ testCase: Case) {
        var generator = SplitMix64()
        for count in testCase.counts {
            var samples = (0..<count).map { _ in Int64.random(in: 0..<testCase.range, using: &generator) }
            let sorted = samples.sorted()
            // A few non-decreasing ranks, repeats and neighbours included.
            var ranks = (0..<4).map { _ in Int.random(in: 0..<count, using: &generator) } + [0, count - 1]
            ranks += ranks.map { min($0 + 1, count - 1) }
            ranks.sort()
            var selection = RankSelection()
            for rank in ranks {
                let value = selection.value(atRank: rank, in: &samples)
                #expect(value == sorted[rank], "OPSMETRICS_SEED=0x\(String(generator.seed, radix: 16)) n=\(count) rank=\(rank)")
                #expect(samples[..<rank].allSatisfy { $0 <= value } && samples[rank...].allSatisfy { $0 >= value })
            }
        }
    }

    /// Inputs built to defeat a median-of-three pivot still give the sorted ranks (by the
    /// fallback to sorting), as do sorted, reversed and organ-pipe inputs.
    @Test func adversarialOrders() {
        let n = 50_000
        let ascending = (0..<n).map { Int64($0) }
        let organPipe = (0..<n).map { Int64(min($0, n - $0)) }
        let sawtooth = (0..<n).map { Int64($0 % 7) * 1_000 + Int64($0 / 7) }
        for samples in [ascending, Array(ascending.reversed()), organPipe, sawtooth] {
            var permuted = samples
            #expect(DurationStatistics(permuting: &permuted) == Self.sortedStatistics(samples))
        }
    }

    @Test func negativeAndExtremeValues() {
        let samples: [Int64] = [Int64.max, Int64.min, 0, -1, 1, Int64.max, Int64.min + 1, 42]
        var permuted = samples
        #expect(DurationStatistics(permuting: &permuted) == Self.sortedStatistics(samples))
    }

    @Test func emptyHasNoStatistics() {
        var samples: [Int64] = []
        let statistics = DurationStatistics(permuting: &samples)
        #expect(statistics.count == 0 && statistics.meanSeconds == nil && statistics.p50Seconds == nil)
    }
}
