// Fuzz target: the whole report path, as the CLI runs it: read, ReliabilityReport, JSON encoding
// (of some inputs, and decoding back). The report's numbers must be sane: uptime within 0-100 %,
// durations and counts not negative, statistics ordered (min <= p50 <= p90 <= max, mean within
// [min, max]), every row accounted for, and the JSON must encode (no NaN or infinity) and read
// back equal.
//
// Options: first byte `ReaderOptions`; second byte the report's definitions:
//     bits 0-1 MTTR recover/resolve/repair; bit 2 per episode; bit 3 samples by start;
//     bit 4 a 1 h merge gap; bit 5 the window 2024-05-01..2024-05-08; bit 6 as of 2024-05-05;
//     bit 7 only priority P1 fails.
@testable import OpsMetrics
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReport(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 2)
    var options = ReaderOptions(input.options[0])
    let definitions = input.options[1]
    options.configuration.mttrDefinition = [.recover, .resolve, .repair, .recover][Int(definitions & 3)]
    options.configuration.mttrPerEpisode = definitions & 4 != 0
    options.configuration.samplesByStart = definitions & 8 != 0
    if definitions & 16 != 0 { options.configuration.episodeMergeGapMicroseconds = 3_600_000_000 }
    if definitions & 32 != 0 {
        options.configuration.windowStart = Timestamp(microsecondsSinceEpoch: 1_714_521_600_000_000)
        options.configuration.windowEnd = Timestamp(microsecondsSinceEpoch: 1_715_126_400_000_000)
    }
    if definitions & 64 != 0 { options.configuration.asOf = Timestamp(microsecondsSinceEpoch: 1_714_867_200_000_000) }
    if definitions & 128 != 0 { options.configuration.failureFilter.priorities = ["P1"] }

    guard case .success(let log) = readThroughReader(input.data, options, chunkSize: options.chunkSize) else { return 0 }
    let report = ReliabilityReport(log: log, configuration: options.configuration)

    let accounting = report.meta.inputAccounting
    fuzzCheck(accounting.rowsRead == accounting.rowsUsed + accounting.rowsSkipped, "rows do not add up")
    for service in report.services + [report.total] { checkService(service) }
    for reason in report.reasons {
        fuzzCheck(reason.episodes >= 0 && reason.downtimeSeconds >= 0, "reason \(reason.reason) negative")
        checkStatistics(reason.mttr, "reason \(reason.reason) MTTR")
        for share in [reason.episodeShare, reason.downtimeShare] {
            if let share { fuzzCheck(share.isFinite && share >= 0 && share <= 1 + 1e-9, "reason share \(share)") }
        }
    }

    // Foundation's JSON encoding costs as much as all the rest: encode one input in four and read
    // one in eight back (chosen by length, so that a crash reproduces).
    guard input.data.count % 4 == 0 else { return 0 }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data: Data
    do { data = try encoder.encode(report) } catch {
        fuzzCheck(false, "the report does not encode: \(error)")
        return 0
    }
    guard input.data.count % 8 == 0 else { return 0 }
    do {
        let decoded = try JSONDecoder().decode(ReliabilityReport.self, from: data)
        fuzzCheck(decoded == report, "the report does not read back equal")
    } catch {
        fuzzCheck(false, "the report's JSON does not read back: \(error)")
    }
    return 0
}

private func checkService(_ s: ServiceReliability) {
    if let uptime = s.uptimePercent { fuzzCheck(uptime.isFinite && uptime >= -1e-9 && uptime <= 100 + 1e-9, "\(s.service) uptime \(uptime)") }
    fuzzCheck(s.downtimeSeconds >= 0 && s.eligibleSeconds >= 0 && s.downtimeSeconds <= s.eligibleSeconds + 1e-6,
              "\(s.service) downtime \(s.downtimeSeconds) of eligible \(s.eligibleSeconds)")
    fuzzCheck(s.failures >= 0 && s.incidents >= 0 && s.openIncidents >= 0, "\(s.service) negative count")
    if let mttf = s.mttfSeconds { fuzzCheck(mttf.isFinite && mttf >= 0, "\(s.service) MTTF \(mttf)") }
    for (name, statistics) in [("mttr", s.mttr), ("mttd", s.mttd), ("mtta", s.mtta), ("ttr", s.timeToResolve), ("age", s.openAge), ("mtbsi", s.mtbsi)] {
        checkStatistics(statistics, "\(s.service) \(name)")
    }
}

private func checkStatistics(_ d: DurationStatistics, _ what: String) {
    guard d.count > 0 else {
        fuzzCheck(d.meanSeconds == nil && d.minSeconds == nil && d.maxSeconds == nil, "\(what): values without samples")
        return
    }
    guard let mean = d.meanSeconds, let p50 = d.p50Seconds, let p90 = d.p90Seconds, let low = d.minSeconds, let high = d.maxSeconds else {
        fuzzCheck(false, "\(what): \(d.count) samples but a null statistic")
        return
    }
    let slack = 1e-6 * max(1, abs(low), abs(high))
    fuzzCheck([mean, p50, p90, low, high].allSatisfy(\.isFinite), "\(what): not finite")
    fuzzCheck(low <= p50 + slack && p50 <= p90 + slack && p90 <= high + slack, "\(what): min \(low) p50 \(p50) p90 \(p90) max \(high)")
    fuzzCheck(low - slack <= mean && mean <= high + slack, "\(what): mean \(mean) outside [\(low), \(high)]")
}
