import Foundation
import Testing
@testable import OpsMetrics
@testable import opsmetrics_cli

/// Reliability by period: each period is the report of its own window; slopes, early warnings.
@Suite("Reliability trend")
struct ReliabilityTrendTests {
    @Test("each period equals a report whose window is the period, at the same as-of time")
    func periodsAreReports() throws {
        let log = GeneratedEventLog(events: 3_000, seed: SplitMix64.configuredSeed)
        var configuration = ReportConfiguration()
        configuration.asOf = at("2024-03-01T00:00:00Z")
        let read = try readLog(log.csv, configuration: configuration)
        let trend = try ReliabilityTrend(log: read, configuration: configuration, period: .week)
        #expect(trend.periods.count > 3)
        for (index, period) in trend.periods.enumerated().dropLast() {  // the last one ends at the report's own end
            var sliced = configuration
            sliced.windowStart = period.start
            sliced.windowEnd = period.end
            let report = ReliabilityReport(log: read, configuration: sliced)
            for service in trend.services {
                let expected = report.services.first { $0.service == service.service }
                let found = service.periods[index]
                #expect(found.failures == (expected?.failures ?? 0), "\(service.service) \(period.label)")
                #expect(found.downtimeSeconds == (expected?.downtimeSeconds ?? 0))
                #expect(found.mttr == (expected?.mttr ?? DurationStatistics(microseconds: [])))
            }
        }
        // The weeks together hold every failure of the whole window's report.
        let whole = ReliabilityReport(log: read, configuration: configuration)
        for service in whole.services {
            let trendService = try #require(trend.services.first { $0.service == service.service })
            #expect(trendService.periods.reduce(0) { $0 + $1.failures } == service.failures, "\(service.service)")
        }
    }

    @Test("slope and p90 by hand")
    func slopeAndP90() {
        #expect(ReliabilityTrend.slope([(0, 1), (1, 3), (2, 5)]) == 2)
        #expect(ReliabilityTrend.slope([(0, 4), (1, 2)]) == -2)
        #expect(ReliabilityTrend.slope([(0, 4)]) == nil)
        #expect(ReliabilityTrend.p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == 9.1)
        #expect(ReliabilityTrend.p90([1, 1, 1]) == 1)
    }

    @Test("a last day worse than the service's own history warns; recurring reasons count the last three periods")
    func earlyWarning() throws {
        var csv = "id,opened,recovered,resolved,service,reason\n"
        // api: one 10-minute failure a day for four days, then three 2-hour failures on the fifth.
        for day in 1...4 { csv += "A\(day),2024-01-0\(day)T10:00:00Z,2024-01-0\(day)T10:10:00Z,2024-01-0\(day)T10:10:00Z,api,disk\n" }
        for k in 0..<3 { csv += "B\(k),2024-01-05T0\(k * 3):00:00Z,2024-01-05T0\(k * 3 + 2):00:00Z,2024-01-05T0\(k * 3 + 2):00:00Z,api,deploy\n" }
        var configuration = ReportConfiguration()
        configuration.asOf = at("2024-01-05T23:00:00Z")
        let trend = try ReliabilityTrend(log: try readLog(csv, configuration: configuration), configuration: configuration, period: .day)
        #expect(trend.periods.map(\.label) == ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"])
        #expect(trend.earlyWarnings.map(\.metric) == ["failures", "mttr"])
        #expect(trend.earlyWarnings.first?.value == 3)
        #expect(trend.earlyWarnings.first?.threshold == 1)
        #expect(trend.earlyWarnings.last?.value == 7_200)
        #expect(trend.earlyWarnings.last?.threshold == 600)
        #expect(trend.services.first?.failuresSlope == 0.4)  // 1,1,1,1,3
        #expect(trend.recurringReasons.map(\.reason) == ["deploy", "disk"])
        #expect(trend.recurringReasons.map(\.episodes) == [3, 2])

        // Through the CLI: a table or JSON; other formats and thresholds are refused.
        try CommandLineToolTests.withFiles(["a.csv": csv]) { directory in
            let path = directory.appendingPathComponent("a.csv").path
            let table = CommandLineToolTests.run(["report", "--period", "day", "--as-of", "2024-01-05T23:00:00Z", path])
            #expect(table.status == .success)
            #expect(table.stdout.contains("api: failures 3 in 2024-01-05, above 1.0"))
            let json = CommandLineToolTests.run(["report", "--period", "day", "--format", "json", "--as-of", "2024-01-05T23:00:00Z", path])
            #expect(json.stdout.contains("\"early_warnings\""))
            #expect(CommandLineToolTests.run(["report", "--period", "day", "--format", "csv", path]).status == .usage)
            #expect(CommandLineToolTests.run(["report", "--period", "fortnight", path]).status == .usage)
        }
    }
}
