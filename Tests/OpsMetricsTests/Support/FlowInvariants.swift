import OpsMetrics

/// The invariants every flow report keeps, as messages (empty when all hold):
/// cumulative lines never decrease; `open_at_end = open_at_start + created − resolved` in every
/// row, and rows chain; the total is the sum of the series, row by row; counts are not negative.
func flowInvariantViolations(_ report: FlowReport) -> [String] {
    var problems: [String] = []
    func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition && problems.count < 20 { problems.append(message()) }
    }
    for series in report.series + [report.total] {
        check(series.periods.count == report.periods.count, "\(series.name): \(series.periods.count) rows for \(report.periods.count) periods")
        var open = series.openAtStart
        var previous: FlowPeriodCounts? = nil
        for row in series.periods {
            let at = "\(series.name) \(row.period)"
            check(row.openAtStart == open, "\(at): open_at_start \(row.openAtStart), previous open_at_end \(open)")
            check(row.openAtEnd == row.openAtStart + row.created - row.resolved, "\(at): open_at_end ≠ open_at_start + created − resolved")
            check(row.openAtEnd >= 0 && row.created >= 0 && row.resolved >= 0 && row.reopened >= 0 && row.reopened <= row.created, "\(at): negative count or reopened > created")
            check(row.unplanned + row.planned + row.unclassified == row.created, "\(at): unplanned + planned + unclassified ≠ created")
            check(row.cumulativeCreated == (previous?.cumulativeCreated ?? 0) + row.created, "\(at): cumulative_created does not add up")
            check(row.cumulativeResolved == (previous?.cumulativeResolved ?? 0) + row.resolved, "\(at): cumulative_resolved does not add up")
            check(row.cumulativeCreated >= (previous?.cumulativeCreated ?? 0) && row.cumulativeResolved >= (previous?.cumulativeResolved ?? 0), "\(at): a cumulative line decreases")
            open = row.openAtEnd
            previous = row
        }
        check(series.openAtEnd == open, "\(series.name): open_at_end \(series.openAtEnd) ≠ last row's \(open)")
        check(series.created == (previous?.cumulativeCreated ?? 0) && series.resolved == (previous?.cumulativeResolved ?? 0), "\(series.name): window totals ≠ last cumulative row")
        check(series.openAge.count == series.openAtEnd, "\(series.name): \(series.openAge.count) open ages for \(series.openAtEnd) open at the end")
    }
    // The total is the sum of the series.
    let sum = { (f: (FlowSeries) -> Int) in report.series.reduce(0) { $0 + f($1) } }
    check(report.total.openAtStart == sum(\.openAtStart), "total open_at_start ≠ sum of series")
    check(report.total.leadTime.count == sum(\.leadTime.count), "total lead time n ≠ sum of series")
    check(report.total.openAge.count == sum(\.openAge.count), "total open age n ≠ sum of series")
    for (p, row) in report.total.periods.enumerated() {
        let rows = report.series.map { $0.periods[p] }
        let sumRow = { (f: (FlowPeriodCounts) -> Int) in rows.reduce(0) { $0 + f($1) } }
        check(row.created == sumRow(\.created) && row.resolved == sumRow(\.resolved) && row.reopened == sumRow(\.reopened)
              && row.openAtEnd == sumRow(\.openAtEnd) && row.cumulativeCreated == sumRow(\.cumulativeCreated)
              && row.cumulativeResolved == sumRow(\.cumulativeResolved) && row.unplanned == sumRow(\.unplanned)
              && row.planned == sumRow(\.planned),
              "total \(row.period) ≠ sum of the series")
    }
    // Periods tile the counted span.
    for (a, b) in zip(report.periods, report.periods.dropFirst()) {
        check(a.end == b.start, "periods \(a.label) and \(b.label) do not touch")
    }
    return problems
}
