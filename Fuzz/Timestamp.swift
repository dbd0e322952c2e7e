// Fuzz target: TimestampParser. The input's lines read through one date memo must read as they
// do alone. Every accepted value must print as RFC 3339 and parse back to itself; a zone may only
// move a zone-less local time (by at most a day); and strict RFC 3339 text (years 1900-2100,
// offsets within ±18:00) must mean the same instant to Foundation's `Date.ISO8601FormatStyle`,
// the oracle the tests use too.
@testable import OpsMetrics
import Foundation

private let plusFiveThirty = ZoneRule.fixed(offsetSeconds: 19_800)
private let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: pointer, count: size))
    // The input's lines read one after the other through one date memo, as a log's rows are,
    // must mean what each means read alone.
    var memo = TimestampParser.DateMemo()
    var lineStart = 0
    for end in bytes.indices where bytes[end] == 0x0A || end == bytes.count - 1 {
        let line = bytes.span.extracting(lineStart..<(bytes[end] == 0x0A ? end : end + 1))
        let remembered = TimestampParser.parse(line, zone: ReaderOptions.berlin, memo: &memo)
        fuzzCheck(remembered == TimestampParser.parse(line, zone: ReaderOptions.berlin),
                  "line at \(lineStart) reads differently after the lines before it")
        lineStart = end + 1
    }
    let utc = TimestampParser.parse(bytes.span, zone: .utc)
    let fixed = TimestampParser.parse(bytes.span, zone: plusFiveThirty)
    let berlin = TimestampParser.parse(bytes.span, zone: ReaderOptions.berlin)
    // A zone may push a local time out of the years 0000-9999, so one may accept what another refuses.
    guard let utc, let fixed, let berlin else { return 0 }

    let printed = utc.description
    let reparsed = TimestampParser.parse(Array(printed.utf8).span, zone: .utc)
    fuzzCheck(reparsed == utc, "\(printed) parses to \(String(describing: reparsed)), not \(utc.microsecondsSinceEpoch)")

    let shift = utc.microsecondsSinceEpoch - fixed.microsecondsSinceEpoch
    fuzzCheck(shift == 0 || shift == 19_800_000_000, "a +05:30 zone moved the time by \(shift) µs")
    let berlinShift = utc.microsecondsSinceEpoch - berlin.microsecondsSinceEpoch
    fuzzCheck(shift == 0 ? berlinShift == 0 : abs(berlinShift) <= 86_400_000_000, "Europe/Berlin moved the time by \(berlinShift) µs")

    if isStrictRFC3339(bytes) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let date = try? Date(text, strategy: style) {
            let difference = date.timeIntervalSince1970 - Double(utc.microsecondsSinceEpoch) / 1e6
            fuzzCheck(abs(difference) < 2e-6, "\(text): Foundation \(date.timeIntervalSince1970), ours \(utc.microsecondsSinceEpoch) µs")
        } else {
            fuzzCheck(false, "\(text): ours \(utc.microsecondsSinceEpoch) µs, Foundation rejects it")
        }
    }
    return 0
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with years 1900-2100, hour < 24, second < 60 and an
/// offset within ±18:00: the text both parsers must read alike.
private func isStrictRFC3339(_ b: [UInt8]) -> Bool {
    func digit(_ i: Int) -> Int? { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
    func number(_ i: Int, _ n: Int) -> Int? {
        var value = 0
        for k in 0..<n { guard let d = digit(i + k) else { return nil }; value = value * 10 + d }
        return value
    }
    guard b.count >= 20, let year = number(0, 4), (1900...2100).contains(year), b[4] == 0x2D, number(5, 2) != nil,
          b[7] == 0x2D, number(8, 2) != nil, b[10] == 0x54, let hour = number(11, 2), hour < 24, b[13] == 0x3A,
          number(14, 2) != nil, b[16] == 0x3A, let second = number(17, 2), second < 60 else { return false }
    var i = 19
    if b[i] == 0x2E {
        i += 1
        let first = i
        while digit(i) != nil { i += 1 }
        guard i > first, i - first <= 9 else { return false }
    }
    guard i < b.count else { return false }
    if b[i] == 0x5A { return i + 1 == b.count }
    guard b[i] == 0x2B || b[i] == 0x2D, i + 6 == b.count, let h = number(i + 1, 2), b[i + 3] == 0x3A,
          let m = number(i + 4, 2), m < 60, h * 60 + m <= 18 * 60 else { return false }
    return true
}
