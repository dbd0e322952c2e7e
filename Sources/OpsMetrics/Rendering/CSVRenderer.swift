/// Renders a reliability report as CSV for spreadsheets and scripts: the CLI's
/// `report --format csv`.
///
/// ```swift
/// let csv = CSVRenderer.report(report)
/// // scope,service,eligible_seconds,downtime_seconds,uptime_ratio,failures,…
/// // service,api,594000,6600,0.9888888888888889,2,…
/// // all,all services,1796400,30300,0.9831559104014196,6,…
/// ```
///
/// - One row per service, by name, then the all-services row last. The first column, `scope`,
///   tells them apart: `service` for a service, `all` for the all-services row (whose `service`
///   cell is `all services`), so a service of that name is never taken for the total.
/// - Machine units: seconds for durations, a ratio (0...1) for uptime, whole counts; every
///   number in full precision, as in the JSON (Swift's shortest round-trip form: `3600`,
///   `0.9888888888888889`, `1e-06`).
/// - A `null` value (no samples, nothing eligible, no failures) is an empty field.
/// - RFC 4180: fields holding a comma, a double quote, a line feed or a carriage return are
///   quoted, quotes doubled; rows end in a line feed; the header is always there.
/// - Duration statistics (`mttr`, `mttd`, `mtta`, `time_to_resolve`, `open_age`, `mtbsi`) each
///   give `_n`, `_mean_seconds`, `_p50_seconds`, `_p90_seconds`, `_min_seconds`, `_max_seconds`.
/// - Then the detection counts `detected_by_monitoring`, `_user`, `_unmapped`, `_missing` and
///   `monitoring_share` (0...1, empty when no source is known).
public enum CSVRenderer {
    /// The statistics columns, in order.
    static let durations: [(name: String, statistics: @Sendable (ServiceReliability) -> DurationStatistics)] = [
        ("mttr", { $0.mttr }), ("mttd", { $0.mttd }), ("mtta", { $0.mtta }), ("time_to_resolve", { $0.timeToResolve }),
        ("open_age", { $0.openAge }), ("mtbsi", { $0.mtbsi }),
    ]

    /// The header row's names.
    static var header: [String] {
        var names = ["scope", "service", "eligible_seconds", "downtime_seconds", "uptime_ratio", "failures", "incidents",
                     "open_incidents", "ongoing_outages", "mttf_seconds"]
        for duration in durations {
            names += ["n", "mean_seconds", "p50_seconds", "p90_seconds", "min_seconds", "max_seconds"].map { "\(duration.name)_\($0)" }
        }
        return names + ["detected_by_monitoring", "detected_by_user", "detected_by_unmapped", "detected_by_missing", "monitoring_share"]
    }

    /// The report as CSV: a header, one row per service, the all-services row.
    ///
    /// - Parameter report: The report.
    /// - Returns: The CSV text, each row ending in a line feed.
    /// - Complexity: O(*n*) in the number of services.
    public static func report(_ report: ReliabilityReport) -> String {
        var out = header.joined(separator: ",") + "\n"
        for service in report.services { out += row(service, pooled: false) }
        out += row(report.total, pooled: true)
        return out
    }

    static func row(_ row: ServiceReliability, pooled: Bool) -> String {
        let uptime = ReliabilityMetric.uptime.value(of: row, pooled: pooled)
        var cells = [pooled ? "all" : "service", CSVField.escaped(row.service),
                     CSVField.number(row.eligibleSeconds), CSVField.number(row.downtimeSeconds), CSVField.number(uptime),
                     String(row.failures), String(row.incidents), String(row.openIncidents), String(row.ongoingOutages),
                     CSVField.number(row.mttfSeconds)]
        for duration in durations {
            let statistics = duration.statistics(row)
            cells += [String(statistics.count), CSVField.number(statistics.meanSeconds), CSVField.number(statistics.p50Seconds),
                      CSVField.number(statistics.p90Seconds), CSVField.number(statistics.minSeconds), CSVField.number(statistics.maxSeconds)]
        }
        let detection = row.detectedBy
        cells += [String(detection.monitoring), String(detection.user), String(detection.unmapped), String(detection.missing),
                  CSVField.number(detection.monitoringShare)]
        return cells.joined(separator: ",") + "\n"
    }
}
