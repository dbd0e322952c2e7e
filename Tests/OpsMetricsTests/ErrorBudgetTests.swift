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
