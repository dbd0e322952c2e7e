/// One number of a service's row in a ``ReliabilityReport``, by name: what a
/// ``ReliabilityThreshold`` checks.
///
/// ```swift
/// let metric = ReliabilityMetric.named("p90(mttr)")  // == .mttr(.p90)
/// print(metric?.unit == .seconds)                    // true
/// ```
///
/// Names (the CLI's `--fail-under` / `--fail-over` take them): `uptime` (ratio), `downtime`
/// (seconds), `failures`, `incidents`, `open` (open incidents), `ongoing` (ongoing outages),
/// `mttf` (seconds), and the duration statistics `mttr`, `mttd`, `mtta`, `mtbsi`, `ttr` (time to
/// resolve) and `open_age`, each alone (its mean) or inside `mean(…)`, `p50(…)`, `p90(…)`,
/// `min(…)`, `max(…)` (seconds) or `n(…)` (its number of samples, a count).
public struct ReliabilityMetric: Sendable, Hashable, CustomStringConvertible {
    /// What a metric's values and limits are measured in.
    public enum Unit: Sendable, Hashable {
        /// A ratio, 0...1 (uptime).
        case ratio
        /// Seconds.
        case seconds
        /// A whole count.
        case count
    }

    /// A statistic of a set of durations (see ``DurationStatistics``).
    public enum Statistic: String, Sendable, Hashable, CaseIterable {
        case mean, p50, p90, min, max
        /// The number of samples.
        case n
    }

    enum Source: Sendable, Hashable {
        case uptime, downtime, failures, incidents, openIncidents, ongoingOutages, mttf
        case durations(Durations, Statistic)
    }

    enum Durations: String, Sendable, Hashable, CaseIterable {
        case mttr, mttd, mtta, mtbsi
        case timeToResolve = "ttr"
        case openAge = "open_age"
    }

    let source: Source

    /// Uptime, as a ratio (0...1): `1 − downtime / eligible`; all services: the mean of the services'.
    public static let uptime = ReliabilityMetric(source: .uptime)
    /// Downtime in the window, in seconds.
    public static let downtime = ReliabilityMetric(source: .downtime)
    /// Failure episodes starting in the window.
    public static let failures = ReliabilityMetric(source: .failures)
    /// Failure records opened in the window.
    public static let incidents = ReliabilityMetric(source: .incidents)
    /// Failure records still unresolved at the as-of time.
    public static let openIncidents = ReliabilityMetric(source: .openIncidents)
    /// Failure records whose outage is still going on at the as-of time.
    public static let ongoingOutages = ReliabilityMetric(source: .ongoingOutages)
    /// Mean time between failures, in seconds.
    public static let mttf = ReliabilityMetric(source: .mttf)
    /// A statistic of the MTTR samples (by the report's MTTR definition).
    public static func mttr(_ statistic: Statistic = .mean) -> ReliabilityMetric { ReliabilityMetric(source: .durations(.mttr, statistic)) }
    /// A statistic of the MTTD samples.
    public static func mttd(_ statistic: Statistic = .mean) -> ReliabilityMetric { ReliabilityMetric(source: .durations(.mttd, statistic)) }
    /// A statistic of the MTTA samples.
    public static func mtta(_ statistic: Statistic = .mean) -> ReliabilityMetric { ReliabilityMetric(source: .durations(.mtta, statistic)) }
    /// A statistic of the times between failure starts.
    public static func mtbsi(_ statistic: Statistic = .mean) -> ReliabilityMetric { ReliabilityMetric(source: .durations(.mtbsi, statistic)) }
    /// A statistic of the times to resolve.
    public static func timeToResolve(_ statistic: Statistic = .mean) -> ReliabilityMetric { ReliabilityMetric(source: .durations(.timeToResolve, statistic)) }
    /// A statistic of the ages of the open incidents at the as-of time.
    public static func openAge(_ statistic: Statistic = .mean) -> ReliabilityMetric { ReliabilityMetric(source: .durations(.openAge, statistic)) }

    /// The simple names, as ``named(_:)`` reads them.
    static let simpleNames: [(String, Source)] = [
        ("uptime", .uptime), ("downtime", .downtime), ("failures", .failures), ("incidents", .incidents),
        ("open", .openIncidents), ("ongoing", .ongoingOutages), ("mttf", .mttf),
    ]

    /// Every name ``named(_:)`` reads without a statistic, for messages.
    public static var names: [String] { simpleNames.map(\.0) + Durations.allCases.map(\.rawValue) }

    /// The metric of a name such as `uptime`, `mttr` (the mean) or `p90(mttr)`; `nil` for any
    /// other text. Names are matched as written (lower case), spaces not allowed.
    public static func named(_ name: String) -> ReliabilityMetric? {
        if let simple = simpleNames.first(where: { $0.0 == name }) { return ReliabilityMetric(source: simple.1) }
        if let durations = Durations(rawValue: name) { return ReliabilityMetric(source: .durations(durations, .mean)) }
        guard name.hasSuffix(")"), let open = name.firstIndex(of: "(") else { return nil }
        guard let statistic = Statistic(rawValue: String(name[..<open])),
              let durations = Durations(rawValue: String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
        else { return nil }
        return ReliabilityMetric(source: .durations(durations, statistic))
    }

    /// The metric's name: `uptime`, `mttr` (a mean), `p90(mttr)`, `n(mttd)`.
    public var description: String {
        switch source {
        case .durations(let durations, .mean): durations.rawValue
        case .durations(let durations, let statistic): "\(statistic.rawValue)(\(durations.rawValue))"
        default: Self.simpleNames.first { $0.1 == source }?.0 ?? "?"
        }
    }

    /// What the metric's values are measured in.
    public var unit: Unit {
        switch source {
        case .uptime: .ratio
        case .downtime, .mttf: .seconds
        case .failures, .incidents, .openIncidents, .ongoingOutages: .count
        case .durations(_, .n): .count
        case .durations: .seconds
        }
    }

    /// The metric's value in `row`, in its unit; `nil` when the report has none.
    ///
    /// - Parameters:
    ///   - row: A service's row, or the all-services row.
    ///   - pooled: Whether `row` is the all-services row (its uptime is a mean of ratios).
    public func value(of row: ServiceReliability, pooled: Bool) -> Double? {
        switch source {
        case .uptime:
            if pooled { return row.uptimePercent.map { $0 / 100 } }
            return Self.uptimeRatio(eligibleSeconds: row.eligibleSeconds, downtimeSeconds: row.downtimeSeconds)
        case .downtime: return row.downtimeSeconds
        case .failures: return Double(row.failures)
        case .incidents: return Double(row.incidents)
        case .openIncidents: return Double(row.openIncidents)
        case .ongoingOutages: return Double(row.ongoingOutages)
        case .mttf: return row.mttfSeconds
        case .durations(let durations, let statistic):
            let statistics = switch durations {
            case .mttr: row.mttr
            case .mttd: row.mttd
            case .mtta: row.mtta
            case .mtbsi: row.mtbsi
            case .timeToResolve: row.timeToResolve
            case .openAge: row.openAge
            }
            return switch statistic {
            case .mean: statistics.meanSeconds
            case .p50: statistics.p50Seconds
            case .p90: statistics.p90Seconds
            case .min: statistics.minSeconds
            case .max: statistics.maxSeconds
            case .n: Double(statistics.count)
            }
        }
    }

    /// A service's uptime ratio `(eligible − downtime) / eligible`, as one correctly rounded
    /// division of whole microseconds; `nil` when nothing was eligible.
    public static func uptimeRatio(eligibleSeconds: Double, downtimeSeconds: Double) -> Double? {
        let eligible = (eligibleSeconds * 1_000_000).rounded()
        let downtime = (downtimeSeconds * 1_000_000).rounded()
        guard eligible > 0 else { return nil }
        return (eligible - downtime) / eligible
    }
}
