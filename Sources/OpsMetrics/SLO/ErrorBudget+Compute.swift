extension ErrorBudget {
    /// The windows burn rates are measured over: 1 h, 6 h and 3 d, in seconds.
    public static let burnWindowSeconds: [Int64] = [3_600, 21_600, 259_200]

    /// Error budgets per service (and the total, last) of an availability objective.
    ///
    /// Each service's outages and maintenance are gathered once, as the uptime engine gathers
    /// them, and measured over the budget's window and each burn window, so budgets and uptime
    /// never disagree: a budget's eligible time and downtime are the report's over its window.
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
    /// - Returns: One budget per service, by name, then the total over all services.
    /// - Complexity: O(*n* log *n*) in the number of records, once for all windows.
    public static func budgets(log: IncidentLog, configuration: ReportConfiguration, objective: Double,
                               serviceObjectives: [String: Double] = [:], rollingSeconds: Int64? = nil) -> [ErrorBudget] {
        var main = configuration
        if let rollingSeconds {
            let asOf = Timestamp(microsecondsSinceEpoch: ReportClock(log: log, configuration: configuration).asOf)
            main.windowStart = Timestamp(microsecondsSinceEpoch: asOf.microsecondsSinceEpoch - rollingSeconds * 1_000_000)
            main.windowEnd = asOf
            main.asOf = asOf
        }
        let (clock, services) = ServiceAvailability.perService(log: log, configuration: main)
        // The budget's window, then each burn window `[T − w, T)`: every one ends at the as-of
        // time, where the outages were clipped.
        let windows = [clock.measured] + burnWindowSeconds.map { seconds in
            Interval(start: Timestamp(microsecondsSinceEpoch: clock.asOf - seconds * 1_000_000),
                     end: Timestamp(microsecondsSinceEpoch: clock.asOf))
        }
        var rows = services.map { service in
            (name: service.name, measures: windows.map { service.availability.measure(over: $0) })
        }
        rows.append((name: "(all services)", measures: windows.indices.map { w in
            rows.reduce((eligible: Int64(0), downtime: Int64(0))) { ($0.eligible + $1.measures[w].eligible, $0.downtime + $1.measures[w].downtime) }
        }))
        let window = Interval(start: Timestamp(microsecondsSinceEpoch: clock.windowStart),
                              end: Timestamp(microsecondsSinceEpoch: max(clock.windowStart, clock.windowEnd)))
        let seconds = { (micros: Int64) in Double(micros) / 1_000_000 }
        return rows.enumerated().map { k, row in
            let objective = k == services.count ? objective : serviceObjectives[row.name] ?? objective
            let allowed = allowedFraction(objective)
            let eligible = seconds(row.measures[0].eligible)
            let consumed = seconds(row.measures[0].downtime)
            let budget = allowed * eligible
            let rates = zip(burnWindowSeconds, row.measures.dropFirst()).map { window, measure in
                BurnRate(windowSeconds: window, rate: measure.eligible > 0 && allowed > 0
                    ? (seconds(measure.downtime) / seconds(measure.eligible)) / allowed : nil)
            }
            var timeLeft: Double? = nil
            if budget - consumed <= 0 {
                timeLeft = 0
            } else if let current = rates.first?.rate, current > 0 {
                timeLeft = (budget - consumed) / (current * allowed)
            }
            return ErrorBudget(
                service: row.name, objective: objective, window: window, eligibleSeconds: eligible, budgetSeconds: budget,
                consumedSeconds: consumed, remaining: budget > 0 ? 1 - consumed / budget : nil, burnRates: rates,
                timeLeftSeconds: timeLeft)
        }
    }

    /// `1 − objective` to 12 decimal places, the most an objective is written with: 1 − 0.999 is
    /// 0.001, not the 0.0010000000000000009 of binary arithmetic, so a 99.9 % budget of 378,000 s
    /// is 378 s.
    static func allowedFraction(_ objective: Double) -> Double {
        ((1 - objective) * 1e12).rounded() / 1e12
    }
}
