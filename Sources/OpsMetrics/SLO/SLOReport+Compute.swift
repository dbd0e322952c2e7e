extension SLOReport {
    /// Measures every objective on every record of `log`.
    ///
    /// - Parameters:
    ///   - log: The records; read with ``ReportConfiguration/keepsStatusHistory`` for pauses.
    ///   - configuration: The window and as-of time.
    ///   - slo: The objectives and clock rules.
    /// - Complexity: O(*n* × *o* × *d*) for *n* records, *o* objectives and *d* local days per clock.
    public init(log: IncidentLog, configuration: ReportConfiguration, slo: SLOConfiguration) {
        let clock = ReportClock(log: log, configuration: configuration)
        let asOf = clock.asOf
        let stays = log.statusHistory?.stays(count: log.recordCount)
        // The preset's priority names, with the configuration's aliases over them.
        let given = (configuration.preset?.priorityMap ?? [:]).merging(slo.priorityAliases) { _, alias in alias }
        let aliases = Dictionary(given.map { (Self.folded($0.key), Self.folded($0.value)) }, uniquingKeysWith: { a, _ in a })
        var records: [SLORecordResult] = []
        var summaries: [SLOSummary] = []
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
        for objective in slo.objectives {
            let priorities = table(objective.priorities, foldedLabels, aliased: true)
            let severities = table(objective.severities, foldedLabels)
            let kinds = table(objective.kinds, foldedLabels)
            let services = table(objective.services, serviceNames)
            let pausing = objective.pauseStatuses.isEmpty ? nil : table(objective.pauseStatuses, foldedLabels)
            var matched = 0
            var results: [SLORecordResult] = []
            for index in 0..<log.recordCount {
                let state = log.states[index]
                guard state.rows > 0 else { continue }
                // The empty value (id 0) is "" and never matches a non-empty set.
                if let priorities, !priorities[Int(state[.priority])] { continue }
                if let severities, !severities[Int(state[.severity])] { continue }
                if let kinds, !kinds[Int(state[.kind])] { continue }
                let serviceID = Int(state[.service])
                if let services, !services[serviceID] { continue }
                let service = serviceNames[serviceID]
                matched += 1
                guard state.opened != IncidentState.noEarliest, state.opened <= asOf, clock.contains(state.opened) else {
                    if state.opened == IncidentState.noEarliest { unmeasurable[objective.name, default: 0] += 1 }
                    continue
                }
                var pauses: [Interval] = []
                if let pausing, let stays {
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
                let stop = timing.stop.flatMap { $0 <= asOf ? $0 : nil }
                let start = Timestamp(microsecondsSinceEpoch: timing.start)
                let elapsed = objective.calendar.businessMicroseconds(
                    from: start, to: Timestamp(microsecondsSinceEpoch: stop ?? asOf), excluding: IntervalSet(pauses))
                let remaining = objective.targetMicroseconds - elapsed
                let verdict: SLOVerdict = remaining >= 0 ? (stop == nil ? .pending : .met) : .breached
                results.append(
                    SLORecordResult(
                        id: log.ids.string(UInt32(index + 1)), service: service, objective: objective.name, verdict: verdict,
                        start: start, stop: stop.map { Timestamp(microsecondsSinceEpoch: $0) },
                        businessElapsedMicroseconds: elapsed, remainingMicroseconds: remaining))
            }
            if matched == 0 { unmatched.append(objective.name) }
            results.sort { $0.id < $1.id }
            summaries.append(Self.summary(objective.name, service: nil, results, worst: slo.worstBreachCount))
            var byService: [String: [SLORecordResult]] = [:]
            for result in results { byService[result.service, default: []].append(result) }
            for service in byService.keys.sorted() {
                summaries.append(Self.summary(objective.name, service: service, byService[service] ?? [], worst: slo.worstBreachCount))
            }
            records += results
        }
        self.init(
            asOf: Timestamp(microsecondsSinceEpoch: asOf), records: records, summaries: summaries, unmatchedObjectives: unmatched,
            unmeasurable: unmeasurable, missingStatusHistory: needsPauses && stays == nil)
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

    static func summary(_ objective: String, service: String?, _ results: [SLORecordResult], worst: Int) -> SLOSummary {
        var met = 0
        var breached = 0
        var pending = 0
        var stopped: [Int64] = []
        for result in results {
            switch result.verdict {
            case .met: met += 1
            case .breached: breached += 1
            default: pending += 1
            }
            if result.stop != nil { stopped.append(result.businessElapsedMicroseconds) }
        }
        stopped.sort()
        func rank(_ p: Int) -> Int64? {
            guard !stopped.isEmpty else { return nil }
            let k = (p * stopped.count + 99) / 100  // nearest rank: ceil(p/100 × n), 1-based
            return stopped[max(1, k) - 1]
        }
        let worstIDs = results.filter { $0.verdict == .breached }
            .sorted { $0.remainingMicroseconds != $1.remainingMicroseconds ? $0.remainingMicroseconds < $1.remainingMicroseconds : $0.id < $1.id }
            .prefix(worst).map(\.id)
        return SLOSummary(
            objective: objective, service: service, met: met, breached: breached, pending: pending,
            compliance: met + breached == 0 ? nil : Double(met) / Double(met + breached),
            p50ElapsedMicroseconds: rank(50), p90ElapsedMicroseconds: rank(90), worstBreaches: Array(worstIDs))
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
