// Fixtures/cron: the crontab line of the README's "Nightly cron" section, run exactly as cron runs it
// (its '\%' read as '%', by /bin/sh, with the built executable on the PATH), with FROM and AS_OF set to
// rerun one night: exit 2, the breaches on stderr, the Prometheus file written atomically and equal to
// the one checked in, whose numbers are computed by hand below.
import Foundation
@testable import OpsMetrics
import Testing

@Suite("cron example")
struct CronExampleTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/cron").standardized

    /// The jobs' commands, in crontab order: each line's text after its five time fields, with
    /// cron's `\%` → `%`; the report at 00:15, then the SLOs at 00:20.
    static func commands() throws -> [String] {
        let crontab = try String(contentsOf: folder.appendingPathComponent("crontab"), encoding: .utf8)
        // Job lines start with a time field; the others are comments and VARIABLE=value lines.
        let jobs = crontab.split(separator: "\n").filter { line in
            guard let first = line.first else { return false }
            return first.isNumber || first == "*" || first == "@"
        }
        #expect(jobs.count == 2, "expected two job lines, found \(jobs)")
        return try zip(jobs, ["15", "20"]).map { job, minute in
            let fields = job.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            #expect(fields.prefix(5) == [Substring(minute), "0", "*", "*", "*"])
            return String(try #require(fields.count == 6 ? fields.last : nil)).replacingOccurrences(of: "\\%", with: "%")
        }
    }

    /// Runs `command` as cron would, by /bin/sh, rerunning the night of 2024-05-08, with its
    /// textfile folder holding a file from the night before at `previous`: the exit status, stdout,
    /// stderr and the folder's files afterwards (name → text).
    static func runNight(_ command: String, previous: String) throws -> (status: Int32, stdout: Data, stderr: String, files: [String: String]) {
        let executable = try #require(ExecutableSmokeTests.executable)
        let textfiles = FileManager.default.temporaryDirectory.appendingPathComponent("opsmetrics-cron-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: textfiles, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: textfiles) }
        // A file from the night before, replaced whole.
        try Data("# yesterday\n".utf8).write(to: textfiles.appendingPathComponent(previous))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = [
            "PATH": executable.deletingLastPathComponent().path + ":/usr/bin:/bin",
            "TEXTFILE_DIR": textfiles.path,
            "INCIDENTS": Self.folder.appendingPathComponent("incidents.csv").path,
            "OBJECTIVES": Self.folder.appendingPathComponent("objectives.json").path,
            "FROM": "2024-05-01",
            "AS_OF": "2024-05-08",
        ]
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: textfiles.path) {
            files[name] = try String(contentsOf: textfiles.appendingPathComponent(name), encoding: .utf8)
        }
        return (process.terminationStatus, stdout, stderr, files)
    }

    @Test("the crontab line, rerun for 2024-05-08: exit 2, each breach on stderr, the .prom file as checked in",
          .enabled(if: ExecutableSmokeTests.executable != nil, "the opsmetrics executable was not built next to the tests"))
    func nightly() throws {
        let command = try Self.commands()[0]
        #expect(command.hasPrefix("opsmetrics report "))
        let night = try Self.runNight(command, previous: "opsmetrics.prom")
        #expect(night.status == 2)
        #expect(night.stdout.isEmpty)
        let expectedStderr = try String(contentsOf: Self.folder.appendingPathComponent("expected-stderr.txt"), encoding: .utf8)
        #expect(night.stderr == expectedStderr)
        #expect(Array(night.files.keys) == ["opsmetrics.prom"])
        let written = try #require(night.files["opsmetrics.prom"])
        let checkedIn = try String(contentsOf: Self.folder.appendingPathComponent("opsmetrics.prom"), encoding: .utf8)
        #expect(written == checkedIn)

        // The numbers, by hand: a week of 604,800 s; checkout down 09:00–09:30 (1,800 s); payments
        // 13:45–17:45 and 08:00–08:40 (16,800 s; MTTR samples 4 h and 40 min, p90 = 40 min +
        // 0.9 × 3 h 20 min = 3 h 40 min); search 21:50–23:00 (4,200 s), recovered, not resolved.
        let exposition = try Exposition.parse(written)
        #expect(exposition.value("opsmetrics_report_timestamp_seconds", ["report": "reliability"]) == 1_715_126_400)
        #expect(exposition.value("opsmetrics_window_start_timestamp_seconds", ["report": "reliability"]) == 1_714_521_600)
        for (service, down) in [("checkout", 1800.0), ("payments", 16_800), ("search", 4200)] {
            #expect(exposition.value("opsmetrics_downtime_seconds", ["service": service]) == down)
            #expect(exposition.value("opsmetrics_uptime_ratio", ["service": service]) == (604_800 - down) / 604_800)
        }
        #expect(exposition.value("opsmetrics_mttr_seconds", ["service": "payments", "definition": "recover", "stat": "p90"]) == 13_200)
        #expect(exposition.value("opsmetrics_open_incidents", ["service": "search"]) == 1)
        // Exactly the breaches of those numbers: payments and search under 99.5%, payments' p90
        // over 2 h, search's open incident.
        #expect(expectedStderr.split(separator: "\n").map { $0.split(separator: ":")[2] } == [" payments", " search", " payments", " search"])

        if let promtool = PrometheusTests.promtool {
            let check = try PrometheusTests.promtoolCheck(written)
            #expect(check.status == 0 && check.output.isEmpty, "\(promtool): \(check.output)")
        }
    }

    @Test("the SLO job, rerun for 2024-05-08: exit 0, nothing printed, the SLO .prom file as checked in, its numbers by hand",
          .enabled(if: ExecutableSmokeTests.executable != nil, "the opsmetrics executable was not built next to the tests"))
    func nightlySLO() throws {
        let command = try Self.commands()[1]
        #expect(command.hasPrefix("opsmetrics slo "))
        let night = try Self.runNight(command, previous: "opsmetrics-slo.prom")
        #expect(night.status == 0 && night.stdout.isEmpty && night.stderr.isEmpty, "\(night.stderr)")
        #expect(Array(night.files.keys) == ["opsmetrics-slo.prom"])
        let written = try #require(night.files["opsmetrics-slo.prom"])
        #expect(written == (try String(contentsOf: Self.folder.appendingPathComponent("opsmetrics-slo.prom"), encoding: .utf8)))

        // By hand: PAY-1 (P1) acknowledged after 5 min (response met), resolved after 4 h 30 min
        // (resolution breached); the P2 tickets on the London office calendar: CHK-1 10:10-11:00
        // local on a Thursday, 50 min, and PAY-2 on the 6 May bank holiday, 0 s: both met.
        let exposition = try Exposition.parse(written)
        #expect(exposition.value("opsmetrics_report_timestamp_seconds", ["report": "slo"]) == 1_715_126_400)
        #expect(exposition.value("opsmetrics_slo_met", ["objective": "P1 response", "service": "payments"]) == 1)
        #expect(exposition.value("opsmetrics_slo_breached", ["objective": "P1 resolution", "service": "payments"]) == 1)
        #expect(exposition.value("opsmetrics_slo_business_elapsed_seconds", ["objective": "P1 resolution", "service": "payments", "stat": "p50"]) == 16_200)
        #expect(exposition.value("opsmetrics_slo_business_elapsed_seconds", ["objective": "P2 resolution", "service": "checkout", "stat": "p50"]) == 3_000)
        #expect(exposition.value("opsmetrics_slo_business_elapsed_seconds", ["objective": "P2 resolution", "service": "payments", "stat": "p50"]) == 0)
        // 99.5 % of 604,800 s allows 3,024 s; the week's downtime as in the report's file; burn over
        // the last 3 days: payments 2,400 s and search 4,200 s of 259,200, over 0.5 %.
        for (service, down) in [("checkout", 1800.0), ("payments", 16_800), ("search", 4200)] {
            #expect(exposition.value("opsmetrics_error_budget_seconds", ["service": service]) == 3_024)
            #expect(exposition.value("opsmetrics_error_budget_consumed_seconds", ["service": service]) == down)
            #expect(exposition.value("opsmetrics_error_budget_remaining_ratio", ["service": service]) == 1 - down / 3_024)
        }
        for (service, down) in [("checkout", 0.0), ("payments", 2400), ("search", 4200)] {
            #expect(exposition.value("opsmetrics_error_budget_burn_rate", ["service": service, "window": "3d"]) == down / 259_200 / 0.005)
        }
        if PrometheusTests.promtool != nil {
            let check = try PrometheusTests.promtoolCheck(written)
            #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
        }
    }

    @Test("the README quotes the crontab's job and variable lines and the stderr exactly")
    func readme() throws {
        let readme = try String(contentsOf: Self.folder.appendingPathComponent("../../README.md").standardized, encoding: .utf8)
        let crontab = try String(contentsOf: Self.folder.appendingPathComponent("crontab"), encoding: .utf8)
        let lines = crontab.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 7)
        #expect(readme.contains("```\n" + lines.joined(separator: "\n") + "\n```\n"))
        let stderr = try String(contentsOf: Self.folder.appendingPathComponent("expected-stderr.txt"), encoding: .utf8)
        #expect(readme.contains("```\n" + stderr + "```\n"))
    }

    /// `promtool ARGUMENTS` run in the cron folder: its status and output.
    static func promtool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(PrometheusTests.promtool))
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test("the alerting rules beside it are valid, and fire on the night's gauges as their unit test says",
          .enabled(if: PrometheusTests.promtool != nil, "skipped: promtool is not installed (Debian package 'prometheus')"))
    func rules() throws {
        let check = try Self.promtool(["check", "rules", "opsmetrics-alerts.yml"])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("SUCCESS: 7 rules found"))
        let test = try Self.promtool(["test", "rules", "opsmetrics-alerts.test.yml"])
        #expect(test.status == 0, "\(test.output)")
        #expect(test.output.contains("SUCCESS"))
    }

    @Test("the rules' unit test feeds the samples of the checked-in .prom files")
    func ruleTestInputs() throws {
        let prom = try ["opsmetrics.prom", "opsmetrics-slo.prom"].map {
            try String(contentsOf: Self.folder.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        let test = try String(contentsOf: Self.folder.appendingPathComponent("opsmetrics-alerts.test.yml"), encoding: .utf8)
        let inputs = test.matches(of: #/series: '([^']+)'\n\s+values: '([^x]+)x10'/#).map { (String($0.1), String($0.2)) }
        #expect(inputs.count == 17)
        for (series, value) in inputs where !series.hasPrefix("opsmetrics_report_timestamp_seconds") {
            #expect(prom.contains("\n\(series) \(value)\n"), "\(series) \(value) is not in the .prom files")
        }
    }
}
