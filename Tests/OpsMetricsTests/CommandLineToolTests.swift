import Foundation
@testable import OpsMetrics
import Testing
@testable import opsmetrics_cli

/// The CLI run in-process: arguments in, stdout / stderr / exit status out.
@Suite("opsmetrics CLI")
struct CommandLineToolTests {
    struct Run {
        let status: ExitCode
        let stdout: String
        let stderr: String
    }

    static let now = Timestamp(microsecondsSinceEpoch: 1_735_689_600_000_000)  // 2025-01-01

    static func run(_ arguments: [String]) -> Run {
        var out = StringOutput()
        var err = StringOutput()
        let status = CommandLineTool.run(arguments: arguments, stdout: &out, stderr: &err, now: now)
        return Run(status: status, stdout: out.text, stderr: err.text)
    }

    /// A temporary directory with `files` written into it, removed afterwards.
    static func withFiles<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsmetrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        return try body(directory)
    }

    static let sample = """
    id,service,opened,resolved,reason
    A,web,2024-01-01T10:00:00Z,2024-01-01T11:00:00Z,disk
    B,api,2024-01-01T12:00:00Z,2024-01-01T12:30:00Z,net

    """

    @Test("--help prints the usage with examples and exit codes on stdout")
    func help() {
        for arguments in [["--help"], ["report", "--help"], ["report", "-h"]] {
            let run = Self.run(arguments)
            #expect(run.status == .success)
            #expect(run.stderr.isEmpty)
            #expect(run.stdout.contains("Usage: opsmetrics"))
        }
        let report = Self.run(["report", "--help"]).stdout
        #expect(report == Usage.report)
        for section in ["Examples:", "Exit status:", "64  usage error", "--skip-invalid", "--as-of TIME"] {
            #expect(report.contains(section), "missing \(section)")
        }
        #expect(Self.run(["--version"]).stdout == "opsmetrics \(Usage.version)\n")
    }

    struct UsageCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let usageCases: [UsageCase] = [
        UsageCase(arguments: [], message: "Error: missing command"),
        UsageCase(arguments: ["frobnicate"], message: "Error: unknown command 'frobnicate'"),
        UsageCase(arguments: ["a.csv"], message: "Error: unknown command 'a.csv' (did you mean 'opsmetrics report a.csv'?)"),
        UsageCase(arguments: ["report", "--bogus"], message: "Error: unknown option '--bogus'"),
        UsageCase(arguments: ["report", "--format", "xml"], message: "Error: --format takes table, json, csv, markdown or prometheus, not 'xml'"),
        UsageCase(arguments: ["report", "--from"], message: "Error: option --from needs a value"),
        UsageCase(arguments: ["report", "--from", "yesterday"], message: "Error: --from takes a timestamp such as 2024-01-01 or 2024-01-01T00:00:00Z, not 'yesterday'"),
        UsageCase(arguments: ["report", "--from", "2024-02-01", "--to", "2024-01-01"], message: "Error: --to (2024-01-01T00:00:00Z) must be after --from (2024-02-01T00:00:00Z)"),
        UsageCase(arguments: ["report", "--tz", "Mars/Olympus"], message: "Error: --tz takes an IANA zone name (Europe/Berlin), UTC or an offset (+02:00), not 'Mars/Olympus'"),
        UsageCase(arguments: ["report", "--map", "service"], message: "Error: --map takes FIELD=COLUMN, e.g. --map service=cmdb_ci, not 'service'"),
        UsageCase(arguments: ["report", "--mttr", "respond"], message: "Error: --mttr takes recover, resolve or repair, not 'respond'"),
        UsageCase(arguments: ["report", "--delimiter", ";;"], message: "Error: --delimiter takes one ASCII character (',', ';', '|') or 'tab', not ';;'"),
        UsageCase(arguments: ["report", "--merge-gap", "soon"], message: "Error: --merge-gap takes a duration such as 90s, 5m, 1h or 1d, not 'soon'"),
    ]

    @Test("usage errors exit 64 with the message, the usage line and a pointer to --help", arguments: usageCases)
    func usageErrors(_ usage: UsageCase) {
        let run = Self.run(usage.arguments)
        #expect(run.status == .usage)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(usage.message + "\n"))
        #expect(run.stderr.contains("Usage: opsmetrics "))
        #expect(run.stderr.contains("See 'opsmetrics"))
    }

    @Test("an input that cannot be opened exits 66")
    func cannotOpen() {
        let run = Self.run(["report", "/nonexistent/incidents.csv"])
        #expect(run.status == .noInput)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "opsmetrics: /nonexistent/incidents.csv: error: cannot open: No such file or directory\n")
    }

    @Test("bad data exits 65 with file:line:column; --skip-invalid goes on and warns")
    func badData() throws {
        try Self.withFiles(["bad.csv": "id,opened\nA,2024-01-01T00:00:00Z\nB,2024-99-01\n"]) { directory in
            let path = directory.appendingPathComponent("bad.csv").path
            let strict = Self.run(["report", path])
            #expect(strict.status == .dataError)
            #expect(strict.stdout.isEmpty)
            #expect(strict.stderr.hasPrefix("opsmetrics: \(path):3:3: error: invalid timestamp in field 'opened'"))

            let lenient = Self.run(["report", "--skip-invalid", path])
            #expect(lenient.status == .success)
            #expect(lenient.stderr == "opsmetrics: warning: skipped 1 of 2 rows; see the data-quality section\n")
            #expect(lenient.stdout.contains("data quality: 2 rows read, 1 used, 1 skipped (invalid_timestamp: 1, first at \(path):3:3)"))
        }
    }

    @Test("the table names each metric's definition and has a totals row")
    func table() throws {
        try Self.withFiles(["a.csv": Self.sample]) { directory in
            let run = Self.run(["report", "--from", "2024-01-01", "--to", "2024-01-02", directory.appendingPathComponent("a.csv").path])
            #expect(run.status == .success)
            #expect(run.stderr.isEmpty)
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("window  [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z) (1d 0h, given)") })
            #expect(lines.contains { $0.hasPrefix("api ") && $0.contains("97.917%") && $0.contains("30m 0s") })
            #expect(lines.contains { $0.hasPrefix("web ") && $0.contains("95.833%") && $0.contains("1h 0m") })
            #expect(lines.contains { $0.hasPrefix("all services") && $0.contains("96.875%*") })
            #expect(run.stdout.contains("MTTR = mean recover, impact start → recovered"))
            #expect(run.stdout.contains("data quality: 2 rows read, 2 used, 0 skipped"))
        }
    }

    @Test("JSON output carries schema_version, units in keys and decodes back to the report")
    func json() throws {
        try Self.withFiles(["a.csv": Self.sample, "b.ndjson": #"{"id":"C","service":"web","opened":"2024-01-01T20:00:00Z"}"# + "\n"]) { directory in
            let run = Self.run(["report", "--format", "json", "--as-of", "2024-01-01T22:00:00Z",
                                directory.appendingPathComponent("a.csv").path, directory.appendingPathComponent("b.ndjson").path])
            #expect(run.status == .success)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(object["schema_version"] as? Int == 1)
            let meta = try #require(object["meta"] as? [String: Any])
            #expect(meta["as_of"] as? String == "2024-01-01T22:00:00Z")
            #expect((meta["input_accounting"] as? [String: Any])?["rows_read"] as? Int == 3)
            let total = try #require(object["total"] as? [String: Any])
            #expect(total["open_incidents"] as? Int == 1)
            #expect((total["mttd"] as? [String: Any])?["mean_seconds"] is NSNull, "no samples is null, not 0")
            let decoded = try JSONDecoder().decode(ReliabilityReport.self, from: Data(run.stdout.utf8))
            #expect(decoded.schemaVersion == ReliabilityReport.schemaVersion)
            #expect(decoded.services.map(\.service) == ["api", "web"])
        }
    }

    @Test("--output replaces the file only after success")
    func atomicOutput() throws {
        try Self.withFiles(["a.csv": Self.sample, "bad.csv": "id,opened\nA,nope\n", "report.txt": "previous report\n"]) { directory in
            let output = directory.appendingPathComponent("report.txt").path
            let failed = Self.run(["report", "--output", output, directory.appendingPathComponent("bad.csv").path])
            #expect(failed.status == .dataError)
            let kept = try String(contentsOfFile: output, encoding: .utf8)
            #expect(kept == "previous report\n")
            let succeeded = Self.run(["report", "-o", output, directory.appendingPathComponent("a.csv").path])
            #expect(succeeded.status == .success)
            #expect(succeeded.stdout.isEmpty)
            let written = try String(contentsOfFile: output, encoding: .utf8)
            #expect(written.hasPrefix("OpsMetrics reliability report"))
        }
    }

    @Test("durations print in two units")
    func durationText() {
        #expect(DurationText.format(seconds: nil) == "—")
        #expect(DurationText.format(seconds: 0) == "0s")
        #expect(DurationText.format(seconds: 12.25) == "12.3s")
        #expect(DurationText.format(seconds: 312) == "5m 12s")
        #expect(DurationText.format(seconds: 13_080) == "3h 38m")
        #expect(DurationText.format(seconds: 666_000) == "7d 17h")
        #expect(DurationText.microseconds("5m") == 300_000_000)
        #expect(DurationText.microseconds("250ms") == 250_000)
        #expect(DurationText.microseconds("-5m") == nil)
    }
}
