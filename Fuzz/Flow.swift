// Fuzz target: the cumulative flow path, as `opsmetrics flow` runs it: a stage list parsed
// (`StageMap(parsing:)`, as `--stages` gives it), the read (with status times when there are
// stages), and `FlowReport` over calendar periods in a zone with daylight saving. The report must
// keep the invariants the tests check (`flowInvariantViolations`: rows chain, open = start +
// created − resolved, cumulative lines never fall, the total is the sum of the series, periods
// tile the span), and its stage lines must be a cumulative flow diagram: within a period a later
// stage has at most the records of an earlier one, and no line falls from one period to the next.
// One input in eight is also encoded to JSON and read back equal.
//
// Options: first byte `ReaderOptions`; second byte:
//     bits 0-2  period: day, week, month, quarter, year (5-7: day)
//     bit  3    one series per priority instead of per service
//     bit  4    the window 2024-05-01..2024-05-08 (else the span of the data)
//     bit  5    as of 2024-05-05
//     bit  6    periods in America/New_York instead of UTC
//     bit  7    stages: the data's first line (up to a line feed) is a `--stages` list
@testable import OpsMetrics
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlow(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 2)
    var options = ReaderOptions(input.options[0])
    let choice = input.options[1]
    var flow = FlowConfiguration()
    flow.period = [.day, .week, .month, .quarter, .year, .day, .day, .day][Int(choice & 7)]
    flow.seriesBy = choice & 8 != 0 ? .priority : .service
    if choice & 16 != 0 {
        options.configuration.windowStart = Timestamp(microsecondsSinceEpoch: 1_714_521_600_000_000)
        options.configuration.windowEnd = Timestamp(microsecondsSinceEpoch: 1_715_126_400_000_000)
    }
    if choice & 32 != 0 { options.configuration.asOf = Timestamp(microsecondsSinceEpoch: 1_714_867_200_000_000) }
    if choice & 64 != 0 { flow.zone = newYork }
    // Fuzzed times span up to ten thousand years: few periods keep an execution short.
    flow.periodLimit = 1_000

    var data = input.data
    if choice & 128 != 0 {
        let end = data.firstIndex(of: ASCII.newline) ?? data.count
        let text = String(decoding: data[..<end], as: UTF8.self)
        data = Array(data[min(end + 1, data.count)...])
        guard let stages = try? StageMap(parsing: text) else { return 0 }
        fuzzCheck(!stages.stageNames.isEmpty, "a stage map without stages from '\(text)'")
        flow.stages = stages
        options.configuration.keepsStatusTimes = true
    }

    guard case .success(let log) = readThroughReader(data, options, chunkSize: options.chunkSize) else { return 0 }
    let report: FlowReport
    do { report = try FlowReport(log: log, configuration: options.configuration, flow: flow) } catch {
        fuzzCheck(error.message.contains("period"), "unexpected configuration error: \(error.message)")
        return 0
    }
    let accounting = report.meta.inputAccounting
    fuzzCheck(accounting.rowsRead == accounting.rowsUsed + accounting.rowsSkipped, "rows do not add up")
    let problems = flowInvariantViolations(report)
    fuzzCheck(problems.isEmpty, problems.joined(separator: "\n"))
    if let names = flow.stages?.stageNames {
        for series in report.series + [report.total] { checkStages(series, names) }
    }
    for series in report.series + [report.total] {
        for (what, value) in [("throughput/day", series.throughput.perDay), ("average WIP", series.littlesLaw.averageWIP),
                              ("mean lead time", series.leadTime.meanSeconds), ("Little's ratio", series.littlesLaw.ratio)] {
            if let value { fuzzCheck(value.isFinite && value >= 0, "\(series.name) \(what) \(value)") }
        }
    }

    // Foundation's JSON costs as much as the rest: one input in eight (by length, so a crash reproduces).
    guard input.data.count % 8 == 0 else { return 0 }
    do {
        let encoded = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(FlowReport.self, from: encoded)
        fuzzCheck(decoded == report, "the flow report does not read back equal")
    } catch {
        fuzzCheck(false, "the flow report's JSON does not encode and read back: \(error)")
    }
    return 0
}

private let newYork = ZoneRule.named("America/New_York") ?? .utc

/// Every row has one line per stage, in order; a later stage never has more records than an
/// earlier one, and no line falls from one period to the next (nor below its value at the start).
private func checkStages(_ series: FlowSeries, _ names: [String]) {
    var previous = series.stagesAtStart?.map(\.reached) ?? Array(repeating: 0, count: names.count)
    fuzzCheck(series.stagesAtStart?.map(\.stage) ?? names == names, "\(series.name): stages at start in another order")
    for row in series.periods {
        guard let stages = row.stages else {
            fuzzCheck(false, "\(series.name) \(row.period): no stage lines")
            return
        }
        fuzzCheck(stages.map(\.stage) == names, "\(series.name) \(row.period): stages \(stages.map(\.stage)), expected \(names)")
        let reached = stages.map(\.reached)
        fuzzCheck(zip(reached, reached.dropFirst()).allSatisfy { $0 >= $1 }, "\(series.name) \(row.period): a later stage has more records: \(reached)")
        fuzzCheck(zip(previous, reached).allSatisfy { $0 <= $1 }, "\(series.name) \(row.period): a line falls: \(previous) → \(reached)")
        previous = reached
    }
}
