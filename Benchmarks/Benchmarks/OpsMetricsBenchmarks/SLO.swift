// SLO suite: what `opsmetrics slo` costs beside `opsmetrics report`. On the log in memory (read
// once in `setup`): the reliability report alone, then an SLOReport of four priority objectives on
// a business calendar (Mon-Fri 09:00-17:00 Europe/London, with holidays) and the error budgets of
// a 99.9 % objective. From the CSV bytes: reading plus the SLOs and budgets, to set beside
// "Pipeline: read + report, CSV". The bar: SLOs may add at most 25 % to the report's time
// on the 10M-event log (Benchmarks/README.md, "SLO overhead").
import Benchmark
import Foundation
import LogGenerator
import OpsMetrics

func sloBenchmarks() {
    let hour: Int64 = 3_600_000_000
    func objectives() -> [ServiceLevelObjective] {
        var holidays = Holidays()
        holidays.insert(year: 2024, month: 12, day: 25)
        holidays.insert(year: 2024, month: 12, day: 26)
        guard let calendar = try? BusinessCalendar(specification: "Mon-Fri 09:00-17:00 Europe/London", holidays: holidays) else { return [] }
        return [("1", 4 * hour), ("2", 8 * hour), ("3", 24 * hour), ("4", 72 * hour)].map {
            ServiceLevelObjective(name: "P\($0.0) resolution", priorities: [$0.0, "P\($0.0)"], clock: .resolution, targetMicroseconds: $0.1, calendar: calendar)
        }
    }
    for events in benchmarkSizes {
        Benchmark("SLO: report only (baseline), \(sizeLabel(events)) events") { benchmark, log in
            let report = measure(benchmark, bytes: 0, events: log.recordCount) {
                ReliabilityReport(log: log, configuration: ReportConfiguration())
            }
            check(benchmark, report.services.count == 50, "\(report.services.count) services, expected 50")
            blackHole(report)
        } setup: {
            (try? readLog(GeneratedInput(events: events, format: .csv).bytes, format: .csv)) ?? IncidentLog()
        }

        Benchmark("SLO: SLOs + error budget, \(sizeLabel(events)) events") { benchmark, log in
            let objectives = objectives()
            let (slo, budgets) = measure(benchmark, bytes: 0, events: log.recordCount) {
                sloAndBudgets(log, objectives)
            }
            checkSLO(benchmark, slo, budgets, objectives)
            blackHole((slo, budgets))
        } setup: {
            (try? readLog(GeneratedInput(events: events, format: .csv).bytes, format: .csv)) ?? IncidentLog()
        }

        // What `opsmetrics slo` does, to compare with "Pipeline: read + report, CSV" (what `opsmetrics report` does).
        Benchmark("SLO: read + SLOs + error budget, CSV, \(sizeLabel(events)) events") { benchmark, input in
            let objectives = objectives()
            do {
                let (slo, budgets) = try measure(benchmark, bytes: input.bytes.count, events: input.summary.rows) {
                    sloAndBudgets(try readLog(input.bytes, format: .csv), objectives)
                }
                checkSLO(benchmark, slo, budgets, objectives)
                blackHole((slo, budgets))
            } catch {
                benchmark.error("\(error)")
            }
        } setup: {
            GeneratedInput(events: events, format: .csv)
        }
    }
}

/// Four priority objectives' verdicts and a 99.9 % objective's error budgets.
private func sloAndBudgets(_ log: IncidentLog, _ objectives: [ServiceLevelObjective]) -> (SLOReport, [ErrorBudget]) {
    (SLOReport(log: log, configuration: ReportConfiguration(), slo: SLOConfiguration(objectives: objectives)),
     ErrorBudget.budgets(log: log, configuration: ReportConfiguration(), objective: 0.999))
}

/// Every objective matches records, each verdict is counted once, one budget per service plus the total.
private func checkSLO(_ benchmark: Benchmark, _ slo: SLOReport, _ budgets: [ErrorBudget], _ objectives: [ServiceLevelObjective]) {
    let counted = slo.summaries.filter { $0.service == nil }.reduce(0) { $0 + $1.met + $1.breached + $1.pending }
    check(benchmark, objectives.count == 4 && slo.unmatchedObjectives.isEmpty && counted == slo.records.count && budgets.count == 51,
          "\(slo.unmatchedObjectives) unmatched, \(counted) verdicts of \(slo.records.count), \(budgets.count) budgets")
}
