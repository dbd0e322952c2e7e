// The flow on real logs (../shared/datasets, not in git; the tests are skipped when it is
// absent, or point OPSMETRICS_DATASETS at another copy): the invariants hold (cumulative lines
// never decrease, created − resolved = the change in open, the total is the sum of the series,
// stage lines never decrease and are ordered), and a few numbers agree with counts made here.
//
// - BPIC 2013 (Volvo IT incidents, ISO timestamps with +01:00): its first 3 MB (about 17,000
//   rows, whole cases but the last), to keep the test under two seconds in a debug build.
// - Help desk (an Italian software company's tickets, ISO timestamps): the whole log, read as it
//   is, and once with its "Resolve ticket" rows turned into `resolved` events by the test.
// - ServiceNow (UCI event log) and Jira (REST JSON with changelogs, DevLake's copy): read through
//   their presets, as `opsmetrics flow FILE` reads them.
import Foundation
import OpsMetrics
import Testing

enum Datasets {
    static let directory: URL = {
        if let path = ProcessInfo.processInfo.environment["OPSMETRICS_DATASETS"] { return URL(fileURLWithPath: path) }
        return GoldenFixture.directory  // Fixtures/valid
            .deletingLastPathComponent().deletingLastPathComponent()  // the package root
            .deletingLastPathComponent().appendingPathComponent("shared/datasets")
    }()

    static func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    static let bpic = "bpic2013-volvo-incidents/VINST-new.csv"
    static let helpdesk = "helpdesk-ticketing-log/helpdesk.csv"

    /// The first `limit` bytes of a file, cut after the last complete line.
    static func prefix(_ path: String, bytes limit: Int) throws -> [UInt8] {
        let data = try Data(contentsOf: url(path))
        var bytes = [UInt8](data.prefix(limit))
        while let last = bytes.last, last != 0x0A { bytes.removeLast() }
        return bytes
    }
}

@Suite("Cumulative flow on real logs")
struct FlowRealLogTests {
    /// Stage lines: never decreasing in time, each at most the one before it, the total the sum of the series.
    static func stageViolations(_ report: FlowReport) -> [String] {
        guard let names = report.meta.stages else { return ["no stages"] }
        var problems: [String] = []
        for series in report.series + [report.total] {
            var previous = series.stagesAtStart?.map(\.reached) ?? []
            for row in series.periods {
                let lines = row.stages?.map(\.reached) ?? []
                if lines.count != names.count { problems.append("\(series.name) \(row.period): \(lines.count) lines") }
                if zip(lines, previous).contains(where: { $0 < $1 }) { problems.append("\(series.name) \(row.period): a stage line goes down") }
                if zip(lines, lines.dropFirst()).contains(where: { $0 < $1 }) { problems.append("\(series.name) \(row.period): a later stage above an earlier one") }
                previous = lines
            }
        }
        for (p, row) in report.total.periods.enumerated() {
            let sum = names.indices.map { s in report.series.reduce(0) { $0 + ($1.periods[p].stages?[s].reached ?? 0) } }
            if row.stages?.map(\.reached) != sum { problems.append("total \(row.period): stage lines ≠ sum of the series") }
        }
        return Array(problems.prefix(10))
    }

    @Test("BPIC 2013 (first 3 MB): invariants by week and service, by month and priority", .enabled(if: Datasets.exists(Datasets.bpic)))
    func bpic() throws {
        var configuration = ReportConfiguration()
        configuration.columnMap = ["id": "SR Number", "timestamp": "Change Date+Time", "status": "Status",
                                   "service": "Involved Org line 3", "priority": "SR Latest Impact"]
        configuration.keepsStatusTimes = true
        let bytes = try Datasets.prefix(Datasets.bpic, bytes: 3_000_000)
        let log = try readLog(bytes: bytes, name: Datasets.bpic, configuration: configuration)
        // Case ids counted here, from the bytes (the file has CRLF line ends).
        let ids = Set(bytes.split(separator: 0x0A).dropFirst().map { $0.prefix { $0 != 0x2C } })

        for (period, grouping) in [(CalendarUnit.week, FlowGrouping.service), (.month, .priority)] {
            var flow = FlowConfiguration()
            flow.period = period
            flow.seriesBy = grouping
            flow.stages = try StageMap(parsing: "Queued,Accepted,Completed")
            let report = try FlowReport(log: log, configuration: configuration, flow: flow)
            #expect(flowInvariantViolations(report).isEmpty, "\(flowInvariantViolations(report))")
            #expect(Self.stageViolations(report).isEmpty, "\(Self.stageViolations(report))")
            // The window is the span of the data: every case arrives in it, none is open before it.
            #expect(report.total.openAtStart == 0 && report.total.created == ids.count)
            #expect(report.total.periods.last?.stages?.first?.reached == ids.count)
            // No resolved events (BPIC writes statuses only): nothing departs, the diagram shows the progress.
            #expect(report.total.resolved == 0)
            #expect((report.total.periods.last?.stages?.last?.reached ?? 0) > ids.count / 2)
            #expect(report.meta.inputAccounting.rowsRead == report.meta.inputAccounting.rowsUsed)
            #expect(report.series.count > 1)
        }
    }

    /// The help-desk log with "Resolve ticket" rows as `resolved` events: id,timestamp,event,status.
    static func helpdeskWithResolutions() throws -> (csv: String, resolvedTickets: Int, tickets: Int) {
        let text = try String(contentsOf: Datasets.url(Datasets.helpdesk), encoding: .utf8)
        var rows = ["id,timestamp,event,status"]
        var resolved = Set<Substring>()
        var tickets = Set<Substring>()
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 10 else { continue }
            let activity = fields[0]
            tickets.insert(fields[6])
            if activity == "Resolve ticket" { resolved.insert(fields[6]) }
            rows.append("\(fields[6]),\(fields[3]),\(activity == "Resolve ticket" ? "resolved" : "status"),\(activity)")
        }
        return (rows.joined(separator: "\n") + "\n", resolved.count, tickets.count)
    }

    @Test("help desk: invariants, resolutions, and merged halves equal the whole", .enabled(if: Datasets.exists(Datasets.helpdesk)))
    func helpdesk() throws {
        let (csv, resolvedTickets, tickets) = try Self.helpdeskWithResolutions()
        var configuration = ReportConfiguration()
        configuration.keepsStatusTimes = true
        var flow = FlowConfiguration()
        flow.period = .month
        flow.stages = try StageMap(parsing: "Assign seriousness,Take in charge ticket,Wait,Resolve ticket=Resolve ticket|Resolve SW anomaly,Closed=Closed|VERIFIED|INVALID|DUPLICATE|RESOLVED")
        let log = try readLog(csv, configuration: configuration)
        let report = try FlowReport(log: log, configuration: configuration, flow: flow)
        #expect(flowInvariantViolations(report).isEmpty, "\(flowInvariantViolations(report))")
        #expect(Self.stageViolations(report).isEmpty, "\(Self.stageViolations(report))")
        #expect(report.total.created == tickets)
        // No reopens: each ticket departs once, at its first resolution; the rest stay open.
        #expect(report.total.resolved == resolvedTickets && report.total.reopened == 0)
        #expect(report.total.openAtEnd == tickets - resolvedTickets)
        #expect(report.total.leadTime.count == resolvedTickets && report.total.openAge.count == tickets - resolvedTickets)
        let meanDays = (report.total.leadTime.meanSeconds ?? 0) / 86_400
        #expect(meanDays > 1 && meanDays < 100, "mean lead time \(meanDays) days")

        // Read in two halves (split inside tickets) and merged: the same report.
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        let middle = lines.count / 2
        var merged = try readLog(lines[..<middle].joined(separator: "\n") + "\n", configuration: configuration)
        merged.merge(try readLog(([lines[0]] + lines[middle...]).joined(separator: "\n"), configuration: configuration))
        let mergedReport = try FlowReport(log: merged, configuration: configuration, flow: flow)
        #expect(mergedReport.total == report.total && mergedReport.dataQuality == report.dataQuality)
    }

    @Test("help desk read as it is (--map only): statuses drive the diagram, nothing departs", .enabled(if: Datasets.exists(Datasets.helpdesk)))
    func helpdeskAsIs() throws {
        var configuration = ReportConfiguration()
        configuration.columnMap = ["id": "case:concept:name", "timestamp": "time:timestamp", "status": "Activity"]
        configuration.keepsStatusTimes = true
        var flow = FlowConfiguration()
        flow.period = .quarter
        flow.zone = ZoneRule.named("Europe/Rome") ?? .utc
        flow.stages = try StageMap(parsing: "Assign seriousness,Take in charge ticket,Resolve ticket,Closed")
        let log = try IncidentLog(contentsOfFile: Datasets.url(Datasets.helpdesk).path, configuration: configuration)
        let report = try FlowReport(log: log, configuration: configuration, flow: flow)
        #expect(flowInvariantViolations(report).isEmpty, "\(flowInvariantViolations(report))")
        #expect(Self.stageViolations(report).isEmpty, "\(Self.stageViolations(report))")
        #expect(report.total.created == 4580 && report.total.resolved == 0)
        #expect(report.periods.first?.label == "2010-Q1" && report.periods.last?.label == "2014-Q1")
        // Wait, Insert ticket, Require upgrade, ... are in no stage here and are listed.
        #expect(report.dataQuality.unmappedStatuses?.contains { $0.status == "Wait" } == true)
    }

    @Test("ServiceNow event log through its preset: invariants by month and service; ends with the report's open count",
          .enabled(if: SharedDatasets.available(SharedDatasets.serviceNow), "\(SharedDatasets.absent)"),
          .enabled(if: SharedDatasets.largeFilesEnabled, "\(SharedDatasets.large)"))
    func serviceNow() throws {
        let read = try DialectRead(path: SharedDatasets.path(SharedDatasets.serviceNow), preset: "servicenow") { $0.keepsStatusTimes = true }
        var flow = FlowConfiguration()
        flow.period = .month
        flow.stages = try #require(StageMap.preset(named: "servicenow")) as StageMap
        let report = try FlowReport(log: read.log, configuration: read.dialect.configuration, flow: flow)
        #expect(flowInvariantViolations(report).isEmpty, "\(flowInvariantViolations(report))")
        #expect(Self.stageViolations(report).isEmpty, "\(Self.stageViolations(report))")
        // SOURCE.md: 24,918 incidents; the preset resolves 24,905 of them and leaves 13 open (closed, never resolved).
        #expect(report.total.openAtStart == 0)
        #expect(report.total.created == 24_918 + report.total.reopened)
        #expect(report.total.resolved >= 24_905)
        #expect(report.total.openAtEnd == 13)
        // reopen_count: 275 incidents were reopened, 331 times in all (the rows where it goes up,
        // counted from the CSV itself in ReopenCounterFlowTests); each reopen arrives again.
        #expect(report.total.reopened == 331, "\(report.total.reopened)")
        let reliability = ReliabilityReport(log: read.log, configuration: read.dialect.configuration)
        #expect(reliability.total.openIncidents == report.total.openAtEnd)
    }

    @Test("Jira REST issues with changelogs through the jira preset: invariants by week; 33 issues, 3 open",
          .enabled(if: SharedDatasets.available(SharedDatasets.jira), "\(SharedDatasets.absent)"))
    func jira() throws {
        let read = try DialectRead(path: SharedDatasets.path(SharedDatasets.jira), preset: "jira") { $0.keepsStatusTimes = true }
        var flow = FlowConfiguration()
        flow.period = .week
        flow.stages = try #require(StageMap.preset(named: "jira")) as StageMap
        let report = try FlowReport(log: read.log, configuration: read.dialect.configuration, flow: flow)
        #expect(flowInvariantViolations(report).isEmpty, "\(flowInvariantViolations(report))")
        #expect(Self.stageViolations(report).isEmpty, "\(Self.stageViolations(report))")
        #expect(report.total.created == 33 + report.total.reopened)
        #expect(report.total.openAtEnd == 3)
        #expect(report.total.reopened > 0, "the sample has reopened issues")
    }
}
