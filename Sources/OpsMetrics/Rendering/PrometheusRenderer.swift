/// Renders a report as Prometheus gauges in the text exposition format 0.0.4, for
/// node_exporter's textfile collector: the CLI's `--format prometheus`.
///
/// ```swift
/// let text = PrometheusRenderer.report(report, mttr: configuration.mttrDefinition)
/// // # HELP opsmetrics_uptime_ratio Uptime per service, 0 to 1: ...
/// // # TYPE opsmetrics_uptime_ratio gauge
/// // opsmetrics_uptime_ratio{service="api"} 0.9888888888888889
/// ```
///
/// Rules (the *Outputs* article lists every family with its unit and definition):
/// - one gauge family per number, named `opsmetrics_…` with its base unit as suffix (`_seconds`,
///   `_ratio`; counts have none); durations in seconds, uptime as a ratio, times as seconds
///   since the Unix epoch;
/// - one sample per service (label `service`), never an all-services sample: every count and
///   downtime of the all-services row is the `sum` of the services', its uptime their `avg`,
///   and a pooled mean is `sum(mean × samples) / sum(samples)`; percentiles do not pool;
/// - a value that is `null` in the JSON (no samples, nothing eligible, no failures) has no
///   sample, and a family with no sample is left out; the sample counts (`…_samples`) are
///   always there;
/// - no sample carries a timestamp: the as-of time is `opsmetrics_report_timestamp_seconds`;
/// - labels are escaped as the format requires (see ``PrometheusExposition``).
public enum PrometheusRenderer {
    // The report-wide families' HELP texts: the same in both commands' files, which node_exporter
    // requires of one family spread over files. Their `report` label (`reliability` or `flow`)
    // keeps the two files' samples apart.
    static let timestampHelp = "The report's as-of time T (events after it are ignored), in seconds since the Unix epoch."
    static let windowStartHelp = "The report window's start W0 (inclusive), in seconds since the Unix epoch."
    static let windowEndHelp = "The report window's end W1 (exclusive when given; else the as-of time or the data's last time, included), in seconds since the Unix epoch."

    /// A reliability report: per service, uptime, downtime, failures, incidents, open
    /// incidents, ongoing outages, MTTF, MTTR, MTTD, MTTA, time to resolve, open age and MTBSI
    /// statistics, and failure episodes and downtime by reason.
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - mttr: The MTTR definition it was computed with (the `definition` label of the MTTR family).
    /// - Returns: The exposition text, ending in a line feed.
    /// - Complexity: O(*n*) in the number of services and reasons.
    public static func report(_ report: ReliabilityReport, mttr: MTTRDefinition) -> String {
        var out = PrometheusExposition()
        header(&out, meta: (report.meta.asOf, report.meta.windowStart, report.meta.windowEnd), report: "reliability")
        let services = report.services
        func each(_ value: (ServiceReliability) -> Double?) -> [PrometheusExposition.Sample] {
            services.compactMap { service in value(service).map { .init(labels: [("service", service.service)], value: $0) } }
        }
        out.gauge("opsmetrics_eligible_seconds", help: "Eligible time per service: the window up to the as-of time, less maintenance, in seconds.",
                  each { $0.eligibleSeconds })
        out.gauge("opsmetrics_uptime_ratio", help: "Uptime per service, 0 to 1: 1 - downtime / eligible time. No sample when nothing was eligible.",
                  each { ReliabilityMetric.uptimeRatio(eligibleSeconds: $0.eligibleSeconds, downtimeSeconds: $0.downtimeSeconds) })
        out.gauge("opsmetrics_downtime_seconds", help: "Downtime per service: the union of outages [impact start, recovered) in the window, less maintenance, in seconds.",
                  each { $0.downtimeSeconds })
        out.gauge("opsmetrics_failures", help: "Failure episodes (unique failures: overlapping or touching outages count once) starting in the window, per service.",
                  each { Double($0.failures) })
        out.gauge("opsmetrics_incidents", help: "Failure records opened in the window, per service.",
                  each { Double($0.incidents) })
        out.gauge("opsmetrics_open_incidents", help: "Failure records still unresolved at the as-of time, per service.",
                  each { Double($0.openIncidents) })
        out.gauge("opsmetrics_ongoing_outages", help: "Failure records whose outage is still going on at the as-of time, per service.",
                  each { Double($0.ongoingOutages) })
        out.gauge("opsmetrics_mttf_seconds", help: "Mean time to failure per service: (eligible - downtime) / failures, in seconds. No sample without failures.",
                  each(\.mttfSeconds))
        let durations: [(name: String, help: String, statistics: (ServiceReliability) -> DurationStatistics, labels: [(name: String, value: String)])] = [
            ("mttr", "Mean time to recovery per service (label definition: recover = impact start to recovered, resolve = impact start to resolved, repair = detected to recovered), samples ending in the window", \.mttr, [("definition", mttr.name)]),
            ("mttd", "Time to detect per service: detected - impact start, where both are in the data", \.mttd, []),
            ("mtta", "Time to acknowledge per service: acknowledged - detected", \.mtta, []),
            ("time_to_resolve", "Time to resolve per service: resolved - opened (the last resolution)", \.timeToResolve, []),
            ("open_age", "Age at the as-of time of the open failure records per service: as-of - opened", \.openAge, []),
            ("mtbsi", "Time between the starts of consecutive failure episodes per service", \.mtbsi, []),
        ]
        for duration in durations {
            var samples: [PrometheusExposition.Sample] = []
            for service in services {
                let statistics = duration.statistics(service)
                for (stat, value) in [("mean", statistics.meanSeconds), ("p50", statistics.p50Seconds),
                                      ("p90", statistics.p90Seconds), ("max", statistics.maxSeconds)] {
                    guard let value else { continue }
                    samples.append(.init(labels: [("service", service.service)] + duration.labels + [("stat", stat)], value: value))
                }
            }
            out.gauge("opsmetrics_\(duration.name)_seconds",
                      help: "\(duration.help), in seconds; stat = mean, p50, p90 (linear interpolation between closest ranks) or max. No sample without samples.",
                      samples)
            out.gauge("opsmetrics_\(duration.name)_samples", help: "\(duration.help): the number of samples.",
                      services.map { .init(labels: [("service", $0.service)] + duration.labels, value: Double(duration.statistics($0).count)) })
        }
        var reasonEpisodes: [PrometheusExposition.Sample] = []
        var reasonDowntime: [PrometheusExposition.Sample] = []
        for service in services {
            for reason in service.reasons.sorted(by: { $0.reason < $1.reason }) {
                let labels = [("service", service.service), ("reason", reason.reason)]
                reasonEpisodes.append(.init(labels: labels, value: Double(reason.episodes)))
                reasonDowntime.append(.init(labels: labels, value: reason.downtimeSeconds))
            }
        }
        out.gauge("opsmetrics_reason_failures", help: "Failure episodes starting in the window per service and reason (cause, category or close code; unknown when none).",
                  reasonEpisodes)
        out.gauge("opsmetrics_reason_downtime_seconds", help: "Downtime in the window of the failure episodes per service and reason, in seconds.",
                  reasonDowntime)
        // Only from a log that names a detection source (a log without one says nothing on it).
        if report.total.detectedBy.hasValues {
            var detected: [PrometheusExposition.Sample] = []
            for service in services {
                let counts = service.detectedBy
                for (source, count) in [("missing", counts.missing), ("monitoring", counts.monitoring), ("unmapped", counts.unmapped), ("user", counts.user)] {
                    detected.append(.init(labels: [("service", service.service), ("source", source)], value: Double(count)))
                }
            }
            out.gauge("opsmetrics_detected_incidents", help: "Failure records opened in the window per service and detection source (detected_by): monitoring, user, unmapped (a value no map names) or missing.",
                      detected)
            out.gauge("opsmetrics_monitoring_detection_ratio", help: "Share of the failure records opened in the window found by monitoring, 0 to 1: monitoring / (monitoring + user). No sample when neither is known.",
                      each(\.detectedBy.monitoringShare))
        }
        return out.text
    }

    /// A flow report: per series (label `service` or `priority`, as the report's series are),
    /// the window's arrivals, reopens, departures, open work at both ends, lead time and open
    /// age statistics, Little's law's average work in progress, and the stage lines at the end.
    ///
    /// Periods are not written (a scrape is a snapshot): per-period rows are in the JSON and CSV.
    ///
    /// - Parameter report: The flow report.
    /// - Returns: The exposition text, ending in a line feed.
    /// - Complexity: O(*n*) in the number of series and stages.
    public static func flow(_ report: FlowReport) -> String {
        var out = PrometheusExposition()
        header(&out, meta: (report.meta.asOf, report.meta.windowStart, report.meta.windowEnd), report: "flow")
        let label = report.meta.seriesBy.rawValue
        let series = report.series
        func each(_ value: (FlowSeries) -> Double?) -> [PrometheusExposition.Sample] {
            series.compactMap { one in value(one).map { .init(labels: [(label, one.name)], value: $0) } }
        }
        let by = "per series (label service or priority)"
        out.gauge("opsmetrics_flow_open_at_start", help: "Records open at the window start, \(by).", each { Double($0.openAtStart) })
        out.gauge("opsmetrics_flow_created", help: "Arrivals in the window (records opened plus reopens), \(by).", each { Double($0.created) })
        out.gauge("opsmetrics_flow_reopened", help: "Reopens in the window (part of the arrivals), \(by).", each { Double($0.reopened) })
        out.gauge("opsmetrics_flow_resolved", help: "Departures in the window (a resolution again after a reopen counts again), \(by).", each { Double($0.resolved) })
        out.gauge("opsmetrics_flow_open_at_end", help: "Records open at the end of the last period (work in progress), \(by).", each { Double($0.openAtEnd) })
        out.gauge("opsmetrics_flow_average_wip", help: "Time-weighted mean number of open records over the window (Little's law L), \(by). No sample when no time was counted.",
                  each(\.littlesLaw.averageWIP))
        for (name, help, statistics) in [
            ("lead_time", "Lead time resolved - opened (the last resolution) of records resolved in the window", \FlowSeries.leadTime),
            ("open_age", "Age at the as-of time of the records open then: as-of - opened", \FlowSeries.openAge),
        ] as [(String, String, KeyPath<FlowSeries, FlowDurationStatistics>)] {
            var samples: [PrometheusExposition.Sample] = []
            for one in series {
                let values = one[keyPath: statistics]
                for (stat, value) in [("mean", values.meanSeconds), ("p50", values.p50Seconds), ("p85", values.p85Seconds),
                                      ("p95", values.p95Seconds), ("max", values.maxSeconds)] {
                    guard let value else { continue }
                    samples.append(.init(labels: [(label, one.name), ("stat", stat)], value: value))
                }
            }
            out.gauge("opsmetrics_flow_\(name)_seconds",
                      help: "\(help), \(by), in seconds; stat = mean, p50, p85, p95 (linear interpolation between closest ranks) or max. No sample without samples.",
                      samples)
            out.gauge("opsmetrics_flow_\(name)_samples", help: "\(help), \(by): the number of samples.",
                      series.map { .init(labels: [(label, $0.name)], value: Double($0[keyPath: statistics].count)) })
        }
        var stages: [PrometheusExposition.Sample] = []
        for one in series {
            for count in one.periods.last?.stages ?? [] {
                stages.append(.init(labels: [(label, one.name), ("stage", count.stage)], value: Double(count.reached)))
            }
        }
        out.gauge("opsmetrics_flow_stage_reached", help: "Records that had reached each stage or a later one by the end of the last period (the cumulative flow diagram's lines; only with stages), \(by).",
                  stages)
        return out.text
    }

    /// The report-wide families: as-of time, window start and end, labelled by report kind.
    static func header(_ out: inout PrometheusExposition, meta: (asOf: Timestamp, start: Timestamp, end: Timestamp), report: String) {
        func seconds(_ time: Timestamp) -> [PrometheusExposition.Sample] {
            [.init(labels: [("report", report)], value: Double(time.microsecondsSinceEpoch) / 1_000_000)]
        }
        out.gauge("opsmetrics_report_timestamp_seconds", help: timestampHelp, seconds(meta.asOf))
        out.gauge("opsmetrics_window_start_timestamp_seconds", help: windowStartHelp, seconds(meta.start))
        out.gauge("opsmetrics_window_end_timestamp_seconds", help: windowEndHelp, seconds(meta.end))
    }
}
