extension PrometheusRenderer {
    /// An SLO report and its error budgets: per objective and service, the verdict counts,
    /// compliance and p50/p90 of business elapsed time; per objective, its target; per service,
    /// the budget, what the outages consumed, what remains, the burn rates and the time left.
    ///
    /// As for the report, there is no all-services sample: the objective over every service is
    /// `sum by (objective)` of the counts (compliance `sum(met) / (sum(met) + sum(breached))`);
    /// percentiles do not pool. Per-record verdicts and periods are not written (a scrape is a
    /// snapshot; they are in the JSON and CSV).
    ///
    /// ```swift
    /// let text = PrometheusRenderer.slo(report, budgets: budgets)
    /// // opsmetrics_slo_compliance_ratio{objective="P1 resolution",service="web"} 0.5
    /// // opsmetrics_error_budget_burn_rate{service="web",window="1h"} 100
    /// ```
    ///
    /// - Parameters:
    ///   - report: The SLO report.
    ///   - budgets: Its error budgets (none without an availability objective); the
    ///     `(all services)` row is left out like every all-services row.
    /// - Returns: The exposition text, ending in a line feed.
    /// - Complexity: O(*o* × *s*) in the number of objectives and services.
    public static func slo(_ report: SLOReport, budgets: [ErrorBudget] = []) -> String {
        var out = PrometheusExposition()
        out.gauge("opsmetrics_report_timestamp_seconds", help: timestampHelp,
                  [.init(labels: [("report", "slo")], value: Double(report.asOf.microsecondsSinceEpoch) / 1_000_000)])
        let records = report.records
        out.gauge("opsmetrics_slo_target_seconds", help: "Each objective's target in business time of its calendar, in seconds.",
                  zip(records.objectiveNames, records.targets).map { .init(labels: [("objective", $0)], value: Double($1) / 1_000_000) })
        let rows = report.summaries.compactMap { summary in summary.service.map { (summary, $0) } }
        func each(_ value: (SLOSummary) -> Double?) -> [PrometheusExposition.Sample] {
            rows.compactMap { summary, service in
                value(summary).map { .init(labels: [("objective", summary.objective), ("service", service)], value: $0) }
            }
        }
        let by = "per objective and service, at the as-of time"
        out.gauge("opsmetrics_slo_met", help: "Clocks stopped within the target, \(by).", each { Double($0.met) })
        out.gauge("opsmetrics_slo_breached", help: "Clocks stopped past the target or running past it, \(by).", each { Double($0.breached) })
        out.gauge("opsmetrics_slo_pending", help: "Clocks running within the target, \(by).", each { Double($0.pending) })
        out.gauge("opsmetrics_slo_compliance_ratio", help: "Compliance met / (met + breached), 0 to 1, \(by). No sample when neither.",
                  each(\.compliance))
        var elapsed: [PrometheusExposition.Sample] = []
        for (summary, service) in rows {
            for (stat, value) in [("p50", summary.p50ElapsedMicroseconds), ("p90", summary.p90ElapsedMicroseconds)] {
                guard let value else { continue }
                elapsed.append(.init(labels: [("objective", summary.objective), ("service", service), ("stat", stat)], value: Double(value) / 1_000_000))
            }
        }
        out.gauge("opsmetrics_slo_business_elapsed_seconds",
                  help: "Business elapsed time of the stopped clocks, \(by), in seconds; stat = p50 or p90 (nearest rank). No sample when none stopped.",
                  elapsed)

        let services = budgets.dropLast()  // the last row is (all services)
        func budget(_ value: (ErrorBudget) -> Double?) -> [PrometheusExposition.Sample] {
            services.compactMap { row in value(row).map { .init(labels: [("service", row.service)], value: $0) } }
        }
        out.gauge("opsmetrics_error_budget_objective_ratio", help: "The availability objective per service, 0 to 1 (0.999 for 99.9 %).", budget(\.objective))
        out.gauge("opsmetrics_error_budget_eligible_seconds", help: "Eligible time in the budget's window per service, maintenance excluded, in seconds.",
                  budget(\.eligibleSeconds))
        out.gauge("opsmetrics_error_budget_seconds", help: "Downtime the objective allows per service: (1 - objective) x eligible time, in seconds.",
                  budget(\.budgetSeconds))
        out.gauge("opsmetrics_error_budget_consumed_seconds", help: "Downtime in the budget's window per service (the uptime engine's), in seconds.",
                  budget(\.consumedSeconds))
        out.gauge("opsmetrics_error_budget_remaining_ratio", help: "1 - consumed / budget per service; negative once overspent. No sample without a budget.",
                  budget(\.remaining))
        var rates: [PrometheusExposition.Sample] = []
        for row in services {
            for burn in row.burnRates {
                guard let rate = burn.rate else { continue }
                rates.append(.init(labels: [("service", row.service), ("window", DurationText.windowLabel(burn.windowSeconds))], value: rate))
            }
        }
        out.gauge("opsmetrics_error_budget_burn_rate",
                  help: "(downtime / eligible time) / (1 - objective) over the window before the as-of time (label window: 1h, 6h, 3d), per service; 1 spends the budget exactly over the period.",
                  rates)
        out.gauge("opsmetrics_error_budget_time_left_seconds",
                  help: "Seconds until the budget is spent at the 1 h burn rate per service; 0 when spent. No sample when nothing burns.",
                  budget(\.timeLeftSeconds))
        return out.text
    }
}
