// `opsmetrics flow` run in-process: help, usage errors, the table, JSON, CSV and the SVG chart.
import Foundation
@testable import OpsMetrics
import Testing
@testable import opsmetrics_cli

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("opsmetrics flow")
struct FlowCommandTests {
    static func run(_ arguments: [String]) -> CommandLineToolTests.Run {
        CommandLineToolTests.run(arguments)
    }

    static let sample = """
        id,service,kind,event,timestamp,status
        A,web,incident,opened,2024-05-01T09:00:00Z,New
        A,web,,status,2024-05-01T10:00:00Z,Active
        A,web,,resolved,2024-05-02T10:00:00Z,Resolved
        B,api,request,opened,2024-05-01T11:00:00Z,New
        B,api,,status,2024-05-02T09:00:00Z,Awaiting User Info
        B,api,,status,2024-05-02T15:00:00Z,Active
        B,api,,resolved,2024-05-03T08:00:00Z,Closed
        B,api,,reopened,2024-05-03T12:00:00Z,Active
        C,api,incident,opened,2024-04-30T08:00:00Z,New

        """

    static let window = ["--period", "day", "--from", "2024-05-01", "--to", "2024-05-04"]

    @Test("flow --help prints its usage; the main help lists the command")
    func help() {
        let run = Self.run(["flow", "--help"])
        #expect(run.status == .success && run.stderr.isEmpty)
        #expect(run.stdout == Usage.flow)
        for section in ["Usage: opsmetrics flow", "--period day|week|month|quarter|year", "--stages STAGES", "--by service|priority",
                        "--chart FILE.svg", "--format table|json|csv", "Examples:", "Exit status:"] {
            #expect(run.stdout.contains(section), "missing \(section)")
        }
        #expect(Self.run(["--help"]).stdout.contains("flow      Created vs resolved"))
    }

    static let usageCases: [CommandLineToolTests.UsageCase] = [
        .init(arguments: ["flow", "--period", "fortnight"], message: "Error: --period takes day, week, month, quarter or year, not 'fortnight'"),
        .init(arguments: ["flow", "--by", "team"], message: "Error: --by takes service or priority, not 'team'"),
        .init(arguments: ["flow", "--format", "xml"], message: "Error: --format takes table, json, csv, markdown or prometheus, not 'xml'"),
        .init(arguments: ["flow", "--chart", "cfd.png"], message: "Error: --chart writes an SVG file; give a path ending in .svg, not 'cfd.png'"),
        .init(arguments: ["flow", "--stages", " "], message: "Error: --stages takes a preset (servicenow, jira, zendesk, pagerduty), a list such as 'New,Active,Resolved,Closed', or a .json file"),
        .init(arguments: ["flow", "--stages", "New,,Closed"], message: "Error: --stages: empty stage in 'New,,Closed'; expected NAME or NAME=STATUS|STATUS, separated by commas"),
        .init(arguments: ["flow", "--stages", "A=x,B=x"], message: "Error: --stages: the status 'x' is mapped to both 'A' and 'B'"),
        .init(arguments: ["flow", "--missing-kind", "maybe"], message: "Error: --missing-kind takes unplanned, planned or unclassified, not 'maybe'"),
        .init(arguments: ["flow", "--mttr", "recover"], message: "Error: unknown option '--mttr'"),
    ]

    @Test("usage errors exit 64 before any input is read", arguments: usageCases)
    func usageErrors(_ usage: CommandLineToolTests.UsageCase) {
        let run = Self.run(usage.arguments + ["/nonexistent/input.csv"])
        #expect(run.status == .usage)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(usage.message + "\n"), "\(run.stderr)")
        #expect(run.stderr.contains("Usage: opsmetrics flow [options] [FILE ...]\nSee 'opsmetrics flow --help'."))
    }

    @Test("a window with too many periods is a usage error")
    func tooManyPeriods() throws {
        try CommandLineToolTests.withFiles(["a.csv": Self.sample]) { directory in
            // As of 2025-01-01 (the tests' now): 1025 years of days.
            let run = Self.run(["flow", "--period", "day", "--from", "1000-01-01", "--to", "2200-01-01", directory.appendingPathComponent("a.csv").path])
            #expect(run.status == .usage)
            #expect(run.stderr.hasPrefix("Error: the window holds more than 100000 day periods; choose a longer period or a shorter window\n"))
        }
    }

    @Test("a --stages file: read as JSON; missing exits 66, malformed 64")
    func stageFile() throws {
        let good = #"{"stages": [{"name": "New"}, {"name": "Doing", "statuses": ["Active", "Awaiting*"]}, {"name": "Done", "statuses": ["Resolved", "Closed"]}]}"#
        try CommandLineToolTests.withFiles(["a.csv": Self.sample, "good.json": good, "bad.json": #"{"stages": [{"title": "x"}]}"#]) { directory in
            let input = directory.appendingPathComponent("a.csv").path
            let run = Self.run(["flow"] + Self.window + ["--stages", directory.appendingPathComponent("good.json").path, input])
            #expect(run.status == .success)
            #expect(run.stdout.contains("period          New  Doing  Done"))
            let missing = Self.run(["flow", "--stages", "/nonexistent/stages.json", input])
            #expect(missing.status == .noInput)
            #expect(missing.stderr.hasPrefix("opsmetrics: /nonexistent/stages.json: error: cannot read the stage file"))
            let bad = Self.run(["flow", "--stages", directory.appendingPathComponent("bad.json").path, input])
            #expect(bad.status == .usage)
            #expect(bad.stderr.contains("expected {\"stages\": [{\"name\": \"New\", \"statuses\": [\"New\"]}, …]}"))
        }
    }

    @Test("the table: created vs resolved, stage lines, flow metrics and data quality")
    func table() throws {
        try CommandLineToolTests.withFiles(["a.csv": Self.sample]) { directory in
            let run = Self.run(["flow"] + Self.window + ["--stages", "servicenow", directory.appendingPathComponent("a.csv").path])
            #expect(run.status == .success && run.stderr.isEmpty)
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.contains("periods day in UTC; series by service"))
            #expect(lines.contains("created vs resolved (all series; open at window start: 1)"))
            // 05-01: A, B arrive (one incident, one request); 05-02: A resolved; 05-03: B resolved and reopened.
            #expect(lines.contains("2024-05-01        2         0         0            2             0     3      50.0%"))
            #expect(lines.contains("2024-05-02        0         0         1            2             1     2          —"))
            #expect(lines.contains("2024-05-03        1         1         1            3             2     2       0.0%"))
            // Stages: C stays New; A New → Active → Resolved (skipping Awaiting); B New → Awaiting (passing
            // Active) → back to Active → Closed (passing Resolved) → back to Active.
            #expect(lines.contains("(window start)    1       0         0         0       0"))
            #expect(lines.contains("2024-05-01        3       1         0         0       0"))
            #expect(lines.contains("2024-05-02        3       2         2         1       0"))
            #expect(lines.contains("2024-05-03        3       2         2         2       1"))
            #expect(lines.contains { $0.hasPrefix("all ") && $0.contains(" 1d 1h ") })
            // Open record-hours over the 72 h window: C 72, A 25, B 45 + 12 = 154 h → L = 154 / 72 = 2.14;
            // λ = 2 resolved / 3 days; W = A's 25 h = 1.04 days; λW = 0.69; ratio 3.08.
            #expect(run.stdout.contains("Little's law (all): average WIP 2.14 vs throughput 0.67/day × mean lead time 1.04 days = 0.69 (ratio 3.08)"))
            #expect(run.stdout.contains("record issue: backward_stage_move: 1 (B)"))
        }
    }

    @Test("JSON decodes back to the report and keeps the contract's keys")
    func json() throws {
        try CommandLineToolTests.withFiles(["a.csv": Self.sample]) { directory in
            let run = Self.run(["flow", "--format", "json"] + Self.window + [directory.appendingPathComponent("a.csv").path])
            #expect(run.status == .success)
            let report = try JSONDecoder().decode(FlowReport.self, from: Data(run.stdout.utf8))
            #expect(report.schemaVersion == 1 && report.periods.map(\.label) == ["2024-05-01", "2024-05-02", "2024-05-03"])
            #expect(report.series.map(\.name) == ["api", "web"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let meta = try #require(object["meta"] as? [String: Any])
            #expect(meta["stages"] is NSNull && meta["period"] as? String == "day" && meta["time_zone"] as? String == "UTC")
            let total = try #require(object["total"] as? [String: Any])
            let row = try #require((total["periods"] as? [[String: Any]])?.first)
            for key in ["period", "open_at_start", "created", "reopened", "resolved", "cumulative_created", "cumulative_resolved",
                        "open_at_end", "unplanned", "planned", "unclassified", "unplanned_share", "stages"] {
                #expect(row[key] != nil, "missing \(key)")
            }
            for key in ["lead_time", "open_age", "littles_law", "throughput", "stages_at_start"] { #expect(total[key] != nil, "missing \(key)") }
            #expect((total["lead_time"] as? [String: Any])?["p85_seconds"] != nil)
        }
    }

    @Test("CSV: one row per period × series, the total last, ready for a spreadsheet")
    func csv() throws {
        try CommandLineToolTests.withFiles(["a.csv": Self.sample]) { directory in
            let run = Self.run(["flow", "--format", "csv", "--stages", "servicenow"] + Self.window + [directory.appendingPathComponent("a.csv").path])
            #expect(run.status == .success)
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "series,period,period_start,period_end,partial,open_at_start,created,reopened,resolved,cumulative_created,cumulative_resolved,open_at_end,unplanned,planned,unclassified,unplanned_share,reached:New,reached:Active,reached:Awaiting,reached:Resolved,reached:Closed")
            #expect(lines.count == 1 + 3 * 3)
            #expect(lines.last == "all,2024-05-03,2024-05-03T00:00:00Z,2024-05-04T00:00:00Z,false,2,1,1,1,3,2,2,0,1,0,0.0,3,2,2,2,1")
            #expect(FlowRenderer.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
            // A CR LF pair is one Character, and a quote followed by a combining mark is too: both are quoted.
            #expect(FlowRenderer.field("a\r\nb") == "\"a\r\nb\"")
            #expect(FlowRenderer.field("a\"\u{301}") == "\"a\"\"\u{301}\"")
        }
    }

    @Test("--chart writes a standalone, well-formed SVG with one band per stage and a legend")
    func chart() throws {
        try CommandLineToolTests.withFiles(["a.csv": Self.sample]) { directory in
            let chart = directory.appendingPathComponent("cfd.svg")
            let run = Self.run(["flow", "--stages", "servicenow", "--chart", chart.path] + Self.window + [directory.appendingPathComponent("a.csv").path])
            #expect(run.status == .success)
            let svg = try String(contentsOf: chart, encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.components(separatedBy: "<polygon").count - 1 == 5)
            for label in ["New (", "Active (", "Awaiting (", "Resolved (", "Closed (", "2024-05-01", "records", "period start (UTC)"] {
                #expect(svg.contains(label), "missing \(label)")
            }
            #expect(!svg.contains("http://") || svg.components(separatedBy: "http://").count == 2)  // only the namespace
            #if canImport(FoundationXML) || canImport(Darwin)
            #expect(XMLParser(data: Data(svg.utf8)).parse(), "not well-formed XML")
            #endif
            // Without stages: open and resolved.
            let plain = directory.appendingPathComponent("plain.svg")
            #expect(Self.run(["flow", "--chart", plain.path] + Self.window + [directory.appendingPathComponent("a.csv").path]).status == .success)
            let plainSVG = try String(contentsOf: plain, encoding: .utf8)
            #expect(plainSVG.components(separatedBy: "<polygon").count - 1 == 2 && plainSVG.contains("open (2)") && plainSVG.contains("resolved (2)"))
        }
    }
}
