import Foundation
import Testing
@testable import OpsMetrics
@testable import opsmetrics_cli

/// Time in status: each record's stays in a status, clipped to the window, against a minute walk.
@Suite("Time in status")
struct TimeInStatusTests {
    static func configuration(from: String? = nil, to: String? = nil, asOf: String) -> ReportConfiguration {
        var configuration = ReportConfiguration()
        configuration.keepsStatusHistory = true
        configuration.windowStart = from.map(at)
        configuration.windowEnd = to.map(at)
        configuration.asOf = at(asOf)
        return configuration
    }

    @Test("hand-computed: two visits add up, the window clips, an open record counts to the as-of time, stages sum their statuses")
    func handComputed() throws {
        let csv = """
        id,timestamp,event,status
        A,2024-01-01T08:00:00Z,opened,New
        A,2024-01-01T09:00:00Z,note,Active
        A,2024-01-01T11:00:00Z,note,Waiting
        A,2024-01-01T12:00:00Z,note,Active
        A,2024-01-01T13:30:00Z,resolved,Resolved
        B,2024-01-01T10:00:00Z,opened,New
        B,2024-01-01T10:30:00Z,note,Active
        C,2024-01-01T10:00:00Z,note,Active
        D,2024-01-01T09:40:00Z,opened,New
        D,2024-01-01T10:00:00Z,note,On hold
        D,2024-01-01T11:00:00Z,note,Active
        D,2024-01-01T12:00:00Z,note,On hold

        """
        // Window [09:30, 14:00), as of 14:00. A: Active 09:30-11:00 and 12:00-13:30 = 3 h; Waiting 1 h;
        // Resolved 13:30-14:00 = 30 m; New before the window = none. B: New 10:00-10:30 = 30 m, Active
        // 10:30-14:00 = 3.5 h (open). C has no lifecycle event: not counted. D: New 20 m, On hold 1 h
        // before it was committed (reached Doing at 11:00), Active 1 h, On hold 12:00-14:00 = 2 h (open).
        // Blocked (Waiting, On hold) from the commitment: A 1 h (Waiting), D 2 h (the later On hold).
        let configuration = Self.configuration(from: "2024-01-01T09:30:00Z", to: "2024-01-01T14:00:00Z", asOf: "2024-01-01T14:00:00Z")
        let log = try readLog(csv, configuration: configuration)
        let report = try TimeInStatusReport(log: log, configuration: configuration,
                                            stages: StageMap(parsing: "New=New|On hold,Doing=Active|Waiting,Done=Resolved"),
                                            blockedStatuses: ["Waiting", "On hold"])
        let rows = Dictionary(uniqueKeysWithValues: report.statuses.map { ($0.name, $0) })
        #expect(report.statuses.map(\.name) == ["New", "On hold", "Active", "Waiting", "Resolved"])
        #expect(rows["Active"]?.records == 3)
        #expect(rows["Active"]?.totalSeconds == 7.5 * 3600)
        #expect(rows["Active"]?.perRecord.minSeconds == 3_600.0)
        #expect(rows["Active"]?.perRecord.maxSeconds == 12_600.0)
        #expect(rows["On hold"]?.totalSeconds == 3 * 3600.0)
        #expect(rows["Active"]?.stage == "Doing")
        #expect(rows["Waiting"]?.totalSeconds == 3600)
        #expect(rows["New"]?.records == 2)
        #expect(rows["New"]?.totalSeconds == 3000)
        #expect(rows["Resolved"]?.totalSeconds == 1800)
        let stages = try #require(report.stages)
        #expect(stages.map(\.name) == ["New", "Doing", "Done"])
        #expect(stages[0].perRecord.maxSeconds == 12_000.0)  // D: New 20 m + On hold 3 h
        #expect(stages[1].records == 3)
        #expect(stages[1].perRecord.minSeconds == 3_600.0)  // D: Active only
        #expect(stages[1].perRecord.maxSeconds == 14_400.0)  // A: Active 3 h + Waiting 1 h
        let blocked = try #require(report.blocked)
        #expect(blocked.records == 2)
        #expect(blocked.totalSeconds == 3 * 3600.0)
        #expect(blocked.perRecord.minSeconds == 3_600.0)
        #expect(blocked.perRecord.maxSeconds == 7_200.0)
        #expect(throws: ConfigurationError.self) { try TimeInStatusReport(log: readLog(csv), configuration: ReportConfiguration()) }
    }

    /// Each record's minutes in each status, walked minute by minute: at each minute the status
    /// of the record's latest row at or before it (rows at one time in input order).
    static func minuteWalk(_ rows: [(id: Int, minute: Int, status: String)], from: Int, to: Int) -> [String: [Int64]] {
        var byRecord: [Int: [(minute: Int, order: Int, status: String)]] = [:]
        for (order, row) in rows.enumerated() { byRecord[row.id, default: []].append((row.minute, order, row.status)) }
        var result: [String: [Int64]] = [:]
        for (_, records) in byRecord {
            let sorted = records.sorted { ($0.minute, $0.order) < ($1.minute, $1.order) }
            var minutes: [String: Int64] = [:]
            for minute in from..<to {
                guard let current = sorted.last(where: { $0.minute <= minute }) else { continue }
                minutes[current.status, default: 0] += 1
            }
            for (status, count) in minutes { result[status, default: []].append(count * 60_000_000) }
        }
        return result
    }

    @Test("random logs: the report equals the minute walk", arguments: 0..<6)
    func randomLogs(round: Int) throws {
        var rng = SplitMix64(seed: SplitMix64.configuredSeed &+ 7 &* UInt64(round + 1))
        let statuses = ["New", "Active", "Waiting, customer", "Blocked", "Resolved"]
        let base = micros("2024-06-01T00:00:00Z")
        var rows: [(id: Int, minute: Int, status: String)] = []
        for id in 0..<25 {
            let opened = Int(rng.next() % 600)
            rows.append((id, opened, statuses[0]))
            for _ in 0..<Int(rng.next() % 8) {
                rows.append((id, opened + Int(rng.next() % 900), statuses[Int(rng.next() % UInt64(statuses.count))]))
            }
        }
        rows.shuffle(using: &rng)
        let from = Int(rng.next() % 400), to = from + 200 + Int(rng.next() % 900), asOf = from + Int(rng.next() % 1_400)
        func iso(_ minute: Int) -> String { Timestamp(microsecondsSinceEpoch: base + Int64(minute) * 60_000_000).description }
        var csv = "id,timestamp,event,status\n"
        // The first row of each record opens it; the others are notes.
        var opened: Set<Int> = []
        for row in rows.sorted(by: { $0.minute < $1.minute }) where !opened.contains(row.id) {
            opened.insert(row.id)
            csv += "R\(row.id),\(iso(row.minute)),opened,\n"
        }
        for row in rows { csv += "R\(row.id),\(iso(row.minute)),note,\"\(row.status)\"\n" }
        let configuration = Self.configuration(from: iso(from), to: iso(to), asOf: iso(asOf))
        let report = try TimeInStatusReport(log: try readLog(csv, configuration: configuration), configuration: configuration,
                                            blockedStatuses: ["Blocked"])
        let kept = rows.filter { $0.minute <= asOf }  // later rows are after the as-of time
        let expected = Self.minuteWalk(kept, from: from, to: max(from, min(to, asOf)))
        #expect(report.statuses.count == expected.count)
        for row in report.statuses {
            let times = expected[row.name] ?? []
            #expect(row.records == times.count, "\(row.name)")
            #expect(row.totalSeconds == Double(times.reduce(0, +)) / 1e6, "\(row.name)")
            #expect(row.perRecord == FlowDurationStatistics(microseconds: times), "\(row.name)")
        }
        // Without stages every stay counts as committed: blocked time is the time in Blocked.
        #expect(report.blocked?.perRecord == FlowDurationStatistics(microseconds: expected["Blocked"] ?? []))
    }

    @Test("flow --time-in-status through the CLI: table, JSON and CSV; other formats are refused")
    func commandLine() throws {
        let path = fixturesDirectory.appendingPathComponent("presets/jira-rest-page.json").path
        let table = CommandLineToolTests.run(["flow", "--time-in-status", "--as-of", "2023-01-01", path])
        #expect(table.status == .success, "\(table.stderr)")
        // EE-14 was open (In Progress) from 2020-06-12 13:01:20.966 to 2020-06-15 16:59:51.341 (+0800): 273,510.375 s.
        #expect(table.stdout.contains("Open      ") && table.stdout.contains("3d 3h"))
        let csv = CommandLineToolTests.run(["flow", "--time-in-status", "--format", "csv", "--as-of", "2023-01-01", path])
        #expect(csv.stdout.contains("status,Open,,1,273510.375,"))
        let json = CommandLineToolTests.run(["flow", "--time-in-status", "--format", "json", "--as-of", "2023-01-01", path])
        #expect(json.stdout.contains("\"total_seconds\" : 273510.375"))
        #expect(CommandLineToolTests.run(["flow", "--time-in-status", "--format", "markdown", path]).status == .usage)
    }
}
