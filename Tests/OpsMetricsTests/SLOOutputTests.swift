// `opsmetrics slo --format prometheus | markdown`: the SLO and error-budget families parsed back and
// checked against the report's own numbers (no all-services sample, sums giving the objective-wide
// row), hostile service and objective names read back exactly, promtool where installed; the
// Markdown tables with the header's cells, escapes and footnotes.
import Foundation
@testable import OpsMetrics
import Testing
@testable import opsmetrics_cli

@Suite("SLO outputs: Prometheus and Markdown")
struct SLOOutputTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/slo").standardized
    static let tickets = fixtures.appendingPathComponent("tickets.csv").path
    static let objectives = fixtures.appendingPathComponent("objectives.json").path
    static let arguments = ["slo", "--objectives", objectives, "--objective", "99.9%", "--as-of", "2024-06-12T00:00:00Z", tickets]

    /// One P1 ticket per hostile service (opened Monday 09:00, resolved after 1 + index hours), an
    /// objective named with a quote, a backslash and a pipe.
    static var hostileLog: String {
        var rows = ["id,service,priority,opened,resolved"]
        for (index, name) in (PrometheusTests.hostileNames + MarkdownTests.hostileNames).enumerated() {
            rows.append("H\(rows.count),\(FlowRenderer.field(name)),P1,2024-06-10T09:00:00Z,2024-06-10T\(10 + index % 8):00:00Z")
        }
        return rows.joined(separator: "\n") + "\n"
    }
    static let hostileObjective = "P1 \"fix\" \\ a|b"

    static func hostileReport() throws -> (SLOReport, [ErrorBudget]) {
        var configuration = ReportConfiguration()
        configuration.asOf = at("2024-06-12T00:00:00Z")
        let log = try readLog(hostileLog, configuration: configuration)
        let objective = ServiceLevelObjective(name: hostileObjective, priorities: ["P1"], clock: .resolution,
                                              targetMicroseconds: 4 * 3_600_000_000, calendar: .twentyFourSeven)
        return (SLOReport(log: log, configuration: configuration, slo: SLOConfiguration(objectives: [objective])),
                ErrorBudget.budgets(log: log, configuration: configuration, objective: 0.99))
    }

    @Test("prometheus: per objective and service counts, compliance, elapsed p50/p90, targets and budgets, as the library computes them")
    func prometheusValues() throws {
        let run = CommandLineToolTests.run(Self.arguments + ["--format", "prometheus"])
        #expect(run.status == .success, "\(run.stderr)")
        let exposition = try Exposition.parse(run.stdout)
        #expect(exposition.families.allSatisfy { $0.name.hasPrefix("opsmetrics_") && $0.type == "gauge" && !$0.help.isEmpty })
        #expect(exposition.value("opsmetrics_report_timestamp_seconds", ["report": "slo"]) == 1_718_150_400)
        #expect(exposition.value("opsmetrics_slo_target_seconds", ["objective": "P1 resolution"]) == 14_400)
        #expect(exposition.value("opsmetrics_slo_target_seconds", ["objective": "P1 response"]) == 900)

        // The library's report of the same run.
        let text = CommandLineToolTests.run(Self.arguments + ["--format", "json"]).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let summaries = try #require(json["summaries"] as? [[String: Any]])
        var checked = 0
        for summary in summaries {
            let objective = try #require(summary["objective"] as? String)
            guard let service = summary["service"] as? String else {
                // The objective over every service: no sample, the services' sum.
                for family in ["met", "breached", "pending"] {
                    let sum = exposition["opsmetrics_slo_\(family)"]?.samples.filter { $0.labels["objective"] == objective }.map(\.value).reduce(0, +)
                    #expect(sum == (summary[family] as? Double), "\(objective) \(family)")
                }
                continue
            }
            let labels = ["objective": objective, "service": service]
            for family in ["met", "breached", "pending"] {
                #expect(exposition.value("opsmetrics_slo_\(family)", labels) == summary[family] as? Double, "\(labels) \(family)")
            }
            #expect(exposition.value("opsmetrics_slo_compliance_ratio", labels).map { abs($0 - ((summary["compliance"] as? Double) ?? -1)) < 1e-6 }
                    ?? (summary["compliance"] is NSNull))
            #expect(exposition.value("opsmetrics_slo_business_elapsed_seconds", labels.merging(["stat": "p90"]) { $1 })
                    == summary["p90_business_elapsed_seconds"] as? Double)
            checked += 1
        }
        #expect(checked >= 4)
        #expect(exposition.families.allSatisfy { $0.samples.allSatisfy { $0.labels["service"] != "(all services)" && $0.labels["service"] != "*" } })

        // Budgets: 99.9 % is 0.999 exactly; per service, never the total.
        let budgets = try #require(json["error_budgets"] as? [[String: Any]])
        for budget in budgets.dropLast() {
            let service = try #require(budget["service"] as? String)
            #expect(exposition.value("opsmetrics_error_budget_objective_ratio", ["service": service]) == 0.999)
            let consumed = try #require(budget["consumed_seconds"] as? Double)
            #expect(exposition.value("opsmetrics_error_budget_consumed_seconds", ["service": service]) == consumed)
            let allowed = try #require(budget["budget_seconds"] as? Double)
            #expect(abs((exposition.value("opsmetrics_error_budget_seconds", ["service": service]) ?? -1) - allowed) < 0.001)
            let rates = try #require(budget["burn_rates_by_window_seconds"] as? [String: Any])
            for (window, label) in [("3600", "1h"), ("21600", "6h"), ("259200", "3d")] {
                let rate = exposition.value("opsmetrics_error_budget_burn_rate", ["service": service, "window": label])
                if let expected = rates[window] as? Double { #expect(rate.map { abs($0 - expected) < 1e-6 } == true, "\(service) \(label)") } else { #expect(rate == nil) }
            }
        }
        #expect(exposition["opsmetrics_error_budget_seconds"]?.samples.count == budgets.count - 1)
    }

    @Test("prometheus: hostile service and objective names come back exactly; every line a comment or a sample")
    func prometheusHostileLabels() throws {
        let (report, budgets) = try Self.hostileReport()
        let text = PrometheusRenderer.slo(report, budgets: budgets)
        let exposition = try Exposition.parse(text)
        let names = PrometheusTests.hostileNames + MarkdownTests.hostileNames
        #expect(Set(exposition["opsmetrics_slo_met"]?.samples.compactMap { $0.labels["service"] } ?? []) == Set(names))
        #expect(Set(exposition["opsmetrics_error_budget_consumed_seconds"]?.samples.compactMap { $0.labels["service"] } ?? []) == Set(names))
        #expect(exposition["opsmetrics_slo_met"]?.samples.allSatisfy { $0.labels["objective"] == Self.hostileObjective } == true)
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("# ") || $0.hasPrefix("opsmetrics_") })
    }

    @Test("promtool check metrics accepts the SLO exposition, hostile labels included, with no lint",
          .enabled(if: PrometheusTests.promtool != nil, "skipped: promtool is not installed (Debian package 'prometheus'; .ci/run installs it where it can)"))
    func promtoolAccepts() throws {
        let (report, budgets) = try Self.hostileReport()
        for text in [PrometheusRenderer.slo(report, budgets: budgets), CommandLineToolTests.run(Self.arguments + ["--format", "prometheus"]).stdout] {
            let check = try PrometheusTests.promtoolCheck(text)
            #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
        }
    }

    @Test("--period is refused with --format prometheus (a snapshot), allowed with markdown")
    func periodFormats() {
        let prometheus = CommandLineToolTests.run(Self.arguments + ["--format", "prometheus", "--period", "month"])
        #expect(prometheus.status == .usage && prometheus.stderr.contains("--format prometheus writes a snapshot"))
        let markdown = CommandLineToolTests.run(Self.arguments + ["--format", "markdown", "--period", "month"])
        #expect(markdown.status == .success && markdown.stdout.contains("### By period") && markdown.stdout.contains("| 2024-06 |"))
    }

    @Test("markdown: the summaries and budgets tables with units, every row the header's cells, footnotes referenced and defined")
    func markdownTables() throws {
        let run = CommandLineToolTests.run(Self.arguments + ["--format", "markdown"])
        #expect(run.status == .success, "\(run.stderr)")
        let tables = MarkdownTests.tables(run.stdout)
        #expect(tables.count == 2)
        for table in tables { #expect(table.rows.allSatisfy { $0.count == table.header.count }, "\(table.header)") }
        #expect(tables[0].header == ["objective", "service", "met[^met]", "breached[^breached]", "pending[^pending]", "compliance (%)[^compliance]",
                                     "elapsed p50 (h)[^elapsed]", "elapsed p90 (h)", "worst breaches[^worst]"])
        // As the table and JSON give it (SLOCommandTests): P1 resolution 2 met, 2 breached, 50 %,
        // p50 2 h, p90 5 h, worst C then B; the response clocks' p50 10 min = 0.17 h.
        #expect(tables[0].rows.contains(["P1 resolution", "**all services**", "2", "2", "0", "50.00", "2.00", "5.00", "C, B"]))
        #expect(tables[0].rows.contains(["P1 response", "db", "0", "1", "0", "0.00", "—", "—", "B"]))
        #expect(tables[1].header.first == "service" && tables[1].rows.last?.first == "**all services**")
        #expect(tables[1].header.contains("burn 1h[^burn]") && tables[1].header.contains("budget (h)[^budget]"))
        let text = run.stdout
        let referenced = Set(text.matches(of: #/\[\^([a-z]+)\](?!:)/#).map { String($0.1) })
        let defined = Set(text.matches(of: #/^\[\^([a-z]+)\]: /#.anchorsMatchLineEndings()).map { String($0.1) })
        #expect(!referenced.isEmpty && referenced == defined)
    }

    @Test("markdown: hostile service and objective names read back exactly and break no table")
    func markdownHostile() throws {
        let (report, budgets) = try Self.hostileReport()
        let text = MarkdownRenderer.slo(report, reopenRule: .clockResumes, budgets: budgets)
        let tables = MarkdownTests.tables(text)
        #expect(tables.count == 2)
        for table in tables { #expect(table.rows.allSatisfy { $0.count == table.header.count }, "\(table.header)") }
        let names = (PrometheusTests.hostileNames + MarkdownTests.hostileNames).map { $0.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
        #expect(Set(tables[0].rows.dropFirst().map { MarkdownTests.unescape($0[1]) }) == Set(names))
        #expect(tables[0].rows.allSatisfy { MarkdownTests.unescape($0[0]) == Self.hostileObjective })
        #expect(Set(tables[1].rows.dropLast().map { MarkdownTests.unescape($0[0]) }) == Set(names))
        for line in text.split(separator: "\n") where line.hasPrefix("|") { #expect(line.hasSuffix("|")) }
        #expect(!text.contains("\r"))
    }
}
