extension MarkdownRenderer {
    /// An SLO report: per objective (over every service, in bold, then per service) the verdict
    /// counts, compliance, p50/p90 of business elapsed time and the worst breaches; the periods'
    /// rows first when there are any; the error budgets; the definitions.
    ///
    /// - Parameters:
    ///   - report: The SLO report.
    ///   - reopenRule: The rule it was computed with (named in the header).
    ///   - budgets: Its error budgets, the `(all services)` row last (none without an
    ///     availability objective).
    ///   - periods: Per-period summaries (``SLOReport/summaries(by:zone:worstBreachCount:)``).
    /// - Returns: The Markdown text.
    /// - Complexity: O(*o* × *s*) in the number of objectives and services, plus the periods' rows.
    public static func slo(_ report: SLOReport, reopenRule: ReopenRule, budgets: [ErrorBudget] = [], periods: [SLOSummary] = []) -> String {
        var out = "## OpsMetrics service level objectives\n\n"
        out += "As of `\(report.asOf)`; a reopened ticket's clock: \(reopenRule == .clockResumes ? "resumes" : "a new measurement from the reopen")\n\n"
        let records = report.records
        if !records.objectiveNames.isEmpty {
            let targets = zip(records.objectiveNames, records.targets).map { "\(MarkdownText.escaped($0, cell: false)) \(DurationText.format(seconds: Double($1) / 1e6))" }
            out += "Targets in business time: " + targets.joined(separator: "; ") + "\n\n"
        }
        let header = ["objective", "service", "met[^met]", "breached[^breached]", "pending[^pending]", "compliance (%)[^compliance]",
                      "elapsed p50 (h)[^elapsed]", "elapsed p90 (h)", "worst breaches[^worst]"]
        func row(_ s: SLOSummary) -> [String] {
            [MarkdownText.escaped(s.objective), s.service.map { MarkdownText.escaped($0) } ?? "**all services**",
             String(s.met), String(s.breached), String(s.pending), share(s.compliance),
             hours(s.p50ElapsedMicroseconds.map { Double($0) / 1e6 }), hours(s.p90ElapsedMicroseconds.map { Double($0) / 1e6 }),
             s.worstBreaches.isEmpty ? "—" : s.worstBreaches.map { MarkdownText.escaped($0) }.joined(separator: ", ")]
        }
        if !periods.isEmpty {
            out += "### By period\n\n"
            out += MarkdownText.table(["period"] + header, rightAligned: Set(3..<9),
                                      periods.map { [MarkdownText.escaped($0.period ?? "")] + row($0) })
            out += "\n"
        }
        if !report.summaries.isEmpty {
            out += periods.isEmpty ? "" : "### Whole window\n\n"
            out += MarkdownText.table(header, rightAligned: Set(2..<8), report.summaries.map(row))
            out += "\n"
        }
        for name in report.unmatchedObjectives {
            out += "Objective \(MarkdownText.escaped(name, cell: false)) matched no record.\n\n"
        }
        if let first = budgets.first {
            out += "### Error budgets (window `[\(first.window.start), \(first.window.end))`)\n\n"
            let rows = budgets.enumerated().map { k, b in
                [k == budgets.count - 1 ? "**all services**" : MarkdownText.escaped(b.service),
                 DurationText.fixed(b.objective * 100, digits: 3), hours(b.budgetSeconds), hours(b.consumedSeconds),
                 share(b.remaining)] + b.burnRates.map { fixed($0.rate) } + [hours(b.timeLeftSeconds)]
            }
            let burns = (budgets.first?.burnRates ?? []).map { "burn \(DurationText.windowLabel($0.windowSeconds))[^burn]" }
            out += MarkdownText.table(["service", "objective (%)", "budget (h)[^budget]", "consumed (h)[^consumed]", "remaining (%)[^remaining]"]
                                      + burns + ["time left (h)[^timeleft]"], rightAligned: Set(1..<(6 + burns.count)), rows)
            out += "\n"
        }
        out += "— = no value (no clock stopped, neither met nor breached, or nothing burning).\n\n"
        var definitions = [
            ("met", "Met = clocks stopped with business elapsed time within the target."),
            ("breached", "Breached = clocks stopped past the target, or running past it at the as-of time."),
            ("pending", "Pending = clocks running within the target at the as-of time (not in compliance)."),
            ("compliance", "Compliance = met / (met + breached)."),
            ("elapsed", "Elapsed = business time of the objective's calendar from the clock's start to its stop, outside pauses; p50 and p90 by nearest rank over the stopped clocks."),
            ("worst", "Worst breaches = the ids of the breaches furthest over their target, worst first."),
        ]
        if !budgets.isEmpty {
            definitions += [
                ("budget", "Budget = (1 − objective) × eligible time (the window up to the as-of time, less maintenance)."),
                ("consumed", "Consumed = downtime in the window, as the reliability report computes it."),
                ("remaining", "Remaining = 1 − consumed / budget; negative once overspent."),
                ("burn", "Burn rate = (downtime / eligible time) / (1 − objective) over the window before the as-of time; 1 spends the budget exactly over the period."),
                ("timeleft", "Time left = (budget − consumed) / (burn rate over 1 h × (1 − objective)); 0 when spent."),
            ]
        }
        out += definitions.map { "[^\($0.0)]: \($0.1)\n" }.joined()
        return out
    }
}
