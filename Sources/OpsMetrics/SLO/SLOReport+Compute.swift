extension SLOReport {
    /// Measures every objective on every record of `log`.
    ///
    /// - Parameters:
    ///   - log: The records; read with ``ReportConfiguration/keepsStatusHistory`` for pauses.
    ///   - configuration: The window and as-of time.
    ///   - slo: The objectives and clock rules.
    /// - Complexity: O(*n* log *n* + *n* × *o* × log *w*) for *n* records, *o* objectives and *w*
    ///   working intervals of a calendar over the log (each calendar is laid out once).
    public init(log: IncidentLog, configuration: ReportConfiguration, slo: SLOConfiguration) {
        self.init(log: log, configuration: configuration, slo: slo, minimumParallelRecords: ReliabilityReport.minimumParallelRecords)
    }

    /// Measures every objective on every record of `log`, on one thread when it has fewer than
    /// `minimumParallelRecords` records (tests make it small). The records, in id order, are cut
    /// into one run per thread; each run's verdicts are joined in run order, so the report is
    /// the same on any number of threads.
    init(log: IncidentLog, configuration: ReportConfiguration, slo: SLOConfiguration, minimumParallelRecords: Int) {
        let clock = ReportClock(log: log, configuration: configuration)
        let asOf = clock.asOf
        let stays = log.statusHistory?.stays(count: log.recordCount)
        // The preset's priority names, with the configuration's aliases over them.
        let given = (configuration.preset?.priorityMap ?? [:]).merging(slo.priorityAliases) { _, alias in alias }
        let aliases = Dictionary(given.map { (Self.folded($0.key), Self.folded($0.value)) }, uniquingKeysWith: { a, _ in a })
        // Matching compares folded text; fold every label and service once, not per record.
        let foldedLabels = [""] + (0..<log.labels.count).map { Self.folded(log.labels.string(UInt32($0 + 1))) }
        let serviceNames = ["(no service)"] + (0..<log.services.count).map { log.services.string(UInt32($0 + 1)) }
        func table(_ values: Set<String>, _ names: [String], aliased: Bool = false) -> [Bool]? {
            guard !values.isEmpty else { return nil }
            let wanted = Set(values.map(Self.folded))
            return names.map { name in
                let folded = Self.folded(name)
                // A priority matches by its own spelling or by the name it is an alias of.
                return wanted.contains(folded) || (aliased && aliases[folded].map(wanted.contains) == true)
            }
        }
        let empty = SLORecordResults(
            ids: log.ids, serviceNames: serviceNames, objectiveNames: slo.objectives.map(\.name),
            targets: slo.objectives.map(\.targetMicroseconds))
        let matchers = slo.objectives.map { objective in
            Matcher(priorities: table(objective.priorities, foldedLabels, aliased: true), severities: table(objective.severities, foldedLabels),
                    kinds: table(objective.kinds, foldedLabels), services: table(objective.services, serviceNames),
                    pausing: objective.pauseStatuses.isEmpty ? nil : table(objective.pauseStatuses, foldedLabels),
                    clock: objective.clock)
        }
        let threads = ReliabilityReport.threads(log: log, configuration: configuration, minimumParallelRecords: minimumParallelRecords)

        // Records in id order, so each objective's verdicts come out sorted by id.
        let order = (0..<log.recordCount).sorted { log.ids.precedes(UInt32($0 + 1), UInt32($1 + 1)) }
        // First the clocks: which records each objective measures, and their start, stop and pauses.
        let runs = (0..<threads).map { k in order.count * k / threads..<order.count * (k + 1) / threads }
        var clocks = ConcurrentJobs.map(runs, order: Array(runs.indices), threads: threads) { _, run in
            var clocks = Clocks(objectives: matchers.count, empty: empty, asOf: asOf)
            for index in order[run] {
                clocks.add(record: index, log: log, clock: clock, matchers: matchers, stays: stays, rule: slo.reopenRule)
            }
            return clocks
        }
        // Then business time, each calendar laid out once over every clock.
        let earliest = clocks.reduce(asOf) { min($0, $1.earliest) }
        var timelines: [BusinessCalendar: BusinessTimeline] = [:]
        for objective in slo.objectives where timelines[objective.calendar] == nil {
            timelines[objective.calendar] = BusinessTimeline(calendar: objective.calendar, from: earliest, to: asOf)
        }
        let measures = slo.objectives.map { (timeline: timelines[$0.calendar]!, target: $0.targetMicroseconds) }
        clocks = ConcurrentJobs.map(consume clocks, order: Array(runs.indices), threads: threads) { _, clocks in
            clocks.measure(measures)
            return clocks
        }
        // Each objective's verdicts, run after run.
        var results = empty
        var ranges: [Range<Int>] = []
        for o in slo.objectives.indices {
            let start = results.count
            for k in clocks.indices {
                results.append(contentsOf: clocks[k].parts[o])
                clocks[k].parts[o] = empty  // released as soon as it is copied
            }
            ranges.append(start..<results.count)
        }
        let tally = SLOTally.Rows(results: results, worst: slo.worstBreachCount)
        let summaries = ConcurrentJobs.map(ranges, order: Array(ranges.indices), threads: threads) { o, positions in
            tally.rows(objective: o, positions: positions)
        }
        var unmeasurable: [String: Int] = [:]
        for part in clocks {
            for (o, count) in part.unmeasurable.enumerated() where count > 0 { unmeasurable[slo.objectives[o].name, default: 0] += count }
        }
        self.init(
            asOf: Timestamp(microsecondsSinceEpoch: asOf), records: results, summaries: summaries.flatMap { $0 },
            unmatchedObjectives: slo.objectives.indices.filter { o in clocks.allSatisfy { $0.matched[o] == 0 } }.map { slo.objectives[$0].name },
            unmeasurable: unmeasurable, missingStatusHistory: slo.objectives.contains { !$0.pauseStatuses.isEmpty } && stays == nil)
    }

    /// What an objective measures, as tables by label and service id (`nil`: every value).
    private struct Matcher: Sendable {
        var priorities: [Bool]?
        var severities: [Bool]?
        var kinds: [Bool]?
        var services: [Bool]?
        var pausing: [Bool]?
        var clock: SLOClock

        /// Whether the objective measures `state`. The empty value (id 0) is "" and never
        /// matches a non-empty set.
        func matches(_ state: IncidentState) -> Bool {
            func admits(_ table: [Bool]?, _ id: UInt32) -> Bool { table.map { $0[Int(id)] } ?? true }
            return admits(priorities, state[.priority]) && admits(severities, state[.severity])
                && admits(kinds, state[.kind]) && admits(services, state[.service])
        }
    }

    /// The clocks of one run of records (in id order), each objective's apart, then their business time.
    private struct Clocks: Sendable {
        /// Each objective's verdicts, in id order.
        var parts: [SLORecordResults]
        /// The pauses of the records that have any, by position in their objective's part, ascending.
        var pauses: [[(position: Int, pauses: IntervalSet)]]
        /// Each objective's matching records, and those of them it could not measure.
        var matched: [Int]
        var unmeasurable: [Int]
        /// The earliest clock start (the as-of time with none).
        var earliest: Int64
        let asOf: Int64

        init(objectives: Int, empty: SLORecordResults, asOf: Int64) {
            parts = Array(repeating: empty, count: objectives)
            pauses = Array(repeating: [], count: objectives)
            matched = Array(repeating: 0, count: objectives)
            unmeasurable = Array(repeating: 0, count: objectives)
            earliest = asOf
            self.asOf = asOf
        }

        /// Starts the clocks of record `index` for every objective that measures it.
        mutating func add(record index: Int, log: IncidentLog, clock: ReportClock, matchers: [Matcher],
                          stays: [[StatusStay]]?, rule: ReopenRule) {
            var state = log.states[index]
            guard state.rows > 0 else { return }
            // No opened event: the record opened with its earliest lifecycle or status event.
            if state.opened == IncidentState.noEarliest { state.opened = state.firstActivity }
            for (o, match) in matchers.enumerated() where match.matches(state) {
                matched[o] += 1
                guard state.opened != IncidentState.noEarliest, state.opened <= asOf, clock.contains(state.opened) else {
                    if state.opened == IncidentState.noEarliest { unmeasurable[o] += 1 }
                    continue
                }
                var paused: [Interval] = []
                if let pausing = match.pausing, let stays {
                    for stay in stays[index] where Int(stay.status) < pausing.count && pausing[Int(stay.status)] {
                        let end = min(stay.end ?? asOf, asOf)
                        if stay.start < end { paused.append(SLOReport.interval(stay.start, end)) }
                    }
                }
                guard let timing = SLOReport.timing(of: state, index: index, log: log, clock: match.clock, rule: rule) else {
                    unmeasurable[o] += 1
                    continue
                }
                paused += timing.pauses.compactMap { $0.start < min($0.end, asOf) ? SLOReport.interval($0.start, min($0.end, asOf)) : nil }
                if !paused.isEmpty { pauses[o].append((parts[o].count, IntervalSet(paused))) }
                parts[o].append(
                    record: index, service: state[.service], objective: o, verdict: .pending, start: timing.start,
                    stop: timing.stop.flatMap { $0 <= asOf ? $0 : nil }, elapsed: 0)
                earliest = min(earliest, timing.start)
            }
        }

        /// Each clock's business time on its objective's timeline, and its verdict against the target.
        mutating func measure(_ measures: [(timeline: BusinessTimeline, target: Int64)]) {
            for (o, measure) in measures.enumerated() {
                var next = 0  // the next record with pauses, in position order
                for position in parts[o].indices {
                    let running = parts[o].stop[position] == SLORecordResults.running
                    var excluded = IntervalSet()
                    if next < pauses[o].count && pauses[o][next].position == position {
                        excluded = pauses[o][next].pauses
                        next += 1
                    }
                    let elapsed = measure.timeline.businessMicroseconds(
                        from: parts[o].start[position], to: running ? asOf : parts[o].stop[position], excluding: excluded)
                    parts[o].elapsed[position] = elapsed
                    parts[o].verdict[position] = measure.target - elapsed >= 0 ? (running ? .pending : .met) : .breached
                }
            }
        }
    }

    /// Start, stop (nil: running) and reopen pauses of one clock of one record, in microseconds.
    static func timing(of state: IncidentState, index: Int, log: IncidentLog, clock: SLOClock, rule: ReopenRule)
        -> (start: Int64, stop: Int64?, pauses: [(start: Int64, end: Int64)])?
    {
        let opened = state.opened
        if clock == .response || clock == .firstResponse {
            let first = clock == .response ? state.acknowledged : state.firstResponse
            let stop = first == IncidentState.noEarliest ? nil : first
            if let stop, stop < opened { return nil }
            return (opened, stop, [])
        }
        let isReopened = state.lastReopen != IncidentState.noLatest && state.lastReopen != IncidentState.noEarliest
        if !isReopened && (state.resolvedFirst == IncidentState.noEarliest || state.resolvedFirst == state.resolvedLast) {
            // Never reopened, resolved at most once (so no history is kept): the walk below, without its arrays.
            return (opened, state.resolvedFirst != IncidentState.noEarliest && state.resolvedFirst >= opened ? state.resolvedFirst : nil, [])
        }
        let history = log.resolutionHistories[index]
        // Resolutions and reopens in time order.
        var resolutions: [Int64] = []
        var reopens: [Int64] = []
        if let history {
            resolutions = history.resolutions
            reopens = history.reopens
        } else {
            if state.resolvedFirst != IncidentState.noEarliest { resolutions.append(state.resolvedFirst) }
            if state.resolvedLast != IncidentState.noLatest, state.resolvedLast != state.resolvedFirst { resolutions.append(state.resolvedLast) }
            if state.lastReopen != IncidentState.noLatest, state.lastReopen != IncidentState.noEarliest { reopens.append(state.lastReopen) }
        }
        resolutions = resolutions.filter { $0 >= opened }
        reopens = reopens.filter { $0 >= opened }
        // Walk the events: a resolution stops a running clock, a reopen restarts a stopped one.
        var running = true
        var cycleStart = opened
        var stoppedAt: Int64? = nil
        var pauses: [(start: Int64, end: Int64)] = []
        var i = 0
        var j = 0
        while i < resolutions.count || j < reopens.count {
            let isResolution = j >= reopens.count || (i < resolutions.count && resolutions[i] <= reopens[j])
            if isResolution {
                if running {
                    running = false
                    stoppedAt = resolutions[i]
                }
                i += 1
            } else {
                if !running, let stop = stoppedAt {
                    running = true
                    pauses.append((stop, reopens[j]))
                    cycleStart = reopens[j]
                    stoppedAt = nil
                }
                j += 1
            }
        }
        switch rule {
        case .newMeasurement: return (cycleStart, running ? nil : stoppedAt, [])
        default: return (opened, running ? nil : stoppedAt, pauses)
        }
    }

    static func interval(_ start: Int64, _ end: Int64) -> Interval {
        Interval(start: Timestamp(microsecondsSinceEpoch: start), end: Timestamp(microsecondsSinceEpoch: end))
    }

    /// ASCII lower case with spaces and tabs trimmed, for matching values.
    static func folded(_ text: String) -> String {
        var bytes = Array(text.utf8).map(ASCII.lowercased)[...]
        while let first = bytes.first, first == ASCII.space || first == ASCII.tab { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == ASCII.space || last == ASCII.tab { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
