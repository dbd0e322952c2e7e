extension SLOReport {
    /// The summaries per calendar period (`slo --period month`): per period, then per objective
    /// and its services, as in ``summaries``.
    ///
    /// A verdict counts in the period in which it was reached: a stopped clock in the period of
    /// its stop, a running one (pending, or breached while still running) in the period of the
    /// as-of time (of the instant before it, so an as-of time at midnight closes a period). So a month's compliance is that of the tickets resolved in it, as SLA reports
    /// count it, and the open tickets count once, in the current period. Periods and objectives
    /// with no verdict have no row.
    ///
    /// - Parameters:
    ///   - unit: The period's length.
    ///   - zone: The zone whose local midnights bound the periods.
    ///   - worstBreachCount: How many breaches to list by id per row.
    public func summaries(by unit: CalendarUnit, zone: ZoneRule = .utc, worstBreachCount: Int = 5) -> [SLOSummary] {
        let calendar = CalendarPeriods(unit: unit, zone: zone)
        // Positions by period, then by objective; in collection order, so each stays in id order.
        var byPeriod: [Int64: [Int: [Int]]] = [:]
        for position in records.indices {
            // A running clock was judged over [start, as-of): its period holds the instant before T.
            let stop = records.stop[position]
            let reached = stop == SLORecordResults.running ? asOf.microsecondsSinceEpoch &- 1 : stop
            let first = calendar.firstDay(ofPeriodContaining: calendar.localDay(containing: reached))
            byPeriod[first, default: [:]][Int(records.objective[position]), default: []].append(position)
        }
        let tally = SLOTally.Rows(results: records, worst: worstBreachCount)
        var result: [SLOSummary] = []
        for first in byPeriod.keys.sorted() {
            let label = calendar.label(ofPeriodStarting: first)
            let objectives = byPeriod[first] ?? [:]
            for objective in objectives.keys.sorted() {
                for var row in tally.rows(objective: objective, positions: objectives[objective] ?? []) {
                    row.period = label
                    result.append(row)
                }
            }
        }
        return result
    }
}
