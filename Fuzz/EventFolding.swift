// Fuzz target: EventLogReader (push + finish) and the fold into incidents. However the bytes are
// pushed, the outcome must be the same (the same error message, or the same rows, accounting,
// records, times and attributes), every row must be accounted for and every error located.
//
// Options (first byte): see `ReaderOptions` (format, lenience, push schedule, zone, tiny limits).
// The rest is the input file.
@testable import OpsMetrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventFolding(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 1)
    let options = ReaderOptions(input.options[0])
    let whole = readThroughReader(input.data, options, chunkSize: Int.max)
    checkOutcome(whole, data: input.data, name: options.name)
    let chunked = readThroughReader(input.data, options, chunkSize: options.chunkSize)
    switch (whole, chunked) {
    case (.failure(let a), .failure(let b)):
        // The excerpt of a structural error may stop where the bytes pushed so far end.
        fuzzCheck(a.kind == b.kind && a.location == b.location && a.expected == b.expected && a.field == b.field,
                  "whole: \(a)\nchunked: \(b)")
    case (.success(let a), .success(let b)):
        fuzzCheck(a.accounting == b.accounting, "accounting \(a.accounting) vs \(b.accounting)")
        fuzzCheck(a.recordCount == b.recordCount && a.earliest == b.earliest && a.latest == b.latest, "records or span differ")
        for index in a.states.indices {
            fuzzCheck(sameState(a.states[index], b.states[index]), "record \(a.ids.string(UInt32(index + 1))) differs")
            fuzzCheck(a.ids.bytes(UInt32(index + 1)) == b.ids.bytes(UInt32(index + 1)), "record ids differ")
        }
        fuzzCheck(a.services.count == b.services.count && a.labels.count == b.labels.count, "interned values differ")
    default:
        fuzzCheck(false, "whole: \(whole)\nchunked (\(String(describing: options.chunkSize))): \(chunked)")
    }
    return 0
}

private func sameState(_ a: IncidentState, _ b: IncidentState) -> Bool {
    guard a.opened == b.opened, a.impactStart == b.impactStart, a.detected == b.detected,
          a.acknowledged == b.acknowledged, a.recovered == b.recovered, a.resolvedFirst == b.resolvedFirst,
          a.resolvedLast == b.resolvedLast, a.reopenedLast == b.reopenedLast, a.closed == b.closed,
          a.firstActivity == b.firstActivity, a.rows == b.rows, a.reopenCount == b.reopenCount else { return false }
    for i in 0..<7 where a.attributes[i] != b.attributes[i] || a.versions[i] != b.versions[i] { return false }
    return true
}
