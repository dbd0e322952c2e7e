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
        var byPeriod: [Int64: [SLORecordResult]] = [:]
        for record in records {
            // A running clock was judged over [start, as-of): its period holds the instant before T.
            let reached = record.stop?.microsecondsSinceEpoch ?? asOf.microsecondsSinceEpoch &- 1
            byPeriod[calendar.firstDay(ofPeriodContaining: calendar.localDay(containing: reached)), default: []].append(record)
        }
        let objectives = summaries.filter { $0.service == nil }.map(\.objective)
        var result: [SLOSummary] = []
        for first in byPeriod.keys.sorted() {
            let label = calendar.label(ofPeriodStarting: first)
            let inPeriod = byPeriod[first] ?? []
            for objective in objectives {
                let results = inPeriod.filter { $0.objective == objective }
                guard !results.isEmpty else { continue }
                var rows = [SLOReport.summary(objective, service: nil, results, worst: worstBreachCount)]
                var byService: [String: [SLORecordResult]] = [:]
                for record in results { byService[record.service, default: []].append(record) }
                for service in byService.keys.sorted() {
                    rows.append(SLOReport.summary(objective, service: service, byService[service] ?? [], worst: worstBreachCount))
                }
                for var row in rows {
                    row.period = label
                    result.append(row)
                }
            }
        }
        return result
    }
}
