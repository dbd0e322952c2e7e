/// Renders a ``TimeInStatusReport`` as aligned tables for people, or as CSV (one row per status,
/// then one per stage) for spreadsheets.
public enum TimeInStatusRenderer {
    public static func table(_ report: TimeInStatusReport) -> String {
        var out = "OpsMetrics time in status\n"
        out += "window  [\(report.windowStart), \(report.windowEnd))\n"
        out += "as of   \(report.asOf)\n\n"
        if report.statuses.isEmpty { out += "note    no status rows in the window\n\n" }
        out += section("by status", report.statuses, withStage: report.stages != nil)
        if let stages = report.stages { out += "\n" + section("by stage", stages, withStage: false) }
        if let blocked = report.blocked {
            out += "\n" + section("blocked", [blocked], withStage: false)
            out += "blocked = time in the blocked statuses from the record's first stay in the second stage or a later one\n"
            out += "(every stay without --stages).\n"
        }
        out += "time in status = per record, the sum of its stays in the status within the window (a stay runs from\n"
        out += "the row that first shows the status to the record's next row with another one; open records to the as-of time).\n"
        return out
    }

    private static func section(_ title: String, _ rows: [TimeInStatusReport.StatusTime], withStage: Bool) -> String {
        var table: [[String]] = [[title == "by status" ? "status" : title == "by stage" ? "stage" : ""] + (withStage ? ["stage"] : [])
            + ["records", "total", "mean", "p50", "p85", "p95", "max"]]
        for row in rows {
            table.append([row.name] + (withStage ? [row.stage ?? "—"] : []) + [
                String(row.records), DurationText.format(seconds: row.records > 0 ? row.totalSeconds : nil),
                DurationText.format(seconds: row.perRecord.meanSeconds), DurationText.format(seconds: row.perRecord.p50Seconds),
                DurationText.format(seconds: row.perRecord.p85Seconds), DurationText.format(seconds: row.perRecord.p95Seconds),
                DurationText.format(seconds: row.perRecord.maxSeconds),
            ])
        }
        let first = withStage ? 2 : 1
        return "time in status, \(title)\n" + TableRenderer.table(table, rightAligned: Set(first..<table[0].count), separatorBeforeLast: false)
    }

    /// One row per status (`kind` status), then per stage (`kind` stage); seconds in full.
    public static func csv(_ report: TimeInStatusReport) -> String {
        var out = "kind,name,stage,records,total_seconds,mean_seconds,p50_seconds,p85_seconds,p95_seconds,max_seconds\n"
        func line(_ kind: String, _ row: TimeInStatusReport.StatusTime) {
            let numbers = [row.perRecord.meanSeconds, row.perRecord.p50Seconds, row.perRecord.p85Seconds,
                           row.perRecord.p95Seconds, row.perRecord.maxSeconds].map(CSVField.number)
            out += ([kind, row.name, row.stage ?? "", String(row.records), CSVField.number(row.totalSeconds)] + numbers)
                .map(CSVField.escaped).joined(separator: ",") + "\n"
        }
        for row in report.statuses { line("status", row) }
        for row in report.stages ?? [] { line("stage", row) }
        if let blocked = report.blocked { line("blocked", blocked) }
        return out
    }
}
