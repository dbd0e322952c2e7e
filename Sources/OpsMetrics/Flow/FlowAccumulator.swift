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
