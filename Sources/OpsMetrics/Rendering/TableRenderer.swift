
/// Renders a report as aligned plain-text tables for people: durations rounded to two units,
/// uptime to three decimals (`>99.999%` for a non-zero downtime that would round to 100.000%). Machine-readable output is `--format json`.
public enum TableRenderer {
    public static func render(_ report: ReliabilityReport, mttr: MTTRDefinition) -> String {
        var out = ""
        let meta = report.meta
        let span = meta.windowEnd.microsecondsSinceEpoch - meta.windowStart.microsecondsSinceEpoch
        out += "OpsMetrics reliability report\n"
        let closing = meta.windowEndInclusive ? "]" : ")"
        out += "window  [\(meta.windowStart), \(meta.windowEnd)\(closing) (\(DurationText.format(seconds: Double(span) / 1e6)), \(meta.windowSource == "given" ? "given" : "span of the data"))\n"
        out += "as of   \(meta.asOf)\n"
        out += "inputs  \(meta.inputs.joined(separator: ", "))\n\n"
        out += EmptyWindowNote.line(hasRecords: !report.services.isEmpty, accounting: meta.inputAccounting) ?? ""

        var rows: [[String]] = [["service", "uptime", "downtime", "failures", "MTTF", "MTTR", "MTTD", "MTTA", "incidents", "open"]]
        for service in [report.services, [report.total]].joined() {
            rows.append([
                service.service,
                percent(service.uptimePercent) + (service.service == report.total.service && service.uptimePercent != nil ? "*" : ""),
                DurationText.format(seconds: service.downtimeSeconds),
                String(service.failures),
                DurationText.format(seconds: service.mttfSeconds),
                DurationText.format(seconds: service.mttr.meanSeconds),
                DurationText.format(seconds: service.mttd.meanSeconds),
                DurationText.format(seconds: service.mtta.meanSeconds),
                String(service.incidents),
                String(service.openIncidents),
            ])
        }
        out += table(rows, rightAligned: Set(1..<10), separatorBeforeLast: true)
        out += "* all services: mean of the services' uptimes, each weighing the same\n"
        out += "MTTF = up time / failures (unique failure episodes); MTTR = mean \(mttr.name), \(mttr.interval);\n"
        out += "MTTD = mean detected − impact start; MTTA = mean acknowledged − detected; durations end in the window.\n"

        if !report.reasons.isEmpty {
            out += "\nreasons for failure (all services)\n"
            var reasonRows: [[String]] = [["reason", "episodes", "share", "downtime", "share", "MTTR"]]
            for reason in report.reasons {
                reasonRows.append([
                    reason.reason, String(reason.episodes),
                    share(reason.episodeShare), DurationText.format(seconds: reason.downtimeSeconds),
                    share(reason.downtimeShare), DurationText.format(seconds: reason.mttr.meanSeconds),
                ])
            }
            out += table(reasonRows, rightAligned: Set(1..<6), separatorBeforeLast: false)
        }

        if report.total.detectedBy.hasValues {
            out += "\ndetected by (failure records opened in the window)\n"
            var detectionRows: [[String]] = [["service", "monitoring", "user", "unmapped", "missing", "by monitoring"]]
            for service in [report.services, [report.total]].joined() {
                let counts = service.detectedBy
                detectionRows.append([service.service, String(counts.monitoring), String(counts.user), String(counts.unmapped),
                                      String(counts.missing), share(counts.monitoringShare)])
            }
            out += table(detectionRows, rightAligned: Set(1..<6), separatorBeforeLast: true)
            out += "by monitoring = monitoring / (monitoring + user)\n"
        }

        out += "\n" + dataQualityLines(report)
        return out
    }

    /// "data quality: N rows read, N used, N skipped (reason: count at file:line, ...)", then one
    /// line per record issue, then the notes-only count.
    static func dataQualityLines(_ report: ReliabilityReport) -> String {
        var lines = inputAccountingLine(report.meta.inputAccounting) + recordIssueLines(report.dataQuality.recordIssues)
        if report.dataQuality.recordsWithoutLifecycle > 0 {
            lines += "records with only notes (no incident): \(report.dataQuality.recordsWithoutLifecycle)\n"
        }
        if let line = unmappedDetectionLine(report.dataQuality.unmappedDetectionSources) { lines += line + "\n" }
        return lines
    }

    /// "detected_by values not mapped to monitoring or user: …", the most frequent first (at
    /// most ten named); `nil` when every value is mapped.
    static func unmappedDetectionLine(_ unmapped: [String: Int]) -> String? {
        guard !unmapped.isEmpty else { return nil }
        let sorted = unmapped.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let named = sorted.prefix(10).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
        let more = sorted.count > 10 ? " and \(sorted.count - 10) more" : ""
        return "detected_by values not mapped to monitoring or user: \(named)\(more); map them with --detection-map VALUE=monitoring|user"
    }

    /// Rows read, used and skipped, with the first location of each skip reason.
    static func inputAccountingLine(_ input: InputAccounting) -> String {
        var line = "data quality: \(input.rowsRead) rows read, \(input.rowsUsed) used, \(input.rowsSkipped) skipped"
        if !input.skipped.isEmpty {
            let parts = input.skipped.sorted { $0.key < $1.key }.map { reason, skip in
                "\(reason): \(skip.count), first at \(skip.firstLocations.first ?? "?")"
            }
            line += " (" + parts.joined(separator: "; ") + ")"
        }
        return line + "\n"
    }

    /// One line per record issue: its count, first ids and effect.
    static func recordIssueLines(_ issues: [RecordIssue]) -> String {
        issues.map { issue in
            "record issue: \(issue.issue): \(issue.count) (\(issue.firstIDs.joined(separator: ", "))\(issue.count > issue.firstIDs.count ? ", …" : "")), \(issue.effect)\n"
        }.joined()
    }

    /// An uptime percentage to three decimals, never rounded to a bound it does not reach: a
    /// non-zero downtime that would print `100.000%` prints `>99.999%`, and a non-zero uptime that
    /// would print `0.000%` prints `<0.001%` (issue 18). The JSON keeps the exact value.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        let text = DurationText.fixed(value, digits: 3)
        if value < 100, text == "100.000" { return ">99.999%" }
        if value > 0, text == "0.000" { return "<0.001%" }
        return text + "%"
    }

    static func share(_ value: Double?) -> String {
        guard let value else { return "—" }
        return DurationText.fixed(value * 100, digits: 1) + "%"
    }

    /// Aligns columns by their widest cell (counted in Unicode scalars), two spaces apart.
    static func table(_ rows: [[String]], rightAligned: Set<Int>, separatorBeforeLast: Bool) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.unicodeScalars.count) }
        }
        func line(_ row: [String]) -> String {
            var text = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.unicodeScalars.count)
                text += i == 0 ? "" : "  "
                text += rightAligned.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad)
            }
            return text + "\n"
        }
        var out = ""
        for (i, row) in rows.enumerated() {
            if separatorBeforeLast && i == rows.count - 1 && rows.count > 2 {
                out += String(repeating: "-", count: widths.reduce(0, +) + 2 * (columns - 1)) + "\n"
            }
            out += line(row)
        }
        return out
    }
}
