// `--format prometheus`: the exposition parsed back in Swift (families, units, labels escaped for
// hostile service names, null values left out), checked against the report's own numbers, written
// atomically through --output, and checked by the real `promtool check metrics` where installed.
import Foundation
@testable import OpsMetrics
import Testing
@testable import opsmetrics_cli

@Suite("Prometheus exposition")
struct PrometheusTests {
    /// Service names a scraper must get back exactly: a quote, backslashes, a line feed, a
    /// carriage return, a tab, non-ASCII text and an emoji, a name that looks like an escape.
    static let hostileNames = ["we\"b", "back\\slash\\\\", "line\nfeed", "carriage\rreturn\ttab", "caf\u{E9} \u{2615} \u{65E5}\u{672C}", "\\n", "{a=\"b\"}", "\u{1F525}"]

    static func csvField(_ text: String) -> String { FlowRenderer.field(text) }

    /// One outage per hostile service, each service also given a hostile reason; one more
    /// service with only an open incident (no MTTR sample, no MTTD anywhere).
    static var hostileLog: String {
        var rows = ["id,service,opened,recovered,resolved,reason"]
        for (index, name) in hostileNames.enumerated() {
            rows.append("R\(index),\(csvField(name)),2024-05-0\(1 + index % 5)T10:00:00Z,2024-05-0\(1 + index % 5)T1\(index % 3 + 1):00:00Z,2024-05-0\(1 + index % 5)T12:00:00Z,\(csvField("why \(name)"))")
        }
        rows.append("OPEN,quiet,2024-05-03T00:00:00Z,,,")
        return rows.joined(separator: "\n") + "\n"
    }

    static let configuration: ReportConfiguration = {
        var configuration = ReportConfiguration()
        configuration.windowStart = at("2024-05-01T00:00:00Z")
        configuration.windowEnd = at("2024-05-08T00:00:00Z")
        return configuration
    }()

    @Test("every family is a gauge with HELP and TYPE, valid names, no timestamp; hostile labels come back exactly")
    func hostileLabels() throws {
        let report = try report(Self.hostileLog, configuration: Self.configuration)
        let text = PrometheusRenderer.report(report, mttr: .recover)
        let exposition = try Exposition.parse(text)
        #expect(exposition.families.allSatisfy { $0.name.hasPrefix("opsmetrics_") && $0.type == "gauge" && !$0.help.isEmpty })
        let services = Set(exposition["opsmetrics_failures"]?.samples.compactMap { $0.labels["service"] } ?? [])
        #expect(services == Set(Self.hostileNames + ["quiet"]))
        let reasons = Set(exposition["opsmetrics_reason_failures"]?.samples.compactMap { $0.labels["reason"] } ?? [])
        #expect(reasons == Set(Self.hostileNames.map { "why \($0)" } + ["unknown"]))
        // The escapes, literally.
        #expect(text.contains(#"service="we\"b""#))
        #expect(text.contains(#"service="back\\slash\\\\""#))
        #expect(text.contains(#"service="line\nfeed""#))
        #expect(text.contains("service=\"carriage\rreturn\ttab\""))
        #expect(text.contains(#"service="\\n""#))
        // No line holds a raw line feed from a name: every line is a comment or a sample.
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("# ") || $0.hasPrefix("opsmetrics_") })
    }

    @Test("the families hold the report's numbers in base units; null values have no sample")
    func values() throws {
        let report = try report(Self.hostileLog, configuration: Self.configuration)
        let exposition = try Exposition.parse(PrometheusRenderer.report(report, mttr: .recover))
        #expect(exposition.value("opsmetrics_report_timestamp_seconds", ["report": "reliability"]) == 1_715_126_400)  // 2024-05-08
        #expect(exposition.value("opsmetrics_window_start_timestamp_seconds", ["report": "reliability"]) == 1_714_521_600)
        for service in report.services {
            let labels = ["service": service.service]
            #expect(exposition.value("opsmetrics_downtime_seconds", labels) == service.downtimeSeconds)
            #expect(exposition.value("opsmetrics_eligible_seconds", labels) == service.eligibleSeconds)
            #expect(exposition.value("opsmetrics_failures", labels) == Double(service.failures))
            #expect(exposition.value("opsmetrics_incidents", labels) == Double(service.incidents))
            #expect(exposition.value("opsmetrics_open_incidents", labels) == Double(service.openIncidents))
            #expect(exposition.value("opsmetrics_mttf_seconds", labels) == service.mttfSeconds)
            let uptime = try #require(exposition.value("opsmetrics_uptime_ratio", labels))
            #expect(abs(uptime * 100 - (service.uptimePercent ?? -1)) < 1e-9)
            #expect(uptime == 1 - service.downtimeSeconds / service.eligibleSeconds || abs(uptime - (1 - service.downtimeSeconds / service.eligibleSeconds)) < 1e-15)
            for (stat, value) in [("mean", service.mttr.meanSeconds), ("p50", service.mttr.p50Seconds), ("p90", service.mttr.p90Seconds), ("max", service.mttr.maxSeconds)] {
                #expect(exposition.value("opsmetrics_mttr_seconds", ["service": service.service, "definition": "recover", "stat": stat]) == value)
            }
            #expect(exposition.value("opsmetrics_mttr_samples", ["service": service.service, "definition": "recover"]) == Double(service.mttr.count))
            #expect(exposition.value("opsmetrics_open_age_samples", labels) == Double(service.openAge.count))
        }
        // `quiet` has an ongoing outage and so no MTTR sample: its MTTR is null, so absent.
        let quiet = try #require(report.services.first { $0.service == "quiet" })
        #expect(quiet.mttr.count == 0 && quiet.mttr.meanSeconds == nil)
        #expect(exposition["opsmetrics_mttr_seconds"]?.samples.contains { $0.labels["service"] == "quiet" } == false)
        #expect(exposition.value("opsmetrics_mttr_samples", ["service": "quiet", "definition": "recover"]) == 0)
        let age: Double? = exposition.value("opsmetrics_open_age_seconds", ["service": "quiet", "stat": "max"])
        #expect(age == 432_000)  // 2024-05-03 to the as-of time 2024-05-08
        // No MTTD sample anywhere: the family is left out whole, its counts stay.
        #expect(exposition["opsmetrics_mttd_seconds"] == nil)
        #expect(exposition["opsmetrics_mttd_samples"]?.samples.count == report.services.count)
        // Never an all-services sample: the sum over services is the total.
        let failures = exposition["opsmetrics_failures"]?.samples.map(\.value).reduce(0, +)
        #expect(failures == Double(report.total.failures))
    }

    @Test("an empty window writes the report-wide families only")
    func empty() throws {
        var configuration = Self.configuration
        configuration.asOf = at("2024-05-01T00:00:00Z")
        let report = try report("id,service,opened\nA,web,2024-06-01T00:00:00Z\n", configuration: configuration)
        let exposition = try Exposition.parse(PrometheusRenderer.report(report, mttr: .recover))
        #expect(exposition.families.map(\.name) == ["opsmetrics_report_timestamp_seconds", "opsmetrics_window_start_timestamp_seconds", "opsmetrics_window_end_timestamp_seconds"])
    }

    @Test("the writer's escapes, numbers and names")
    func writer() {
        #expect(PrometheusExposition.escapedLabelValue("a\\b\"c\nd\re") == "a\\\\b\\\"c\\nd\re")
        #expect(PrometheusExposition.escapedHelp("a\\b\"c\nd") == "a\\\\b\"c\\nd")
        #expect(PrometheusExposition.number(3600) == "3600")
        #expect(PrometheusExposition.number(0.25) == "0.25")
        #expect(PrometheusExposition.number(1e-06) == "1e-06")
        #expect(PrometheusExposition.number(.nan) == "NaN")
        #expect(PrometheusExposition.number(-.infinity) == "-Inf")
        #expect(PrometheusExposition.isValidMetricName("opsmetrics_mttr_seconds") && PrometheusExposition.isValidMetricName("a:b"))
        #expect(!PrometheusExposition.isValidMetricName("9a") && !PrometheusExposition.isValidMetricName("a-b") && !PrometheusExposition.isValidMetricName(""))
        #expect(PrometheusExposition.isValidLabelName("service") && !PrometheusExposition.isValidLabelName("__name") && !PrometheusExposition.isValidLabelName("a:b"))
    }

    static let flowLog = """
        id,service,priority,kind,event,timestamp,status
        A,"we""b\\x",P1,incident,opened,2024-05-01T09:00:00Z,New
        A,"we""b\\x",P1,,status,2024-05-01T10:00:00Z,Active
        A,"we""b\\x",P1,,resolved,2024-05-02T10:00:00Z,Resolved
        B,"line
        feed",P2,request,opened,2024-05-01T11:00:00Z,New
        B,"line
        feed",P2,,resolved,2024-05-03T08:00:00Z,Closed
        C,api,,incident,opened,2024-04-30T08:00:00Z,New

        """

    @Test("flow: per series (service or priority label), stage lines with a stage label, no all series")
    func flow() throws {
        for (by, expected) in [("service", Set(["we\"b\\x", "line\nfeed", "api"])), ("priority", Set(["P1", "P2", "(no priority)"]))] {
            let run = try CommandLineToolTests.withFiles(["flow.csv": Self.flowLog]) { directory in
                CommandLineToolTests.run(["flow", "--format", "prometheus", "--by", by, "--stages", "New,Active,Resolved,Closed",
                                          "--from", "2024-05-01", "--to", "2024-05-04", directory.appendingPathComponent("flow.csv").path])
            }
            #expect(run.status == .success, "\(run.stderr)")
            let exposition = try Exposition.parse(run.stdout)
            let names = Set(exposition["opsmetrics_flow_created"]?.samples.compactMap { $0.labels[by] } ?? [])
            #expect(names == expected)
            #expect(exposition.value("opsmetrics_report_timestamp_seconds", ["report": "flow"]) == 1_714_780_800)
            #expect(exposition["opsmetrics_flow_created"]?.samples.map(\.value).reduce(0, +) == 2)
            #expect(exposition["opsmetrics_flow_open_at_start"]?.samples.map(\.value).reduce(0, +) == 1)
            let stages = Set(exposition["opsmetrics_flow_stage_reached"]?.samples.compactMap { $0.labels["stage"] } ?? [])
            #expect(stages == ["New", "Active", "Resolved", "Closed"])
            #expect(exposition.families.allSatisfy { $0.samples.allSatisfy { $0.labels[by] != "all" } })
        }
    }

    @Test("--output file.prom: written whole through the atomic output, the same bytes as stdout, no temporary file left")
    func outputFile() throws {
        try CommandLineToolTests.withFiles(["log.csv": Self.hostileLog]) { directory in
            let input = directory.appendingPathComponent("log.csv").path
            let target = directory.appendingPathComponent("opsmetrics.prom")
            try Data("old\n".utf8).write(to: target)
            let window = ["--from", "2024-05-01", "--to", "2024-05-08"]
            let toFile = CommandLineToolTests.run(["report", "--format", "prometheus", "--output", target.path] + window + [input])
            let toStdout = CommandLineToolTests.run(["report", "--format", "prometheus"] + window + [input])
            #expect(toFile.status == .success && toFile.stdout.isEmpty && toFile.stderr.isEmpty)
            #expect(try String(contentsOf: target, encoding: .utf8) == toStdout.stdout)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["log.csv", "opsmetrics.prom"])
        }
    }

    // MARK: promtool

    /// `promtool` from `OPSMETRICS_PROMTOOL`, else from the PATH; `nil` when neither has one.
    static let promtool: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["OPSMETRICS_PROMTOOL"], !path.isEmpty { return path }
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/promtool"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// `promtool check metrics` on `text`: its exit status and what it printed.
    static func promtoolCheck(_ text: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(promtool))
        process.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: printed, as: UTF8.self))
    }

    @Test("promtool check metrics accepts the report and flow expositions, hostile labels included, with no lint",
          .enabled(if: promtool != nil, "skipped: promtool is not installed (Debian package 'prometheus'; .ci/run installs it where it can)"))
    func promtoolAccepts() throws {
        let report = try report(Self.hostileLog, configuration: Self.configuration)
        var texts = [PrometheusRenderer.report(report, mttr: .recover), PrometheusRenderer.report(report, mttr: .repair)]
        try CommandLineToolTests.withFiles(["flow.csv": Self.flowLog]) { directory in
            for by in ["service", "priority"] {
                texts.append(CommandLineToolTests.run(["flow", "--format", "prometheus", "--by", by, "--stages", "servicenow",
                                                       directory.appendingPathComponent("flow.csv").path]).stdout)
            }
        }
        for text in texts {
            #expect(!text.isEmpty)
            let check = try Self.promtoolCheck(text)
            #expect(check.status == 0, "\(check.output)")
            #expect(check.output.isEmpty, "promtool lint: \(check.output)")
        }
        // And it does reject what is wrong (a test that cannot fail proves nothing).
        let broken = try Self.promtoolCheck("# HELP x y\n# TYPE x gauge\nx{service=\"a\"b\"} 1\n")
        #expect(broken.status != 0)
    }
}
