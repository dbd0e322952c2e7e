// Pipeline suite: the library's public path, in memory (no file I/O, no JSON rendering):
// EventLogReader fed in 1 MiB chunks → IncidentLog → ReliabilityReport. The report must match
// the known results (KnownResults.swift), which DuckDB and polars confirm (Benchmarks/compare.sh).
// "read file" times IncidentLog(contentsOfFile:) on a file in the page cache, on one thread and in
// parts on every core. "flow only" times the cumulative flow (daily periods) of a read log.
import Benchmark
import Foundation
import LogGenerator
import OpsMetrics

/// Reads `bytes` through an `EventLogReader` in 1 MiB pushes, as `IncidentLog(contentsOfFile:)` reads a file.
func readLog(_ bytes: [UInt8], format: InputFormat) throws -> IncidentLog {
    var reader = try EventLogReader(name: "benchmark.\(format == .csv ? "csv" : "ndjson")", format: format,
                                    configuration: ReportConfiguration())
    let chunk = 1 << 20
    var offset = 0
    while offset < bytes.count {
        try reader.push(bytes[offset..<min(offset + chunk, bytes.count)])
        offset += chunk
    }
    return try reader.finish()
}

/// Checks a report against the generator's facts and, for the sizes listed, the known results.
func checkReport(_ benchmark: Benchmark, _ report: ReliabilityReport, _ input: GeneratedInput) {
    let accounting = report.meta.inputAccounting
    check(benchmark, accounting.rowsUsed == input.summary.rows && report.services.count == 50,
          "\(accounting.rowsUsed) rows used in \(report.services.count) services, expected \(input.summary.rows) in 50")
    if let known = KnownResult.bySize[input.summary.rows] {
        let found = KnownResult(report)
        check(benchmark, found == known, "\(found), expected \(known)")
    }
}

func pipelineBenchmarks() {
    for events in benchmarkSizes {
        for format in [LogFormat.csv, .ndjson] {
            Benchmark("Pipeline: read + report, \(format.rawValue.uppercased()), \(sizeLabel(events)) events") { benchmark, input in
                do {
                    let report = try measure(benchmark, bytes: input.bytes.count, events: input.summary.rows) {
                        let log = try readLog(input.bytes, format: format == .csv ? .csv : .ndjson)
                        return ReliabilityReport(log: log, configuration: ReportConfiguration())
                    }
                    checkReport(benchmark, report, input)
                    blackHole(report)
                } catch {
                    benchmark.error("\(error)")
                }
            } setup: {
                GeneratedInput(events: events, format: format)
            }
        }

        Benchmark("Pipeline: read only, CSV, \(sizeLabel(events)) events") { benchmark, input in
            do {
                let log = try measure(benchmark, bytes: input.bytes.count, events: input.summary.rows) {
                    try readLog(input.bytes, format: .csv)
                }
                check(benchmark, log.recordCount == input.summary.records && log.accounting.rowsUsed == input.summary.rows,
                      "\(log.recordCount) records from \(log.accounting.rowsUsed) rows, expected \(input.summary.records) from \(input.summary.rows)")
                blackHole(log)
            } catch {
                benchmark.error("\(error)")
            }
        } setup: {
            GeneratedInput(events: events, format: .csv)
        }

        for threads in [1, 0] {
            Benchmark("Pipeline: read file, CSV, \(sizeLabel(events)) events, \(threads == 1 ? "one thread" : "every core")") { benchmark, file in
                do {
                    var configuration = ReportConfiguration()
                    configuration.threads = threads
                    let log = try measure(benchmark, bytes: file.input.bytes.count, events: file.input.summary.rows) {
                        try IncidentLog(contentsOfFile: file.path, configuration: configuration)
                    }
                    check(benchmark, log.recordCount == file.input.summary.records && log.accounting.rowsUsed == file.input.summary.rows,
                          "\(log.recordCount) records from \(log.accounting.rowsUsed) rows, expected \(file.input.summary.records) from \(file.input.summary.rows)")
                    blackHole(log)
                } catch {
                    benchmark.error("\(error)")
                }
            } setup: {
                try GeneratedFile(events: events)
            }
        }

        Benchmark("Pipeline: report only, \(sizeLabel(events)) events") { (benchmark: Benchmark, setup: (GeneratedInput, IncidentLog)) in
            let (input, log) = setup
            let report = measure(benchmark, bytes: 0, events: input.summary.rows) {
                ReliabilityReport(log: log, configuration: ReportConfiguration())
            }
            checkReport(benchmark, report, input)
            blackHole(report)
        } setup: {
            let input = GeneratedInput(events: events, format: .csv)
            return (input, try readLog(input.bytes, format: .csv))
        }

        Benchmark("Pipeline: flow only (days), \(sizeLabel(events)) events") { (benchmark: Benchmark, setup: (GeneratedInput, IncidentLog)) in
            let (input, log) = setup
            var flow = FlowConfiguration()
            flow.period = .day
            do {
                let report = try measure(benchmark, bytes: 0, events: input.summary.rows) {
                    try FlowReport(log: log, configuration: ReportConfiguration(), flow: flow)
                }
                // Conservation: what was open, plus arrivals, less departures, is what is open.
                let total = report.total
                check(benchmark, total.openAtStart + total.created - total.resolved == total.openAtEnd && total.created > 0,
                      "open \(total.openAtStart) + created \(total.created) - resolved \(total.resolved) != open \(total.openAtEnd)")
                blackHole(report)
            } catch {
                benchmark.error("\(error)")
            }
        } setup: {
            let input = GeneratedInput(events: events, format: .csv)
            return (input, try readLog(input.bytes, format: .csv))
        }
    }
}
