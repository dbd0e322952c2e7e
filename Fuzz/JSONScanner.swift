// Fuzz target: JSONObjectScanner read whole and in chunks (the reader's way: retry the same object
// from its start after `.needMoreData`), which must agree exactly; member ranges must lie inside
// their object and line breaks must match the raw bytes.
//
// Options (first byte): bit 0 a small depth limit (bits 1-3 + 1) instead of 512; second byte: the
// chunking (see below). The rest is JSON / NDJSON.
@testable import OpsMetrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONScanner(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 2)
    let data = input.data
    let maxDepth = input.options[0] & 1 != 0 ? 1 + Int(input.options[0] >> 1 & 7) : 512
    let whole = scanInChunks(data, maxDepth: maxDepth, chunkEnds: [data.count])

    // Second byte: bit 0 one split or fixed-size chunks; the rest the split point or chunk size.
    let chunking = Int(input.options[1])
    let schedule = chunking & 1 == 0
        ? [data.isEmpty ? 0 : (chunking >> 1) % (data.count + 1), data.count]
        : Array(stride(from: 1 + (chunking >> 1) % 13, to: data.count, by: 1 + (chunking >> 1) % 13)) + [data.count]
    let chunked = scanInChunks(data, maxDepth: maxDepth, chunkEnds: schedule)
    fuzzCheck(chunked == whole, "chunks \(schedule): \(chunked) vs whole \(whole)")
    return 0
}

/// What scanning produced: per object, its absolute start and its members (as bytes), then whether
/// the input ended cleanly or the first error. (`next` and the line breaks per step are checked
/// against the raw bytes but not compared: in the array form the comma after an element is taken
/// with it only when it is already in the buffer.)
private struct JSONOutcome: Equatable, CustomStringConvertible {
    struct Object: Equatable {
        var start: Int
        var members: [[UInt8]]
    }
    var objects: [Object] = []
    var ended = false
    var failure: String?

    var description: String {
        let starts = objects.map { "\($0.start):\($0.members.count)" }.joined(separator: " ")
        return "objects [\(starts)], ended \(ended), failure \(failure ?? "none")"
    }
}

private func scanInChunks(_ data: [UInt8], maxDepth: Int, chunkEnds: [Int]) -> JSONOutcome {
    var scanner = JSONObjectScanner(maxDepth: maxDepth)
    var outcome = JSONOutcome()
    var buffer: [UInt8] = []
    var members: [JSONObjectScanner.Member] = []
    var dropped = 0
    var start = 0
    var fed = 0
    for (index, chunkEnd) in chunkEnds.enumerated() {
        buffer += data[fed..<max(fed, chunkEnd)]
        fed = max(fed, chunkEnd)
        let isFinal = index == chunkEnds.count - 1
        scanning: while true {
            let step: JSONObjectScanner.Step
            do {
                step = try scanner.scanObject(&buffer, from: start, to: buffer.count, isFinal: isFinal, members: &members)
            } catch {
                // Not `found`: its excerpt stops where the bytes read so far end.
                outcome.failure = "\(error.kind.identifier)@\(error.index + dropped): expected \(error.expected)"
                return outcome
            }
            switch step {
            case .needMoreData:
                fuzzCheck(!isFinal, "needMoreData with isFinal")
                break scanning
            case .endOfInput(let lineBreaks):
                fuzzCheck(isFinal, "endOfInput before the input ends")
                let raw = data[(start + dropped)...].filter { $0 == ASCII.newline }.count
                fuzzCheck(lineBreaks == raw, "endOfInput line breaks \(lineBreaks), raw \(raw)")
                outcome.ended = true
                return outcome
            case .object(let objectStart, let next, let lineBreaks):
                fuzzCheck(start <= objectStart && objectStart < next && next <= buffer.count, "object [\(objectStart), \(next)) after \(start)")
                fuzzCheck(buffer[objectStart] == ASCII.leftBrace, "object does not start with {")
                let raw = data[(start + dropped)..<(next + dropped)].filter { $0 == ASCII.newline }.count
                fuzzCheck(lineBreaks == raw, "line breaks \(lineBreaks), raw \(raw)")
                var shown: [[UInt8]] = []
                for member in members {
                    fuzzCheck(objectStart < member.keyStart && member.keyStart <= member.keyEnd && member.keyEnd < next,
                              "key outside its object")
                    fuzzCheck(member.keyEnd <= member.valueStart && member.valueStart <= member.valueEnd && member.valueEnd < next,
                              "value outside its object")
                    shown.append(Array(buffer[member.keyStart..<member.keyEnd]))
                    shown.append(Array(buffer[member.valueStart..<member.valueEnd]) + [UInt8(ascii: "0") + kindNumber(member.kind)])
                }
                outcome.objects.append(.init(start: objectStart + dropped, members: shown))
                start = next
            }
        }
        if start > 0 {
            buffer.removeSubrange(0..<start)
            dropped += start
            start = 0
        }
    }
    fuzzCheck(false, "the final chunk did not end the scan")
    return outcome
}

private func kindNumber(_ kind: JSONObjectScanner.ValueKind) -> UInt8 {
    switch kind {
    case .string: 0
    case .number: 1
    case .bool: 2
    case .null: 3
    case .object: 4
    case .array: 5
    }
}
