import Foundation
import OpsMetrics
import Testing
@testable import opsmetrics_cli

/// The CLI's options for real exports: time formats, presets, mappings, inspect.
@Suite("opsmetrics CLI: dialects and presets")
struct DialectCommandLineTests {
    typealias CLI = CommandLineToolTests

    @Test("--time-format reads day-first times, in --tz")
    func timeFormat() throws {
        let text = "id,opened,resolved\nA,29/2/2016 01:16,29/2/2016 02:16\n"
        let run = try CLI.withFiles(["a.csv": text]) { directory in
            CLI.run(["report", "--format", "json", "--time-format", "d/M/yyyy H:mm", "--tz", "Europe/Berlin",
                     directory.appendingPathComponent("a.csv").path])
        }
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout.contains("\"window_start\" : \"2016-02-29T00:16:00Z\""))
    }

    @Test("a header a comma leaves whole but ';', a tab or '|' splits is read with that delimiter, and said so",
          arguments: [(";", ";"), ("\t", "tab"), ("|", "|")])
    func detectedDelimiter(_ delimiter: String, _ name: String) throws {
        let text = ["id", "opened", "resolved", "service"].joined(separator: delimiter) + "\n"
            + ["A", "2024-01-01T10:00:00Z", "2024-01-01T11:30:00Z", "Kasse, EU"].joined(separator: delimiter) + "\n"
        let (run, given) = try CLI.withFiles(["a.csv": text]) { directory in
            let path = directory.appendingPathComponent("a.csv").path
            return (CLI.run(["report", "--format", "json", path]), CLI.run(["report", "--delimiter", ",", path]))
        }
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout.contains("\"service\" : \"Kasse, EU\""))
        #expect(run.stdout.contains("\"mean_seconds\" : 5400"))
        #expect(run.stderr.contains("as separated by '\(name)': a comma splits its header into one column (--delimiter to choose)"))
        #expect(given.status == .dataError, "a given delimiter is never second-guessed")
    }

    @Test("a bad --time-format is a usage error naming the problem")
    func badTimeFormat() {
        let run = CLI.run(["report", "--time-format", "d/M/yyyy h:mm", "x.csv"])
        #expect(run.status == .usage)
        #expect(run.stderr.hasPrefix("Error: --time-format: time format 'd/M/yyyy h:mm': 'h' (hour 1-12) needs 'a'"))
    }
}

/// Presets, mappings and inspect through the CLI.
@Suite("opsmetrics CLI: presets and inspect")
struct PresetCommandLineTests {
    typealias CLI = CommandLineToolTests

    static func fixture(_ name: String) -> String { fixturesDirectory.appendingPathComponent("presets/\(name)").path }

    @Test("report detects the preset, says so on stderr, and reads the export")
    func detectsPreset() {
        let run = CLI.run(["report", "--format", "json", Self.fixture("servicenow-event-log.csv")])
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("opsmetrics: detected preset 'servicenow' from the columns 'number', 'opened_at' and 'incident_state' of "))
        #expect(run.stdout.contains("\"rows_used\" : 21"))
    }

    @Test("--preset skips detection (no note); --preset none reads generic column names")
    func explicitPreset() {
        let given = CLI.run(["report", "--preset", "servicenow", Self.fixture("servicenow-event-log.csv")])
        #expect(given.status == .success)
        #expect(given.stderr.isEmpty)
        let none = CLI.run(["report", "--preset", "none", Self.fixture("servicenow-event-log.csv")])
        // Without the preset, 'd/M/yyyy H:mm' is detected from the data (29/2/2016 proves day first)
        // and the rows are generic status rows.
        #expect(none.status == .success, "\(none.stderr)")
        #expect(none.stderr.contains("as 'd/M/yyyy H:mm': '29/2/2016 01:16' can only be read day first"))
    }

    @Test("an unknown preset is a usage error listing the presets")
    func unknownPreset() {
        let run = CLI.run(["report", "--preset", "remedy", "x.csv"])
        #expect(run.status == .usage)
        #expect(run.stderr.hasPrefix("Error: --preset takes servicenow, bpic2013, helpdesk, jira, pagerduty, opsgenie, github, zendesk, ivanti, rt or none, not 'remedy'"))
    }

    @Test("ambiguous day/month order stops before reading, exit 64, naming both layouts")
    func ambiguousDates() throws {
        let run = try CLI.withFiles(["a.csv": "id,opened,resolved\nA,1/3/2016 10:00,2/3/2016 11:00\n"]) { directory in
            CLI.run(["report", directory.appendingPathComponent("a.csv").path])
        }
        #expect(run.status == .usage)
        #expect(run.stderr.contains("cannot tell day from month"))
        #expect(run.stderr.contains("--time-format 'd/M/yyyy H:mm' or --time-format 'M/d/yyyy H:mm'"))
    }

    @Test("a mapping file sets columns, status and event maps and the time layout")
    func mappingFile() throws {
        let mapping = #"{"columns": {"id": "Ticket", "timestamp": "When", "status": "Stage", "service": "Team"}, "status_map": {"Done": "resolved"}, "time_format": "dd.MM.yyyy HH:mm"}"#
        let data = "Ticket,When,Stage,Team\nT1,01.03.2024 10:00,New,ops\nT1,01.03.2024 12:30,Done,ops\n"
        let run = try CLI.withFiles(["m.json": mapping, "d.csv": data]) { directory in
            CLI.run(["report", "--format", "json", "--mapping", directory.appendingPathComponent("m.json").path,
                     directory.appendingPathComponent("d.csv").path])
        }
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout.contains("\"service\" : \"ops\""))
        #expect(run.stdout.contains("\"mean_seconds\" : 9000"))
        let bad = try CLI.withFiles(["m.json": #"{"colums": {}}"#]) { directory in
            CLI.run(["report", "--mapping", directory.appendingPathComponent("m.json").path, "x.csv"])
        }
        #expect(bad.status == .usage)
        #expect(bad.stderr.contains("unknown key 'colums'"))
    }

    @Test("--status-map and --event-map add to the preset's maps")
    func mapOptions() throws {
        let data = "concept:name,time:timestamp,case:concept:name\nAssign seriousness,2010-01-13 08:40:25+00:00,C1\nEscalate,2010-01-13 09:40:25+00:00,C1\n"
        let failing = try CLI.withFiles(["h.csv": data]) { directory in CLI.run(["report", directory.appendingPathComponent("h.csv").path]) }
        #expect(failing.status == .dataError)
        #expect(failing.stderr.contains("unknown event kind in field 'concept:name'"))
        let mapped = try CLI.withFiles(["h.csv": data]) { directory in
            CLI.run(["report", "--event-map", "Escalate=resolved", directory.appendingPathComponent("h.csv").path])
        }
        #expect(mapped.status == .success, "\(mapped.stderr)")
    }

    @Test("inspect prints format, preset, columns, times, counts, problems and the command; never personal values")
    func inspectTable() throws {
        let path = Self.fixture("servicenow-event-log.csv")
        let run = CLI.run(["inspect", path])
        #expect(run.status == .success, "\(run.stderr)")
        for expected in [
            "preset     servicenow (detected from the columns 'number', 'opened_at', 'incident_state')",
            "times      'd/M/yyyy H:mm' (preset), zone-less values in UTC",
            "  incident_state           → status",
            "  caller_id                  (not used)",
            "rows       21 read, 21 used, 0 skipped",
            "incidents  4 (3 resolved, 1 open, 1 reopened)",
            "[closed_without_resolution] 1 records are closed but never resolved",
            "[rows_out_of_order]",
            "  opsmetrics report --preset servicenow \(path)",
        ] {
            #expect(run.stdout.contains(expected), "missing: \(expected)\n\(run.stdout)")
        }
        // Personal and free-text values of the input never appear.
        for personal in ["Caller 2403", "Opened by", "Created by", "Updated by", "Resolved by", "Resolver", "Group 56", "Location 143"] {
            #expect(!run.stdout.contains(personal), "inspect printed '\(personal)'")
        }
    }

    @Test("inspect --format json has the same facts, with a schema version")
    func inspectJSON() throws {
        let run = CLI.run(["inspect", "--format", "json", Self.fixture("ivanti-incidents.csv")])
        #expect(run.status == .success, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 1)
        #expect(object["preset"] as? String == "ivanti")
        #expect((object["timestamps"] as? [String: Any])?["layout"] as? String == "M/d/yyyy h:mm a")
        #expect((object["records"] as? [String: Any])?["incidents"] as? Int == 3)
        #expect((object["command"] as? String)?.hasSuffix("--preset ivanti --time-format 'M/d/yyyy h:mm a' \(Self.fixture("ivanti-incidents.csv"))") == true)
        #expect(!run.stdout.contains("Email delivery stopped"), "free text (Subject) is never printed")
    }

    @Test("the command inspect prints runs the report")
    func inspectCommandRuns() throws {
        let path = Self.fixture("ivanti-incidents.csv")
        let inspect = CLI.run(["inspect", "--format", "json", path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect(object["command"] as? String == "opsmetrics report --preset ivanti --time-format 'M/d/yyyy h:mm a' \(path)")
        let run = CLI.run(["report", "--preset", "ivanti", "--time-format", "M/d/yyyy h:mm a", path])
        #expect(run.status == .success)
        #expect(run.stderr.isEmpty)
    }

    @Test("inspect locates a header or structure it cannot read, line and column as written")
    func inspectLocatesErrors() throws {
        let files = [
            "quote.csv": "id,\"service\n",                            // a quote never closed, at 1:4
            "escaped.csv": "id,opened\n\"a\nb\"\"\",2024\n\"c\"d\n",       // after an unescaped value: 4:4
            "array.ndjson": "{\"id\": \"A\"}\n{\"id\": 1, \"x\": [1,2}\n",  // 2:20
        ]
        let expected = ["quote.csv": "quote.csv:1:4: error: unterminated quoted field",
                        "escaped.csv": "escaped.csv:4:4: error: unexpected character",
                        "array.ndjson": "array.ndjson:2:20: error: invalid JSON"]
        try CLI.withFiles(files) { directory in
            for (name, message) in expected {
                let run = CLI.run(["inspect", directory.appendingPathComponent(name).path])
                #expect(run.status == .dataError, "\(name)")
                #expect(run.stderr.contains("\(directory.path)/\(message)"), "\(run.stderr)")
            }
        }
    }

    @Test("inspect takes one file (or standard input), not two")
    func inspectUsage() {
        #expect(CLI.run(["inspect", "a.csv", "b.csv"]).status == .usage)
        let help = CLI.run(["inspect", "--help"])
        #expect(help.status == .success && help.stdout == Usage.inspect)
    }
}
