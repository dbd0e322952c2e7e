/// Service level objectives measured over a log: a verdict per record and objective, and
/// summaries per objective and per objective and service. See <doc:ServiceLevelObjectives>.
///
/// ```swift
/// var report = ReportConfiguration()
/// report.keepsStatusHistory = true   // needed for pause statuses
/// let log = try IncidentLog(contentsOf: "tickets.csv", configuration: report)
/// let p1 = ServiceLevelObjective(name: "P1 resolution", priorities: ["P1"], clock: .resolution,
///                                targetMicroseconds: 4 * 3_600_000_000,
///                                calendar: try BusinessCalendar(specification: "Mon-Fri 09:00-17:00 Europe/London"))
/// let slo = SLOReport(log: log, configuration: report, slo: SLOConfiguration(objectives: [p1]))
/// slo.summaries.first?.compliance   // met / (met + breached)
/// ```
///
/// A record is measured when it was opened inside the report window and not after the as-of
/// time (``ReportConfiguration``'s window and as-of, as for the reliability report).
public struct SLOReport: Sendable {
    /// The as-of time: running clocks are measured up to it.
    public var asOf: Timestamp
    /// Every verdict, by objective (in configuration order), then by record id (in byte order).
    public var records: SLORecordResults
    /// Per objective (service `nil`) followed by its per-service rows, in objective order.
    public var summaries: [SLOSummary]
    /// Objectives that matched no record, by name: usually a priority spelled differently from
    /// the data (map it with ``SLOConfiguration/priorityAliases``).
    public var unmatchedObjectives: [String]
    /// Records not measurable by an objective they match (no opened time, or a clock that
    /// stops before it starts), counted per objective name.
    public var unmeasurable: [String: Int]
    /// Whether pause statuses were asked for but the log holds no status history.
    public var missingStatusHistory: Bool
}
