/// How long records stayed in each status (and stage), within the report window: Jira's
/// "time in status" view (<doc:CumulativeFlow>, "Time in status").
///
/// A record's time in a status is the sum of its stays in that status (see the log's status
/// history: a stay runs from the row that first showed the status to the next row of the record
/// with another one), each clipped to `[W0, min(W1, T))`; a stay still running at the end of the
/// data runs to that end, so open records count up to the as-of time `T`. A record that visits a
/// status twice adds both stays. Only records with a lifecycle event count, as in the flow.
///
/// ```swift
/// var configuration = ReportConfiguration()
/// configuration.keepsStatusHistory = true
/// let log = try IncidentLog(contentsOfFile: "jira.json", configuration: configuration)
/// let view = try TimeInStatusReport(log: log, configuration: configuration, stages: StageMap(parsing: "To Do,In Progress,Done"))
/// ```
public struct TimeInStatusReport: Sendable, Hashable, Codable {
    /// Changes whenever a key changes meaning.
    public var schemaVersion = 1
    /// The window counted: `[windowStart, windowEnd)`, `windowEnd` being `min(W1, T)`.
    public var windowStart: Timestamp
    public var windowEnd: Timestamp
    /// The as-of time `T`.
    public var asOf: Timestamp
    /// One row per status seen in the window, by stage (in stage order, statuses in no stage
    /// last), then by name.
    public var statuses: [StatusTime]
    /// One row per stage, in stage order, when stages were given.
    public var stages: [StatusTime]?
    /// Blocked time, when blocked statuses were given: each record's time in them from the moment
    /// it first reached the committed stage (the second stage; every stay without stages).
    public var blocked: StatusTime?
    /// What each number means.
    public var definitions: [String: String]

    /// The time spent in one status or stage.
    public struct StatusTime: Sendable, Hashable, Codable {
        /// The status (or stage) name.
        public var name: String
        /// The stage the status belongs to; `nil` for a stage row, or a status in no stage.
        public var stage: String?
        /// The records that spent some time in it within the window.
        public var records: Int
        /// Their time in it, summed, in seconds.
        public var totalSeconds: Double
        /// Each of those records' time in it (n = `records`), in seconds.
        public var perRecord: FlowDurationStatistics

        enum CodingKeys: String, CodingKey {
            case name, stage, records
            case totalSeconds = "total_seconds"
            case perRecord = "per_record"
        }
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case asOf = "as_of"
        case statuses, stages, blocked, definitions
    }

    /// Computes the time in status of `log`, read with ``ReportConfiguration/keepsStatusHistory``.
    ///
    /// - Throws: ``ConfigurationError`` when the log kept no status history.
    /// - Parameters:
    ///   - stages: The workflow's stages, for the per-stage rows and the committed stage.
    ///   - blockedStatuses: Statuses in which a record is blocked (an impediment, waiting on a
    ///     vendor), compared as ``StageMap`` compares statuses; empty (default) for no blocked row.
    public init(log: IncidentLog, configuration: ReportConfiguration, stages: StageMap? = nil,
                blockedStatuses: [String] = []) throws(ConfigurationError) {
        guard let history = log.statusHistory else {
            throw ConfigurationError("time in status needs the status history: read the log with keepsStatusHistory set")
        }
        let clock = ReportClock(log: log, configuration: configuration)
        let span = FlowSpan(clock: clock, isEmpty: log.earliest > log.latest && !clock.isWindowGiven)
        let (start, end) = (span.start, span.displayEnd)
        windowStart = Timestamp(microsecondsSinceEpoch: start)
        windowEnd = Timestamp(microsecondsSinceEpoch: end)
        asOf = Timestamp(microsecondsSinceEpoch: clock.asOf)

        let stageNames = stages?.stageNames ?? []
        var stageOfLabel: [UInt32: Int?] = [:]
        var perStatus: [UInt32: [Int64]] = [:]  // label → each record's time in it
        var perStage = [[Int64]](repeating: [], count: stageNames.count)
        var recordStatus: [UInt32: Int64] = [:]
        var recordStage = [Int64](repeating: 0, count: stageNames.count)
        let blockedMap = blockedStatuses.isEmpty ? nil : try StageMap(stages: [StageMap.Stage(name: "blocked", statuses: blockedStatuses)])
        var blockedOfLabel: [UInt32: Bool] = [:]
        func isBlocked(_ label: UInt32) -> Bool {
            guard let blockedMap else { return false }
            if let known = blockedOfLabel[label] { return known }
            let blocked = blockedMap.stage(of: log.labels.string(label)) != nil
            blockedOfLabel[label] = blocked
            return blocked
        }
        var blockedTimes: [Int64] = []
        func stage(of label: UInt32) -> Int? {
            if let known = stageOfLabel[label] { return known }
            let stage = stages?.stage(of: log.labels.string(label))
            stageOfLabel[label] = stage
            return stage
        }
        for (index, stays) in history.stays(count: log.states.count).enumerated() where !stays.isEmpty {
            guard IncidentFacts(index: index, state: log.states[index], maintenanceKinds: []) != nil else { continue }
            recordStatus.removeAll(keepingCapacity: true)
            var blocked: Int64 = 0
            // Committed from the first stay in the second stage or a later one; without stages, from the start.
            var committed = stages == nil ? Int64.min : Int64.max
            for stay in stays {
                let time = max(0, min(stay.end ?? end, end) - max(stay.start, start))
                if time > 0 { recordStatus[stay.status, default: 0] += time }
                if committed == .max, let reached = stage(of: stay.status), reached >= 1 { committed = stay.start }
                if isBlocked(stay.status) { blocked += max(0, min(stay.end ?? end, end) - max(stay.start, start, committed)) }
            }
            if blocked > 0 { blockedTimes.append(blocked) }
            for i in recordStage.indices { recordStage[i] = 0 }
            for (label, time) in recordStatus {
                perStatus[label, default: []].append(time)
                if let stage = stage(of: label) { recordStage[stage] += time }
            }
            for (stage, time) in recordStage.enumerated() where time > 0 { perStage[stage].append(time) }
        }
        func row(_ name: String, stage: String?, _ times: [Int64]) -> StatusTime {
            StatusTime(name: name, stage: stage, records: times.count,
                       totalSeconds: Double(times.reduce(Int128(0)) { $0 + Int128($1) }) / 1e6,
                       perRecord: FlowDurationStatistics(microseconds: times))
        }
        statuses = perStatus.map { label, times in
            let stage = stageOfLabel[label] ?? stages?.stage(of: log.labels.string(label))
            return (order: stage ?? Int.max, row: row(log.labels.string(label), stage: stage.map { stageNames[$0] }, times))
        }
        .sorted { ($0.order, $0.row.name) < ($1.order, $1.row.name) }
        .map(\.row)
        self.stages = stages.map { _ in stageNames.indices.map { row(stageNames[$0], stage: nil, perStage[$0]) } }
        blocked = blockedMap.map { _ in row("blocked", stage: nil, blockedTimes) }
        definitions = [
            "time_in_status": "per record, the sum of its stays in the status (first row showing it → next row of the record with another status, or the end) clipped to [window_start, window_end); open records count to the as-of time",
            "records": "records with some time in the status within the window",
            "per_record": "statistics of each such record's time in the status, in seconds (percentiles: linear interpolation between closest ranks)",
            "stage": "the stage's statuses together",
            "blocked": "per record, its time in the blocked statuses from its first stay in the second stage or a later one (every stay without stages), within the window",
        ]
    }
}
