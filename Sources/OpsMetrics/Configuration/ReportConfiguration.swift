/// Everything that decides how inputs are read and what a report computes.
///
/// The defaults follow DEFINITIONS.md: the window is the span of the data, the as-of time is
/// `min(now, window end)`, MTTR means recovery (impact start → recovered), samples belong to the
/// window when they end in it, every record that is not maintenance is a failure, and reading is
/// strict (the first bad row stops it).
///
/// ```swift
/// var configuration = ReportConfiguration()
/// configuration.windowStart = Timestamp(secondsSinceEpoch: 1_704_067_200)  // 2024-01-01
/// configuration.windowEnd = Timestamp(secondsSinceEpoch: 1_706_745_600)    // 2024-02-01
/// configuration.skipInvalidRows = true
/// ```
public struct ReportConfiguration: Sendable {
    // MARK: Reading

    /// The export's preset (`--preset servicenow`): its column preferences, status and event maps,
    /// time layout and null spellings apply wherever this configuration sets none of its own.
    public var preset: Preset?

    /// The input syntax; `nil` picks it from each path's extension (CSV when there is none).
    public var inputFormat: InputFormat?
    /// The CSV field delimiter; `nil` means a tab for `.tsv` paths and `,` otherwise.
    public var delimiter: UInt8?
    /// How timestamps without an offset are read (UTC by default).
    public var zone: ZoneRule = .utc
    /// The layout of every timestamp field (`--time-format`); `nil` reads RFC 3339 / ISO 8601
    /// and epoch numbers (see ``TimeFormat`` for exports that write `29/2/2016 01:16`).
    public var timeFormat: TimeFormat?
    /// Overrides of the column matching: canonical field name → column header or JSON key
    /// (matched case-insensitively), as `--map field=column` gives them.
    public var columnMap: [String: String] = [:]
    /// Status value → lifecycle event, for rows that carry a status and a time (event form with
    /// no event column, or `event = status`): ServiceNow's `Resolved` → `resolved`, `Closed` →
    /// `closed`. Values are compared case-insensitively; unmapped statuses stay status changes.
    /// Targets are event names (`resolved`, `closed`, `reopened`, `status`, `note`, ...).
    public var statusMap: [String: String] = [:]
    /// Event value → event kind, tried before the built-in spellings: a help-desk activity such as
    /// `Resolve ticket` → `resolved`. Compared case-insensitively; a value that is neither mapped
    /// nor a built-in spelling stays an `unknown_event` error (map it to `note` to ignore it).
    public var eventMap: [String: String] = [:]
    /// `detected_by` value → detection source (`--detection-map 'Direct opening=user'`), tried
    /// before the preset's map and the built-in spellings (``DetectionSource/builtInSpellings``).
    /// Values are matched like column names: case, spaces, `_`, `-` and `.` do not matter.
    public var detectionMap: [String: DetectionSource] = [:]
    /// Skip a bad row, count it under its reason and go on, instead of stopping at it.
    public var skipInvalidRows = false
    /// Field values that mean "no value", compared case-insensitively (besides the empty value).
    public var nullValues: [String] = ["?", "-", "null", "n/a", "none", "nan"]
    /// The largest record read, in bytes: a CSV row, or a JSON object with the blank space and
    /// comma before it. A longer one stops reading (even when skipping invalid rows), after at most
    /// this many bytes are buffered. See <doc:HostileInput>.
    public var maxRecordBytes = 64 << 20
    /// Keep the first and last time each record was seen in each status, for the cumulative flow
    /// diagram by status (``FlowConfiguration/stages``). Off by default: nothing is kept per status.
    public var keepsStatusTimes = false
    /// Keep every status each record was seen in, in time order, for time in status and paused
    /// SLO clocks: 16 bytes per row that carries a status. Off by default.
    public var keepsStatusHistory = false
    /// The longest value OpsMetrics reads, in bytes: a header name, a JSON key, or the value of a
    /// mapped column or key (ids, times, services, labels). A longer one is an error for its row.
    /// Columns that are not read (descriptions, notes) are bounded only by ``maxRecordBytes``.
    public var maxFieldBytes = 64 << 10
    /// The most columns of a CSV header or row, and the most top-level keys of a JSON object.
    /// A wider header or object stops reading; a wider CSV data row is an error for that row.
    public var maxColumns = 10_000
    /// The deepest nesting of JSON objects and arrays, counting the row's own object as 1;
    /// deeper stops reading.
    public var maxJSONDepth = 512
    /// The most distinct record ids (incidents, tickets, and ids seen only as a parent) one input
    /// may hold; one more stops reading (the CLI also checks the inputs together; a program that
    /// merges logs itself checks ``IncidentLog/recordCount``). A record costs about half a KiB at the
    /// peak of a report, so the default bounds that part of memory at about 2.5 GiB.
    public var maxIncidents = 5_000_000
    /// The most threads to use; 0 (the default) for one per processor. A regular CSV or NDJSON
    /// file of at least 8 MiB is read in parts, one per thread, and the parts' logs merged; a report
    /// of 10,000 records or more analyses its services concurrently. The result is always the same
    /// as one thread's, only sooner.
    public var threads = 0
    /// Files are cut into parts of at least this many bytes (tests make it small).
    var minimumPartBytes = Self.defaultMinimumPartBytes
    /// The smallest part worth a thread: 4 MiB.
    static let defaultMinimumPartBytes = 4 << 20

    // MARK: Window and time

    /// The window's inclusive start `W0`; `nil` means the earliest timestamp in the data.
    public var windowStart: Timestamp?
    /// The window's exclusive end `W1`; `nil` means the as-of time if given, else the latest
    /// timestamp in the data, and that instant then belongs to the window (its end is inclusive).
    public var windowEnd: Timestamp?
    /// The as-of time, standing in for `now` so reports are reproducible: the report's as-of
    /// time is `T = min(asOf ?? now, W1)`. Events after `T` are not known yet and are ignored.
    public var asOf: Timestamp?
    /// The present, injectable so reports are reproducible. Defaults to the end of time,
    /// which makes the as-of time the window end; the CLI sets it to the wall clock.
    public var now = Timestamp(microsecondsSinceEpoch: Int64.max)

    // MARK: Definitions

    /// Which interval MTTR measures.
    public var mttrDefinition: MTTRDefinition = .recover
    /// Take one MTTR sample per failure episode instead of one per incident (parent-folded).
    public var mttrPerEpisode = false
    /// Assign a duration sample to the window by where its interval starts instead of ends.
    public var samplesByStart = false
    /// Episodes at most this far apart (microseconds from one's end to the next's start) merge into
    /// one; the default 0 merges touching outages.
    public var episodeMergeGapMicroseconds: Int64 = 0
    /// Which records count as failures.
    public var failureFilter = FailureFilter()

    /// The default configuration.
    public init() {}

    /// The status map in force: the preset's, with this configuration's entries over it.
    var effectiveStatusMap: [String: String] { ReportConfiguration.merge(preset?.statusMap, statusMap) }
    /// The event map in force: the preset's, with this configuration's entries over it.
    var effectiveEventMap: [String: String] { ReportConfiguration.merge(preset?.eventMap, eventMap) }
    /// The time layout in force: this configuration's, else the preset's.
    var effectiveTimeFormat: TimeFormat? { timeFormat ?? preset?.timeFormat }
    /// The null spellings in force: this configuration's and the preset's.
    var effectiveNullValues: [String] { nullValues + (preset?.nullValues ?? []) }

    /// `base` with `overrides` over it; keys compared case-insensitively, as the maps match.
    private static func merge(_ base: [String: String]?, _ overrides: [String: String]) -> [String: String] {
        guard let base, !base.isEmpty else { return overrides }
        var merged: [String: String] = [:]
        let overridden = Set(overrides.keys.map { $0.lowercased() })
        for (key, value) in base where !overridden.contains(key.lowercased()) { merged[key] = value }
        for (key, value) in overrides { merged[key] = value }
        return merged
    }

    /// The time after which events are ignored while reading: the as-of time `min(asOf ?? now, W1)`
    /// as far as it is known before the data is read.
    package var cutoff: Int64 {
        let t = (asOf ?? now).microsecondsSinceEpoch
        return min(t, windowEnd?.microsecondsSinceEpoch ?? Int64.max)
    }
}

/// Which records are failures. A record is a failure when its kind is not `maintenance` and it
/// matches every set given here (values compared case-insensitively; an empty set matches all).
public struct FailureFilter: Sendable, Hashable, Codable {
    /// Priorities that count; empty means all.
    public var priorities: Set<String> = []
    /// Severities that count; empty means all.
    public var severities: Set<String> = []
    /// Kinds that count (`incident`, ...); empty means every kind but maintenance.
    public var kinds: Set<String> = []

    public init(priorities: Set<String> = [], severities: Set<String> = [], kinds: Set<String> = []) {
        self.priorities = priorities
        self.severities = severities
        self.kinds = kinds
    }
}
