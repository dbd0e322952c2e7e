// Timestamp suite: TimestampParser on the log's `timestamp` fields (RFC 3339 with offsets and 0,
// 3 or 6 fractional digits), located before timing. The sum of the parsed microseconds must be
// the generator's.
import Benchmark
import LogGenerator
@_spi(Benchmarking) import OpsMetrics

/// The byte ranges of the second CSV field of every data row (the timestamp is never quoted).
func timestampRanges(_ csv: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var lineStart = 0
    var isHeader = true
    while lineStart < csv.count {
        var firstComma = lineStart
        while csv[firstComma] != UInt8(ascii: ",") { firstComma += 1 }
        var secondComma = firstComma + 1
        while csv[secondComma] != UInt8(ascii: ",") { secondComma += 1 }
        if !isHeader { ranges.append((firstComma + 1)..<secondComma) }
        isHeader = false
        var lineEnd = secondComma
        var quoted = false
        while lineEnd < csv.count && (quoted || csv[lineEnd] != UInt8(ascii: "\n")) {
            if csv[lineEnd] == UInt8(ascii: "\"") { quoted.toggle() }
            lineEnd += 1
        }
        lineStart = lineEnd + 1
    }
    return ranges
}

func timestampBenchmarks() {
    for events in benchmarkSizes {
        Benchmark("Timestamp: parse, \(sizeLabel(events)) timestamps") { (benchmark: Benchmark, setup: (GeneratedInput, [Range<Int>])) in
            let (input, ranges) = setup
            let bytes = ranges.reduce(0) { $0 + $1.count }
            let result = measure(benchmark, bytes: bytes, events: ranges.count) {
                _Benchmarking.parseTimestamps(input.bytes, ranges: ranges)
            }
            check(benchmark, result.parsed == input.summary.rows && result.sum == input.summary.timestampSum,
                  "\(result), expected \(input.summary.rows) timestamps summing to \(input.summary.timestampSum)")
            blackHole(result)
        } setup: {
            let input = GeneratedInput(events: events, format: .csv)
            return (input, timestampRanges(input.bytes))
        }
    }
}
