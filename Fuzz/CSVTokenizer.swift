// Fuzz target: CSVTokenizer against the slow reference tokenizer (Support/ReferenceCSV.swift), read
// whole and in chunks, with and without shifting the buffer as the reader does; the SIMD scanner
// and the scalar one it replaced must each agree with it (so with each other) on every input.
//
// Options (first byte): bits 0-1 delimiter (, ; tab |); bit 2 a small field limit (bits 3-5 + 1)
// instead of 100 000. Second byte: how to chunk (see below). The rest is CSV.
@testable import OpsMetrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVTokenizer(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 2)
    let data = input.data
    let delimiter = [ASCII.comma, ASCII.semicolon, ASCII.tab, 0x7C][Int(input.options[0] & 3)]
    let maxFields = input.options[0] & 4 != 0 ? 1 + Int(input.options[0] >> 3 & 7) : 100_000
    let expected = ReferenceCSV.tokenize(data, delimiter: delimiter, maxFields: maxFields)

    // Whole with each scanner, then one chunked schedule with the SIMD one (second byte: bit 0 one split
    // / fixed-size chunks, bit 1 shift the buffer, the rest the split point or chunk size), so each run
    // costs three scans plus the reference.
    for scanner in [CSVTokenizer.Scanner.simd, .scalar] {
        let got = tokenizeInChunks(data, delimiter: delimiter, maxFields: maxFields, chunkEnds: [data.count], shifts: false,
                                   checksBuffer: false, scanner: scanner)
        fuzzCheck(got == expected, "whole, \(scanner): got \(got), reference \(expected)")
    }
    let chunking = Int(input.options[1])
    let schedule = chunking & 1 == 0
        ? [data.isEmpty ? 0 : (chunking >> 2) % (data.count + 1), data.count]
        : Array(stride(from: 1 + (chunking >> 2) % 13, to: data.count, by: 1 + (chunking >> 2) % 13)) + [data.count]
    let chunked = tokenizeInChunks(data, delimiter: delimiter, maxFields: maxFields, chunkEnds: schedule,
                                   shifts: chunking & 2 != 0, checksBuffer: chunking & 1 == 0, scanner: .simd)
    fuzzCheck(chunked == expected, "chunks \(schedule) shifts \(chunking & 2 != 0): got \(chunked), reference \(expected)")
    return 0
}

/// Feeds `data` to one tokenizer as a reader does: append a chunk, scan records until
/// `.needMoreData`, optionally drop the consumed bytes (shifting the rest to the front). With
/// `checksBuffer`, also checks that `.needMoreData` leaves the buffer as it was.
private func tokenizeInChunks(_ data: [UInt8], delimiter: UInt8, maxFields: Int, chunkEnds: [Int], shifts: Bool,
                              checksBuffer: Bool, scanner: CSVTokenizer.Scanner) -> CSVOutcome {
    var tokenizer = CSVTokenizer(delimiter: delimiter, maxFields: maxFields, scanner: scanner)
    var outcome = CSVOutcome()
    var buffer: [UInt8] = []
    var fields: [CSVTokenizer.Field] = []
    var dropped = 0  // absolute offset of buffer[0]
    var start = 0
    var fed = 0
    for (index, chunkEnd) in chunkEnds.enumerated() {
        buffer += data[fed..<max(fed, chunkEnd)]
        fed = max(fed, chunkEnd)
        let isFinal = index == chunkEnds.count - 1
        while start < buffer.count {
            let before = checksBuffer && !isFinal ? buffer : []  // a copy per call: only on one schedule
            let step: CSVTokenizer.Step
            do {
                step = try tokenizer.scanRecord(&buffer, from: start, to: buffer.count, isFinal: isFinal, fields: &fields)
            } catch {
                outcome.failure = (error.kind.identifier, error.index + dropped)
                return outcome
            }
            guard case .record(let next, let lineBreaks) = step else {
                fuzzCheck(!isFinal, "needMoreData with isFinal")
                fuzzCheck(!checksBuffer || buffer == before, "needMoreData changed the buffer")
                break
            }
            fuzzCheck(next > start && next <= buffer.count, "next \(next) outside (\(start), \(buffer.count)]")
            for field in fields {
                fuzzCheck(start <= field.start && field.start <= field.end && field.end <= next, "field \(field) outside [\(start), \(next))")
            }
            outcome.records.append(CSVOutcome.Record(
                fields: fields.map { Array(buffer[$0.start..<$0.end]) }, lineBreaks: lineBreaks, next: next + dropped))
            start = next
        }
        if shifts && start > 0 {
            buffer.removeSubrange(0..<start)
            dropped += start
            start = 0
        }
    }
    return outcome
}
