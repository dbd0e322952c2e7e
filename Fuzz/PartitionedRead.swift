// Fuzz target: `IncidentLog(contentsOfFile:configuration:)` on several threads, with parts of a
// few bytes (`PartitionedFileRead`), against the same file read on one thread. Wherever the cuts
// fall (inside quoted line breaks, escaped JSON strings, blank lines, CRLF, a BOM), the outcome
// must be identical: the same error, or the same accounting (skipped locations included), records,
// times, attributes, resolution histories and status times.
//
// Options (two bytes), the rest is the file:
//
//     byte 0  bits 0-1  format: 0 CSV, 1 NDJSON, 2 JSON array, 3 TSV (by the file's extension)
//             bit  2    lenient (skipInvalidRows)
//             bits 3-5  threads: 2 + value % 7, so 2...8
//             bit  6    zone Europe/Berlin instead of UTC
//             bit  7    tiny limits (see `applyTinyLimits`)
//     byte 1  bits 0-5  minimumPartBytes: 1 + value, so 1...64
//             bit  6    keep status times (`keepsStatusTimes`)
//             bit  7    an as-of time, 2024-05-01T12:00:00Z (later rows are skipped as after it)
//
// The file is one fixed path per process and extension under the temporary directory, written
// afresh for each input and removed once both reads are done (before the checks, so a mismatch
// leaves nothing behind).
@testable import OpsMetrics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPartitionedRead(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 2)
    let options = PartitionedReadOptions(input.options[0], input.options[1])
    let path = temporaryPath("PartitionedRead", extension: options.fileExtension)
    writeFile(path, input.data)
    let single = readFile(path, options.configuration, threads: 1, minimumPartBytes: options.minimumPartBytes)
    let parts = readFile(path, options.configuration, threads: options.threads, minimumPartBytes: options.minimumPartBytes)
    unlink(path)

    let setting = "\(options.threads) threads, parts of at least \(options.minimumPartBytes) bytes"
    if case .failure(.parse(let error)) = single {
        checkOutcome(.failure(error), data: input.data, name: path)
    } else if case .success(let log) = single {
        checkOutcome(.success(log), data: input.data, name: path)
    }
    switch (single, parts) {
    case (.failure(.parse(let a)), .failure(.parse(let b))):
        fuzzCheck(a.kind == b.kind && a.location == b.location && a.expected == b.expected && a.field == b.field,
                  "one thread: \(a)\n\(setting): \(b)")
        // Each reader asks for the rest of the file (up to 1 MiB, more than `-max_len`): every reader
        // holds the rest of the file when it scans, so even the excerpt cannot stop at a read boundary here.
        fuzzCheck(a.found == b.found, "found differs; one thread: \(a)\n\(setting): \(b)")
    case (.failure(let a), .failure(let b)):
        fuzzCheck(a == b, "one thread: \(a)\n\(setting): \(b)")
    case (.success(let a), .success(let b)):
        fuzzCheck(a.accounting == b.accounting, "accounting, one thread: \(a.accounting)\n\(setting): \(b.accounting)")
        fuzzCheck(a.inputs == b.inputs, "inputs \(a.inputs) vs \(b.inputs)")
        fuzzCheck(a.recordCount == b.recordCount && a.earliest == b.earliest && a.latest == b.latest,
                  "records or span, one thread: \(a.recordCount) [\(a.earliest), \(a.latest)]; \(setting): \(b.recordCount) [\(b.earliest), \(b.latest)]")
        fuzzCheck(a.services.count == b.services.count && a.labels.count == b.labels.count,
                  "interned values, one thread: \(a.services.count) services, \(a.labels.count) labels; \(setting): \(b.services.count), \(b.labels.count)")
        for index in a.states.indices {
            let id = UInt32(index + 1)
            fuzzCheck(a.ids.bytes(id) == b.ids.bytes(id), "record \(index): id \(a.ids.string(id)) vs \(b.ids.string(id)) (\(setting))")
            fuzzCheck(sameState(a.states[index], in: a, b.states[index], in: b), "record \(a.ids.string(id)) differs (\(setting))")
            fuzzCheck(a.resolutionHistories[index] == b.resolutionHistories[index], "record \(a.ids.string(id)): resolution history differs (\(setting))")
        }
        fuzzCheck(a.resolutionHistories.count == b.resolutionHistories.count, "resolution histories differ (\(setting))")
        fuzzCheck(statusTimes(of: a) == statusTimes(of: b), "status times differ (\(setting))")
    default:
        fuzzCheck(false, "one thread: \(summary(single))\n\(setting): \(summary(parts))")
    }
    return 0
}

/// The options from the two option bytes (see the top of the file).
struct PartitionedReadOptions {
    var fileExtension: String
    var configuration = ReportConfiguration()
    var threads: Int
    var minimumPartBytes: Int

    init(_ first: UInt8, _ second: UInt8) {
        fileExtension = ["csv", "ndjson", "json", "tsv"][Int(first & 3)]
        configuration.skipInvalidRows = first & 4 != 0
        threads = 2 + Int(first >> 3 & 7) % 7
        if first & 64 != 0 { configuration.zone = ReaderOptions.berlin }
        if first & 128 != 0 { applyTinyLimits(&configuration) }
        minimumPartBytes = 1 + Int(second & 63)
        configuration.keepsStatusTimes = second & 64 != 0
        if second & 128 != 0 { configuration.asOf = Timestamp(microsecondsSinceEpoch: 1_714_564_800_000_000) }
    }
}

/// The log of `path` read on `threads` threads in parts of at least `minimumPartBytes`, or the error.
func readFile(_ path: String, _ configuration: ReportConfiguration, threads: Int, minimumPartBytes: Int) -> Result<IncidentLog, OpsMetricsError> {
    var configuration = configuration
    configuration.threads = threads
    configuration.minimumPartBytes = minimumPartBytes
    do { return .success(try IncidentLog(contentsOfFile: path, configuration: configuration)) } catch {
        return .failure(error)
    }
}

/// A short description of a read's result.
func summary(_ result: Result<IncidentLog, OpsMetricsError>) -> String {
    switch result {
    case .success(let log): "a log of \(log.recordCount) records from \(log.accounting.rowsRead) rows"
    case .failure(let error): error.description
    }
}

/// Whether two states of the same record are equal: every time and count, and each attribute's
/// version, interned number (values are interned in the order first seen, in one pass as in the
/// merged parts) and text.
private func sameState(_ a: IncidentState, in logA: IncidentLog, _ b: IncidentState, in logB: IncidentLog) -> Bool {
    guard a.opened == b.opened, a.impactStart == b.impactStart, a.detected == b.detected,
          a.acknowledged == b.acknowledged, a.recovered == b.recovered, a.resolvedFirst == b.resolvedFirst,
          a.resolvedLast == b.resolvedLast, a.reopenedLast == b.reopenedLast, a.closed == b.closed,
          a.firstActivity == b.firstActivity, a.rows == b.rows, a.reopenCount == b.reopenCount,
          a.reopenCounter == b.reopenCounter, a.reopenCounterTime == b.reopenCounterTime else { return false }
    for attribute in Attribute.allCases {
        let i = attribute.rawValue
        guard a.versions[i] == b.versions[i], a.attributes[i] == b.attributes[i],
              attributeText(a.attributes[i], attribute, in: logA) == attributeText(b.attributes[i], attribute, in: logB) else { return false }
    }
    return true
}

/// The bytes of an attribute value (empty for none).
private func attributeText(_ value: UInt32, _ attribute: Attribute, in log: IncidentLog) -> ArraySlice<UInt8> {
    guard value != 0 else { return [] }
    switch attribute {
    case .service: return log.services.bytes(value)
    case .parent: return log.ids.bytes(value)
    default: return log.labels.bytes(value)
    }
}

/// The status times of a log by record id and status text (nil when not kept).
private func statusTimes(of log: IncidentLog) -> [[UInt8]: StatusTimes.Span]? {
    guard let times = log.statusTimes else { return nil }
    var result: [[UInt8]: StatusTimes.Span] = [:]
    for (record, statuses) in times.byRecord(count: log.recordCount).enumerated() {
        for (status, span) in statuses {
            result[Array(log.ids.bytes(UInt32(record + 1))) + [0] + Array(log.labels.bytes(status))] = span
        }
    }
    return result
}
