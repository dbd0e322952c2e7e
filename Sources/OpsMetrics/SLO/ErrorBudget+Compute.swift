extension ErrorBudget {
    /// The windows burn rates are measured over: 1 h, 6 h and 3 d, in seconds.
    public static let burnWindowSeconds: [Int64] = [3_600, 21_600, 259_200]

    /// Error budgets per service (and the total, last) of an availability objective.
    ///
    /// Runs the uptime engine once for the budget's window and once per burn window (the same
    /// downtime computation, on other windows), so budgets and uptime never disagree.
    ///
    /// ```swift
    /// let budgets = ErrorBudget.budgets(log: log, configuration: configuration, objective: 0.999,
    ///                                   rollingSeconds: 30 * 86_400)
    /// ```
    ///
    /// - Parameters:
    ///   - log: The incidents.
    ///   - configuration: The report window and as-of time (and every uptime definition).
    ///   - objective: The availability objective, a fraction below 1 (0.999): every service's
    ///     but those in `serviceObjectives`, and the total's.
    ///   - serviceObjectives: Service name → its own objective.
    ///   - rollingSeconds: A rolling window ending at the as-of time, instead of the report window.
    /// - Returns: One budget per service, then the total over all services.
    public static func budgets(log: IncidentLog, configuration: ReportConfiguration, objective: Double,
                               serviceObjectives: [String: Double] = [:], rollingSeconds: Int64? = nil) -> [ErrorBudget] {
        var main = configuration
        if let rollingSeconds {
            let asOf = ReliabilityReport(log: log, configuration: configuration).meta.asOf
            main.windowStart = Timestamp(microsecondsSinceEpoch: asOf.microsecondsSinceEpoch - rollingSeconds * 1_000_000)
            main.windowEnd = asOf
            main.asOf = asOf
        }
        let report = ReliabilityReport(log: log, configuration: main)
        let asOf = report.meta.asOf
        let window = Interval(start: report.meta.windowStart, end: max(report.meta.windowStart, report.meta.windowEnd))
        var burnReports: [(Int64, ReliabilityReport)] = []
        for seconds in burnWindowSeconds {
            var burn = configuration
            burn.windowStart = Timestamp(microsecondsSinceEpoch: asOf.microsecondsSinceEpoch - seconds * 1_000_000)
            burn.windowEnd = asOf
            burn.asOf = asOf
            burnReports.append((seconds, ReliabilityReport(log: log, configuration: burn)))
        }
        func rate(_ row: ServiceReliability?, allowed: Double) -> Double? {
            guard let row, row.eligibleSeconds > 0, allowed > 0 else { return nil }
            return (row.downtimeSeconds / row.eligibleSeconds) / allowed
        }
        var rows = report.services.map { ($0, false) }
        rows.append((report.total, true))
        return rows.map { row, isTotal in
            let objective = isTotal ? objective : serviceObjectives[row.service] ?? objective
            let allowed = 1 - objective
            let budget = allowed * row.eligibleSeconds
            let rates = burnReports.map { seconds, burnReport in
                BurnRate(windowSeconds: seconds, rate: rate(isTotal ? burnReport.total : burnReport.services.first { $0.service == row.service }, allowed: allowed))
            }
            var timeLeft: Double? = nil
            if budget - row.downtimeSeconds <= 0 {
                timeLeft = 0
            } else if let current = rates.first?.rate, current > 0 {
                timeLeft = (budget - row.downtimeSeconds) / (current * allowed)
            }
            return ErrorBudget(
                service: isTotal ? "(all services)" : row.service, objective: objective, window: window,
                eligibleSeconds: row.eligibleSeconds, budgetSeconds: budget, consumedSeconds: row.downtimeSeconds,
                remaining: budget > 0 ? 1 - row.downtimeSeconds / budget : nil, burnRates: rates, timeLeftSeconds: timeLeft)
        }
    }
}
