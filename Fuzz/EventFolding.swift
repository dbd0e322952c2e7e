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
    checkSameOutcome(whole, chunked, "whole", "chunked (\(String(describing: options.chunkSize)))")
    return 0
}
