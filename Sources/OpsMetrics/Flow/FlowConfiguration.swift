/// What a cumulative flow report counts by: its periods, time zone, series, stages and the
/// planned/unplanned split. The window and as-of time come from the ``ReportConfiguration``.
///
/// ```swift
/// var flow = FlowConfiguration()
/// flow.period = .day
/// flow.zone = ZoneRule.named("Europe/Berlin") ?? .utc
/// flow.seriesBy = .priority
/// let report = try FlowReport(log: log, configuration: configuration, flow: flow)
/// ```
public struct FlowConfiguration: Sendable {
    /// The calendar period of each row (default: a Monday-to-Sunday week).
    public var period: CalendarUnit = .week
    /// The report time zone in which periods begin and end (default UTC).
    public var zone: ZoneRule = .utc
    /// What one series is: the records of one service (default) or of one priority.
    public var seriesBy: FlowGrouping = .service
    /// The workflow's stages, for the cumulative flow diagram by status; `nil` (default) counts
    /// no stages. The log must have been read with ``ReportConfiguration/keepsStatusTimes``.
    public var stages: StageMap?
    /// Which `kind` values are planned and unplanned work.
    public var workKinds = WorkKindClassifier()
    /// The most periods a report may have; more is a ``ConfigurationError`` (choose a longer period).
    public var periodLimit = 100_000

    /// The default configuration: weekly periods in UTC, one series per service.
    public init() {}
}

/// The attribute whose values make the series of a flow report.
public enum FlowGrouping: String, Sendable, Hashable, Codable, CaseIterable {
    /// One series per service; records without one form `(no service)`.
    case service
    /// One series per priority; records without one form `(no priority)`.
    case priority
}

/// Planned or unplanned work, as a record's `kind` says.
public enum WorkClass: String, Sendable, Hashable, Codable {
    /// Work that interrupts: incidents, outages, alerts, bugs.
    case unplanned
    /// Work that was asked for or scheduled: requests, changes, tasks, stories, maintenance.
    case planned
}

/// Sorts records into planned and unplanned work by their `kind`.
///
/// Kinds are compared case-insensitively, ignoring spaces, `_` and `-` (`Service Request`,
/// `service_request` and `servicerequest` are one kind). A kind in neither set, and a record
/// without a kind (unless ``missingKind`` says otherwise), is *unclassified* and left out of
/// the unplanned share.
public struct WorkKindClassifier: Sendable, Hashable, Codable {
    /// Kinds that are unplanned work.
    public var unplannedKinds: Set<String> = ["incident", "outage", "alert", "bug", "defect"]
    /// Kinds that are planned work.
    public var plannedKinds: Set<String> = [
        "request", "service request", "change", "task", "subtask", "story", "epic", "feature",
        "improvement", "maintenance",
    ]
    /// The class of records without a kind; `nil` (default) leaves them unclassified. An
    /// incident log without a kind column is all unplanned work: set `.unplanned`.
    public var missingKind: WorkClass?

    /// The default sets: incident, outage, alert, bug and defect are unplanned; request,
    /// service request, change, task, subtask, story, epic, feature, improvement and maintenance
    /// are planned.
    public init() {}

    /// The class of `kind` (`nil` for no kind), or `nil` when it is unclassified.
    public func classify(_ kind: String?) -> WorkClass? {
        guard let kind, !kind.isEmpty else { return missingKind }
        let key = Field.normalize(kind)
        if unplannedKinds.contains(where: { Field.normalize($0) == key }) { return .unplanned }
        if plannedKinds.contains(where: { Field.normalize($0) == key }) { return .planned }
        return nil
    }
}
