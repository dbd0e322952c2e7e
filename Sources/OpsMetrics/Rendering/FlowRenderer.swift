
/// Renders a flow report as aligned tables for people, or as CSV (one row per period × series)
/// for spreadsheets.
public enum FlowRenderer {
    // MARK: Table

    public static func table(_ report: FlowReport) -> String {
        let meta = report.meta
        var out = "OpsMetrics cumulative flow\n"
        let span = meta.windowEnd.microsecondsSinceEpoch - meta.windowStart.microsecondsSinceEpoch
        let closing = meta.windowEndInclusive ? "]" : ")"
        out += "window  [\(meta.windowStart), \(meta.windowEnd)\(closing) (\(DurationText.format(seconds: Double(span) / 1e6)), \(meta.windowSource == "given" ? "given" : "span of the data"))\n"
        out += "as of   \(meta.asOf)\n"
        out += "periods \(meta.period.rawValue)\(meta.period == .week ? " (Monday to Sunday)" : "") in \(meta.timeZone); series by \(meta.seriesBy.rawValue)\n"
        out += "inputs  \(meta.inputs.joined(separator: ", "))\n\n"
        out += EmptyWindowNote.line(hasRecords: !report.series.isEmpty, accounting: meta.inputAccounting) ?? ""

        let total = report.total
        out += "created vs resolved (all series; open at window start: \(total.openAtStart))\n"
        var rows: [[String]] = [["period", "created", "reopened", "resolved", "cum created", "cum resolved", "open", "unplanned"]]
        for row in total.periods {
            rows.append([row.period, String(row.created), String(row.reopened), String(row.resolved),
                         String(row.cumulativeCreated), String(row.cumulativeResolved), String(row.openAtEnd),
                         TableRenderer.share(row.unplannedShare)])
        }
        out += TableRenderer.table(rows, rightAligned: Set(1..<8), separatorBeforeLast: false)
        out += "created = arrivals: records opened, plus reopens (a reopened record arrives again);\n"
        out += "resolved = departures (a record resolved again after a reopen counts again); open = at the end of the period;\n"
        out += "unplanned = share of arrivals whose kind is unplanned work, of those planned or unplanned.\n"
        if let first = report.periods.first, first.isPartial || (report.periods.last?.isPartial ?? false) {
            out += "The first or last period is cut short by the window.\n"
        }

        if let stages = meta.stages, let atStart = total.stagesAtStart {
            out += "\ncumulative flow by stage (all series): records that reached each stage or a later one\n"
            var stageRows: [[String]] = [["period"] + stages]
            stageRows.append(["(window start)"] + atStart.map { String($0.reached) })
            for row in total.periods {
                stageRows.append([row.period] + (row.stages ?? []).map { String($0.reached) })
            }
            out += TableRenderer.table(stageRows, rightAligned: Set(1..<(stages.count + 1)), separatorBeforeLast: false)
            out += "Lines never go down (furthest stage reached); a skipped stage counts when a later one is reached;\n"
            out += "records already in the last stage at the window start are left out (\(total.stagesDoneBeforeStart ?? 0)).\n"
        }

        out += "\nflow metrics\n"
        var metricRows: [[String]] = [["series", "open at start", "created", "resolved", "open", "throughput/day",
                                       "lead time n", "mean", "p50", "p85", "p95", "open age p50", "p85", "oldest"]]
        for series in [report.series, [total]].joined() {
            metricRows.append([
                series.name, String(series.openAtStart), String(series.created), String(series.resolved), String(series.openAtEnd),
                series.throughput.perDay.map { DurationText.fixed($0, digits: 2) } ?? "—",
                String(series.leadTime.count), DurationText.format(seconds: series.leadTime.meanSeconds),
                DurationText.format(seconds: series.leadTime.p50Seconds), DurationText.format(seconds: series.leadTime.p85Seconds),
                DurationText.format(seconds: series.leadTime.p95Seconds), DurationText.format(seconds: series.openAge.p50Seconds),
                DurationText.format(seconds: series.openAge.p85Seconds), DurationText.format(seconds: series.openAge.maxSeconds),
            ])
        }
        out += TableRenderer.table(metricRows, rightAligned: Set(1..<14), separatorBeforeLast: report.series.count > 1)
        out += "lead time = resolved − opened (last resolution) of records resolved in the window; open age = as-of − opened.\n"
        out += littlesLaw(total)

        out += "\n" + dataQuality(report)
        return out
    }

    /// "Little's law (all): average WIP 3.2 vs throughput 1.10/day × mean lead time 2.9 days = 3.2 (ratio 1.00)".
    static func littlesLaw(_ series: FlowSeries) -> String {
        let law = series.littlesLaw
        guard let wip = law.averageWIP else { return "Little's law: no time counted.\n" }
        var line = "Little's law (\(series.name)): average WIP \(DurationText.fixed(wip, digits: 2))"
        if let rate = law.throughputPerDay, let days = law.meanLeadTimeDays, let predicted = law.predictedWIP {
            line += " vs throughput \(DurationText.fixed(rate, digits: 2))/day × mean lead time \(DurationText.fixed(days, digits: 2)) days = \(DurationText.fixed(predicted, digits: 2))"
            line += law.ratio.map { " (ratio \(DurationText.fixed($0, digits: 2)))" } ?? ""
        } else {
            line += " (no lead time sample: λ × W unknown)"
        }
        return line + "\n"
    }

    static func dataQuality(_ report: FlowReport) -> String {
        var lines = TableRenderer.inputAccountingLine(report.meta.inputAccounting)
            + TableRenderer.recordIssueLines(report.dataQuality.recordIssues)
        if let unmapped = report.dataQuality.unmappedStatuses, !unmapped.isEmpty {
            let shown = unmapped.prefix(8).map { "\($0.status) (\($0.records))" }.joined(separator: ", ")
            lines += "statuses in no stage (records): \(shown)\(unmapped.count > 8 ? ", …" : "")\n"
        }
        if report.dataQuality.recordsWithoutLifecycle > 0 {
            lines += "records with only notes (not counted): \(report.dataQuality.recordsWithoutLifecycle)\n"
        }
        return lines
    }

    // MARK: CSV

    /// One row per period × series (the series first, by name, then `all`), every number in full.
    public static func csv(_ report: FlowReport) -> String {
        let stages = report.meta.stages ?? []
        var header = ["series", "period", "period_start", "period_end", "partial", "open_at_start", "created", "reopened",
                      "resolved", "cumulative_created", "cumulative_resolved", "open_at_end", "unplanned", "planned",
                      "unclassified", "unplanned_share"]
        header += stages.map { "reached:\($0)" }
        var out = header.map(field).joined(separator: ",") + "\n"
        for series in [report.series, [report.total]].joined() {
            for (period, row) in zip(report.periods, series.periods) {
                var cells = [series.name, row.period, period.start.description, period.end.description,
                              period.isPartial ? "true" : "false", String(row.openAtStart), String(row.created),
                              String(row.reopened), String(row.resolved), String(row.cumulativeCreated),
                              String(row.cumulativeResolved), String(row.openAtEnd), String(row.unplanned),
                              String(row.planned), String(row.unclassified), row.unplannedShare.map { String($0) } ?? ""]
                cells += (row.stages ?? []).map { String($0.reached) }
                out += cells.map(field).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180; ``CSVField``).
    static func field(_ text: String) -> String { CSVField.escaped(text) }
}
