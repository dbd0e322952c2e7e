// `report --format csv`: one row per service and the all-services row, machine units, full
// precision (every number reads back as the report's double), null as an empty field, RFC 4180
// quoting of hostile names; checked by an independent RFC 4180 reader on fixtures and random logs.
import Foundation
@testable import OpsMetrics
import Testing
@testable import opsmetrics_cli

@Suite("report CSV")
struct ReportCSVTests {
    /// RFC 4180 records of `text` (fields quoted or not, `""` a quote, line breaks inside quotes),
    /// by Unicode scalar.
    static func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false, wasQuoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { field.append("\""); scalars.removeFirst() } else { quoted = false }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                try #require(field.isEmpty && !wasQuoted, "a quote inside an unquoted field")
                quoted = true
                wasQuoted = true
            case ",":
                record.append(String(field))
                field = .init()
                wasQuoted = false
            case "\n":
                record.append(String(field))
                records.append(record)
                (record, field, wasQuoted) = ([], .init(), false)
            default:
                try #require(!wasQuoted, "text after a closing quote")
                try #require(scalar != "\r", "a bare carriage return outside quotes")
                field.append(scalar)
            }
        }
        try #require(!quoted && field.isEmpty && record.isEmpty, "no final line feed")
        return records
    }

    static func number(_ text: String) -> Double? { text.isEmpty ? nil : Double(text) }

    /// Checks every cell of `csv` against `report`.
    static func check(_ csv: String, _ report: ReliabilityReport) throws {
        let rows = try records(csv)
        let header = try #require(rows.first)
        #expect(header == CSVRenderer.header)
        #expect(header.count == 51)
        #expect(rows.allSatisfy { $0.count == header.count })
        #expect(rows.count == report.services.count + 2)
        for (row, (service, pooled)) in zip(rows.dropFirst(), report.services.map { ($0, false) } + [(report.total, true)]) {
            let cell = { (name: String) in row[header.firstIndex(of: name)!] }
            #expect(cell("scope") == (pooled ? "all" : "service"))
            #expect(cell("service") == service.service)
            #expect(number(cell("eligible_seconds")) == service.eligibleSeconds)
            #expect(number(cell("downtime_seconds")) == service.downtimeSeconds)
            #expect(Int(cell("failures")) == service.failures)
            #expect(Int(cell("incidents")) == service.incidents)
            #expect(Int(cell("open_incidents")) == service.openIncidents)
            #expect(Int(cell("ongoing_outages")) == service.ongoingOutages)
            #expect(number(cell("mttf_seconds")) == service.mttfSeconds)
            if let percent = service.uptimePercent {
                let ratio = try #require(number(cell("uptime_ratio")))
                #expect(abs(ratio * 100 - percent) < 1e-9)
                if !pooled { #expect(ratio == (service.eligibleSeconds - service.downtimeSeconds) / service.eligibleSeconds) }
            } else {
                #expect(cell("uptime_ratio").isEmpty)
            }
            for (name, statistics) in [("mttr", service.mttr), ("mttd", service.mttd), ("mtta", service.mtta),
                                       ("time_to_resolve", service.timeToResolve), ("open_age", service.openAge), ("mtbsi", service.mtbsi)] {
                #expect(Int(cell("\(name)_n")) == statistics.count)
                #expect(number(cell("\(name)_mean_seconds")) == statistics.meanSeconds)
                #expect(number(cell("\(name)_p50_seconds")) == statistics.p50Seconds)
                #expect(number(cell("\(name)_p90_seconds")) == statistics.p90Seconds)
                #expect(number(cell("\(name)_min_seconds")) == statistics.minSeconds)
                #expect(number(cell("\(name)_max_seconds")) == statistics.maxSeconds)
            }
            let detection = service.detectedBy
            #expect([cell("detected_by_monitoring"), cell("detected_by_user"), cell("detected_by_unmapped"), cell("detected_by_missing")].map { Int($0) }
                    == [detection.monitoring, detection.user, detection.unmapped, detection.missing])
            #expect(number(cell("monitoring_share")) == detection.monitoringShare)
        }
    }

    @Test("the README fixture: one row per service, the all-services row last, numbers as in the JSON")
    func fixture() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/valid/overlapping-incidents.csv").standardized
        var configuration = ReportConfiguration()
        configuration.windowStart = at("2024-05-01T00:00:00Z")
        configuration.windowEnd = at("2024-05-08T00:00:00Z")
        let text = try String(contentsOf: url, encoding: .utf8)
        let report = try report(text, configuration: configuration)
        let csv = CSVRenderer.report(report)
        try Self.check(csv, report)
        let lines = csv.split(separator: "\n")
        #expect(lines[1].hasPrefix("service,api,594000,6600,0.9888888888888889,2,3,0,0,293700,3,3200,3600,3600,2400,3600,1,120,"))
        #expect(lines.last?.hasPrefix("all,all services,1796400,30300,") == true)
        // No sample: empty fields, never 0 (api has no open incident).
        #expect(lines[1].contains(",0,,,,,,1,153000,"))
        // The CLI writes the same bytes.
        let run = CommandLineToolTests.run(["report", "--format", "csv", "--from", "2024-05-01", "--to", "2024-05-08", url.path])
        #expect(run.status == .success && run.stderr.isEmpty)
        #expect(run.stdout == csv)
    }

    @Test("hostile service names are quoted by RFC 4180 and read back exactly")
    func hostileNames() throws {
        let report = try report(MarkdownTests.hostileLog, configuration: MarkdownTests.configuration)
        let csv = CSVRenderer.report(report)
        try Self.check(csv, report)
        let names = try Self.records(csv).dropFirst().dropLast().map { $0[1] }
        #expect(Set(names) == Set(MarkdownTests.hostileNames))
        #expect(csv.contains("\"cr\r\nlf\""))
    }

    @Test("random logs: every cell matches the report", arguments: 0..<4)
    func random(_ part: Int) throws {
        var rng = SplitMix64(seed: SplitMix64.configuredSeed &+ UInt64(part))
        for _ in 0..<50 {
            let case_ = RandomIncidentLog.make(using: &rng)
            let report = try report(case_.csv(case_.rows), configuration: case_.configuration)
            try Self.check(CSVRenderer.report(report), report)
        }
    }
}
