/// Renders an ``SLOReport`` as a table, CSV or JSON. See <doc:ServiceLevelObjectives>.
public enum SLORenderer {
    /// The JSON output's `schema_version`.
    public static let schemaVersion = 1

    /// One row per objective (service `*`) and per objective and service: counts, compliance,
    /// p50/p90 of business elapsed time and the worst breaches by id. With `periods` (see
    /// ``SLOReport/summaries(by:zone:worstBreachCount:)``), a first column names the period, and
    /// the rows of the whole window follow those of the periods as period `window`.
    public static func table(_ report: SLOReport, periods: [SLOSummary] = []) -> String {
        let byPeriod = !periods.isEmpty
        var rows: [[String]] = [(byPeriod ? ["PERIOD"] : []) + ["OBJECTIVE", "SERVICE", "MET", "BREACHED", "PENDING", "COMPLIANCE", "P50", "P90", "WORST BREACHES"]]
        for s in periods + report.summaries {
            rows.append((byPeriod ? [s.period ?? "window"] : []) + [
                s.objective, s.service ?? "*", "\(s.met)", "\(s.breached)", "\(s.pending)",
                s.compliance.map { DurationText.fixed($0 * 100, digits: 1) + "%" } ?? "-",
                s.p50ElapsedMicroseconds.map { DurationText.format(seconds: Double($0) / 1e6) } ?? "-",
                s.p90ElapsedMicroseconds.map { DurationText.format(seconds: Double($0) / 1e6) } ?? "-",
                s.worstBreaches.isEmpty ? "-" : s.worstBreaches.joined(separator: ","),
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var text = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let isNumber = (2...7).contains(byPeriod ? i - 1 : i)
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += (i == 0 ? "" : "  ") + (isNumber ? pad + cell : cell + (i == row.count - 1 ? "" : pad))
            }
            text += line + "\n"
        }
        text += "as of \(report.asOf)\n"
        for name in report.unmatchedObjectives { text += "objective '\(name)' matched no record\n" }
        return text
    }

    /// One row per record and objective: `objective,id,service,verdict,start,stop,business_elapsed_seconds,remaining_seconds`
    /// (stop empty while running; remaining negative when over).
    public static func csv(_ report: SLOReport) -> String {
        String(decoding: csvBytes(report), as: UTF8.self)
    }

    /// ``csv(_:)`` as UTF-8.
    package static func csvBytes(_ report: SLOReport) -> [UInt8] {
        var bytes = Array("objective,id,service,verdict,start,stop,business_elapsed_seconds,remaining_seconds\n".utf8)
        SLORecordLines(report.records, json: false).append(to: &bytes)
        return bytes
    }

    /// `schema_version`, `meta` (as-of, definitions, unmatched objectives), `summaries` and
    /// `records`; durations in seconds, times RFC 3339 UTC, `null` for none.
    /// With `periods` (see ``SLOReport/summaries(by:zone:worstBreachCount:)``), a `periods` array
    /// of the same rows with their `period` label follows `summaries`.
    public static func json(_ report: SLOReport, reopenRule: ReopenRule, budgets: [ErrorBudget] = [], periods: [SLOSummary] = []) -> String {
        String(decoding: jsonBytes(report, reopenRule: reopenRule, budgets: budgets, periods: periods), as: UTF8.self)
    }

    /// ``json(_:reopenRule:budgets:periods:)`` as UTF-8.
    package static func jsonBytes(_ report: SLOReport, reopenRule: ReopenRule, budgets: [ErrorBudget] = [], periods: [SLOSummary] = []) -> [UInt8] {
        var text = "{\n  \"schema_version\": \(schemaVersion),\n  \"meta\": {\n"
        text += "    \"as_of\": \(string(report.asOf.description)),\n"
        text += "    \"reopen_rule\": \(string(reopenRule.name)),\n"
        text += "    \"definitions\": {\n"
        let definitions = [
            ("business_elapsed_seconds", "working time of the objective's calendar between the clock's start and its stop (or as_of while running), outside pauses, in seconds"),
            ("remaining_seconds", "target minus business elapsed time, in seconds: time left when positive, time over when negative"),
            ("verdict", "met: stopped within the target; breached: stopped late or running past it at as_of; pending: running within it"),
            ("compliance", "met / (met + breached), from 0 to 1; null when neither"),
            ("p50_business_elapsed_seconds", "nearest-rank median of business elapsed time over stopped clocks (met and breached); null when none"),
            ("p90_business_elapsed_seconds", "nearest-rank 90th percentile of the same; null when none"),
            ("worst_breaches", "ids of the breaches furthest over their target, worst first"),
        ]
        text += definitions.map { "      \(string($0.0)): \(string($0.1))" }.joined(separator: ",\n") + "\n    },\n"
        text += "    \"unmatched_objectives\": [\(report.unmatchedObjectives.map(string).joined(separator: ", "))]\n  },\n"
        text += "  \"summaries\": [" + summaryObjects(report.summaries)
        text += report.summaries.isEmpty ? "],\n" : "\n  ],\n"
        if !periods.isEmpty { text += "  \"periods\": [" + summaryObjects(periods) + "\n  ],\n" }
        text += "  \"records\": ["
        var bytes = Array(text.utf8)
        SLORecordLines(report.records, json: true).append(to: &bytes)
        text = report.records.isEmpty ? "]" : "\n  ]"
        if !budgets.isEmpty {
            text += ",\n  \"error_budgets\": ["
            text += budgets.map { b in
                let rates = b.burnRates.map { "\"\($0.windowSeconds)\": \($0.rate.map { DurationText.fixed($0, digits: 6) } ?? "null")" }
                let fields = [
                    "\"service\": \(string(b.service))", "\"objective\": \(DurationText.fixed(b.objective, digits: 6))",
                    "\"window_start\": \(string(b.window.start.description))", "\"window_end\": \(string(b.window.end.description))",
                    "\"eligible_seconds\": \(DurationText.fixed(b.eligibleSeconds, digits: 3))",
                    "\"budget_seconds\": \(DurationText.fixed(b.budgetSeconds, digits: 3))",
                    "\"consumed_seconds\": \(DurationText.fixed(b.consumedSeconds, digits: 3))",
                    "\"remaining\": \(b.remaining.map { DurationText.fixed($0, digits: 6) } ?? "null")",
                    "\"burn_rates_by_window_seconds\": {\(rates.joined(separator: ", "))}",
                    "\"time_left_seconds\": \(b.timeLeftSeconds.map { DurationText.fixed($0, digits: 3) } ?? "null")",
                ]
                return "\n    {" + fields.joined(separator: ", ") + "}"
            }.joined(separator: ",")
            text += "\n  ]"
        }
        bytes += (text + "\n}\n").utf8
        return bytes
    }

    /// The JSON objects of `summaries`, each on its own line; `period` first when it has one.
    private static func summaryObjects(_ summaries: [SLOSummary]) -> String {
        summaries.map { s in
            let fields = (s.period.map { ["\"period\": \(string($0))"] } ?? []) + [
                "\"objective\": \(string(s.objective))", "\"service\": \(s.service.map(string) ?? "null")",
                "\"met\": \(s.met)", "\"breached\": \(s.breached)", "\"pending\": \(s.pending)",
                "\"compliance\": \(s.compliance.map { DurationText.fixed($0, digits: 6) } ?? "null")",
                "\"p50_business_elapsed_seconds\": \(s.p50ElapsedMicroseconds.map(seconds) ?? "null")",
                "\"p90_business_elapsed_seconds\": \(s.p90ElapsedMicroseconds.map(seconds) ?? "null")",
                "\"worst_breaches\": [\(s.worstBreaches.map(string).joined(separator: ", "))]",
            ]
            return "\n    {" + fields.joined(separator: ", ") + "}"
        }.joined(separator: ",")
    }

    /// One row per service (the total last): objective, budget, consumed, remaining, burn rates
    /// over 1 h / 6 h / 3 d and the time left at the 1 h rate.
    public static func budgetTable(_ budgets: [ErrorBudget]) -> String {
        var rows: [[String]] = [["SERVICE", "OBJECTIVE", "BUDGET", "CONSUMED", "REMAINING", "BURN 1H", "BURN 6H", "BURN 3D", "TIME LEFT"]]
        for b in budgets {
            rows.append([
                b.service, DurationText.fixed(b.objective * 100, digits: 3) + "%",
                DurationText.format(seconds: b.budgetSeconds), DurationText.format(seconds: b.consumedSeconds),
                b.remaining.map { DurationText.fixed($0 * 100, digits: 1) + "%" } ?? "-",
            ] + b.burnRates.map { $0.rate.map { DurationText.fixed($0, digits: 2) } ?? "-" } + [
                b.timeLeftSeconds.map { DurationText.format(seconds: $0) } ?? "-"
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var text = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += i == 0 ? cell + pad : "  " + pad + cell
            }
            text += line + "\n"
        }
        if let first = budgets.first { text += "window \(first.window.start) to \(first.window.end)\n" }
        return text
    }

    /// Microseconds as seconds: an integer when whole, else six decimals.
    static func seconds(_ micros: Int64) -> String {
        var bytes: [UInt8] = []
        SLORecordLines.appendSeconds(micros, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON string literal.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
