/// A limit on one number of a ``ReliabilityReport``, for alerting: "uptime at least 99.9%",
/// "p90 MTTR at most 8 hours", for every service, one service, or all services together.
///
/// ```swift
/// let thresholds = [
///     ReliabilityThreshold(metric: .uptime, bound: .lower, limit: 0.999),
///     ReliabilityThreshold(metric: .mttr(.p90), bound: .upper, limit: 8 * 3600, scope: .service("checkout")),
/// ]
/// let breaches = thresholds.flatMap { $0.breaches(in: report) }
/// if !breaches.isEmpty { /* alert */ }
/// ```
///
/// Semantics (the *Outputs* article has the details):
/// - A ``Bound/lower`` bound is broken when the value is strictly below the limit, an
///   ``Bound/upper`` bound when it is strictly above: a value equal to the limit passes.
/// - A value that is `nil` (uptime with nothing eligible, MTTF without failures, a duration
///   statistic without samples) breaks no threshold: there is nothing to judge.
/// - Units: uptime is a ratio (0...1), durations are seconds, counts are counts.
/// - A service's uptime is compared exactly: `(eligible − downtime) / eligible` is one
///   correctly rounded division of whole microseconds, so a limit given as the same ratio
///   (`0.999` for 999 s up in 1,000 s) is met, never missed by a rounding error. The
///   all-services uptime is the mean of the services' ratios and is compared as that mean.
public struct ReliabilityThreshold: Sendable, Hashable {
    /// Which side of the limit the value must stay on.
    public enum Bound: Sendable, Hashable {
        /// The value must be at least the limit (`--fail-under`): broken when it is below.
        case lower
        /// The value must be at most the limit (`--fail-over`): broken when it is above.
        case upper
    }

    /// Which rows of the report a threshold checks.
    public enum Scope: Sendable, Hashable {
        /// Every service, each on its own (not the all-services row).
        case eachService
        /// The service of this name only.
        case service(String)
        /// The all-services row (``ReliabilityReport/total``): counts summed, samples pooled,
        /// uptime the mean of the services'.
        case allServices
    }

    /// The number checked.
    public var metric: ReliabilityMetric
    /// Whether the limit is a minimum or a maximum.
    public var bound: Bound
    /// The limit, in the metric's unit (``ReliabilityMetric/unit``).
    public var limit: Double
    /// The rows checked.
    public var scope: Scope

    /// A threshold on `metric`.
    ///
    /// - Parameters:
    ///   - metric: The number checked.
    ///   - bound: ``Bound/lower`` for a minimum, ``Bound/upper`` for a maximum.
    ///   - limit: The limit in the metric's unit: a ratio for uptime, seconds for durations.
    ///   - scope: The rows checked (default: every service).
    public init(metric: ReliabilityMetric, bound: Bound, limit: Double, scope: Scope = .eachService) {
        self.metric = metric
        self.bound = bound
        self.limit = limit
        self.scope = scope
    }

    /// The rows of `report` whose value breaks this threshold, in the report's order.
    ///
    /// A ``Scope/service(_:)`` threshold naming a service the report does not hold returns no
    /// breach (see ``missingService(in:)``).
    ///
    /// - Parameter report: The report to check.
    /// - Returns: One breach per row that breaks it.
    /// - Complexity: O(*n*) in the number of services.
    public func breaches(in report: ReliabilityReport) -> [ThresholdBreach] {
        var breaches: [ThresholdBreach] = []
        func check(_ row: ServiceReliability, pooled: Bool) {
            guard let value = metric.value(of: row, pooled: pooled) else { return }
            let broken = switch bound {
            case .lower: value < limit
            case .upper: value > limit
            }
            if broken { breaches.append(ThresholdBreach(threshold: self, service: row.service, isAllServices: pooled, value: value)) }
        }
        switch scope {
        case .eachService:
            for row in report.services { check(row, pooled: false) }
        case .service(let name):
            for row in report.services where row.service == name { check(row, pooled: false) }
        case .allServices:
            check(report.total, pooled: true)
        }
        return breaches
    }

    /// The service a ``Scope/service(_:)`` threshold names when `report` has no such service
    /// (no record of it in the window), else `nil`.
    public func missingService(in report: ReliabilityReport) -> String? {
        guard case .service(let name) = scope, !report.services.contains(where: { $0.service == name }) else { return nil }
        return name
    }
}
