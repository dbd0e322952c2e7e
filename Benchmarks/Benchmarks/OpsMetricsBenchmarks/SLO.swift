// SLO suite: what `opsmetrics slo` adds to a report. The same generated log (CSV) is read once
// in `setup`; the timed region is the reliability report alone, then the report plus an SLOReport
// of four priority objectives on a business calendar (Mon-Fri 09:00-17:00 Europe/London, with
// holidays) and the error budget of a 99.9 % objective. The bar: SLOs may add at most 25 %
// to the report's time on the 10M-event log (compare the two benchmarks' wall clock).
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

        Benchmark("SLO: report + SLOs + error budget, \(sizeLabel(events)) events") { benchmark, log in
            let objectives = objectives()
            let (report, slo, budgets) = measure(benchmark, bytes: 0, events: log.recordCount) {
                let report = ReliabilityReport(log: log, configuration: ReportConfiguration())
                let slo = SLOReport(log: log, configuration: ReportConfiguration(), slo: SLOConfiguration(objectives: objectives))
                let budgets = ErrorBudget.budgets(log: log, configuration: ReportConfiguration(), objective: 0.999)
                return (report, slo, budgets)
            }
            // Every objective matches records, each verdict is counted once, one budget per service plus the total.
            let counted = slo.summaries.filter { $0.service == nil }.reduce(0) { $0 + $1.met + $1.breached + $1.pending }
            check(benchmark, objectives.count == 4 && slo.unmatchedObjectives.isEmpty && counted == slo.records.count && budgets.count == 51,
                  "\(slo.unmatchedObjectives) unmatched, \(counted) verdicts of \(slo.records.count), \(budgets.count) budgets")
            blackHole((report, slo, budgets))
        } setup: {
            (try? readLog(GeneratedInput(events: events, format: .csv).bytes, format: .csv)) ?? IncidentLog()
        }
    }
}
