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
        let clock = ReportClock(log: log, configuration: configuration)
        let asOf = clock.asOf
        let stays = log.statusHistory?.stays(count: log.recordCount)
        // The preset's priority names, with the configuration's aliases over them.
        let given = (configuration.preset?.priorityMap ?? [:]).merging(slo.priorityAliases) { _, alias in alias }
        let aliases = Dictionary(given.map { (Self.folded($0.key), Self.folded($0.value)) }, uniquingKeysWith: { a, _ in a })
        var unmatched: [String] = []
        var unmeasurable: [String: Int] = [:]
        let needsPauses = slo.objectives.contains { !$0.pauseStatuses.isEmpty }
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
        // Each objective's match, as tables by label and service id.
        let matchers = slo.objectives.map { objective in
            (priorities: table(objective.priorities, foldedLabels, aliased: true), severities: table(objective.severities, foldedLabels),
             kinds: table(objective.kinds, foldedLabels), services: table(objective.services, serviceNames),
             pausing: objective.pauseStatuses.isEmpty ? nil : table(objective.pauseStatuses, foldedLabels))
        }
        // Each objective's verdicts, and the pauses of those that have any, by position.
        var parts = [SLORecordResults](repeating: empty, count: slo.objectives.count)
        var pausesAt = [[Int: IntervalSet]](repeating: [:], count: slo.objectives.count)
        var matched = [Int](repeating: 0, count: slo.objectives.count)
        var earliest = asOf
        // Records in id order, so each objective's verdicts come out sorted by id.
        var order = Array(0..<log.recordCount)
        order.sort { log.ids.precedes(UInt32($0 + 1), UInt32($1 + 1)) }
        // First the clocks: which records each objective measures, and their start, stop and pauses.
        for index in order {
            var state = log.states[index]
            guard state.rows > 0 else { continue }
            // No opened event: the record opened with its earliest lifecycle or status event.
            if state.opened == IncidentState.noEarliest { state.opened = state.firstActivity }
            let serviceID = state[.service]
            for (o, objective) in slo.objectives.enumerated() {
                let match = matchers[o]
                // The empty value (id 0) is "" and never matches a non-empty set.
                if let priorities = match.priorities, !priorities[Int(state[.priority])] { continue }
                if let severities = match.severities, !severities[Int(state[.severity])] { continue }
                if let kinds = match.kinds, !kinds[Int(state[.kind])] { continue }
                if let services = match.services, !services[Int(serviceID)] { continue }
                matched[o] += 1
                guard state.opened != IncidentState.noEarliest, state.opened <= asOf, clock.contains(state.opened) else {
                    if state.opened == IncidentState.noEarliest { unmeasurable[objective.name, default: 0] += 1 }
                    continue
                }
                var pauses: [Interval] = []
                if let pausing = match.pausing, let stays {
                    for stay in stays[index] where Int(stay.status) < pausing.count && pausing[Int(stay.status)] {
                        let end = min(stay.end ?? asOf, asOf)
                        if stay.start < end { pauses.append(Self.interval(stay.start, end)) }
                    }
                }
                guard let timing = Self.timing(of: state, index: index, log: log, clock: objective.clock, rule: slo.reopenRule) else {
                    unmeasurable[objective.name, default: 0] += 1
                    continue
                }
                pauses += timing.pauses.compactMap { $0.start < min($0.end, asOf) ? Self.interval($0.start, min($0.end, asOf)) : nil }
                if !pauses.isEmpty { pausesAt[o][parts[o].count] = IntervalSet(pauses) }
                parts[o].append(
                    record: index, service: serviceID, objective: o, verdict: .pending, start: timing.start,
                    stop: timing.stop.flatMap { $0 <= asOf ? $0 : nil }, elapsed: 0)
                earliest = min(earliest, timing.start)
            }
        }
        // Then business time, each calendar laid out once over every clock.
        var timelines: [BusinessCalendar: BusinessTimeline] = [:]
        var results = empty
        var ranges: [Range<Int>] = []
        for (o, objective) in slo.objectives.enumerated() {
            let timeline = timelines[objective.calendar] ?? BusinessTimeline(calendar: objective.calendar, from: earliest, to: asOf)
            timelines[objective.calendar] = timeline
            for position in parts[o].indices {
                let running = parts[o].stop[position] == SLORecordResults.running
                let elapsed = timeline.businessMicroseconds(
                    from: parts[o].start[position], to: running ? asOf : parts[o].stop[position],
                    excluding: pausesAt[o].isEmpty ? IntervalSet() : pausesAt[o][position] ?? IntervalSet())
                parts[o].elapsed[position] = elapsed
                parts[o].verdict[position] = objective.targetMicroseconds - elapsed >= 0 ? (running ? .pending : .met) : .breached
            }
            ranges.append(results.count..<results.count + parts[o].count)
            results.append(contentsOf: parts[o])
            parts[o] = empty  // release the part's columns as soon as they are copied
            if matched[o] == 0 { unmatched.append(objective.name) }
        }
        let tally = SLOTally.Rows(results: results, worst: slo.worstBreachCount)
        self.init(
            asOf: Timestamp(microsecondsSinceEpoch: asOf), records: results,
            summaries: ranges.enumerated().flatMap { tally.rows(objective: $0.offset, positions: $0.element) },
            unmatchedObjectives: unmatched, unmeasurable: unmeasurable, missingStatusHistory: needsPauses && stays == nil)
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
        // Resolutions and reopens in time order.
        var resolutions: [Int64] = []
        var reopens: [Int64] = []
        if let history = log.resolutionHistories[index] {
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
