/// Summary statistics of flow durations (lead times, ages of open items), in seconds, with the
/// percentiles flow metrics use: p50, p85 and p95 (a service-level expectation such as
/// "85% of tickets are resolved within 3 days" reads p85).
///
/// Percentiles are computed exactly as in ``DurationStatistics`` (linear interpolation between
/// closest ranks, type 7), from exact microseconds rounded to the microsecond. Over zero samples
/// every statistic is `nil`, never 0. ``DurationStatistics`` keeps its own fields (p90) and JSON.
public struct FlowDurationStatistics: Sendable, Hashable, Codable {
    /// The number of samples.
    public var count: Int
    /// The arithmetic mean, in seconds.
    public var meanSeconds: Double?
    /// The median, in seconds.
    public var p50Seconds: Double?
    /// The 85th percentile, in seconds.
    public var p85Seconds: Double?
    /// The 95th percentile, in seconds.
    public var p95Seconds: Double?
    /// The smallest sample, in seconds.
    public var minSeconds: Double?
    /// The largest sample, in seconds (for ages: the oldest open item).
    public var maxSeconds: Double?

    /// Statistics of samples given in microseconds.
    init(microseconds samples: [Int64]) {
        count = samples.count
        guard !samples.isEmpty else { return }
        let sorted = samples.sorted()
        var sum: Int128 = 0
        for sample in sorted { sum += Int128(sample) }
        meanSeconds = DurationStatistics.seconds(Double(sum) / Double(sorted.count))
        p50Seconds = DurationStatistics.seconds(DurationStatistics.percentile(sorted, 0.5))
        p85Seconds = DurationStatistics.seconds(DurationStatistics.percentile(sorted, 0.85))
        p95Seconds = DurationStatistics.seconds(DurationStatistics.percentile(sorted, 0.95))
        minSeconds = DurationStatistics.seconds(Double(sorted[0]))
        maxSeconds = DurationStatistics.seconds(Double(sorted[sorted.count - 1]))
    }

    enum CodingKeys: String, CodingKey {
        case count = "n"
        case meanSeconds = "mean_seconds"
        case p50Seconds = "p50_seconds"
        case p85Seconds = "p85_seconds"
        case p95Seconds = "p95_seconds"
        case minSeconds = "min_seconds"
        case maxSeconds = "max_seconds"
    }

    /// Encodes missing statistics as JSON `null` rather than leaving the keys out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(meanSeconds, forKey: .meanSeconds)
        try container.encode(p50Seconds, forKey: .p50Seconds)
        try container.encode(p85Seconds, forKey: .p85Seconds)
        try container.encode(p95Seconds, forKey: .p95Seconds)
        try container.encode(minSeconds, forKey: .minSeconds)
        try container.encode(maxSeconds, forKey: .maxSeconds)
    }
}
