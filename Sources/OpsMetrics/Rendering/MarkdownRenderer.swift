/// Renders reports as GitHub-flavoured Markdown for a wiki page, an issue or a chat: the CLI's
/// `--format markdown`.
///
/// ```swift
/// let page = MarkdownRenderer.report(report, mttr: configuration.mttrDefinition)
/// // ## OpsMetrics reliability report
/// // | service | uptime (%)[^uptime] | downtime (h)[^downtime] | …
/// ```
///
/// - Tables are GitHub tables: text left-aligned, numbers right-aligned; the unit of every
///   number is in its column header (`uptime (%)`, `MTTR (h)`, `MTTD (min)`, `lead time mean (d)`);
///   numbers are rounded for people (uptime to three decimals, never to a bound it does not
///   reach; durations and shares to two decimals, `<0.01` for a non-zero value that would
///   round to 0). Machine-readable output is JSON, CSV or Prometheus.
/// - A value that is `null` in the JSON is `—`.
/// - The definitions are footnotes (`[^mttr]`), referenced from the column headers.
/// - Text from the input (service, reason and stage names, file names) is escaped
///   (``MarkdownText``): it cannot end a cell, break a table or become markup.
/// - Reports: one row per service, then the all-services row in bold. Flow: one row per
///   period for the total, then one row per series and the total (`all`, in bold).
public enum MarkdownRenderer {
    /// A reliability report: the services table, the reasons for failure, data quality and the
    /// definitions.
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - mttr: The MTTR definition it was computed with (named in the MTTR footnote).
    /// - Returns: The Markdown text.
    /// - Complexity: O(*n*) in the number of services and reasons.
    public static func report(_ report: ReliabilityReport, mttr: MTTRDefinition) -> String {
        let meta = report.meta
        var out = "## OpsMetrics reliability report\n\n"
        out += window(start: meta.windowStart, end: meta.windowEnd, inclusive: meta.windowEndInclusive, given: meta.windowSource == "given", asOf: meta.asOf)
        out += "; inputs: " + meta.inputs.map { MarkdownText.escaped($0, cell: false) }.joined(separator: ", ") + "\n\n"
        if let note = EmptyWindowNote.line(hasRecords: !report.services.isEmpty, accounting: meta.inputAccounting) {
            out += MarkdownText.escaped(note.dropFirst(8).trimmingSpacesAndLineFeeds(), cell: false) + "\n\n"
        }
        let header = ["service", "uptime (%)[^uptime]", "downtime (h)[^downtime]", "failures[^failures]", "MTTF (h)[^mttf]",
                      "MTTR (h)[^mttr]", "MTTD (min)[^mttd]", "MTTA (min)[^mtta]", "incidents[^incidents]", "open[^open]"]
        // The services, then the total: iterated apart, never concatenated (no copy of the rows).
        func row(_ service: ServiceReliability, name: String) -> [String] {
            [name, service.uptimePercent.map { String(TableRenderer.percent($0).dropLast()) } ?? "—",
             hours(service.downtimeSeconds), String(service.failures), hours(service.mttfSeconds),
             hours(service.mttr.meanSeconds), minutes(service.mttd.meanSeconds), minutes(service.mtta.meanSeconds),
             String(service.incidents), String(service.openIncidents)]
        }
        var rows = report.services.map { row($0, name: MarkdownText.escaped($0.service)) }
        rows.append(row(report.total, name: "**all services**"))
        out += MarkdownText.table(header, rightAligned: Set(1..<header.count), rows)

        if !report.reasons.isEmpty {
            out += "\n### Reasons for failure (all services)\n\n"
            let reasonRows = report.reasons.map { reason in
                [MarkdownText.escaped(reason.reason), String(reason.episodes), share(reason.episodeShare),
                 hours(reason.downtimeSeconds), share(reason.downtimeShare), hours(reason.mttr.meanSeconds)]
            }
            out += MarkdownText.table(["reason[^reason]", "episodes", "episodes (%)", "downtime (h)", "downtime (%)", "MTTR (h)[^mttr]"],
                                      rightAligned: Set(1..<6), reasonRows)
        }

        let detects = report.total.detectedBy.hasValues
        if detects {
            out += "\n### Detected by (failure records opened in the window)\n\n"
            func detectionRow(_ service: ServiceReliability, name: String) -> [String] {
                let counts = service.detectedBy
                return [name, String(counts.monitoring), String(counts.user), String(counts.unmapped), String(counts.missing),
                        share(counts.monitoringShare)]
            }
            var detectionRows = report.services.map { detectionRow($0, name: MarkdownText.escaped($0.service)) }
            detectionRows.append(detectionRow(report.total, name: "**all services**"))
            out += MarkdownText.table(["service", "monitoring", "user", "unmapped", "missing", "by monitoring (%)[^detected]"],
                                      rightAligned: Set(1..<6), detectionRows)
        }

        out += "\n" + paragraphs(TableRenderer.dataQualityLines(report))
        out += "— = no value (no samples, nothing eligible, or no failures).\n\n"
        let definitions = [
            ("uptime", "Uptime = 1 − downtime / eligible time, where eligible = [W0, T) less maintenance. All services: the mean of the services' uptimes, each weighing the same."),
            ("downtime", "Downtime = the union of outages [impact start, recovered) in the window, less maintenance; overlapping and touching outages count once."),
            ("failures", "Failures = failure episodes (unique failures: overlapping or touching outages, and records with their parent, count once) starting in the window."),
            ("mttf", "MTTF = up time / failures."),
            ("mttr", "MTTR = mean \(mttr.name), \(mttr.interval), of samples ending in the window."),
            ("mttd", "MTTD = mean detected − impact start, where both are in the data."),
            ("mtta", "MTTA = mean acknowledged − detected."),
            ("incidents", "Incidents = failure records opened in the window."),
            ("open", "Open = failure records still unresolved at the as-of time T."),
        ] + (report.reasons.isEmpty ? [] : [("reason", "Reason = the cause, category or close code of an episode's earliest record that has one; unknown when none.")])
            + (detects ? [("detected", "By monitoring = monitoring / (monitoring + user): the share of the failure records opened in the window found by monitoring, among those whose detected_by value maps to monitoring or user.")] : [])
        out += definitions.map { "[^\($0.0)]: \($0.1)\n" }.joined()
        return out
    }

    /// A flow report: created vs resolved per period, the stage lines (with stages), the flow
    /// metrics per series, Little's law, data quality and the definitions.
    ///
    /// - Parameter report: The flow report.
    /// - Returns: The Markdown text.
    /// - Complexity: O(*p* × *s*) in the number of periods and series.
    public static func flow(_ report: FlowReport) -> String {
        let meta = report.meta
        var out = "## OpsMetrics cumulative flow\n\n"
        out += window(start: meta.windowStart, end: meta.windowEnd, inclusive: meta.windowEndInclusive, given: meta.windowSource == "given", asOf: meta.asOf)
        out += "; periods: \(meta.period.rawValue)\(meta.period == .week ? " (Monday to Sunday)" : "") in \(MarkdownText.escaped(meta.timeZone, cell: false))"
        out += "; series by \(meta.seriesBy.rawValue); inputs: " + meta.inputs.map { MarkdownText.escaped($0, cell: false) }.joined(separator: ", ") + "\n\n"
        if let note = EmptyWindowNote.line(hasRecords: !report.series.isEmpty, accounting: meta.inputAccounting) {
            out += MarkdownText.escaped(note.dropFirst(8).trimmingSpacesAndLineFeeds(), cell: false) + "\n\n"
        }
        let total = report.total
        out += "### Created vs resolved (all series; open at window start: \(total.openAtStart))\n\n"
        let periodRows = total.periods.map { row in
            [MarkdownText.escaped(row.period), String(row.created), String(row.reopened), String(row.resolved),
             String(row.cumulativeCreated), String(row.cumulativeResolved), String(row.openAtEnd), share(row.unplannedShare)]
        }
        out += MarkdownText.table(["period", "created[^created]", "reopened", "resolved[^resolved]", "cum created", "cum resolved",
                                   "open[^open]", "unplanned (%)[^unplanned]"], rightAligned: Set(1..<8), periodRows)
        if let first = report.periods.first, first.isPartial || (report.periods.last?.isPartial ?? false) {
            out += "\nThe first or last period is cut short by the window.\n"
        }
        if let stages = meta.stages, let atStart = total.stagesAtStart {
            out += "\n### Cumulative flow by stage (all series)[^stages]\n\n"
            var stageRows = [["(window start)"] + atStart.map { String($0.reached) }]
            stageRows += total.periods.map { row in [MarkdownText.escaped(row.period)] + (row.stages ?? []).map { String($0.reached) } }
            out += MarkdownText.table(["period"] + stages.map { MarkdownText.escaped($0) }, rightAligned: Set(1..<(stages.count + 1)), stageRows)
            out += "\nRecords already in the last stage at the window start are left out (\(total.stagesDoneBeforeStart ?? 0)).\n"
        }
        out += "\n### Flow metrics\n\n"
        func metricRow(_ series: FlowSeries, name: String) -> [String] {
            [name, String(series.openAtStart), String(series.created),
             String(series.resolved), String(series.openAtEnd), fixed(series.throughput.perDay),
             String(series.leadTime.count), days(series.leadTime.meanSeconds), days(series.leadTime.p50Seconds),
             days(series.leadTime.p85Seconds), days(series.leadTime.p95Seconds), days(series.openAge.p50Seconds),
             days(series.openAge.p85Seconds), days(series.openAge.maxSeconds)]
        }
        var metricRows = report.series.map { metricRow($0, name: MarkdownText.escaped($0.name)) }
        metricRows.append(metricRow(total, name: "**all**"))
        out += MarkdownText.table(["series", "open at start", "created", "resolved", "open", "throughput (/day)[^throughput]",
                                   "lead time n", "lead time mean (d)[^leadtime]", "lead time p50 (d)", "lead time p85 (d)",
                                   "lead time p95 (d)", "open age p50 (d)[^openage]", "open age p85 (d)", "oldest (d)"],
                                  rightAligned: Set(1..<14), metricRows)
        out += "\n" + MarkdownText.escaped(FlowRenderer.littlesLaw(total).trimmingSpacesAndLineFeeds(), cell: false) + "\n"
        out += "\n" + paragraphs(FlowRenderer.dataQuality(report))
        out += "— = no value (no samples).\n\n"
        var definitions = [
            ("created", "Created = arrivals: records opened in the period, plus reopens (a reopened record arrives again)."),
            ("resolved", "Resolved = departures: a record resolved again after a reopen counts again."),
            ("open", "Open = records open at the end of the period (work in progress)."),
            ("unplanned", "Unplanned = the share of arrivals whose kind is unplanned work, of those planned or unplanned."),
        ]
        if meta.stages != nil {
            definitions.append(("stages", "Records that had reached each stage or a later one by the end of the period; a skipped stage counts when a later one is reached."))
        }
        definitions += [
            ("throughput", "Throughput = departures per day over the window up to the as-of time."),
            ("leadtime", "Lead time = resolved − opened (the last resolution) of records resolved in the window; p50, p85 and p95 by linear interpolation between closest ranks."),
            ("openage", "Open age = as-of time − opened, of the records open then."),
        ]
        out += definitions.map { "[^\($0.0)]: \($0.1)\n" }.joined()
        return out
    }

    // MARK: Parts

    static func window(start: Timestamp, end: Timestamp, inclusive: Bool, given: Bool, asOf: Timestamp) -> String {
        let span = Double(end.microsecondsSinceEpoch - start.microsecondsSinceEpoch) / 1e6
        return "Window `[\(start), \(end)\(inclusive ? "]" : ")")` (\(DurationText.format(seconds: span)), \(given ? "given" : "span of the data")), as of `\(asOf)`"
    }

    /// Each line of `lines` escaped, as paragraphs.
    static func paragraphs(_ lines: String) -> String {
        lines.split(separator: "\n").map { MarkdownText.escaped(String($0), cell: false) + "\n\n" }.joined()
    }

    static func fixed(_ value: Double?) -> String {
        guard let value else { return "—" }
        let text = DurationText.fixed(value, digits: 2)
        if value != 0, text == "0.00" || text == "-0.00" { return value > 0 ? "<0.01" : ">-0.01" }
        return text
    }

    static func hours(_ seconds: Double?) -> String { fixed(seconds.map { $0 / 3600 }) }
    static func minutes(_ seconds: Double?) -> String { fixed(seconds.map { $0 / 60 }) }
    static func days(_ seconds: Double?) -> String { fixed(seconds.map { $0 / 86_400 }) }
    static func share(_ value: Double?) -> String { fixed(value.map { $0 * 100 }) }
}

extension StringProtocol {
    /// Without leading and trailing spaces and line feeds.
    func trimmingSpacesAndLineFeeds() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\n" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\n" { view = view.dropLast() }
        return String(view)
    }
}
