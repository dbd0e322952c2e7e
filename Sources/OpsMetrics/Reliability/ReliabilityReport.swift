/// The reliability report: per-service uptime, failures, MTTF and duration statistics, the
/// reasons for failure, and an account of every input row.
///
/// Build one from an ``IncidentLog`` and the ``ReportConfiguration`` it was read with:
///
/// ```swift
/// let report = ReliabilityReport(log: log, configuration: configuration)
/// for service in report.services {
///     print(service.service, service.uptimePercent ?? .nan, service.mttr.meanSeconds ?? .nan)
/// }
/// ```
///
/// The value is `Codable`; its JSON form is the CLI's `--format json` output, with
/// `schema_version` ``schemaVersion``, units in key names and RFC 3339 UTC timestamps.
public struct ReliabilityReport: Sendable, Hashable, Codable {
    /// The JSON schema version of this layout.
    public static let schemaVersion = 1

    /// The version of the layout this value was encoded with.
    public var schemaVersion: Int = ReliabilityReport.schemaVersion
    /// The window, as-of time, definitions and inputs.
    public var meta: ReportMeta
    /// One entry per service, by name.
    public var services: [ServiceReliability]
    /// All services together: counts, downtime and samples pooled; uptime the mean of the services'.
    public var total: ServiceReliability
    /// Failure episodes of all services by reason.
    public var reasons: [ReasonBreakdown]
    /// Records that could not be used as they are.
    public var dataQuality: DataQuality

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case meta, services, total, reasons
        case dataQuality = "data_quality"
    }
}

/// What a report covers and how its numbers are defined.
public struct ReportMeta: Sendable, Hashable, Codable {
    /// The window's start `W0` (inclusive).
    public var windowStart: Timestamp
    /// The window's end `W1`: exclusive when given, inclusive (``windowEndInclusive``) when it
    /// defaults to the as-of time or the data's last timestamp.
    public var windowEnd: Timestamp
    /// `true` when no end was given, so the window ends at (and includes) the given as-of time or
    /// else the data's last timestamp.
    public var windowEndInclusive: Bool
    /// `given` when set by the caller, `data` when it is the span of the data.
    public var windowSource: String
    /// The as-of time `T = min(now, W1)`: events after it are ignored, open outages run to it.
    public var asOf: Timestamp
    /// The definition of each metric, in words.
    public var definitions: [String: String]
    /// The inputs read, in order.
    public var inputs: [String]
    /// Every input row accounted for: `rows_read == rows_used + rows_skipped`, skips by reason.
    public var inputAccounting: InputAccounting

    enum CodingKeys: String, CodingKey {
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case windowEndInclusive = "window_end_inclusive"
        case windowSource = "window_source"
        case asOf = "as_of"
        case definitions, inputs
        case inputAccounting = "input_accounting"
    }
}

/// The records that could not be used as they are (the rows are accounted for in
/// ``ReportMeta/inputAccounting``).
public struct DataQuality: Sendable, Hashable, Codable {
    /// Records with contradicting times, by issue (`resolved_before_opened`, ...), each left out
    /// of the durations it breaks.
    public var recordIssues: [RecordIssue]
    /// Records with nothing but notes: no lifecycle event, so no incident.
    public var recordsWithoutLifecycle: Int
    /// The `detected_by` values that no map reads as monitoring or user, with the failure
    /// records opened in the window that carry each (``DetectionCounts/unmapped``): add them to
    /// ``ReportConfiguration/detectionMap``.
    public var unmappedDetectionSources: [String: Int]

    enum CodingKeys: String, CodingKey {
        case recordIssues = "record_issues"
        case recordsWithoutLifecycle = "records_without_lifecycle"
        case unmappedDetectionSources = "unmapped_detection_sources"
    }
}

/// Records sharing one data-quality issue.
public struct RecordIssue: Sendable, Hashable, Codable {
    /// The issue's identifier, e.g. `recovered_before_impact_start`.
    public var issue: String
    /// What is left out because of it.
    public var effect: String
    /// How many records have it.
    public var count: Int
    /// The first few record ids, in input order.
    public var firstIDs: [String]

    enum CodingKeys: String, CodingKey {
        case issue, effect, count
        case firstIDs = "first_ids"
    }
}
