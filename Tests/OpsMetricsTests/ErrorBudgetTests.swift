import Testing

@testable import OpsMetrics

/// The <doc:ErrorBudgets> worked example: 99.9 % over January 1-30 (30 days), two outages.
@Suite struct ErrorBudgetTests {
    static let csv = """
        id,service,opened,resolved
        A,web,2024-01-01T10:00:00Z,2024-01-01T10:30:00Z
        B,web,2024-01-30T23:30:00Z,2024-01-30T23:36:00Z
        C,api,2024-01-02T00:00:00Z,2024-01-02T01:00:00Z

        """

    static var configuration: ReportConfiguration {
        var configuration = ReportConfiguration()
        configuration.windowStart = at("2024-01-01T00:00:00Z")
        configuration.windowEnd = at("2024-01-31T00:00:00Z")
        return configuration
    }

    static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    @Test func workedExample() throws {
        let log = try readLog(Self.csv, configuration: Self.configuration)
        let budgets = ErrorBudget.budgets(log: log, configuration: Self.configuration, objective: 0.999)
        let web = try #require(budgets.first { $0.service == "web" })
        // 30 days = 2,592,000 s eligible; budget 0.1 % = 2,592 s; downtime 1,800 + 360 s.
        #expect(web.eligibleSeconds == 2_592_000 && Self.close(web.budgetSeconds, 2_592) && web.consumedSeconds == 2_160)
        #expect(Self.close(web.remaining, 1 - 2_160.0 / 2_592))
        // Last hour: 360 s down of 3,600 = 10 % = 100 × the allowed 0.1 %; 6 h: 16.67; 3 d: 1.389.
        #expect(web.burnRates.map(\.windowSeconds) == [3_600, 21_600, 259_200])
        #expect(Self.close(web.burnRates[0].rate, 100) && Self.close(web.burnRates[1].rate, 360.0 / 21_600 / 0.001)
            && Self.close(web.burnRates[2].rate, 360.0 / 259_200 / 0.001))
        // 432 s of budget left, burning 0.1 s of downtime per second: 4,320 s.
        #expect(Self.close(web.timeLeftSeconds, 4_320))
        // api: 3,600 s down against 2,592: overspent, remaining negative, no time left; not burning now.
        let api = try #require(budgets.first { $0.service == "api" })
        #expect(Self.close(api.remaining, 1 - 3_600.0 / 2_592) && api.timeLeftSeconds == 0 && api.burnRates[0].rate == 0)
        #expect(budgets.last?.service == "(all services)")
    }

    @Test func rollingWindowEndsAtTheAsOfTime() throws {
        var configuration = Self.configuration
        configuration.windowStart = nil
        let log = try readLog(Self.csv, configuration: configuration)
        // The last 1 day before 2024-01-31T00:00Z holds only B.
        let web = try #require(ErrorBudget.budgets(log: log, configuration: configuration, objective: 0.99, rollingSeconds: 86_400).first { $0.service == "web" })
        #expect(web.window == Interval(start: at("2024-01-30T00:00:00Z"), end: at("2024-01-31T00:00:00Z")))
        #expect(web.eligibleSeconds == 86_400 && web.consumedSeconds == 360 && Self.close(web.remaining, 1 - 360.0 / 864))
    }
}

/// The budgets against the uptime engine itself: on random logs, each budget's eligible time and
/// downtime, and each burn rate, are those of a full ``ReliabilityReport`` over that window.
@Suite struct ErrorBudgetReportAgreementTests {
    /// The budgets as the reports of each window give them (the plain way: one report per window).
    static func fromReports(log: IncidentLog, configuration: ReportConfiguration, objective: Double,
                            serviceObjectives: [String: Double], rollingSeconds: Int64?) -> [ErrorBudget] {
        var main = configuration
        if let rollingSeconds {
            let asOf = ReliabilityReport(log: log, configuration: configuration).meta.asOf
            main.windowStart = Timestamp(microsecondsSinceEpoch: asOf.microsecondsSinceEpoch - rollingSeconds * 1_000_000)
            main.windowEnd = asOf
            main.asOf = asOf
        }
        let report = ReliabilityReport(log: log, configuration: main)
        let asOf = report.meta.asOf
        let burns = ErrorBudget.burnWindowSeconds.map { seconds in
            var burn = configuration
            burn.windowStart = Timestamp(microsecondsSinceEpoch: asOf.microsecondsSinceEpoch - seconds * 1_000_000)
            burn.windowEnd = asOf
            burn.asOf = asOf
            let burnReport = ReliabilityReport(log: log, configuration: burn)
            return (seconds, Dictionary(burnReport.services.map { ($0.service, $0) }, uniquingKeysWith: { a, _ in a }), burnReport.total)
        }
        let rows = report.services.map { ($0, false) } + [(report.total, true)]
        return rows.map { row, isTotal in
            let objective = isTotal ? objective : serviceObjectives[row.service] ?? objective
            let allowed = ErrorBudget.allowedFraction(objective)
            let budget = allowed * row.eligibleSeconds
            let rates = burns.map { seconds, services, total -> BurnRate in
                let burn = isTotal ? total : services[row.service]!
                return BurnRate(windowSeconds: seconds, rate: burn.eligibleSeconds > 0 && allowed > 0
                    ? (burn.downtimeSeconds / burn.eligibleSeconds) / allowed : nil)
            }
            let timeLeft: Double? = budget - row.downtimeSeconds <= 0 ? 0
                : rates[0].rate.flatMap { $0 > 0 ? (budget - row.downtimeSeconds) / ($0 * allowed) : nil }
            return ErrorBudget(
                service: isTotal ? "(all services)" : row.service, objective: objective,
                window: Interval(start: report.meta.windowStart, end: max(report.meta.windowStart, report.meta.windowEnd)),
                eligibleSeconds: row.eligibleSeconds, budgetSeconds: budget, consumedSeconds: row.downtimeSeconds,
                remaining: budget > 0 ? 1 - row.downtimeSeconds / budget : nil, burnRates: rates, timeLeftSeconds: timeLeft)
        }
    }

    @Test func budgetsAreTheReportsDowntimeInEveryWindow() throws {
        var rng = SplitMix64()
        var failures: [String] = []
        for index in 0..<200 {
            let random = RandomIncidentLog.make(using: &rng)
            var configuration = random.configuration
            // Records of no kind are then neither failures nor maintenance.
            if rng.next() % 3 == 0 { configuration.failureFilter.kinds = ["incident"] }
            let log = try readLog(random.csv(random.rows), configuration: configuration)
            let objective = [0.9, 0.99, 0.999, 1][Int(rng.next() % 4)]
            let serviceObjectives = rng.next() % 2 == 0 ? ["api": 0.95] : [:]
            let rolling: Int64? = rng.next() % 3 == 0 ? Int64(1 + rng.next() % 48) * 3_600 : nil
            let budgets = ErrorBudget.budgets(log: log, configuration: configuration, objective: objective,
                                              serviceObjectives: serviceObjectives, rollingSeconds: rolling)
            let expected = Self.fromReports(log: log, configuration: configuration, objective: objective,
                                            serviceObjectives: serviceObjectives, rollingSeconds: rolling)
            if budgets != expected && failures.count < 3 {
                failures.append("OPSMETRICS_SEED=0x\(String(rng.seed, radix: 16)) case \(index) (\(random.summary)), rolling \(rolling.map(String.init) ?? "-"):\n\(random.csv(random.rows))\ngot \(budgets)\nexpected \(expected)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }
}
