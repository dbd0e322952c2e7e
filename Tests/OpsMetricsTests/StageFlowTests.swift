// The cumulative flow diagram by status: the stage map (parsing, JSON, presets, matching), the
// status-times side table (only when asked for; order-independent; associative merge), high-water
// marks, skipped stages, backward moves, and a brute-force model on random status histories.
import Foundation
import Testing

@testable import OpsMetrics

@Suite("Cumulative flow by stage")
struct StageFlowTests {
    static let serviceNow = "New,Active=Active|In Progress,Awaiting=Awaiting*,Resolved,Closed"

    @Test("the stage map: the command-line form, matching, prefixes and presets")
    func stageMap() throws {
        let map = try StageMap(parsing: Self.serviceNow)
        #expect(map.stageNames == ["New", "Active", "Awaiting", "Resolved", "Closed"])
        #expect(map.stage(of: "new") == 0)
        #expect(map.stage(of: "in_progress") == 1)
        #expect(map.stage(of: "Awaiting User Info") == 2)
        #expect(map.stage(of: "Awaiting") == 2)
        #expect(map.stage(of: "CLOSED") == 4)
        #expect(map.stage(of: "-100") == nil)
        // An exact pattern wins over a prefix; the longest prefix wins among prefixes.
        let tricky = try StageMap(parsing: "Wait=Wait*,Vendor=Wait - Vendor*,User=Wait - User")
        #expect(tricky.stage(of: "Wait - User") == 2)
        #expect(tricky.stage(of: "Wait - Vendor") == 1)
        #expect(tricky.stage(of: "Wait - Customer") == 0)
        #expect(StageMap.preset(named: "ServiceNow")?.stageNames == ["New", "Active", "Awaiting", "Resolved", "Closed"])
        #expect(StageMap.preset(named: "servicenow")?.stage(of: "Awaiting Vendor") == 2)
        #expect(StageMap.preset(named: "jira")?.stage(of: "In Review") == 1)
        #expect(StageMap.presetNames == ["servicenow", "jira", "zendesk", "pagerduty"])
        #expect(StageMap.preset(named: "remedy") == nil)
    }

    struct BadMap: Sendable, CustomTestStringConvertible {
        let text: String
        let message: String
        var testDescription: String { text }
    }

    @Test("bad stage lists say what is wrong", arguments: [
        BadMap(text: "", message: "empty stage in ''"),
        BadMap(text: "New,,Closed", message: "empty stage in 'New,,Closed'"),
        BadMap(text: "New,new", message: "the stage 'new' is listed twice"),
        BadMap(text: "A=x|y,B=y", message: "the status 'y' is mapped to both 'A' and 'B'"),
        BadMap(text: "A=x|", message: "empty status in stage 'A=x|'"),
        BadMap(text: "=x", message: "a stage has an empty name"),
    ])
    func badMaps(_ c: BadMap) {
        do {
            _ = try StageMap(parsing: c.text)
            Issue.record("accepted '\(c.text)'")
        } catch {
            #expect(error.message.hasPrefix(c.message), "\(error.message)")
        }
    }

    @Test("the stage map's JSON form round-trips, statuses defaulting to the stage's name")
    func stageMapJSON() throws {
        let json = #"{"stages": [{"name": "New"}, {"name": "Doing", "statuses": ["Active", "Awaiting*"]}, {"name": "Done", "statuses": ["Resolved", "Closed"]}]}"#
        let map = try JSONDecoder().decode(StageMap.self, from: Data(json.utf8))
        #expect(map.stageNames == ["New", "Doing", "Done"])
        #expect(map.stage(of: "awaiting vendor") == 1)
        #expect(try JSONDecoder().decode(StageMap.self, from: JSONEncoder().encode(map)) == map)
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(StageMap.self, from: Data(#"{"stages": []}"#.utf8))
        }
    }

    static func flow(_ text: String, stages: String = serviceNow, from: String, to: String,
                     keepsStatusTimes: Bool = true, chunkSize: Int? = nil) throws -> FlowReport {
        var configuration = ReportConfiguration()
        configuration.windowStart = at(from)
        configuration.windowEnd = at(to)
        configuration.keepsStatusTimes = keepsStatusTimes
        var flow = FlowConfiguration()
        flow.period = .day
        flow.stages = try StageMap(parsing: stages)
        let log = try readLog(text, configuration: configuration, chunkSize: chunkSize)
        return try FlowReport(log: log, configuration: configuration, flow: flow)
    }

    /// Per period of the total: the stage lines, first to last.
    static func lines(_ report: FlowReport) -> [[Int]] {
        report.total.periods.map { $0.stages?.map(\.reached) ?? [] }
    }

    static let workflow = """
        id,event,timestamp,status
        A,opened,2024-05-01T09:00:00Z,New
        A,status,2024-05-01T10:00:00Z,Active
        A,status,2024-05-02T10:00:00Z,Resolved
        B,opened,2024-05-01T11:00:00Z,New
        B,status,2024-05-02T09:00:00Z,Awaiting User Info
        B,status,2024-05-02T15:00:00Z,Active
        B,status,2024-05-03T08:00:00Z,Closed
        C,opened,2024-04-20T08:00:00Z,New
        C,status,2024-04-21T08:00:00Z,Closed
        D,opened,2024-04-30T08:00:00Z,New
        D,status,2024-04-30T09:00:00Z,Active
        D,status,2024-05-02T12:00:00Z,Weird
        E,status,2024-05-03T07:00:00Z,In Progress

        """

    @Test("high-water marks, skipped stages, backward moves, done-before-window records left out")
    func workflowLines() throws {
        let report = try Self.flow(Self.workflow, from: "2024-05-01T00:00:00Z", to: "2024-05-04T00:00:00Z")
        // C was closed before the window: left out. D is Active at the start: New and Active lines at 1.
        #expect(report.total.stagesAtStart?.map(\.reached) == [1, 1, 0, 0, 0])
        #expect(report.total.stagesDoneBeforeStart == 1)
        // 05-01: A and B arrive (New); A Active.                  New 3, Active 2 (D, A).
        // 05-02: A Resolved skips Awaiting (both at 10:00); B Awaiting at 09:00 (which passes Active),
        //        then back to Active at 15:00 (a backward move).  New 3, Active 3, Awaiting 2, Resolved 1.
        // 05-03: B Closed skips Resolved; E arrives straight in Active (opened = its first event).
        //        New 4, Active 4, Awaiting 2 (A, B), Resolved 2 (A, B), Closed 1 (B).
        #expect(Self.lines(report) == [[3, 2, 0, 0, 0], [3, 3, 2, 1, 0], [4, 4, 2, 2, 1]])
        #expect(report.meta.stages == ["New", "Active", "Awaiting", "Resolved", "Closed"])
        let backward = report.dataQuality.recordIssues.first { $0.issue == "backward_stage_move" }
        #expect(backward?.count == 1 && backward?.firstIDs == ["B"])
        #expect(report.dataQuality.unmappedStatuses == [StatusCount(status: "Weird", records: 1)])
        // Lines never go down, and each stage's line is at most the one before it.
        for row in Self.lines(report) { #expect(zip(row, row.dropFirst()).allSatisfy { $0 >= $1 }) }
    }

    @Test("status times are kept only when asked for, and a diagram without them is an error")
    func onlyWhenConfigured() throws {
        var configuration = ReportConfiguration()
        #expect(try readLog(Self.workflow, configuration: configuration).statusTimes == nil)
        configuration.keepsStatusTimes = true
        #expect(try readLog(Self.workflow, configuration: configuration).statusTimes?.spans.count == 13)  // (record, status) pairs
        #expect(throws: ConfigurationError.self) {
            try Self.flow(Self.workflow, from: "2024-05-01T00:00:00Z", to: "2024-05-04T00:00:00Z", keepsStatusTimes: false)
        }
        // Without stages there are no stage lines.
        let plain = try CumulativeFlowTests.flow(Self.workflow, from: "2024-05-01T00:00:00Z", to: "2024-05-04T00:00:00Z")
        #expect(plain.meta.stages == nil && plain.total.stagesAtStart == nil && plain.total.periods.allSatisfy { $0.stages == nil })
        #expect(plain.dataQuality.unmappedStatuses == nil)
    }

    @Test("rows in any order and chunking give the same lines")
    func orderIndependent() throws {
        let lines = Self.workflow.split(separator: "\n").map(String.init)
        let reversed = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n"
        let expected = try Self.flow(Self.workflow, from: "2024-05-01T00:00:00Z", to: "2024-05-04T00:00:00Z")
        for chunk in [1, 13, nil] {
            let report = try Self.flow(reversed, from: "2024-05-01T00:00:00Z", to: "2024-05-04T00:00:00Z", chunkSize: chunk)
            #expect(report == expected)
        }
    }

    // MARK: - Random status histories against a brute-force model

    @Test("random status histories: lines equal a brute-force high-water model, read whole or merged")
    func randomHistories() throws {
        var rng = SplitMix64(seed: SplitMix64.configuredSeed)
        let statuses = ["New", "Active", "Awaiting Vendor", "Awaiting User Info", "Resolved", "Closed", "Weird"]
        let stageOf = [0, 1, 2, 2, 3, 4, -1]
        for index in 0..<100 {
            var rows: [String] = []
            var events: [(id: String, time: Int64, status: Int)] = []
            for record in 0..<(1 + Int(rng.next() % 10)) {
                var t = Int64(rng.next() % (6 * 24)) * 3600
                for _ in 0..<(1 + Int(rng.next() % 6)) {
                    let status = Int(rng.next() % UInt64(statuses.count))
                    events.append(("R\(record)", t, status))
                    rows.append("R\(record),\(RandomIncidentLog.stamp(t)),\(statuses[status])")
                    t += Int64(rng.next() % 30) * 3600
                }
            }
            rows.shuffle(using: &rng)
            let from = Int64(rng.next() % 4) * 86_400
            let to = from + (1 + Int64(rng.next() % 6)) * 86_400
            var configuration = ReportConfiguration()
            configuration.windowStart = RandomIncidentLog.timestamp(from)
            configuration.windowEnd = RandomIncidentLog.timestamp(to)
            configuration.keepsStatusTimes = true
            var flow = FlowConfiguration()
            flow.period = .day
            flow.stages = try StageMap(parsing: Self.serviceNow)
            let header = "id,timestamp,status"
            let text = ([header] + rows).joined(separator: "\n") + "\n"
            let report = try FlowReport(log: try readLog(text, configuration: configuration), configuration: configuration, flow: flow)
            let context = "case \(index), seed \(SplitMix64.configuredSeed):\n\(text)from \(from) to \(to)"

            // The model: per record, the furthest stage of any status seen by an instant (the
            // first event opens it, in the first stage); done before `from` → left out.
            var expected = [[Int]](repeating: [0, 0, 0, 0, 0], count: report.periods.count)
            var backward = 0
            var doneBefore = 0
            for id in Set(events.map(\.id)) {
                let own = events.filter { $0.id == id && $0.time <= to }
                guard let opened = own.map(\.time).min() else { continue }
                func furthest(by t: Int64) -> Int {
                    own.filter { $0.time <= t && stageOf[$0.status] >= 0 }.map { stageOf[$0.status] }.max().map { max($0, 0) } ?? 0
                }
                let mapped = own.filter { stageOf[$0.status] >= 0 }  // every status read (up to the as-of time)
                if mapped.contains(where: { a in mapped.contains { b in a.time < b.time && stageOf[a.status] > stageOf[b.status] } }) {
                    backward += 1
                }
                if furthest(by: from - 1) == 4 && opened < from {  // done before the window
                    doneBefore += 1
                    continue
                }
                for p in report.periods.indices {
                    let end = p + 1 < report.periods.count ? (report.periods[p + 1].start.microsecondsSinceEpoch / 1_000_000 - RandomIncidentLog.base) : to
                    guard opened <= end - 1 else { continue }
                    for s in 0...furthest(by: end - 1) { expected[p][s] += 1 }
                }
            }
            #expect(Self.lines(report) == expected, "\(context)")
            #expect(report.total.stagesDoneBeforeStart == doneBefore, "\(context)")
            #expect((report.dataQuality.recordIssues.first { $0.issue == "backward_stage_move" }?.count ?? 0) == backward, "\(context)")

            // Merged in three parts, grouped either way.
            let cut1 = Int(rng.next() % UInt64(rows.count + 1))
            let cut2 = cut1 + Int(rng.next() % UInt64(rows.count - cut1 + 1))
            let logs = try [rows[..<cut1], rows[cut1..<cut2], rows[cut2...]].map {
                try readLog(([header] + $0).joined(separator: "\n") + "\n", configuration: configuration)
            }
            var left = logs[0]
            left.merge(logs[1])
            left.merge(logs[2])
            var right = logs[1]
            right.merge(logs[2])
            var grouped = logs[0]
            grouped.merge(right)
            for merged in [left, grouped] {
                let mergedReport = try FlowReport(log: merged, configuration: configuration, flow: flow)
                #expect(mergedReport.total == report.total && mergedReport.dataQuality == report.dataQuality, "merge: \(context)")
            }
        }
    }
}
