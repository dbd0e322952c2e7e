/// Summary statistics of a set of durations, in seconds.
///
/// Percentiles use linear interpolation between closest ranks (Hyndman & Fan type 7, the
/// default of NumPy, R and Excel's `PERCENTILE.INC`): for `n` sorted samples, the `p`-th
/// percentile sits at rank `h = (n − 1) · p` and is `x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋])`.
/// Over zero samples every statistic is `nil`, never 0 and never infinity. Values are computed
/// from exact microseconds and rounded to the nearest microsecond.
public struct DurationStatistics: Sendable, Hashable, Codable {
    /// The number of samples.
    public var count: Int
    /// The arithmetic mean, in seconds.
    public var meanSeconds: Double?
    /// The median, in seconds.
    public var p50Seconds: Double?
    /// The 90th percentile, in seconds.
    public var p90Seconds: Double?
    /// The smallest sample, in seconds.
    public var minSeconds: Double?
    /// The largest sample, in seconds.
    public var maxSeconds: Double?

    /// The percentile method, as printed in reports.
    public static let percentileMethod = "linear interpolation between closest ranks (type 7, as NumPy and Excel PERCENTILE.INC)"

    /// Statistics of samples given in microseconds.
    init(microseconds samples: [Int64]) {
        count = samples.count
        guard !samples.isEmpty else { return }
        let sorted = samples.sorted()
        var sum: Int128 = 0
        for sample in sorted { sum += Int128(sample) }
        meanSeconds = Self.seconds(Double(sum) / Double(sorted.count))
        p50Seconds = Self.seconds(Self.percentile(sorted, 0.5))
        p90Seconds = Self.seconds(Self.percentile(sorted, 0.9))
        minSeconds = Self.seconds(Double(sorted[0]))
        maxSeconds = Self.seconds(Double(sorted[sorted.count - 1]))
    }

    /// The `p`-quantile (0...1) of sorted microsecond samples, by type-7 interpolation.
    static func percentile(_ sorted: [Int64], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = h - Double(lower)
        return Double(sorted[lower]) + fraction * (Double(sorted[upper]) - Double(sorted[lower]))
    }

    /// Microseconds to seconds, rounded to the microsecond.
    static func seconds(_ microseconds: Double) -> Double {
        microseconds.rounded() / 1_000_000
    }

    enum CodingKeys: String, CodingKey {
        case count = "n"
        case meanSeconds = "mean_seconds"
        case p50Seconds = "p50_seconds"
        case p90Seconds = "p90_seconds"
        case minSeconds = "min_seconds"
        case maxSeconds = "max_seconds"
    }

    /// Encodes missing statistics as JSON `null` rather than leaving the keys out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(meanSeconds, forKey: .meanSeconds)
        try container.encode(p50Seconds, forKey: .p50Seconds)
        try container.encode(p90Seconds, forKey: .p90Seconds)
        try container.encode(minSeconds, forKey: .minSeconds)
        try container.encode(maxSeconds, forKey: .maxSeconds)
    }
}
