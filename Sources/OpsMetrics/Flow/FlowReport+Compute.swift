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
