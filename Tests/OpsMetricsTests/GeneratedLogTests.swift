import Testing
@testable import OpsMetrics

/// A 10⁴-event log in the benchmark's shape (quoted UTF-8 names with commas, offsets and
/// fractions, aliases, reopened, never-resolved and late rows), generated from the test seed:
/// every way of reading it must give the same report, to the microsecond.
@Suite("Generated 10^4-event log")
struct GeneratedLogTests {
    static let seed = SplitMix64.configuredSeed
    static let log = GeneratedEventLog(events: 10_000, seed: seed)

    /// Differences between two reports, shortened for failure messages.
    func shortDifferences(_ a: ReliabilityReport, _ b: ReliabilityReport) -> String {
        var lines = metricDifferences(a, b).map { String($0.prefix(400)) }
        if a.meta != b.meta { lines.append("meta differs") }
        if a.dataQuality != b.dataQuality { lines.append("data quality differs") }
        let services = zip(a.services, b.services).filter { $0 != $1 }.map(\.0.service)
        if !services.isEmpty { lines.append("services that differ: \(services)") }
        return "seed \(Self.seed): " + lines.joined(separator: "\n")
    }

    @Test("the log is what it claims: every row used, several services, open and reopened incidents")
    func shape() throws {
        let report = try report(Self.log.csv)
        #expect(report.meta.inputAccounting.rowsRead == 10_000)
        #expect(report.meta.inputAccounting.rowsUsed == 10_000)
        #expect(report.services.count == GeneratedEventLog.services.count)
        #expect(report.total.incidents > 2_000)
        #expect(report.total.openIncidents > 0)
        #expect(report.total.failures < report.total.incidents, "some outages overlap")
        #expect(Self.log.rows.contains { $0.event == "reopened" })
        #expect(zip(Self.log.rows, Self.log.rows.dropFirst()).contains { $0.time > $1.time }, "some rows are late")
        for service in report.services {
            #expect((service.uptimePercent ?? 0) > 50, "\(service.service) is mostly up")
        }
    }

    @Test("read as CSV and as NDJSON, the whole reports are identical")
    func csvAndNDJSONAgree() throws {
        let fromCSV = try report(Self.log.csv)
        let fromNDJSON = try report(Self.log.ndjson, format: .ndjson)
        #expect(fromCSV == fromNDJSON, "\(shortDifferences(fromCSV, fromNDJSON))")
    }

    @Test("read in odd-sized chunks, the report is identical to one push")
    func chunkingAgrees() throws {
        let whole = try report(Self.log.csv)
        let configuration = ReportConfiguration()
        for (format, text) in [(InputFormat.csv, Self.log.csv), (.ndjson, Self.log.ndjson)] {
            let log = try readLog(text, format: format, configuration: configuration, chunkSize: 4_093)
            let chunked = ReliabilityReport(log: log, configuration: configuration)
            #expect(chunked == whole, "\(format): \(shortDifferences(whole, chunked))")
        }
    }

    @Test("read in two halves and merged (the shape of a parallel read), the report is identical")
    func mergedHalvesAgree() throws {
        let whole = try report(Self.log.csv)
        let lines = Self.log.csv.split(separator: "\n", omittingEmptySubsequences: false)
        let header = String(lines[0])
        let rows = lines.dropFirst().filter { !$0.isEmpty }
        for cut in [1, rows.count / 3, rows.count / 2, rows.count - 1] {
            let first = ([header] + rows.prefix(cut).map(String.init)).joined(separator: "\n") + "\n"
            let second = ([header] + rows.dropFirst(cut).map(String.init)).joined(separator: "\n") + "\n"
            var log = try readLog(first)
            log.merge(try readLog(second))
            var merged = ReliabilityReport(log: log, configuration: ReportConfiguration())
            #expect(merged.meta.inputs == ["test.csv", "test.csv"])
            merged.meta.inputs = whole.meta.inputs
            #expect(merged == whole, "cut after \(cut) rows: \(shortDifferences(whole, merged))")
        }
    }
}
