import Foundation
import Testing

@testable import OpsMetrics

/// The real exports in `../shared/datasets` (next to the repository), read through their presets
/// with detection, as `opsmetrics report FILE` reads them. Expected counts and durations come from
/// each dataset's SOURCE.md, from DevLake's expected tables shipped with the data, or (marked
/// "oracle") from an independent Python script over the raw CSV applying the rules the preset
/// documents.
///
/// The tests skip, saying why, when the datasets are absent. Files above 2 MB take several seconds
/// in a debug build, so in debug builds they also skip unless `OPSMETRICS_DATASET_TESTS=1`;
/// `swift test -c release` runs them all.
/// Where the shared datasets are, and whether to read the large ones.
enum SharedDatasets {
    static let directory = fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/datasets")

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    static func available(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    static var largeFilesEnabled: Bool {
        #if DEBUG
        ProcessInfo.processInfo.environment["OPSMETRICS_DATASET_TESTS"] == "1"
        #else
        true
        #endif
    }

    static let serviceNow = "uci-incident-event-log/incident_event_log.csv"
    static let bpic2013 = "bpic2013-volvo-incidents/VINST-new.csv"
    static let helpdesk = "helpdesk-ticketing-log/helpdesk.csv"
    static let jira = "devlake-jira-merico/raw/_raw_jira_api_issues.csv"
    static let jiraExpected = "devlake-jira-merico/expected/issues.csv"
    static let pagerDuty = "incident-tool-api-samples/pagerduty/devlake_raw_pagerduty_incidents.csv"
    static let pagerDutyTrial = "incident-tool-api-samples/pagerduty/pagerduty_trial_incidents_export.csv"
    static let opsgenie = "incident-tool-api-samples/opsgenie/devlake_raw_opsgenie_incidents.csv"
    static let github = "incident-tool-api-samples/github-issues/devlake_raw_github_api_issues.csv"
    static let githubExpected = "incident-tool-api-samples/github-issues/devlake_expected_issues.csv"

    static let absent = "../shared/datasets is not next to the repository"
    static let large = "a large file: set OPSMETRICS_DATASET_TESTS=1 or run swift test -c release"

    /// Mean and median of `values`.
    static func meanAndMedian(_ values: [Double]) -> (mean: Double, median: Double) {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return (sorted.reduce(0, +) / Double(sorted.count), median)
    }

    /// Seconds from opened to the last resolution, over the resolved incidents.
    static func resolutionTimes(_ log: IncidentLog) -> [Double] {
        log.incidentTimes().compactMap { entry in entry.resolved.map { Double($0 - entry.opened) / 1_000_000 } }
    }

    /// Rows of a CSV file by header name, read with the library's own sampler.
    static func table(_ relative: String) throws -> [[String: String]] {
        let sample = try InputSample.read(path: path(relative), configuration: ReportConfiguration(), maxRows: 100_000)
        return sample.rows.map { row in
            var record: [String: String] = [:]
            for (column, name) in sample.header.enumerated() where column < row.count { record[name] = row[column] ?? "" }
            return record
        }
    }
}

@Suite("Presets on the real datasets")
struct PresetDatasetTests {
    typealias D = SharedDatasets

    @Test("servicenow on the UCI event log: 24,918 incidents, 24,905 resolved, 13 open, 275 reopened",
          .enabled(if: SharedDatasets.available(SharedDatasets.serviceNow), "\(SharedDatasets.absent)"), .enabled(if: SharedDatasets.largeFilesEnabled, "\(SharedDatasets.large)"))
    func serviceNowEventLog() throws {
        let read = try DialectRead(path: D.path(D.serviceNow))
        #expect(read.dialect.configuration.preset?.name == "servicenow")
        #expect(read.log.accounting.rowsRead == 141_712)
        #expect(read.log.accounting.rowsUsed == 141_712)
        // SOURCE.md: 24,918 incidents; 13 never pass through Resolved; 275 with reopen_count > 0.
        #expect(read.summary == LogSummary(records: 24_918, incidents: 24_918, resolved: 24_905, open: 13, reopened: 275, withoutLifecycle: 0))
        // SOURCE.md's worked incident INC0000715: Resolved at sys_mod 2, 6, 10; closed 24/3/2016 18:50.
        #expect(read.incidents["INC0000715"]?.firstResolved == micros("2016-03-03T08:36:00Z"))
        #expect(read.timeToResolve("INC0000715") == 786_780.0)
        #expect(read.state("INC0000715")?.closed == micros("2016-03-24T18:50:00Z"))
        #expect(read.timeToResolve("INC0000045") == 36_780.0)
        // Oracle: mean (last resolution − opened) over the 24,905 resolved incidents.
        let (mean, _) = D.meanAndMedian(D.resolutionTimes(read.log))
        #expect(abs(mean - 602_208.248) < 0.001)
        // The report runs: every row used, the 13 closed-but-never-resolved counted open.
        let report = read.report
        #expect(report.total.incidents == 24_918)
        #expect(report.total.openIncidents == 13)
        // Oracle: each incident's last contact_type is Phone 24,688, Self service 158, Email 59,
        // IVR 9 (users) and Direct opening 4 (unmapped): monitoring found none.
        var detected = DetectionCounts()
        (detected.user, detected.unmapped) = (24_914, 4)
        #expect(report.total.detectedBy == detected)
        #expect(report.total.detectedBy.monitoringShare == 0)
        #expect(report.dataQuality.unmappedDetectionSources == ["Direct opening": 4])
    }

    @Test("servicenow from resolved_at alone reproduces SOURCE.md's 23,362 incidents, mean 178.17 h, median 22.1 h",
          .enabled(if: SharedDatasets.available(SharedDatasets.serviceNow), "\(SharedDatasets.absent)"), .enabled(if: SharedDatasets.largeFilesEnabled, "\(SharedDatasets.large)"))
    func serviceNowResolvedAt() throws {
        // Status rows no longer resolve: only the resolved_at column does.
        let read = try DialectRead(path: D.path(D.serviceNow), preset: "servicenow") { configuration in
            configuration.statusMap = ["Resolved": "status", "Closed": "status"]
        }
        let times = D.resolutionTimes(read.log)
        #expect(times.count == 23_362)
        let (mean, median) = D.meanAndMedian(times)
        #expect(abs(mean / 3600 - 178.17) < 0.005)
        #expect(abs(median / 3600 - 22.1) < 0.05)
    }

    @Test("bpic2013 on VINST: 7,554 cases, 514 reopened (pushed back), 9 open",
          .enabled(if: SharedDatasets.available(SharedDatasets.bpic2013), "\(SharedDatasets.absent)"), .enabled(if: SharedDatasets.largeFilesEnabled, "\(SharedDatasets.large)"))
    func bpic2013() throws {
        let read = try DialectRead(path: D.path(D.bpic2013))
        #expect(read.dialect.configuration.preset?.name == "bpic2013")
        #expect(read.log.accounting.rowsUsed == 65_533)
        // SOURCE.md: 7,554 cases; 514 Completed then non-Completed; 8 end while Accepted. The ninth
        // open case, 1-737379684, ends Completed/Cancelled after a push-back: a cancellation is no
        // resolution (oracle).
        #expect(read.summary == LogSummary(records: 7_554, incidents: 7_554, resolved: 7_545, open: 9, reopened: 514, withoutLifecycle: 0))
        #expect(read.incidents["1-737379684"]?.resolved == nil)
        #expect(read.timeToResolve("1-364285768") == 65_988_630.0)
        let (mean, median) = D.meanAndMedian(D.resolutionTimes(read.log))
        #expect(abs(mean - 724_221.469) < 0.001)  // oracle
        #expect(median == 54_862)  // oracle
    }

    @Test("helpdesk on the Helpdesk log: 4,580 tickets, 4,569 resolved",
          .enabled(if: SharedDatasets.available(SharedDatasets.helpdesk), "\(SharedDatasets.absent)"), .enabled(if: SharedDatasets.largeFilesEnabled, "\(SharedDatasets.large)"))
    func helpdeskLog() throws {
        let read = try DialectRead(path: D.path(D.helpdesk))
        #expect(read.dialect.configuration.preset?.name == "helpdesk")
        #expect(read.log.accounting.rowsUsed == 21_348)
        #expect(read.summary == LogSummary(records: 4_580, incidents: 4_580, resolved: 4_569, open: 11, reopened: 0, withoutLifecycle: 0))
        #expect(read.timeToResolve("Case3608") == 1_383_129.0)
        let (mean, _) = D.meanAndMedian(D.resolutionTimes(read.log))
        #expect(abs(mean - 996_238.963) < 0.001)  // oracle
    }

    @Test("jira on Merico's REST issues: 33 issues, 3 open, 15 reopens; resolutions match DevLake's lead times",
          .enabled(if: SharedDatasets.available(SharedDatasets.jira), "\(SharedDatasets.absent)"))
    func jiraREST() throws {
        let read = try DialectRead(path: D.path(D.jira))
        #expect(read.dialect.configuration.preset?.name == "jira")
        // SOURCE.md: 30 done, 3 To Do; 15 status changes out of a done status, one per issue here.
        #expect(read.summary == LogSummary(records: 33, incidents: 33, resolved: 30, open: 3, reopened: 15, withoutLifecycle: 0))
        let expected = try D.table(D.jiraExpected)
        #expect(expected.count == 30)
        for row in expected {
            let key = try #require(row["issue_key"])
            let opened = try #require(Timestamp(parsing: row["created_date"] ?? ""))
            #expect(read.incidents[key]?.opened == opened.microsecondsSinceEpoch, "\(key)")
            // DevLake's lead time: whole minutes from created to resolutiondate. Ours ends at the last
            // move into a done status, which can be milliseconds after resolutiondate.
            let minutes = try #require(Int(row["lead_time_minutes"] ?? ""))
            let ours = try #require(read.timeToResolve(key))
            #expect(Int(ours / 60) == minutes, "\(key)")
        }
    }

    @Test("pagerduty on DevLake's raw incidents and on a trial account's GET /incidents dump",
          .enabled(if: SharedDatasets.available(SharedDatasets.pagerDuty), "\(SharedDatasets.absent)"))
    func pagerDutyRaw() throws {
        let read = try DialectRead(path: D.path(D.pagerDuty))
        #expect(read.summary == LogSummary(records: 3, incidents: 3, resolved: 1, open: 2, reopened: 0, withoutLifecycle: 0))
        // SOURCE.md: #6 created 06:45:36, acknowledged 06:45:46, resolved 06:51:44 (DevLake: 6 min).
        #expect(read.timeToResolve("6") == 368.0)
        #expect(read.state("6")?.acknowledged == micros("2022-11-03T06:45:46Z"))
        #expect(read.state("5")?.acknowledged == micros("2022-11-03T06:44:37Z"))
        // All three were triggered through the website (trigger log entries' channel web_trigger).
        #expect(["4", "5", "6"].map { read.attribute($0, .detectedBy) } == ["web_trigger", "web_trigger", "web_trigger"])
        #expect(read.report.total.detectedBy.user == 3 && read.report.total.detectedBy.monitoringShare == 0)

        let trial = try DialectRead(path: D.path(D.pagerDutyTrial))
        #expect(trial.dialect.configuration.preset?.name == "pagerduty")
        // #1 and #3 triggered, #2 acknowledged at 23:41:28 after being created at 23:31:41.
        #expect(trial.summary == LogSummary(records: 3, incidents: 3, resolved: 0, open: 3, reopened: 0, withoutLifecycle: 0))
        #expect(trial.state("2")?.acknowledged == micros("2021-05-23T23:41:28Z"))
        #expect(trial.attribute("2", .service) == nil, "the Python-repr service column is not read")
    }

    @Test("opsgenie on DevLake's raw incidents: Incident#2 resolved after 53.487 s", .enabled(if: SharedDatasets.available(SharedDatasets.opsgenie), "\(SharedDatasets.absent)"))
    func opsgenieRaw() throws {
        let read = try DialectRead(path: D.path(D.opsgenie))
        #expect(read.summary == LogSummary(records: 2, incidents: 2, resolved: 1, open: 1, reopened: 0, withoutLifecycle: 0))
        #expect(read.timeToResolve("1") == 53.487)
    }

    @Test("github on panjf2000/ants: 26 issues, 16 pull requests excluded, lead times match DevLake's",
          .enabled(if: SharedDatasets.available(SharedDatasets.github), "\(SharedDatasets.absent)"))
    func githubRaw() throws {
        let read = try DialectRead(path: D.path(D.github))
        #expect(read.summary == LogSummary(records: 26, incidents: 26, resolved: 26, open: 0, reopened: 0, withoutLifecycle: 0))
        #expect(read.log.accounting.skipped["excluded_by_preset"]?.count == 16)
        let expected = try D.table(D.githubExpected)
        #expect(expected.count == 26)
        for row in expected {
            let key = try #require(row["issue_key"])
            let minutes = try #require(Int(row["lead_time_minutes"] ?? ""))
            let ours = try #require(read.timeToResolve(key))
            #expect(Int(ours / 60) == minutes, "#\(key)")
        }
    }
}
