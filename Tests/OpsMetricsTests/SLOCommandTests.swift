import Foundation
import Testing

@testable import OpsMetrics
@testable import opsmetrics_cli

/// `opsmetrics slo` in-process: the fixture in `Fixtures/slo/`, the flags of the simple case, and
/// usage errors that name the file, the key and what was expected.
@Suite struct SLOCommandTests {
    static let tickets = fixturesDirectory.appendingPathComponent("slo/tickets.csv").path
    static let objectives = fixturesDirectory.appendingPathComponent("slo/objectives.json").path
    static let run = CommandLineToolTests.run

    @Test func flagsTable() {
        let r = Self.run([
            "slo", "--slo", "P1:resolution=4h,response=15m", "--calendar", "Mon-Fri 09:00-17:00 UTC", "--pause", "Awaiting customer",
            "--as-of", "2024-06-12T00:00:00Z", Self.tickets,
        ])
        #expect(r.status == .success)
        #expect(r.stdout == """
            OBJECTIVE      SERVICE  MET  BREACHED  PENDING  COMPLIANCE     P50     P90  WORST BREACHES
            P1 resolution  *          2         2        0       50.0%   2h 0m   5h 0m  C,B
            P1 resolution  db         0         1        0        0.0%   5h 0m   5h 0m  B
            P1 resolution  web        2         1        0       66.7%   2h 0m   2h 0m  C
            P1 response    *          1         3        0       25.0%  10m 0s  10m 0s  B,C,E
            P1 response    db         0         1        0        0.0%       -       -  B
            P1 response    web        1         2        0       33.3%  10m 0s  10m 0s  C,E
            as of 2024-06-12T00:00:00Z

            """)
    }

    @Test func objectivesFileCSV() {
        let r = Self.run(["slo", "--objectives", Self.objectives, "--as-of", "2024-06-12T00:00:00Z", "--format", "csv", Self.tickets])
        #expect(r.status == .success)
        // London (BST): A counts Tuesday 09:30-11:00Z only (Monday 16:00Z is 17:00 local; the pause
        // covers Tuesday 08:00-09:30Z); B: Friday 15:00-16:00Z and Monday 08:00-12:00Z = 5 h.
        #expect(r.stdout.contains("P1 resolution,A,web,met,2024-06-10T16:00:00Z,2024-06-11T11:00:00Z,5400,9000\n"))
        #expect(r.stdout.contains("P1 resolution,B,db,breached,2024-06-07T15:00:00Z,2024-06-10T12:00:00Z,18000,-3600\n"))
        #expect(r.stdout.contains("P2 resolution,D,web,pending,2024-06-11T15:00:00Z,,3600,25200\n"))
    }

    @Test func jsonHasSchemaAndDefinitions() throws {
        let r = Self.run(["slo", "--objectives", Self.objectives, "--as-of", "2024-06-12T00:00:00Z", "--format", "json", Self.tickets])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 1)
        let meta = try #require(object["meta"] as? [String: Any])
        #expect((meta["definitions"] as? [String: Any])?["compliance"] != nil)
        let summaries = try #require(object["summaries"] as? [[String: Any]])
        #expect(summaries.count == 8 && summaries[6]["compliance"] is NSNull)
    }

    @Test("ids and services that need escaping come out intact in JSON and CSV, verdicts in byte order of id")
    func escapedIDsAndByteOrder() throws {
        let csv = """
            id,timestamp,event,priority,service
            "b,""2""\\x",2024-06-10T09:00:00Z,opened,P1,"Zahlung – Köln"
            "b,""2""\\x",2024-06-10T10:00:00.25Z,resolved,,
            Z9,2024-06-10T09:00:00Z,opened,P1,"tab\there"
            a1,2024-06-10T09:00:00Z,opened,P1,web
            a1,2024-06-10T18:00:00.000125Z,resolved,,

            """
        try CommandLineToolTests.withFiles(["t.csv": csv]) { dir in
            let path = dir.appendingPathComponent("t.csv").path
            let json = Self.run(["slo", "--slo", "P1:resolution=4h", "--as-of", "2024-06-11T00:00:00Z", "--format", "json", path])
            #expect(json.status == .success)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let records = try #require(object["records"] as? [[String: Any]])
            // Byte order: "Z9" (0x5A) before "a1" (0x61) before "b,..." (0x62).
            #expect(records.map { $0["id"] as? String } == ["Z9", "a1", "b,\"2\"\\x"])
            #expect(records.map { $0["service"] as? String } == ["tab\there", "web", "Zahlung – Köln"])
            #expect(records.map { $0["stop"] as? String } == [nil, "2024-06-10T18:00:00.000125Z", "2024-06-10T10:00:00.250Z"])
            #expect(records.map { $0["business_elapsed_seconds"] as? Double } == [54_000, 32_400.000125, 3600.25])
            #expect(records.map { $0["remaining_seconds"] as? Double } == [-39_600, -18_000.000125, 10_799.75])
            let table = Self.run(["slo", "--slo", "P1:resolution=4h", "--as-of", "2024-06-11T00:00:00Z", "--format", "csv", path])
            #expect(table.stdout == """
                objective,id,service,verdict,start,stop,business_elapsed_seconds,remaining_seconds
                P1 resolution,Z9,tab\there,breached,2024-06-10T09:00:00Z,,54000,-39600
                P1 resolution,a1,web,breached,2024-06-10T09:00:00Z,2024-06-10T18:00:00.000125Z,32400.000125,-18000.000125
                P1 resolution,"b,""2""\\x",Zahlung – Köln,met,2024-06-10T09:00:00Z,2024-06-10T10:00:00.250Z,3600.250000,10799.750000

                """)
        }
    }

    @Test func unmatchedObjectiveWarnsAndPriorityMapMatches() throws {
        try CommandLineToolTests.withFiles(["t.csv": "id,timestamp,event,priority\nS,2024-06-10T09:00:00Z,opened,1 - Critical\nS,2024-06-10T10:00:00Z,resolved,\n"]) { dir in
            let path = dir.appendingPathComponent("t.csv").path
            let plain = Self.run(["slo", "--slo", "P1:resolution=4h", path])
            #expect(plain.stderr.contains("objective 'P1 resolution' matched no record"))
            let mapped = Self.run(["slo", "--slo", "P1:resolution=4h", "--priority-map", "1 - Critical=P1", "--format", "csv", path])
            #expect(mapped.stderr.isEmpty)
            #expect(mapped.stdout.contains("P1 resolution,S,(no service),met,2024-06-10T09:00:00Z,2024-06-10T10:00:00Z,3600,10800\n"))
        }
    }

    @Test("a preset's priority names match objectives for P1..P4 (ServiceNow '1 - Critical'), and --priority-map goes over them")
    func presetPriorityNames() throws {
        // A ServiceNow event log (detected by number, opened_at and incident_state): A is P1,
        // resolved in 3 h; B is P3 at first, then raised to 1 - Critical (the last priority applies).
        let csv = """
        number,incident_state,opened_at,sys_updated_at,priority
        A,New,10/6/2024 09:00,10/6/2024 09:00,1 - Critical
        A,Resolved,10/6/2024 09:00,10/6/2024 12:00,1 - Critical
        B,New,10/6/2024 09:00,10/6/2024 09:00,3 - Moderate
        B,Active,10/6/2024 09:00,10/6/2024 10:00,1 - Critical
        B,Resolved,10/6/2024 09:00,10/6/2024 15:00,1 - Critical
        C,New,10/6/2024 09:00,10/6/2024 09:00,3 - Moderate

        """
        try CommandLineToolTests.withFiles(["sn.csv": csv]) { dir in
            let path = dir.appendingPathComponent("sn.csv").path
            let preset = Self.run(["slo", "--slo", "P1:resolution=4h", "--slo", "P3:resolution=1h", "--as-of", "2024-06-10T16:00:00Z", "--format", "csv", path])
            #expect(preset.status == .success)
            #expect(!preset.stderr.contains("matched no record"))
            #expect(preset.stdout.contains("P1 resolution,A,(no service),met,2024-06-10T09:00:00Z,2024-06-10T12:00:00Z,10800,3600\n"))
            #expect(preset.stdout.contains("P1 resolution,B,(no service),breached,2024-06-10T09:00:00Z,2024-06-10T15:00:00Z,21600,-7200\n"))
            #expect(preset.stdout.contains("P3 resolution,C,(no service),breached,"))
            // The data's own spelling still matches, and a --priority-map entry wins over the preset's.
            let spelled = Self.run(["slo", "--slo", "1 - Critical:resolution=4h", "--as-of", "2024-06-10T16:00:00Z", "--format", "csv", path])
            #expect(spelled.stdout.contains("1 - Critical resolution,A,(no service),met,"))
            let remapped = Self.run(["slo", "--slo", "P1:resolution=4h", "--priority-map", "1 - Critical=P0", "--as-of", "2024-06-10T16:00:00Z", path])
            #expect(remapped.stderr.contains("objective 'P1 resolution' matched no record"))
        }
    }

    @Test("--period: a verdict counts in the month its clock stopped in, a running one in the month before the as-of time")
    func summariesPerPeriod() throws {
        // By hand, P1 resolution in 4 h (24x7): A 1 h, met in May. B opened 31 May 20:00, resolved
        // 1 June 02:00: 6 h, breached, in June (its stop). C 2 h, met in June. D and E still open at
        // T = 1 July 00:00 (3 h and 1 h): pending, in June (the instant before T). Stopped clocks in
        // June: 2 h and 6 h, so p50 2 h and p90 6 h (nearest rank).
        let csv = """
        id,timestamp,event,priority,service
        A,2024-05-30T09:00:00Z,opened,P1,web
        A,2024-05-30T10:00:00Z,resolved,,
        B,2024-05-31T20:00:00Z,opened,P1,db
        B,2024-06-01T02:00:00Z,resolved,,
        C,2024-06-03T09:00:00Z,opened,P1,web
        C,2024-06-03T11:00:00Z,resolved,,
        D,2024-06-30T21:00:00Z,opened,P1,web
        E,2024-06-30T23:00:00Z,opened,P1,db

        """
        try CommandLineToolTests.withFiles(["t.csv": csv]) { dir in
            let path = dir.appendingPathComponent("t.csv").path
            let r = Self.run(["slo", "--slo", "P1:resolution=4h", "--period", "month", "--as-of", "2024-07-01T00:00:00Z", path])
            #expect(r.status == .success)
            #expect(r.stdout == """
                PERIOD   OBJECTIVE      SERVICE  MET  BREACHED  PENDING  COMPLIANCE    P50    P90  WORST BREACHES
                2024-05  P1 resolution  *          1         0        0      100.0%  1h 0m  1h 0m  -
                2024-05  P1 resolution  web        1         0        0      100.0%  1h 0m  1h 0m  -
                2024-06  P1 resolution  *          1         1        2       50.0%  2h 0m  6h 0m  B
                2024-06  P1 resolution  db         0         1        1        0.0%  6h 0m  6h 0m  B
                2024-06  P1 resolution  web        1         0        1      100.0%  2h 0m  2h 0m  -
                window   P1 resolution  *          2         1        2       66.7%  2h 0m  6h 0m  B
                window   P1 resolution  db         0         1        1        0.0%  6h 0m  6h 0m  B
                window   P1 resolution  web        2         0        1      100.0%  1h 0m  2h 0m  -
                as of 2024-07-01T00:00:00Z

                """)
            let json = Self.run(["slo", "--slo", "P1:resolution=4h", "--period", "month", "--as-of", "2024-07-01T00:00:00Z", "--format", "json", path])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let periods = try #require(object["periods"] as? [[String: Any]])
            #expect(periods.map { $0["period"] as? String } == ["2024-05", "2024-05", "2024-06", "2024-06", "2024-06"])
            #expect(periods[2]["pending"] as? Int == 2 && periods[2]["compliance"] as? Double == 0.5)
            let csvOut = Self.run(["slo", "--slo", "P1:resolution=4h", "--period", "month", "--format", "csv", path])
            #expect(csvOut.status == .usage && csvOut.stderr.contains("--period summaries come as table, json or markdown"))
        }
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var json: String
        var message: String
        var testDescription: String { message }
    }

    static let badFiles: [BadFile] = [
        BadFile(json: "[1]", message: "key '(top level)': expected an object with \"calendars\" and \"objectives\", found a list"),
        BadFile(json: #"{"objectives": [{"clock": "resolve", "target": "4h"}]}"#, message: "key 'objectives[0].clock': expected \"response\", \"first_response\" or \"resolution\", found \"resolve\""),
        BadFile(json: #"{"objectives": [{"clock": "resolution", "target": "1d"}]}"#,
            message: "key 'objectives[0].target': expected a duration in s, m or h such as \"15m\" or \"4h\" (a business day is ambiguous: write 8h or 24h), found \"1d\""),
        BadFile(json: #"{"objectives": [{"clock": "resolution", "target": "4h", "calendar": "uk"}]}"#,
            message: "key 'objectives[0].calendar': expected one of the calendars defined (24x7), found \"uk\""),
        BadFile(json: #"{"calendars": {"uk": {"hours": "Mon-Fri 09:00-17:00", "zone": "Europe/Lundun"}}, "objectives": []}"#,
            message: "key 'calendars.uk.zone': expected a time zone such as \"Europe/London\", found \"Europe/Lundun\""),
        BadFile(json: #"{"calendars": {"uk": {"hours": "Mon-Fri 9-5"}}, "objectives": []}"#,
            message: "key 'calendars.uk.hours': expected hours such as '09:00-17:00' after 'Mon-Fri', found '9-5'"),
        BadFile(json: #"{"calendars": {"uk": {"hours": "24x7", "holidays": ["25/12/2024"]}}, "objectives": []}"#,
            message: "key 'calendars.uk.holidays[0]': expected a date \"YYYY-MM-DD\" or a range \"YYYY-MM-DD..YYYY-MM-DD\", found \"25/12/2024\""),
        BadFile(json: #"{"objectives": [{"clock": "resolution", "target": "4h", "match": {"prio": "P1"}}]}"#,
            message: "key 'objectives[0].match.prio': expected only priority, severity, service and kind, found \"prio\""),
    ]

    @Test(arguments: badFiles) func badObjectivesFile(_ c: BadFile) throws {
        try CommandLineToolTests.withFiles(["o.json": c.json]) { dir in
            let path = dir.appendingPathComponent("o.json").path
            let r = Self.run(["slo", "--objectives", path, Self.tickets])
            #expect(r.status == .usage)
            #expect(r.stderr.hasPrefix("Error: \(path): \(c.message)\n"), "\(r.stderr)")
        }
    }

    @Test func badFlags() throws {
        let calendar = Self.run(["slo", "--slo", "P1:resolution=4h", "--calendar", "Mon-Fri 09:00-17:00 Mars/Base", Self.tickets])
        #expect(calendar.status == .usage && calendar.stderr.hasPrefix("Error: --calendar 'Mon-Fri 09:00-17:00 Mars/Base': expected weekdays, or a time zone"))
        let target = Self.run(["slo", "--slo", "P1:resolution=1d", Self.tickets])
        #expect(target.status == .usage && target.stderr.contains("found '1d'"))
        let none = Self.run(["slo", Self.tickets])
        #expect(none.status == .usage && none.stderr.hasPrefix("Error: expected objectives"))
        try CommandLineToolTests.withFiles(["h.txt": "2024-12-25\nXmas\n"]) { dir in
            let path = dir.appendingPathComponent("h.txt").path
            let r = Self.run(["slo", "--slo", "P1:resolution=4h", "--holidays", path, Self.tickets])
            #expect(r.status == .usage && r.stderr.hasPrefix("Error: \(path): line 2: expected a date YYYY-MM-DD"))
        }
    }

    @Test func errorBudgetTable() throws {
        try CommandLineToolTests.withFiles(["i.csv": ErrorBudgetTests.csv]) { dir in
            let path = dir.appendingPathComponent("i.csv").path
            let r = Self.run(["slo", "--objective", "99.9%", "--from", "2024-01-01", "--to", "2024-01-31", path])
            #expect(r.status == .success)
            #expect(r.stdout == """
                SERVICE         OBJECTIVE   BUDGET  CONSUMED  REMAINING  BURN 1H  BURN 6H  BURN 3D  TIME LEFT
                api               99.900%  43m 12s     1h 0m     -38.9%     0.00     0.00     0.00         0s
                web               99.900%  43m 12s    36m 0s      16.7%   100.00    16.67     1.39     1h 12m
                (all services)    99.900%   1h 26m    1h 36m     -11.1%    50.00     8.33     0.69         0s
                window 2024-01-01T00:00:00Z to 2024-01-31T00:00:00Z

                """)
            let bad = Self.run(["slo", "--objective", "100%", path])
            #expect(bad.status == .usage && bad.stderr.hasPrefix("Error: --objective takes an availability above 0% and below 100%"))
            let rolling = Self.run(["slo", "--slo", "P1:resolution=4h", "--rolling", "30d", path])
            #expect(rolling.status == .usage && rolling.stderr.hasPrefix("Error: --rolling sets the error budget's window"))
        }
    }

    /// An objectives file's availability objective, with one service's own: api at 99 % has
    /// 1 % × 2,592,000 s = 25,920 s = 7 h 12 m of budget, 3,600 s used, 1 − 3,600 / 25,920 = 86.1 %
    /// left; web and the total keep the default 99.9 % (the table above).
    @Test func errorBudgetPerServiceFromTheObjectivesFile() throws {
        let file = #"{"availability": {"objective": "99.9%", "services": {"api": "99%"}}}"#
        try CommandLineToolTests.withFiles(["i.csv": ErrorBudgetTests.csv, "o.json": file]) { dir in
            let path = dir.appendingPathComponent("i.csv").path
            let objectives = dir.appendingPathComponent("o.json").path
            let r = Self.run(["slo", "--objectives", objectives, "--from", "2024-01-01", "--to", "2024-01-31", path])
            #expect(r.status == .success, "\(r.stderr)")
            #expect(r.stdout == """
                SERVICE         OBJECTIVE   BUDGET  CONSUMED  REMAINING  BURN 1H  BURN 6H  BURN 3D  TIME LEFT
                api               99.000%   7h 12m     1h 0m      86.1%     0.00     0.00     0.00          -
                web               99.900%  43m 12s    36m 0s      16.7%   100.00    16.67     1.39     1h 12m
                (all services)    99.900%   1h 26m    1h 36m     -11.1%    50.00     8.33     0.69         0s
                window 2024-01-01T00:00:00Z to 2024-01-31T00:00:00Z

                """)
            // --objective overrides the file's default, not a service's own.
            let overridden = Self.run(["slo", "--objectives", objectives, "--objective", "99.5%", "--from", "2024-01-01", "--to", "2024-01-31", "--format", "json", path])
            #expect(overridden.status == .success)
            #expect(overridden.stdout.contains(#"{"service": "api", "objective": 0.990000,"#))
            #expect(overridden.stdout.contains(#"{"service": "web", "objective": 0.995000,"#))
            #expect(overridden.stdout.contains(#"{"service": "(all services)", "objective": 0.995000,"#))
        }
        // The documented example file reads: web and db with their own objectives, a 30-day window.
        let example = Self.run(["slo", "--objectives", fixturesDirectory.appendingPathComponent("slo/error-budgets.json").path,
                                "--as-of", "2024-06-12T00:00:00Z", Self.tickets])
        #expect(example.status == .success && example.stdout.contains("\nweb               99.950%")
            && example.stdout.contains("\ndb                99.990%") && example.stdout.hasSuffix("window 2024-05-13T00:00:00Z to 2024-06-12T00:00:00Z\n"))
        let bad = [
            (#"{"availability": {"objective": "100%"}}"#, "key 'availability.objective': expected an availability above 0% and below 100% such as \"99.9%\", found \"100%\""),
            (#"{"availability": {"objective": "99.9%", "services": {"api": 99}}}"#, "key 'availability.services.api': expected an availability above 0% and below 100% such as \"99.9%\", found 99"),
            (#"{"availability": {"objective": "99.9%", "window": "30d"}}"#, "key 'availability.window': expected only \"objective\", \"services\" and \"rolling\", found \"window\""),
            (#"{"availability": {"objective": "99.9%", "rolling": "a month"}}"#, "key 'availability.rolling': expected a window such as \"30d\", \"28d\" or \"24h\", found \"a month\""),
        ]
        for (json, message) in bad {
            try CommandLineToolTests.withFiles(["o.json": json]) { dir in
                let path = dir.appendingPathComponent("o.json").path
                let r = Self.run(["slo", "--objectives", path, Self.tickets])
                #expect(r.status == .usage && r.stderr.hasPrefix("Error: \(path): \(message)\n"), "\(r.stderr)")
            }
        }
    }
}
