extension FlowReport {
    /// Computes the cumulative flow of `log` (DEFINITIONS section 5).
    ///
    /// - Parameters:
    ///   - log: The folded records.
    ///   - configuration: The window and as-of time (the same value the log was read with).
    ///   - flow: Periods, zone, series and the planned/unplanned split.
    /// - Throws: ``ConfigurationError`` when the window holds more than
    ///   ``FlowConfiguration/periodLimit`` periods.
    /// - Complexity: O(*r* log *p* + *s* × *p*) for *r* records, *p* periods and *s* series.
    public init(log: IncidentLog, configuration: ReportConfiguration, flow: FlowConfiguration) throws(ConfigurationError) {
        let clock = ReportClock(log: log, configuration: configuration)
        // Without data and without a window there is nothing to count: no periods.
        let span = FlowSpan(clock: clock, isEmpty: log.earliest > log.latest && !clock.isWindowGiven)
        let calendar = CalendarPeriods(unit: flow.period, zone: flow.zone)
        guard let bounds = calendar.periods(from: span.start, to: span.end, limit: flow.periodLimit) else {
            throw ConfigurationError("the window holds more than \(flow.periodLimit) \(flow.period.rawValue) periods; choose a longer period or a shorter window")
        }
        let periods = bounds.map { bound in
            let start = max(bound.start, span.start)
            let end = min(bound.end, span.displayEnd)
            return FlowPeriod(label: calendar.label(ofPeriodStarting: bound.firstDay),
                              start: Timestamp(microsecondsSinceEpoch: start), end: Timestamp(microsecondsSinceEpoch: end),
                              isPartial: start > bound.start || end < bound.end)
        }
        // Period i counts [starts[i], starts[i + 1]), the last one up to span.end.
        let starts = periods.map(\.start.microsecondsSinceEpoch)
        let limit = span.end - 1  // the last instant counted

        // Stages: the status → stage map is applied here, once per distinct status.
        let stageNames = flow.stages?.stageNames
        let stageCount = stageNames?.count ?? 0
        if flow.stages != nil && log.statusTimes == nil {
            throw ConfigurationError("a diagram by stage needs the status times: read the log with keepsStatusTimes set")
        }
        let statusesByRecord = flow.stages != nil ? log.statusTimes?.byRecord(count: log.states.count) ?? [] : []
        var stageOfLabel: [UInt32: Int?] = [:]
        func stageOf(_ label: UInt32) -> Int? {
            if let known = stageOfLabel[label] { return known }
            let stage = flow.stages?.stage(of: log.labels.string(label))
            stageOfLabel[label] = stage
            return stage
        }
        var unmappedRecords: [UInt32: Int] = [:]
        var reach = [Int64](repeating: Int64.max, count: stageCount)

        let maintenanceKinds = Set((0..<log.labels.count).map { UInt32($0 + 1) }.filter {
            log.labels.string($0).lowercased() == "maintenance"
        })
        var workClass: [UInt32: WorkClass?] = [:]
        func classify(_ kind: UInt32) -> WorkClass? {
            if let known = workClass[kind] { return known }
            let value = flow.workKinds.classify(kind == 0 ? nil : log.labels.string(kind))
            workClass[kind] = value
            return value
        }

        var seriesOfKey: [UInt32: Int] = [:]
        var accumulators: [FlowAccumulator] = []
        var keys: [UInt32] = []
        var issues: [FlowIssue: (count: Int, ids: [String])] = [:]
        func note(_ issue: FlowIssue, _ index: Int) {
            var entry = issues[issue] ?? (0, [])
            entry.count += 1
            if entry.ids.count < 5 { entry.ids.append(log.ids.string(UInt32(index + 1))) }
            issues[issue] = entry
        }
        var withoutLifecycle = 0
        var transitions: [FlowTransition] = []
        transitions.reserveCapacity(8)
        for (index, state) in log.states.enumerated() {
            guard let facts = IncidentFacts(index: index, state: state, maintenanceKinds: maintenanceKinds) else {
                if state.rows > 0 { withoutLifecycle += 1 }
                continue
            }
            guard facts.opened < span.end else { continue }
            if facts.issues.contains(.resolvedBeforeOpened) { note(.resolvedBeforeOpened, index) }
            let key = flow.seriesBy == .service ? state[.service] : state[.priority]
            let series: Int
            if let known = seriesOfKey[key] {
                series = known
            } else {
                series = accumulators.count
                seriesOfKey[key] = series
                keys.append(key)
                accumulators.append(FlowAccumulator(periods: periods.count, stages: stageCount))
            }

            let outcome = FlowReplay.run(opened: facts.opened, state: state, history: log.resolutionHistories[index],
                                         asOf: limit, into: &transitions)
            accumulators[series].add(transitions, isOpen: outcome.isOpen, span: span, starts: starts,
                                     workClass: classify(state[.kind]))
            if stageCount > 0 {
                let statuses = statusesByRecord[index]
                for (status, times) in statuses where times.first <= limit && stageOf(status) == nil {
                    unmappedRecords[status, default: 0] += 1
                }
                if StageReplay.run(statuses: statuses, opened: facts.opened, limit: limit, stageOf: stageOf, reach: &reach).movedBackward {
                    note(.backwardStageMove, index)
                }
                accumulators[series].addStages(reach, span: span, starts: starts)
            }
            if outcome.isOpen {
                accumulators[series].ages.append(clock.asOf - facts.opened)
            } else if let last = outcome.lastResolution, last >= facts.opened, span.contains(last) {
                accumulators[series].leadTimes.append(last - facts.opened)
            }
        }

        func seriesName(_ key: UInt32) -> String {
            if key == 0 { return flow.seriesBy == .service ? "(no service)" : "(no priority)" }
            return flow.seriesBy == .service ? log.services.string(key) : log.labels.string(key)
        }
        var total = FlowAccumulator(periods: periods.count, stages: stageCount)
        var series: [FlowSeries] = []
        for position in accumulators.indices.sorted(by: { seriesName(keys[$0]) < seriesName(keys[$1]) }) {
            series.append(accumulators[position].summary(name: seriesName(keys[position]), periods: periods, span: span, stages: stageNames))
            total.merge(accumulators[position])
        }

        meta = FlowMeta(
            windowStart: Timestamp(microsecondsSinceEpoch: clock.windowStart),
            windowEnd: Timestamp(microsecondsSinceEpoch: clock.windowEnd),
            windowEndInclusive: clock.isEndInclusive,
            windowSource: clock.isWindowGiven ? "given" : "data",
            asOf: Timestamp(microsecondsSinceEpoch: clock.asOf),
            timeZone: flow.zone.identifier,
            period: flow.period,
            seriesBy: flow.seriesBy,
            stages: stageNames,
            definitions: FlowReport.definitions(flow),
            inputs: log.inputs,
            inputAccounting: log.accounting)
        self.periods = periods
        self.series = series
        self.total = total.summary(name: "all", periods: periods, span: span, stages: stageNames)
        dataQuality = FlowDataQuality(
            recordIssues: issues.sorted { $0.key.rawValue < $1.key.rawValue }.map { issue, entry in
                RecordIssue(issue: issue.identifier, effect: issue.effect, count: entry.count, firstIDs: entry.ids)
            },
            recordsWithoutLifecycle: withoutLifecycle,
            unmappedStatuses: flow.stages == nil ? nil : unmappedRecords
                .map { StatusCount(status: log.labels.string($0.key), records: $0.value) }
                .sorted { ($0.records, $1.status) > ($1.records, $0.status) })
    }

    static func definitions(_ flow: FlowConfiguration) -> [String: String] {
        var definitions = [
            "periods": "calendar \(flow.period.rawValue)s in \(flow.zone.identifier)\(flow.period == .week ? ", Monday to Sunday" : ""), clipped to the window; the last period ends at the as-of time",
            "created": "arrivals: records opened in the period, plus reopens of resolved records (a reopened record arrives again; `reopened` counts these)",
            "resolved": "departures: the first resolution after each arrival; a reopened record resolved again counts again, a repeated resolution without a reopen does not",
            "open_at_start": "records open when the period (or the window) starts: opened or reopened before it and not resolved since",
            "open_at_end": "records open at the end of the period: open_at_start + created − resolved",
            "cumulative": "cumulative_created and cumulative_resolved count from the window start",
            "throughput": "resolved per period; per_day = resolved in the window / days counted",
            "lead_time": "resolved − opened (the last resolution), for records resolved in the window and not open at the as-of time",
            "open_age": "as-of − opened, for records open at the as-of time",
            "littles_law": "average WIP (time-weighted open records over the window) beside throughput per day × mean lead time in days",
            "unplanned_share": "unplanned / (unplanned + planned) of the period's arrivals, by kind; unclassified kinds left out",
            "percentiles": DurationStatistics.percentileMethod,
        ]
        if flow.stages != nil {
            definitions["stages"] = "per stage, the records whose furthest stage reached by the end of the period is that stage or a later one (a high-water mark: lines never go down); a record enters the first stage when opened, a skipped stage takes the time of the next stage reached; records in the last stage before the window are left out, so at the window start the bands show the work in progress by stage"
        }
        return definitions
    }
}

/// A record the flow uses with a caveat.
enum FlowIssue: UInt8, Sendable, Hashable {
    case resolvedBeforeOpened, backwardStageMove

    var identifier: String {
        switch self {
        case .resolvedBeforeOpened: "resolved_before_opened"
        case .backwardStageMove: "backward_stage_move"
        }
    }

    var effect: String {
        switch self {
        case .resolvedBeforeOpened: "its resolution counts at its opened time; left out of lead time"
        case .backwardStageMove: "moved back to an earlier stage; the diagram keeps the furthest stage reached"
        }
    }
}

/// Where a flow report counts: `[start, end)` in microseconds, the window up to the as-of time.
struct FlowSpan: Sendable {
    /// `W0`.
    let start: Int64
    /// The exclusive end of what is counted: `min(W1, T + 1 µs)`, or `W1 + 1 µs` for an
    /// inclusive window end, so events at the as-of time count.
    let end: Int64
    /// The end shown for the last period: `min(W1, T)`.
    let displayEnd: Int64

    init(clock: ReportClock, isEmpty: Bool = false) {
        start = clock.windowStart
        let windowEnd = clock.isEndInclusive ? clock.windowEnd &+ 1 : clock.windowEnd
        end = isEmpty ? start : max(start, min(windowEnd, clock.asOf &+ 1))
        displayEnd = max(start, min(clock.windowEnd, clock.asOf))
    }

    func contains(_ t: Int64) -> Bool { t >= start && t < end }

    /// `|[a, b) ∩ [start, end)|` in microseconds.
    func overlap(_ a: Int64, _ b: Int64) -> Int64 { max(0, min(b, end) - max(a, start)) }

    /// The span's length in days.
    var days: Double { Double(end - start) / 86_400_000_000 }
}

/// An arrival or departure of one record.
struct FlowTransition: Sendable, Hashable {
    enum Kind: UInt8, Sendable, Hashable {
        /// The record is opened (it arrives for the first time).
        case created
        /// A resolved record is reopened (it arrives again).
        case reopened
        /// An open record is resolved (it departs).
        case resolved
    }

    var time: Int64
    var kind: Kind
}

/// Replays a record's opening, resolutions and reopens in time order.
enum FlowReplay {
    struct Outcome {
        /// Whether the record is open at the as-of time.
        var isOpen: Bool
        /// The last resolution at or before the as-of time, as given (not clamped).
        var lastResolution: Int64?
    }

    /// Writes the record's arrivals and departures up to `asOf` (inclusive) into `transitions`.
    ///
    /// The record arrives at `opened`. Resolutions and reopens are taken in time order (at one
    /// instant a reopen before a resolution, so a record reopened and resolved at the same time
    /// ends resolved, as the fold says); one before `opened` counts at `opened`. A resolution
    /// departs an open record; a reopen brings a resolved record back. A resolution of a resolved
    /// record, or a reopen of an open one, changes nothing.
    static func run(opened: Int64, state: IncidentState, history: ResolutionHistory?, asOf: Int64,
                    into transitions: inout [FlowTransition]) -> Outcome {
        transitions.removeAll(keepingCapacity: true)
        // A `reopen_count` column gives the last reopen's time without reopen events.
        let counted: [1 of Int64] = .init(repeating: state.lastReopen)
        if let history {
            if history.reopens.isEmpty && state.reopenCounter > 0 {
                return replay(opened: opened, resolutions: history.resolutions.span, reopens: counted.span,
                              asOf: asOf, into: &transitions)
            }
            return replay(opened: opened, resolutions: history.resolutions.span, reopens: history.reopens.span,
                          asOf: asOf, into: &transitions)
        }
        // No history: the state holds every time (at most one distinct resolution, no reopen;
        // the last ones are read too, so a log built any other way still replays sensibly).
        var resolutions: [2 of Int64] = .init(repeating: 0)
        var resolutionCount = 0
        if state.resolvedFirst != IncidentState.noEarliest {
            resolutions[0] = state.resolvedFirst
            resolutionCount = 1
        }
        if state.resolvedLast != IncidentState.noLatest && state.resolvedLast != state.resolvedFirst {
            resolutions[resolutionCount] = state.resolvedLast
            resolutionCount += 1
        }
        let reopenCount = state.lastReopen == IncidentState.noLatest ? 0 : 1
        return replay(opened: opened, resolutions: resolutions.span.extracting(0..<resolutionCount),
                      reopens: counted.span.extracting(0..<reopenCount), asOf: asOf, into: &transitions)
    }

    /// Replays sorted, distinct resolution and reopen times.
    static func replay(opened: Int64, resolutions: Span<Int64>, reopens: Span<Int64>, asOf: Int64,
                       into transitions: inout [FlowTransition]) -> Outcome {
        guard opened <= asOf else { return Outcome(isOpen: false, lastResolution: nil) }
        transitions.append(FlowTransition(time: opened, kind: .created))
        var isOpen = true
        var lastResolution: Int64? = nil
        var r = 0
        var o = 0
        while true {
            let resolution = r < resolutions.count && resolutions[r] <= asOf ? resolutions[r] : nil
            let reopen = o < reopens.count && reopens[o] <= asOf ? reopens[o] : nil
            if let reopen, resolution.map({ reopen <= $0 }) ?? true {
                if !isOpen {
                    isOpen = true
                    transitions.append(FlowTransition(time: max(reopen, opened), kind: .reopened))
                }
                o += 1
            } else if let resolution {
                if isOpen {
                    isOpen = false
                    transitions.append(FlowTransition(time: max(resolution, opened), kind: .resolved))
                }
                lastResolution = resolution
                r += 1
            } else {
                break
            }
        }
        return Outcome(isOpen: isOpen, lastResolution: lastResolution)
    }
}

/// One series' counts while records are added.
struct FlowAccumulator: Sendable {
    var created: [Int]
    var reopened: [Int]
    var resolved: [Int]
    var unplanned: [Int]
    var planned: [Int]
    var unclassified: [Int]
    var openAtStart = 0
    var leadTimes: [Int64] = []
    var ages: [Int64] = []
    /// The integral of the open count over the span, in record-microseconds.
    var openMicroseconds: Int128 = 0
    /// Per stage, records that had reached it (or a later one) at the window start.
    var stageAtStart: [Int]
    /// Per stage and period (`stage * periods + period`), records that reached it in the period.
    var stageArrivals: [Int]
    /// Records in the last stage before the window start, left out of the stage lines.
    var stagesDoneBeforeStart = 0

    init(periods: Int, stages: Int) {
        stageAtStart = Array(repeating: 0, count: stages)
        stageArrivals = Array(repeating: 0, count: stages * periods)
        created = Array(repeating: 0, count: periods)
        reopened = created
        resolved = created
        unplanned = created
        planned = created
        unclassified = created
    }

    /// The period whose counted range holds `t` (in the span): the last start at or before it.
    static func period(of t: Int64, starts: [Int64]) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) >> 1
            if starts[middle] <= t { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }

    mutating func add(_ transitions: [FlowTransition], isOpen: Bool, span: FlowSpan, starts: [Int64], workClass: WorkClass?) {
        var openSince: Int64? = nil
        for transition in transitions {
            let t = transition.time
            switch transition.kind {
            case .created, .reopened: openSince = t
            case .resolved:
                if let since = openSince { openMicroseconds += Int128(span.overlap(since, t)) }
                openSince = nil
            }
            let delta = transition.kind == .resolved ? -1 : 1
            if t < span.start {
                openAtStart += delta
                continue
            }
            guard t < span.end, !starts.isEmpty else { continue }
            let p = FlowAccumulator.period(of: t, starts: starts)
            switch transition.kind {
            case .created, .reopened:
                created[p] += 1
                if transition.kind == .reopened { reopened[p] += 1 }
                switch workClass {
                case .unplanned: unplanned[p] += 1
                case .planned: planned[p] += 1
                case nil: unclassified[p] += 1
                }
            case .resolved:
                resolved[p] += 1
            }
        }
        if isOpen, let since = openSince { openMicroseconds += Int128(span.overlap(since, span.end)) }
    }

    mutating func merge(_ other: FlowAccumulator) {
        for p in created.indices {
            created[p] += other.created[p]
            reopened[p] += other.reopened[p]
            resolved[p] += other.resolved[p]
            unplanned[p] += other.unplanned[p]
            planned[p] += other.planned[p]
            unclassified[p] += other.unclassified[p]
        }
        openAtStart += other.openAtStart
        leadTimes += other.leadTimes
        ages += other.ages
        openMicroseconds += other.openMicroseconds
        for i in stageAtStart.indices { stageAtStart[i] += other.stageAtStart[i] }
        for i in stageArrivals.indices { stageArrivals[i] += other.stageArrivals[i] }
        stagesDoneBeforeStart += other.stagesDoneBeforeStart
    }

    func summary(name: String, periods: [FlowPeriod], span: FlowSpan, stages: [String]?) -> FlowSeries {
        let lines = stages.map { stageLines(names: $0, periods: periods.count) }
        var rows: [FlowPeriodCounts] = []
        rows.reserveCapacity(periods.count)
        var open = openAtStart
        var cumulativeCreated = 0
        var cumulativeResolved = 0
        for (p, period) in periods.enumerated() {
            cumulativeCreated += created[p]
            cumulativeResolved += resolved[p]
            let start = open
            open += created[p] - resolved[p]
            let classified = unplanned[p] + planned[p]
            rows.append(FlowPeriodCounts(
                period: period.label, openAtStart: start, created: created[p], reopened: reopened[p], resolved: resolved[p],
                cumulativeCreated: cumulativeCreated, cumulativeResolved: cumulativeResolved, openAtEnd: open,
                unplanned: unplanned[p], planned: planned[p], unclassified: unclassified[p],
                unplannedShare: classified == 0 ? nil : Double(unplanned[p]) / Double(classified),
                stages: lines?.byPeriod[p]))
        }
        let leadTime = FlowDurationStatistics(microseconds: leadTimes)
        let days = span.days
        let perDay = days > 0 ? Double(cumulativeResolved) / days : nil
        let averageWIP = span.end > span.start ? Double(openMicroseconds) / Double(span.end - span.start) : nil
        let meanLeadDays = leadTime.meanSeconds.map { $0 / 86_400 }
        let predicted = perDay.flatMap { rate in meanLeadDays.map { rate * $0 } }
        return FlowSeries(
            name: name, openAtStart: openAtStart, created: cumulativeCreated, reopened: reopened.reduce(0, +),
            resolved: cumulativeResolved, openAtEnd: open, stagesAtStart: lines?.atStart,
            stagesDoneBeforeStart: stages == nil ? nil : stagesDoneBeforeStart, periods: rows,
            throughput: FlowThroughput(perDay: perDay, perPeriodMean: periods.isEmpty ? nil : Double(cumulativeResolved) / Double(periods.count)),
            leadTime: leadTime, openAge: FlowDurationStatistics(microseconds: ages),
            littlesLaw: LittlesLaw(averageWIP: averageWIP, throughputPerDay: perDay, meanLeadTimeDays: meanLeadDays,
                                   predictedWIP: predicted,
                                   ratio: averageWIP.flatMap { wip in predicted.flatMap { $0 > 0 ? wip / $0 : nil } }))
    }
}
