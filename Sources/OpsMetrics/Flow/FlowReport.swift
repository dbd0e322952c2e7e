/// The cumulative flow of tickets and incidents: per calendar period, per series (service or
/// priority) and in total, how many arrived, how many were resolved, and how many were open;
/// with throughput, lead time, the age of open items and a Little's law check beside them.
///
/// Build one from an ``IncidentLog``, the ``ReportConfiguration`` it was read with (window and
/// as-of time) and a ``FlowConfiguration`` (period, zone, series):
///
/// ```swift
/// var flow = FlowConfiguration()
/// flow.period = .day
/// let report = try FlowReport(log: log, configuration: configuration, flow: flow)
/// for row in report.total.periods {
///     print(row.period, row.created, row.resolved, row.openAtEnd)
/// }
/// ```
///
/// Counting rules (the *Cumulative flow* article has the details and a worked example):
/// - **created** counts arrivals: records opened in the period, plus reopens in the period
///   (a resolved record that is reopened arrives again; ``FlowPeriodCounts/reopened`` says how
///   many of the arrivals are reopens).
/// - **resolved** counts departures: the first resolution after each arrival. A reopened record
///   that is resolved again counts as resolved again; a second resolution without a reopen
///   between does not count twice.
/// - `open_at_end = open_at_start + created − resolved`, period by period, exactly.
///
/// The value is `Codable`; its JSON form is the CLI's `opsmetrics flow --format json` output.
public struct FlowReport: Sendable, Hashable, Codable {
    /// The JSON schema version of this layout.
    public static let schemaVersion = 1

    /// The version of the layout this value was encoded with.
    public var schemaVersion: Int = FlowReport.schemaVersion
    /// The window, as-of time, periods' unit and zone, definitions and inputs.
    public var meta: FlowMeta
    /// The periods, in order; every series has one row per period, in the same order.
    public var periods: [FlowPeriod]
    /// One series per service (or priority), by name.
    public var series: [FlowSeries]
    /// All series together: every count is the sum of the series' counts, statistics are pooled.
    public var total: FlowSeries
    /// Records whose times contradict each other, and what the flow does with them.
    public var dataQuality: FlowDataQuality

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case meta, periods, series, total
        case dataQuality = "data_quality"
    }
}

/// What a flow report covers and how its numbers are defined.
public struct FlowMeta: Sendable, Hashable, Codable {
    /// The window's start `W0` (inclusive).
    public var windowStart: Timestamp
    /// The window's end `W1`: exclusive when given, inclusive (``windowEndInclusive``) when it
    /// defaults to the as-of time or the data's last timestamp.
    public var windowEnd: Timestamp
    /// `true` when the window ends at (and includes) the as-of time or the data's last timestamp.
    public var windowEndInclusive: Bool
    /// `given` when set by the caller, `data` when it is the span of the data.
    public var windowSource: String
    /// The as-of time `T = min(now, W1)`: events after it are ignored; ages are measured at it.
    public var asOf: Timestamp
    /// The report time zone the periods are read in (an IANA name, `UTC` or an offset).
    public var timeZone: String
    /// The periods' calendar unit.
    public var period: CalendarUnit
    /// What one series is.
    public var seriesBy: FlowGrouping
    /// The workflow's stages, first to last, when the report counts them; else `nil`.
    public var stages: [String]?
    /// The definition of each number, in words.
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
        case timeZone = "time_zone"
        case period
        case seriesBy = "series_by"
        case stages, definitions, inputs
        case inputAccounting = "input_accounting"
    }

    /// Encodes a missing stage list as JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(windowStart, forKey: .windowStart)
        try container.encode(windowEnd, forKey: .windowEnd)
        try container.encode(windowEndInclusive, forKey: .windowEndInclusive)
        try container.encode(windowSource, forKey: .windowSource)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(period, forKey: .period)
        try container.encode(seriesBy, forKey: .seriesBy)
        try container.encode(stages, forKey: .stages)
        try container.encode(definitions, forKey: .definitions)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(inputAccounting, forKey: .inputAccounting)
    }
}

/// The flow of one series (or of all together): a row per period and the flow metrics.
public struct FlowSeries: Sendable, Hashable, Codable {
    /// The service or priority, `(no service)` / `(no priority)`, or `all` for the total.
    public var name: String
    /// Records open at the window start `W0` (opened or reopened before it, not resolved since).
    public var openAtStart: Int
    /// Arrivals in the window: records opened plus reopens.
    public var created: Int
    /// Of ``created``, the reopens.
    public var reopened: Int
    /// Departures in the window (resolutions, a re-resolution after a reopen counting again).
    public var resolved: Int
    /// Records open at the end of the last period (the as-of time, or the window end).
    public var openAtEnd: Int
    /// The cumulative flow diagram's lines at the window start: per stage, the records (not yet
    /// in the last stage before the window) that had reached at least that stage; `nil` without stages.
    public var stagesAtStart: [StageCount]?
    /// Records already in the last stage before the window start, left out of the stage lines
    /// (adding it to every line gives the count over all records of the log); `nil` without stages.
    public var stagesDoneBeforeStart: Int?
    /// One row per period, in the order of ``FlowReport/periods``.
    public var periods: [FlowPeriodCounts]
    /// Departures per day and per period.
    public var throughput: FlowThroughput
    /// Lead time `resolved − opened` (the last resolution) of records whose last resolution
    /// falls in the window and that are not open at the as-of time.
    public var leadTime: FlowDurationStatistics
    /// Age `as-of − opened` of the records open at the as-of time.
    public var openAge: FlowDurationStatistics
    /// Average work in progress against throughput × lead time.
    public var littlesLaw: LittlesLaw

    enum CodingKeys: String, CodingKey {
        case name
        case openAtStart = "open_at_start"
        case created, reopened, resolved
        case openAtEnd = "open_at_end"
        case stagesAtStart = "stages_at_start"
        case stagesDoneBeforeStart = "stages_done_before_start"
        case periods, throughput
        case leadTime = "lead_time"
        case openAge = "open_age"
        case littlesLaw = "littles_law"
    }

    /// Encodes missing stage lines as JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(openAtStart, forKey: .openAtStart)
        try container.encode(created, forKey: .created)
        try container.encode(reopened, forKey: .reopened)
        try container.encode(resolved, forKey: .resolved)
        try container.encode(openAtEnd, forKey: .openAtEnd)
        try container.encode(stagesAtStart, forKey: .stagesAtStart)
        try container.encode(stagesDoneBeforeStart, forKey: .stagesDoneBeforeStart)
        try container.encode(periods, forKey: .periods)
        try container.encode(throughput, forKey: .throughput)
        try container.encode(leadTime, forKey: .leadTime)
        try container.encode(openAge, forKey: .openAge)
        try container.encode(littlesLaw, forKey: .littlesLaw)
    }
}

/// One line of a cumulative flow diagram by status at one instant.
public struct StageCount: Sendable, Hashable, Codable {
    /// The stage's name.
    public var stage: String
    /// Records whose furthest stage reached by then is this stage or a later one.
    public var reached: Int
}

/// One period of one series.
public struct FlowPeriodCounts: Sendable, Hashable, Codable {
    /// The period's label (see ``FlowPeriod/label``).
    public var period: String
    /// Records open when the period starts (the previous period's ``openAtEnd``).
    public var openAtStart: Int
    /// Arrivals: records opened in the period, plus reopens in the period.
    public var created: Int
    /// Of ``created``, the reopens of records resolved before.
    public var reopened: Int
    /// Departures: resolutions in the period (throughput).
    public var resolved: Int
    /// Arrivals since the window start, through this period.
    public var cumulativeCreated: Int
    /// Departures since the window start, through this period.
    public var cumulativeResolved: Int
    /// Records open at the end of the period (work in progress):
    /// `openAtStart + created − resolved`.
    public var openAtEnd: Int
    /// Of ``created``, unplanned work (by `kind`).
    public var unplanned: Int
    /// Of ``created``, planned work.
    public var planned: Int
    /// Of ``created``, work of no known kind.
    public var unclassified: Int
    /// `unplanned / (unplanned + planned)`; `nil` when both are 0.
    public var unplannedShare: Double?
    /// The cumulative flow diagram's lines at the end of the period, one per stage (first to
    /// last); `nil` without stages.
    public var stages: [StageCount]?

    enum CodingKeys: String, CodingKey {
        case period
        case openAtStart = "open_at_start"
        case created, reopened, resolved
        case cumulativeCreated = "cumulative_created"
        case cumulativeResolved = "cumulative_resolved"
        case openAtEnd = "open_at_end"
        case unplanned, planned, unclassified
        case unplannedShare = "unplanned_share"
        case stages
    }

    /// Encodes a missing share or stage list as JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(period, forKey: .period)
        try container.encode(openAtStart, forKey: .openAtStart)
        try container.encode(created, forKey: .created)
        try container.encode(reopened, forKey: .reopened)
        try container.encode(resolved, forKey: .resolved)
        try container.encode(cumulativeCreated, forKey: .cumulativeCreated)
        try container.encode(cumulativeResolved, forKey: .cumulativeResolved)
        try container.encode(openAtEnd, forKey: .openAtEnd)
        try container.encode(unplanned, forKey: .unplanned)
        try container.encode(planned, forKey: .planned)
        try container.encode(unclassified, forKey: .unclassified)
        try container.encode(unplannedShare, forKey: .unplannedShare)
        try container.encode(stages, forKey: .stages)
    }
}

/// How fast work leaves: departures over the window.
public struct FlowThroughput: Sendable, Hashable, Codable {
    /// Departures per day over the counted span (the window up to the as-of time); `nil` when the span is empty.
    public var perDay: Double?
    /// Departures per period, the mean over all periods (partial ones included); `nil` without periods.
    public var perPeriodMean: Double?

    enum CodingKeys: String, CodingKey {
        case perDay = "per_day"
        case perPeriodMean = "per_period_mean"
    }

    /// Encodes missing values as JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(perDay, forKey: .perDay)
        try container.encode(perPeriodMean, forKey: .perPeriodMean)
    }
}

/// Little's law, `L = λ × W`, checked on the data: the time-weighted average work in progress
/// `L` beside throughput `λ` times mean lead time `W`. They agree for a stable system whose
/// work in progress is about the same at both ends of the window; a ratio far from 1 says the
/// queue grew or shrank, or that lead times of items still open are not in `W` yet.
public struct LittlesLaw: Sendable, Hashable, Codable {
    /// `L`: the time-weighted mean number of open records over the counted span.
    public var averageWIP: Double?
    /// `λ`: departures per day.
    public var throughputPerDay: Double?
    /// `W`: the mean lead time, in days.
    public var meanLeadTimeDays: Double?
    /// `λ × W`: the work in progress Little's law predicts.
    public var predictedWIP: Double?
    /// `L / (λ × W)`; `nil` when `λ × W` is 0 or unknown.
    public var ratio: Double?

    enum CodingKeys: String, CodingKey {
        case averageWIP = "average_wip"
        case throughputPerDay = "throughput_per_day"
        case meanLeadTimeDays = "mean_lead_time_days"
        case predictedWIP = "predicted_wip"
        case ratio
    }

    /// Encodes missing values as JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(averageWIP, forKey: .averageWIP)
        try container.encode(throughputPerDay, forKey: .throughputPerDay)
        try container.encode(meanLeadTimeDays, forKey: .meanLeadTimeDays)
        try container.encode(predictedWIP, forKey: .predictedWIP)
        try container.encode(ratio, forKey: .ratio)
    }
}

/// Records a flow report could not use as they are.
public struct FlowDataQuality: Sendable, Hashable, Codable {
    /// Records with contradicting times, by issue, each with what the flow does about it.
    public var recordIssues: [RecordIssue]
    /// Records with nothing but notes: no lifecycle event, so not counted.
    public var recordsWithoutLifecycle: Int
    /// Statuses no stage lists, with how many records were seen in each (most first); `nil`
    /// without stages. Such a status moves a record nowhere in the diagram.
    public var unmappedStatuses: [StatusCount]?

    enum CodingKeys: String, CodingKey {
        case recordIssues = "record_issues"
        case recordsWithoutLifecycle = "records_without_lifecycle"
        case unmappedStatuses = "unmapped_statuses"
    }

    /// Encodes a missing list as JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(recordIssues, forKey: .recordIssues)
        try container.encode(recordsWithoutLifecycle, forKey: .recordsWithoutLifecycle)
        try container.encode(unmappedStatuses, forKey: .unmappedStatuses)
    }
}

/// A status and the number of records seen in it.
public struct StatusCount: Sendable, Hashable, Codable {
    /// The status, as first spelled in the input.
    public var status: String
    /// Records seen in it at least once.
    public var records: Int
}
