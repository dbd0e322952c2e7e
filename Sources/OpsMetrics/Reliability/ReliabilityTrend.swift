/// Reliability per calendar period, per service: failures, downtime, MTTR and MTTD in each
/// period, a least-squares trend over the periods, and an early warning when the last period
/// is worse than the service's own history (<doc:Trends>).
///
/// Each period's numbers are exactly those of a ``ReliabilityReport`` whose window is the period
/// (cut to the report window) and whose as-of time is the report's: `opsmetrics report --from P0
/// --to P1 --as-of T` for each period.
///
/// ```swift
/// let trend = try ReliabilityTrend(log: log, configuration: configuration, period: .month)
/// for warning in trend.earlyWarnings { print(warning.service, warning.metric, warning.value) }
/// ```
public struct ReliabilityTrend: Sendable, Hashable, Codable {
    /// Changes whenever a key changes meaning.
    public var schemaVersion = 1
    public var period: CalendarUnit
    /// The zone periods begin and end in.
    public var timeZone: String
    /// The as-of time `T` of every period's report.
    public var asOf: Timestamp
    /// The periods, in order, cut to the report window.
    public var periods: [FlowPeriod]
    /// One entry per service with records in the window, by name.
    public var services: [ServiceTrend]
    /// The services whose last period broke their own history, by service and metric.
    public var earlyWarnings: [EarlyWarning]
    /// The reasons with the most failure episodes over the last (up to) three periods.
    public var recurringReasons: [RecurringReason]
    /// What each number means.
    public var definitions: [String: String]

    /// One service's numbers in one period.
    public struct PeriodMetrics: Sendable, Hashable, Codable {
        public var failures: Int
        public var downtimeSeconds: Double
        /// Recovery durations that end in the period: n, mean, p50...
        public var mttr: DurationStatistics
        /// Detection delays that end in the period.
        public var mttd: DurationStatistics
        public var incidents: Int
        /// The incidents by who found them.
        public var detectedBy: DetectionCounts

        enum CodingKeys: String, CodingKey {
            case failures
            case downtimeSeconds = "downtime_seconds"
            case mttr, mttd, incidents
            case detectedBy = "detected_by"
        }
    }

    /// A service's periods and the slopes of a least-squares line through them.
    public struct ServiceTrend: Sendable, Hashable, Codable {
        public var service: String
        /// One per period of ``ReliabilityTrend/periods``.
        public var periods: [PeriodMetrics]
        /// Failures per period gained per period (positive: more failures); `nil` with fewer than two periods.
        public var failuresSlope: Double?
        /// Mean MTTR gained per period, in seconds, over the periods that have one; `nil` with fewer than two.
        public var mttrSlopeSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case service, periods
            case failuresSlope = "failures_slope_per_period"
            case mttrSlopeSeconds = "mttr_slope_seconds_per_period"
        }
    }

    /// A last period above the 90th percentile of the service's earlier periods.
    public struct EarlyWarning: Sendable, Hashable, Codable {
        public var service: String
        /// `failures` or `mttr` (mean, seconds).
        public var metric: String
        /// The last period's label.
        public var period: String
        public var value: Double
        /// The p90 of the earlier periods' values.
        public var threshold: Double
    }

    /// A reason and its failure episodes over the last periods.
    public struct RecurringReason: Sendable, Hashable, Codable {
        public var reason: String
        public var episodes: Int
        /// The services with at least one such episode.
        public var services: Int
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case period
        case timeZone = "time_zone"
        case asOf = "as_of"
        case periods, services
        case earlyWarnings = "early_warnings"
        case recurringReasons = "recurring_reasons"
        case definitions
    }

    /// The fewest earlier periods with a value before the last one can raise a warning.
    public static let minimumHistory = 3

    /// Computes the trend of `log` by `period` in `zone`, over the report window of `configuration`.
    ///
    /// - Throws: ``ConfigurationError`` when the window holds more than `periodLimit` periods.
    public init(log: IncidentLog, configuration: ReportConfiguration, period: CalendarUnit, zone: ZoneRule = .utc,
                periodLimit: Int = 1_000) throws(ConfigurationError) {
        let clock = ReportClock(log: log, configuration: configuration)
        let end = max(clock.windowStart, min(clock.windowEnd, clock.asOf))
        let calendar = CalendarPeriods(unit: period, zone: zone)
        let empty = log.earliest > log.latest && !clock.isWindowGiven
        // An end included (the latest event, or T) is still inside the last period.
        let last = clock.isEndInclusive || end == clock.asOf ? end &+ 1 : end
        guard let all = empty ? [] : calendar.periods(from: clock.windowStart, to: last, limit: periodLimit) else {
            throw ConfigurationError("the window holds more than \(periodLimit) \(period.rawValue) periods; choose a longer period or a shorter window")
        }
        // A period that would only hold the included end instant (T at midnight) is left out: the
        // period before it ends there, end included.
        var bounds = all
        if bounds.count > 1, let final = bounds.last, max(final.start, clock.windowStart) >= end { bounds.removeLast() }
        self.period = period
        timeZone = zone.identifier
        asOf = Timestamp(microsecondsSinceEpoch: clock.asOf)
        var reports: [ReliabilityReport] = []
        periods = []
        for (index, bound) in bounds.enumerated() {
            let start = max(bound.start, clock.windowStart)
            let stop = min(bound.end, end)
            var sliced = configuration
            sliced.windowStart = Timestamp(microsecondsSinceEpoch: start)
            // The last period ends where the report does, with the report's own (maybe inclusive) end.
            sliced.windowEnd = index == bounds.count - 1 ? configuration.windowEnd : Timestamp(microsecondsSinceEpoch: stop)
            sliced.asOf = Timestamp(microsecondsSinceEpoch: clock.asOf)
            reports.append(ReliabilityReport(log: log, configuration: sliced))
            periods.append(FlowPeriod(label: calendar.label(ofPeriodStarting: bound.firstDay),
                                      start: Timestamp(microsecondsSinceEpoch: start), end: Timestamp(microsecondsSinceEpoch: stop),
                                      isPartial: start > bound.start || stop < bound.end))
        }
        let names = Set(reports.flatMap { $0.services.map(\.service) }).sorted()
        let none = PeriodMetrics(failures: 0, downtimeSeconds: 0, mttr: DurationStatistics(microseconds: []),
                                 mttd: DurationStatistics(microseconds: []), incidents: 0, detectedBy: DetectionCounts())
        // Each period's rows by service name: one lookup per service and period.
        let rows = reports.map { report in Dictionary(report.services.map { ($0.service, $0) }, uniquingKeysWith: { first, _ in first }) }
        services = names.map { name in
            let metrics = rows.map { byName in
                byName[name].map {
                    PeriodMetrics(failures: $0.failures, downtimeSeconds: $0.downtimeSeconds, mttr: $0.mttr, mttd: $0.mttd, incidents: $0.incidents,
                                  detectedBy: $0.detectedBy)
                } ?? none
            }
            let mttr = metrics.enumerated().compactMap { index, m in m.mttr.meanSeconds.map { (Double(index), $0) } }
            return ServiceTrend(service: name, periods: metrics,
                                failuresSlope: ReliabilityTrend.slope(metrics.enumerated().map { (Double($0), Double($1.failures)) }),
                                mttrSlopeSeconds: ReliabilityTrend.slope(mttr))
        }
        let lastLabel = periods.last?.label ?? ""
        earlyWarnings = services.flatMap { trend -> [EarlyWarning] in
            let failures = trend.periods.map { Double($0.failures) }
            let mttr = trend.periods.map(\.mttr.meanSeconds)
            return [("failures", failures.map(Optional.some)), ("mttr", mttr)].compactMap { metric, values in
                guard let last = values.last ?? nil else { return nil }
                let history = values.dropLast().compactMap { $0 }
                guard history.count >= ReliabilityTrend.minimumHistory, let p90 = ReliabilityTrend.p90(history), last > p90 else { return nil }
                return EarlyWarning(service: trend.service, metric: metric, period: lastLabel, value: last, threshold: p90)
            }
        }
        var episodes: [String: (episodes: Int, services: Set<String>)] = [:]
        for report in reports.suffix(3) {
            for service in report.services {
                for reason in service.reasons where reason.episodes > 0 {
                    episodes[reason.reason, default: (0, [])].episodes += reason.episodes
                    episodes[reason.reason, default: (0, [])].services.insert(service.service)
                }
            }
        }
        recurringReasons = episodes.map { RecurringReason(reason: $0.key, episodes: $0.value.episodes, services: $0.value.services.count) }
            .sorted { ($1.episodes, $0.reason) < ($0.episodes, $1.reason) }
            .prefix(10).map { $0 }
        definitions = [
            "period": "each period's numbers are a report whose window is the period cut to the report window, at the report's as-of time",
            "failures_slope_per_period": "least-squares slope of the failures per period against the period's index",
            "mttr_slope_seconds_per_period": "least-squares slope of the mean MTTR (seconds) against the period's index, over the periods with one",
            "early_warnings": "the last period's failures or mean MTTR is above the p90 (linear interpolation) of the service's earlier periods' values; at least \(ReliabilityTrend.minimumHistory) earlier values",
            "recurring_reasons": "reasons by failure episodes over the last three periods (at most ten), with the number of services they hit",
        ]
    }

    /// The least-squares slope of `points`; `nil` with fewer than two distinct x.
    static func slope(_ points: [(x: Double, y: Double)]) -> Double? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.x } / n
        let meanY = points.reduce(0) { $0 + $1.y } / n
        let sxx = points.reduce(0) { $0 + ($1.x - meanX) * ($1.x - meanX) }
        guard sxx > 0 else { return nil }
        return points.reduce(0) { $0 + ($1.x - meanX) * ($1.y - meanY) } / sxx
    }

    /// The 90th percentile of `values` (linear interpolation between closest ranks, type 7).
    static func p90(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = 0.9 * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - Double(lower))
    }
}
