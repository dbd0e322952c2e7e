// Tokenizer suite: CSV records and fields (CSVTokenizer, SIMD and the scalar reference), NDJSON objects and members
// (JSONObjectScanner), fed in 1 MiB chunks as the reader feeds them. Nothing is folded.
import Benchmark
import LogGenerator
@_spi(Benchmarking) import OpsMetrics

func tokenizerBenchmarks() {
    for events in benchmarkSizes {
        for scalar in [false, true] {
            Benchmark("Tokenizer: CSV\(scalar ? " (scalar reference)" : ""), \(sizeLabel(events)) events") { benchmark, input in
                do {
                    let counts = try measure(benchmark, bytes: input.bytes.count, events: input.summary.rows) {
                        try _Benchmarking.tokenizeCSV(input.bytes, scalar: scalar)
                    }
                    let records = input.summary.rows + 1  // and the header
                    check(benchmark, counts.records == records && counts.fields == 6 * records,
                          "\(counts), expected \(records) records of 6 fields")
                    blackHole(counts)
                } catch {
                    benchmark.error("\(error)")
                }
            } setup: {
                GeneratedInput(events: events, format: .csv)
            }
        }

        Benchmark("Tokenizer: NDJSON, \(sizeLabel(events)) events") { benchmark, input in
            do {
                let counts = try measure(benchmark, bytes: input.bytes.count, events: input.summary.rows) {
                    try _Benchmarking.scanNDJSON(input.bytes)
                }
                let objects = input.summary.rows
                check(benchmark, counts.records == objects && counts.fields == 6 * objects,
                      "\(counts), expected \(objects) objects of 6 members")
                blackHole(counts)
            } catch {
                benchmark.error("\(error)")
            }
        } setup: {
            GeneratedInput(events: events, format: .ndjson)
        }
    }
}
