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
    ///
    /// - Complexity: O(*n*) expected; see ``init(permuting:)``, which this calls on a copy.
    init(microseconds samples: [Int64]) {
        var copy = samples
        self.init(permuting: &copy)
    }

    /// Statistics of samples given in microseconds, found by selecting the percentiles' ranks in
    /// place (``RankSelection``) rather than sorting: the same values as sorting, bit for bit.
    ///
    /// - Parameter samples: The samples, in microseconds; permuted (not otherwise changed).
    /// - Complexity: O(*n*) expected, O(*n* log *n*) worst case, no allocation.
    init(permuting samples: inout [Int64]) {
        count = samples.count
        guard let first = samples.first else { return }
        // Summed in 64 bits while that suffices (always, for durations of real logs), else in
        // 128: converting an `Int128` to `Double` is a slow generic path (7% of a report of
        // 200,000 services), and both conversions round to nearest, so the mean is the same.
        var sum: Int64 = 0
        var wideSum: Int128 = 0
        var isWide = false
        var smallest = first
        var largest = first
        for sample in samples {
            if isWide {
                wideSum += Int128(sample)
            } else {
                let (added, overflow) = sum.addingReportingOverflow(sample)
                if overflow {
                    (wideSum, isWide) = (Int128(sum) + Int128(sample), true)
                } else {
                    sum = added
                }
            }
            smallest = min(smallest, sample)
            largest = max(largest, sample)
        }
        let total = isWide ? Double(wideSum) : Double(sum)
        meanSeconds = Self.seconds(total / Double(samples.count))
        // Ranks in non-decreasing order, as the selection needs them: p50's lower rank is at
        // most p90's, and each upper rank is its lower rank or the next one.
        let median = Self.rank(count: samples.count, 0.5)
        let p90 = Self.rank(count: samples.count, 0.9)
        var selection = RankSelection()
        let medianLower = selection.value(atRank: median.lower, in: &samples)
        let p90Lower = selection.value(atRank: p90.lower, in: &samples)
        let p90Upper = selection.value(atRank: p90.upper, in: &samples)
        let medianUpper: Int64
        if median.upper == median.lower {
            medianUpper = medianLower
        } else if median.upper == p90.lower {
            medianUpper = p90Lower
        } else if median.upper == p90.upper {
            medianUpper = p90Upper
        } else {
            // median.upper is median.lower + 1 < p90.lower: the smallest sample after the median,
            // all of which sit between the two selected ranks.
            medianUpper = samples[median.upper..<p90.lower].min() ?? p90Lower
        }
        p50Seconds = Self.seconds(Self.interpolate(medianLower, medianUpper, median.fraction))
        p90Seconds = Self.seconds(Self.interpolate(p90Lower, p90Upper, p90.fraction))
        minSeconds = Self.seconds(Double(smallest))
        maxSeconds = Self.seconds(Double(largest))
    }

    /// The `p`-quantile (0...1) of sorted microsecond samples, by type-7 interpolation.
    static func percentile(_ sorted: [Int64], _ p: Double) -> Double {
        let rank = rank(count: sorted.count, p)
        return interpolate(sorted[rank.lower], sorted[rank.upper], rank.fraction)
    }

    /// Where the type-7 `p`-quantile (0...1) of `count > 0` sorted samples sits: at
    /// `h = (count − 1) · p`, between the ranks `⌊h⌋` and `min(⌊h⌋ + 1, count − 1)`, a
    /// `fraction` `h − ⌊h⌋` of the way.
    static func rank(count: Int, _ p: Double) -> (lower: Int, upper: Int, fraction: Double) {
        let h = Double(count - 1) * p
        let lower = Int(h.rounded(.down))
        return (lower, min(lower + 1, count - 1), h - Double(lower))
    }

    /// `lower + fraction · (upper − lower)`, in microseconds.
    static func interpolate(_ lower: Int64, _ upper: Int64, _ fraction: Double) -> Double {
        Double(lower) + fraction * (Double(upper) - Double(lower))
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
