// Folding suite: RowFolder on rows tokenized before timing — trimming, null spellings, event
// names, timestamps, interning ids, services and labels, and the per-record state.
import Benchmark
import LogGenerator
@_spi(Benchmarking) import OpsMetrics

func foldingBenchmarks() {
    for events in benchmarkSizes {
        Benchmark("Folding: rows into incidents, \(sizeLabel(events)) events") { (benchmark: Benchmark, setup: (GeneratedInput, _Benchmarking.FoldingInput)) in
            let (input, rows) = setup
            do {
                let log = try measure(benchmark, bytes: input.bytes.count, events: input.summary.rows) {
                    try _Benchmarking.fold(rows)
                }
                check(benchmark, log.recordCount == input.summary.records && log.accounting.rowsUsed == input.summary.rows,
                      "\(log.recordCount) records from \(log.accounting.rowsUsed) rows, expected \(input.summary.records) from \(input.summary.rows)")
                blackHole(log)
            } catch {
                benchmark.error("\(error)")
            }
        } setup: {
            let input = GeneratedInput(events: events, format: .csv)
            return (input, try _Benchmarking.prepareFolding(csv: input.bytes))
        }
    }
}
