import Foundation
import Testing

@testable import OpsMetrics

/// Every step of a reopen counter (`reopen_count`) is a reopen in the cumulative flow: an incident
/// reopened twice arrives twice and is open during both reopenings (issue 18: only the last
/// reopen was kept).
@Suite("Reopen counter in the flow")
struct ReopenCounterFlowTests {
    /// INC1: opened 1 Jan, resolved 2 Jan, reopened 3 Jan (counter 1), resolved 4 Jan, reopened
    /// 5 Jan (counter 2), resolved 6 Jan. By day: arrivals 1, 0, 1, 0, 1, 0; reopened 0, 0, 1, 0, 1, 0;
    /// open at each day's end 1, 0, 1, 0, 1, 0.
    static let log = """
        id,timestamp,status,reopen_count
        INC1,2024-01-01T10:00:00Z,New,0
        INC1,2024-01-02T10:00:00Z,Resolved,0
        INC1,2024-01-03T10:00:00Z,Active,1
        INC1,2024-01-04T10:00:00Z,Resolved,1
        INC1,2024-01-05T10:00:00Z,Active,2
        INC1,2024-01-06T10:00:00Z,Resolved,2
        """

    @Test("two counter steps are two reopen arrivals, each reopened span open", arguments: [nil, 1, 7] as [Int?])
    func twoReopens(chunkSize: Int?) throws {
        var configuration = ReportConfiguration()
        configuration.statusMap = ["New": "opened", "Resolved": "resolved"]
        let log = try readLog(Self.log, configuration: configuration, chunkSize: chunkSize)
        var flow = FlowConfiguration()
        flow.period = .day
        let report = try FlowReport(log: log, configuration: configuration, flow: flow)
        let days = report.total.periods
        #expect(days.map(\.created) == [1, 0, 1, 0, 1, 0])
        #expect(days.map(\.reopened) == [0, 0, 1, 0, 1, 0])
        #expect(days.map(\.resolved) == [0, 1, 0, 1, 0, 1])
        #expect(days.map(\.openAtEnd) == [1, 0, 1, 0, 1, 0])
    }

    @Test("the UCI ServiceNow log: as many reopen arrivals as rows where reopen_count goes up (331)",
          .enabled(if: SharedDatasets.available(SharedDatasets.serviceNow), "\(SharedDatasets.absent)"),
          .enabled(if: SharedDatasets.largeFilesEnabled, "\(SharedDatasets.large)"))
    func uciServiceNow() throws {
        let path = SharedDatasets.path(SharedDatasets.serviceNow)
        // Counted here: rows whose reopen_count exceeds every earlier row's of the same incident.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false)
        let counter = try #require(header.firstIndex(of: "reopen_count"))
        var highest: [Substring: Int] = [:]
        var steps = 0
        for line in lines {
            let fields = line.split(separator: ",", maxSplits: counter + 1, omittingEmptySubsequences: false)
            let id = fields[0]
            let count = Int(fields[counter]) ?? 0
            if count > highest[id, default: 0] { steps += 1 }
            highest[id] = max(highest[id, default: 0], count)
        }
        let reopenedIncidents = highest.values.filter { $0 > 0 }.count
        #expect(steps == 331)
        #expect(reopenedIncidents == 275)

        let read = try DialectRead(path: path)
        var flow = FlowConfiguration()
        flow.period = .month
        let report = try FlowReport(log: read.log, configuration: read.dialect.configuration, flow: flow)
        #expect(report.total.periods.reduce(0) { $0 + $1.reopened } == steps)
        // Incidents reopened at least once is another number: the summary's.
        #expect(read.summary.reopened == reopenedIncidents)
    }
}
