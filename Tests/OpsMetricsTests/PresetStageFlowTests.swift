import Testing

@testable import OpsMetrics

/// The cumulative flow by stage through every input path a preset reads: nested REST payloads
/// (Jira issues with changelogs, PagerDuty incidents with log entries, as a JSON page and as a
/// DevLake raw table) and flat exports (ServiceNow, Jira CSV). Each test asserts the exact stage
/// lines, worked out by hand from the fixture in the comment beside them (issue 18: the nested
/// path used to drop every status history, which the invariant-only tests did not notice).
@Suite("Stage lines on preset fixtures")
struct PresetStageFlowTests {
    /// The total's stage lines per period (`(window start)` first), read with status times kept.
    static func stageLines(fixture: String, stages: String, period: CalendarUnit = .month, threads: Int? = nil) throws -> [[Int]] {
        let read = try DialectRead(fixture: fixture) { $0.keepsStatusTimes = true }
        var flow = FlowConfiguration()
        flow.period = period
        flow.stages = try StageMap(parsing: stages)
        let report = try FlowReport(log: read.log, configuration: read.dialect.configuration, flow: flow)
        return [report.total.stagesAtStart?.map(\.reached) ?? []] + report.total.periods.map { $0.stages?.map(\.reached) ?? [] }
    }

    @Test("jira REST page: the changelog's statuses reach each stage")
    func jiraREST() throws {
        // EE-14: created 2020-06-12, To Do → Resolved 09:22 (+0800), Resolved → To Do, To Do → Open,
        // Open → Resolved 2020-06-15, Closed, 已完成: Done in 2020-06. K5-2: To Do, created 2022-07.
        let lines = try Self.stageLines(fixture: "jira-rest-page.json", stages: "To Do,In Progress=Open,Done=Resolved|Closed|已完成")
        #expect(lines.first == [0, 0, 0])
        #expect(lines[1] == [1, 1, 1])  // 2020-06
        #expect(lines.last == [2, 1, 1])  // 2022-07
        #expect(lines.count == 1 + 26)  // 2020-06 … 2022-07
    }

    @Test("pagerduty REST (DevLake raw table): log entries give the statuses, an escalation back still reached Acknowledged")
    func pagerDutyREST() throws {
        // #4 triggered 06:23:06, acknowledged 06:23:07, now triggered again; #5 acknowledged 06:44:37;
        // #6 acknowledged 06:45:46, resolved 06:51:44.
        let lines = try Self.stageLines(fixture: "pagerduty-devlake-raw.csv", stages: "Triggered,Acknowledged,Resolved")
        #expect(lines == [[0, 0, 0], [3, 3, 1]])
        // #4 went back to triggered at its last status change (07:02:36), after its acknowledgements.
        let read = try DialectRead(fixture: "pagerduty-devlake-raw.csv") { $0.keepsStatusTimes = true }
        var flow = FlowConfiguration()
        flow.stages = try StageMap(parsing: "Triggered,Acknowledged,Resolved")
        let report = try FlowReport(log: read.log, configuration: read.dialect.configuration, flow: flow)
        #expect(report.dataQuality.recordIssues.map(\.issue) == ["backward_stage_move"])
        #expect(report.dataQuality.recordIssues.first?.count == 1)
    }

    @Test("servicenow (flat CSV): status rows by month")
    func serviceNow() throws {
        let lines = try Self.stageLines(fixture: "servicenow-event-log.csv", stages: "New,Active,Awaiting=Awaiting*,Resolved,Closed")
        #expect(lines == [[0, 0, 0, 0, 0], [2, 2, 2, 2, 0], [4, 4, 4, 4, 4]])
    }

    @Test("jira CSV export (flat): the current status at its row time")
    func jiraCSV() throws {
        let lines = try Self.stageLines(fixture: "jira-export.csv", stages: "To Do,In Progress,Done")
        #expect(lines == [[0, 0, 0], [1, 1, 1], [3, 1, 1], [3, 1, 1]])
    }
}
