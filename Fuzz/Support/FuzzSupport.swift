// Shared by every fuzz target (compiled into each one by Fuzz/build.sh): turning libFuzzer's bytes
// into options plus data, reading through `EventLogReader` in chunks, and failing loudly.
@testable import OpsMetrics

/// Stops the run with `message` when `condition` is false. libFuzzer sees the trap as a crash and
/// saves the input; the message (on stderr) explains the artifact.
func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        fatalError("fuzz invariant violated: \(message())")
    }
}

/// libFuzzer's input: the first `optionCount` bytes choose options (0 when the input is shorter),
/// the rest is the data under test.
struct FuzzInput {
    let options: [UInt8]
    let data: [UInt8]

    init(_ pointer: UnsafePointer<UInt8>, _ size: Int, optionCount: Int) {
        let bytes = Array(UnsafeBufferPointer(start: pointer, count: size))
        let taken = min(optionCount, bytes.count)
        options = Array(bytes[..<taken]) + Array(repeating: 0, count: optionCount - taken)
        data = Array(bytes[taken...])
    }
}

/// Reader options from one byte (seed files made by Fuzz/run.sh start with it):
///
///     bits 0-1  format: 0 CSV, 1 NDJSON, 2 JSON array, 3 TSV (CSV read with tabs)
///     bit  2    lenient (skipInvalidRows)
///     bits 3-5  push schedule: whole, 1, 2, 3, 7, 64, 4096 bytes at a time, or split in the middle
///     bit  6    zone Europe/Berlin instead of UTC
///     bit  7    tiny limits, so the fuzzer reaches every limit's error path
struct ReaderOptions {
    var name: String
    var format: InputFormat
    var configuration = ReportConfiguration()
    /// Bytes per push; nil pushes the data in two halves.
    var chunkSize: Int?

    static let berlin = ZoneRule.named("Europe/Berlin") ?? .utc

    init(_ byte: UInt8) {
        switch byte & 3 {
        case 0: (name, format) = ("fuzz.csv", .csv)
        case 1: (name, format) = ("fuzz.ndjson", .ndjson)
        case 2: (name, format) = ("fuzz.json", .json)
        default: (name, format) = ("fuzz.tsv", .csv)
        }
        configuration.skipInvalidRows = byte & 4 != 0
        chunkSize = [Int.max, 1, 2, 3, 7, 64, 4096, nil][Int(byte >> 3 & 7)]
        if byte & 64 != 0 { configuration.zone = ReaderOptions.berlin }
        if byte & 128 != 0 { applyTinyLimits(&configuration) }
    }
}

/// Reads `data` through one `EventLogReader`, pushing `chunkSize` bytes at a time (nil: two halves).
/// Returns the log or the first error's description.
func readThroughReader(_ data: [UInt8], _ options: ReaderOptions, chunkSize: Int?) -> Result<IncidentLog, ParseError> {
    do {
        var reader = try EventLogReader(name: options.name, format: options.format, configuration: options.configuration)
        if let chunkSize {
            var offset = 0
            while offset < data.count {
                let end = offset + min(chunkSize, data.count - offset)
                try reader.push(data[offset..<end])
                offset = end
            }
        } else {
            try reader.push(data[..<(data.count / 2)])
            try reader.push(data[(data.count / 2)...])
        }
        return .success(try reader.finish())
    } catch let error as ParseError {
        return .failure(error)
    } catch {
        fuzzCheck(false, "unexpected error type \(error)")
        return .failure(ParseError(kind: .invalidJSON, location: SourceLocation(path: "", line: 1, column: 1, byteOffset: 0, record: 0), expected: "", found: ""))
    }
}

/// Every row is accounted for, every error is located inside the input.
func checkOutcome(_ outcome: Result<IncidentLog, ParseError>, data: [UInt8], name: String) {
    switch outcome {
    case .success(let log):
        let accounting = log.accounting
        fuzzCheck(accounting.rowsRead == accounting.rowsUsed + accounting.rowsSkipped,
                  "rows read \(accounting.rowsRead) != used \(accounting.rowsUsed) + skipped \(accounting.rowsSkipped)")
    case .failure(let error):
        let location = error.location
        fuzzCheck(location.line >= 1 && location.column >= 1, "bad location \(location)")
        fuzzCheck(location.byteOffset >= 0 && location.byteOffset <= data.count, "offset \(location.byteOffset) outside the input of \(data.count) bytes")
        fuzzCheck(error.description.hasPrefix("\(name):\(location.line):\(location.column): error: "), "message \(error.description)")
    }
}

/// Limits small enough that fuzzed inputs reach them (option bit 7).
func applyTinyLimits(_ configuration: inout ReportConfiguration) {
    configuration.maxRecordBytes = 256
    configuration.maxFieldBytes = 16
    configuration.maxColumns = 6
    configuration.maxJSONDepth = 3
    configuration.maxIncidents = 3
}

/// Two reads of the same bytes must agree: the same error (kind, location, expectation, field;
/// the excerpt of a structural error may stop where the bytes pushed so far end), or the same
/// accounting, records, ids, times and attributes. `first` and `second` name the reads.
func checkSameOutcome(_ a: Result<IncidentLog, ParseError>, _ b: Result<IncidentLog, ParseError>, _ first: String, _ second: String) {
    switch (a, b) {
    case (.failure(let x), .failure(let y)):
        fuzzCheck(x.kind == y.kind && x.location == y.location && x.expected == y.expected && x.field == y.field,
                  "\(first): \(x)\n\(second): \(y)")
    case (.success(let x), .success(let y)):
        fuzzCheck(x.accounting == y.accounting, "accounting \(x.accounting) vs \(y.accounting)")
        fuzzCheck(x.recordCount == y.recordCount && x.earliest == y.earliest && x.latest == y.latest, "records or span differ")
        for index in x.states.indices {
            fuzzCheck(sameState(x.states[index], y.states[index]), "record \(x.ids.string(UInt32(index + 1))) differs")
            fuzzCheck(x.ids.bytes(UInt32(index + 1)) == y.ids.bytes(UInt32(index + 1)), "record ids differ")
        }
        fuzzCheck(x.services.count == y.services.count && x.labels.count == y.labels.count, "interned values differ")
    default:
        fuzzCheck(false, "\(first): \(a)\n\(second): \(b)")
    }
}

private func sameState(_ a: IncidentState, _ b: IncidentState) -> Bool {
    guard a.opened == b.opened, a.impactStart == b.impactStart, a.detected == b.detected,
          a.acknowledged == b.acknowledged, a.recovered == b.recovered, a.resolvedFirst == b.resolvedFirst,
          a.resolvedLast == b.resolvedLast, a.reopenedLast == b.reopenedLast, a.closed == b.closed,
          a.firstActivity == b.firstActivity, a.rows == b.rows, a.reopenCount == b.reopenCount else { return false }
    for i in 0..<7 where a.attributes[i] != b.attributes[i] || a.versions[i] != b.versions[i] { return false }
    return true
}

/// The preset a byte's bits 0-3 choose: 0 none, to be detected from the header (as without
/// `--preset`); 1-12 `Preset.all[n - 1]` where there is one, given; else none and no detection.
func presetChoice(_ byte: UInt8) -> (preset: Preset?, detect: Bool) {
    let choice = Int(byte & 15)
    return (1...Preset.all.count).contains(choice) ? (Preset.all[choice - 1], false) : (nil, choice == 0)
}
