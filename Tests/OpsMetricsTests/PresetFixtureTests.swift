import Testing

@testable import OpsMetrics

/// Every preset on a small fixture: excerpts of the real exports (servicenow, bpic2013, helpdesk,
/// jira REST, pagerduty REST, opsgenie, github, zendesk) or files written from the tools'
/// documented columns (jira CSV, pagerduty CSV, ivanti, rt). Each expected value is worked out
/// by hand in the comment beside it.
@Suite("Presets on fixtures")
struct PresetFixtureTests {
    @Test("servicenow: status rows resolve and close, resolved_at repeats harmlessly, reopen_count counts reopens")
    func serviceNow() throws {
        let read = try DialectRead(fixture: "servicenow-event-log.csv")
        #expect(read.dialect.configuration.preset?.name == "servicenow")
        #expect(read.dialect.presetSource == "detected")
        // INC0000045, INC0000715 (reopened twice), INC0000137 (rows out of order), INC0003115 (closed, never resolved).
        #expect(read.summary == LogSummary(records: 4, incidents: 4, resolved: 3, open: 1, reopened: 1, withoutLifecycle: 0))
        // INC0000045: opened 29/2/2016 01:16; Resolved rows at 08:53 and 11:29 → first and last resolution.
        #expect(read.incidents["INC0000045"]?.firstResolved == micros("2016-02-29T08:53:00Z"))
        #expect(read.timeToResolve("INC0000045") == 36780.0)
        // INC0000715: opened 1/3/2016 13:03, resolved 3/3 08:36, reopened, ..., resolved 10/3 15:36.
        #expect(read.incidents["INC0000715"]?.firstResolved == micros("2016-03-03T08:36:00Z"))
        #expect(read.timeToResolve("INC0000715") == 786780.0)
        #expect(read.state("INC0000715")?.reopenCounter == 2)
        // INC0000137: opened 09:48, resolved 11:03 (a later-written New row at 11:10 comes first in the file).
        #expect(read.timeToResolve("INC0000137") == 4500.0)
        // INC0003115: New then Closed; never resolved, so open by the contract.
        #expect(read.incidents["INC0003115"]?.resolved == nil)
        #expect(read.state("INC0003115")?.closed == micros("2016-03-07T17:53:00Z"))
        #expect(read.attribute("INC0000045", .reason) == "code 5")
        #expect(read.attribute("INC0000045", .priority) == "3 - Moderate")
        #expect(read.attribute("INC0000045", .status) == "Closed")
        let total = read.report.total
        #expect(total.timeToResolve.count == 3)
        #expect(total.timeToResolve.meanSeconds == (36_780.0 + 786_780.0 + 4_500.0) / 3)
    }

    @Test("bpic2013: BOM, +01:00 offsets, sub-statuses resolve and a push-back reopens")
    func bpic2013() throws {
        let read = try DialectRead(fixture: "bpic2013.csv")
        #expect(read.dialect.configuration.preset?.name == "bpic2013")
        // 1-364285768: Completed/Resolved on 2010-04-06, pushed back (Queued), resolved again 2012-05-03;
        // 1-739197171: never completed.
        #expect(read.summary == LogSummary(records: 2, incidents: 2, resolved: 1, open: 1, reopened: 1, withoutLifecycle: 0))
        #expect(read.incidents["1-364285768"]?.opened == micros("2010-03-31T14:59:42Z"))
        #expect(read.incidents["1-364285768"]?.firstResolved == micros("2010-04-06T14:44:51Z"))
        // 2010-03-31T15:59:42+01:00 → 2012-05-03T10:10:12+01:00: 763 days 18 h 10 min 30 s.
        #expect(read.timeToResolve("1-364285768") == 65988630.0)
        #expect(read.state("1-364285768")?.closed == micros("2012-05-10T23:26:15Z"))
        #expect(read.attribute("1-364285768", .service) == "PROD582")
        #expect(read.attribute("1-364285768", .severity) == "Medium")
        #expect(read.incidents["1-739197171"]?.opened == micros("2012-05-03T06:46:25Z"))
    }

    @Test("helpdesk: activities through the event map; duplicate rows fold once")
    func helpdesk() throws {
        let read = try DialectRead(fixture: "helpdesk.csv")
        #expect(read.dialect.configuration.preset?.name == "helpdesk")
        #expect(read.summary == LogSummary(records: 2, incidents: 2, resolved: 1, open: 1, reopened: 0, withoutLifecycle: 0))
        #expect(read.log.accounting.rowsUsed == 11)
        let state = try #require(read.state("Case3608"))
        #expect(state.opened == micros("2010-01-13T08:40:25Z"))
        #expect(state.acknowledged == micros("2010-01-29T08:52:27Z"))
        #expect(state.closed == micros("2010-02-13T08:52:48Z"))
        // 2010-01-13 08:40:25 → 2010-01-29 08:52:34: 16 d 0 h 12 min 9 s.
        #expect(read.timeToResolve("Case3608") == 1383129.0)
        // MTTA pools both tickets: 16 d 0 h 12 min 2 s and (Case2300) 13 d 16 h 24 min 25 s.
        #expect(read.report.total.mtta.meanSeconds == (1_383_122.0 + 1_182_265.0) / 2)
        // Case2300: assigned, taken in charge, waiting for an upgrade: open.
        #expect(read.incidents["Case2300"]?.resolved == nil)
    }

    @Test("helpdesk: an activity the preset does not know is an error, unless mapped")
    func helpdeskUnknownActivity() throws {
        let text = "concept:name,time:timestamp,case:concept:name\nEscalate to vendor,2010-01-13 08:40:25+00:00,C1\n"
        var configuration = ReportConfiguration()
        configuration.preset = Preset.named("helpdesk")
        #expect(throws: ParseError.self) { _ = try readLog(text, configuration: configuration) }
        configuration.eventMap = ["Escalate to vendor": "status"]
        #expect(try readLog(text, configuration: configuration).summary.incidents == 1)
    }

    @Test("jira REST: a search page, changelog reopen, done-to-done migration ignored, +0800 offsets")
    func jiraREST() throws {
        let read = try DialectRead(fixture: "jira-rest-page.json")
        #expect(read.dialect.configuration.preset?.name == "jira")
        // EE-14 (resolved, reopened, resolved again) and K5-2 (To Do).
        #expect(read.summary == LogSummary(records: 2, incidents: 2, resolved: 1, open: 1, reopened: 1, withoutLifecycle: 0))
        // created 2020-06-12T08:24:25.922+0800; first To Do → Resolved at 09:22:30.323+0800.
        #expect(read.incidents["EE-14"]?.opened == micros("2020-06-12T00:24:25.922Z"))
        #expect(read.incidents["EE-14"]?.firstResolved == micros("2020-06-12T01:22:30.323Z"))
        // Last resolution: Open → Resolved at 2020-06-15T16:59:51.341+0800 (resolutiondate .304 is
        // 37 ms earlier); Resolved → Closed and the 2021 Closed → 已完成 migration change nothing.
        #expect(read.incidents["EE-14"]?.resolved == micros("2020-06-15T08:59:51.341Z"))
        // DevLake's lead time for EE-14: 4835 whole minutes.
        #expect(Int((try #require(read.timeToResolve("EE-14"))) / 60) == 4835)
        #expect(read.attribute("EE-14", .status) == "已完成")
        #expect(read.attribute("EE-14", .service) == "EE")
        #expect(read.incidents["K5-2"]?.resolved == nil)
    }

    @Test("jira CSV export: BOM, repeated column names (the first wins), d/MMM/yy h:mm a")
    func jiraCSV() throws {
        let read = try DialectRead(fixture: "jira-export.csv")
        #expect(read.dialect.configuration.preset?.name == "jira")
        #expect(read.summary == LogSummary(records: 3, incidents: 3, resolved: 2, open: 1, reopened: 0, withoutLifecycle: 0))
        // OPS-1: 12/Mar/24 3:45 PM → 5:15 PM.
        #expect(read.incidents["OPS-1"]?.opened == micros("2024-03-12T15:45:00Z"))
        #expect(read.timeToResolve("OPS-1") == 5400.0)
        #expect(read.attribute("OPS-1", .service) == "payments")
        #expect(read.attribute("OPS-1", .kind) == "Incident")
        #expect(read.attribute("OPS-1", .reason) == "Done")
        // OPS-2: reopened in Jira, Resolved cleared: open.
        #expect(read.incidents["OPS-2"]?.resolved == nil)
        // OPS-3: 30/Apr/24 11:59 PM → 2/May/24 12:01 AM (12 AM is midnight): 1 d 0 h 2 min.
        #expect(read.timeToResolve("OPS-3") == 86520.0)
        #expect(read.attribute("OPS-3", .service) == nil)
    }

    @Test("pagerduty REST (DevLake raw table): acknowledgements from log entries, resolve entry")
    func pagerDutyREST() throws {
        let read = try DialectRead(fixture: "pagerduty-devlake-raw.csv")
        #expect(read.dialect.configuration.preset?.name == "pagerduty")
        #expect(read.summary == LogSummary(records: 3, incidents: 3, resolved: 1, open: 2, reopened: 0, withoutLifecycle: 0))
        // #4 triggered 06:23:06, acknowledged 06:23:07 then back to triggered: first ack kept.
        #expect(read.state("4")?.acknowledged == micros("2022-11-03T06:23:07Z"))
        #expect(read.state("5")?.acknowledged == micros("2022-11-03T06:44:37Z"))
        // #6: created 06:45:36, resolve log entry 06:51:44: 6 min 8 s (DevLake: lead time 6 min).
        #expect(read.timeToResolve("6") == 368.0)
        #expect(read.attribute("6", .service) == "DevService")
        #expect(read.attribute("6", .severity) == "low")
        // MTTA: (1 + 9 + 10) / 3 s, rounded to the microsecond.
        #expect(read.report.total.mtta.meanSeconds == 6.666667)
    }

    @Test("pagerduty incidents CSV: created_on / acknowledged_on / resolved_on, service_name, urgency")
    func pagerDutyCSV() throws {
        let read = try DialectRead(fixture: "pagerduty-incidents.csv")
        #expect(read.dialect.configuration.preset?.name == "pagerduty")
        #expect(read.summary == LogSummary(records: 3, incidents: 3, resolved: 2, open: 1, reopened: 0, withoutLifecycle: 0))
        #expect(read.timeToResolve("101") == 2700.0)
        #expect(read.timeToResolve("102") == 3600.0)
        #expect(read.incidents["103"]?.resolved == nil)
        #expect(read.attribute("101", .service) == "checkout")
        #expect(read.attribute("102", .severity) == "low")
        #expect(read.report.total.mtta.meanSeconds == (300.0 + 120.0) / 2)
    }

    @Test("opsgenie (DevLake raw table): impact start and end, 2- and 3-digit fractions")
    func opsgenie() throws {
        let read = try DialectRead(fixture: "opsgenie-devlake-raw.csv")
        #expect(read.dialect.configuration.preset?.name == "opsgenie")
        #expect(read.summary == LogSummary(records: 2, incidents: 2, resolved: 1, open: 1, reopened: 0, withoutLifecycle: 0))
        // tinyId 1: created 18:20:28.003, impact ended and updated 18:21:21.49: 53.487 s.
        #expect(read.timeToResolve("1") == 53.487)
        #expect(read.state("1")?.recovered == micros("2023-09-05T18:21:21.490Z"))
        #expect(read.report.total.mttr.meanSeconds == 53.487)
        #expect(read.attribute("1", .priority) == "P5")
        #expect(read.incidents["3"]?.resolved == nil)
    }

    @Test("github (DevLake raw table): issues open and close, pull requests are counted as excluded")
    func github() throws {
        let read = try DialectRead(fixture: "github-devlake-raw.csv")
        #expect(read.dialect.configuration.preset?.name == "github")
        #expect(read.summary == LogSummary(records: 2, incidents: 2, resolved: 2, open: 0, reopened: 0, withoutLifecycle: 0))
        #expect(read.log.accounting.rowsRead == 3)
        #expect(read.log.accounting.skipped["excluded_by_preset"]?.count == 1)
        // #5: 2018-08-02T03:09:57Z → 2018-08-03T15:32:00Z = 36 h 22 min 3 s (DevLake: 2182 min).
        #expect(read.timeToResolve("5") == 130923.0)
        #expect(read.timeToResolve("6") == 107173.0)
        #expect(read.attribute("5", .service) == "panjf2000/ants")
        #expect(read.attribute("6", .reason) == "bug")
    }

    @Test("zendesk tickets: solved and closed resolve at updated_at; deleted stays open")
    func zendesk() throws {
        let read = try DialectRead(fixture: "zendesk-tickets.csv")
        #expect(read.dialect.configuration.preset?.name == "zendesk")
        // 7 closed + 1 solved resolved; 2 deleted open.
        #expect(read.summary == LogSummary(records: 10, incidents: 10, resolved: 8, open: 2, reopened: 0, withoutLifecycle: 0))
        // 11071: created 2020-08-28 18:06:36, closed (updated) 2020-11-15 11:01:27.
        #expect(read.timeToResolve("11071") == 6800091.0)
        #expect(read.attribute("11071", .priority) == "urgent")
        #expect(read.incidents["1595"]?.resolved == nil)
    }

    @Test("ivanti: field names, a month-first layout detected because a day is 14")
    func ivanti() throws {
        let read = try DialectRead(fixture: "ivanti-incidents.csv")
        #expect(read.dialect.configuration.preset?.name == "ivanti")
        #expect(read.dialect.configuration.timeFormat?.pattern == "M/d/yyyy h:mm a")
        #expect(read.summary == LogSummary(records: 3, incidents: 3, resolved: 2, open: 1, reopened: 0, withoutLifecycle: 0))
        // 10001: 3/14/2024 2:05 PM, first response 2:20 PM, resolved 4:35 PM.
        #expect(read.timeToResolve("10001") == 9000.0)
        #expect(read.state("10001")?.acknowledged == micros("2024-03-14T14:20:00Z"))
        // 10002: 3/2/2024 9:00 AM → 3/4/2024 9:30 AM.
        #expect(read.timeToResolve("10002") == 174600.0)
        #expect(read.attribute("10001", .reason) == "Hardware Failure")
        #expect(read.attribute("10002", .service) == "VPN")
    }

    @Test("rt: tab-separated search results, 'Not set' dates, Queue as the service")
    func requestTracker() throws {
        let read = try DialectRead(fixture: "rt-tickets.tsv")
        #expect(read.dialect.configuration.preset?.name == "rt")
        #expect(read.summary == LogSummary(records: 3, incidents: 3, resolved: 2, open: 1, reopened: 0, withoutLifecycle: 0))
        #expect(read.timeToResolve("1") == 7200.0)
        #expect(read.state("1")?.acknowledged == micros("2024-03-01T10:10:00Z"))
        #expect(read.timeToResolve("3") == 1800.0)
        #expect(read.incidents["2"]?.resolved == nil)
        #expect(read.attribute("2", .service) == "Ops")
    }
}
