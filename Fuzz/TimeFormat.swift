// Fuzz target: `--time-format` layouts (`TimeFormat`) and their detection from sampled values.
//
// Input: an options byte, then a pattern up to the first line feed, then the rest. Bits 0-1 of
// the options byte choose the check:
//     0, 1  round trip: the rest seeds a civil time and the spelling choices; the time is written
//           in the pattern by an independent formatter (below) and must read back to exactly the
//           instant computed here, or to nothing when that instant is outside the years 0000-9999
//           (every instant must have an RFC 3339 form). Patterns whose values cannot be told
//           apart are skipped (a component twice, a fraction before a digit, ...; see `roundTrip`).
//     2     any value: the rest, read with the pattern in UTC, +05:30 and Europe/Berlin, never traps;
//           every instant read lies in 0000-9999; UTC and +05:30 differ by 0 (the value carries an
//           offset) or exactly 5.5 h.
//     3     detection: the pattern line is ignored; the rest, split at line feeds, is a column's
//           sampled values. A detected layout reads every value; an ambiguous answer names two
//           layouts that each read every value; `standard` means the default parser reads them all.
@testable import OpsMetrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimeFormat(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 1)
    let end = input.data.firstIndex(of: ASCII.newline) ?? input.data.count
    let patternText = String(decoding: input.data[..<end], as: UTF8.self)
    let rest = Array(input.data[min(end + 1, input.data.count)...])
    switch input.options[0] & 3 {
    case 3:
        checkDetection(rest)
    case 2:
        if let format = try? OpsMetrics.TimeFormat(patternText) { checkAnyValue(format, rest) }
    default:
        if let format = try? OpsMetrics.TimeFormat(patternText) { roundTrip(format, ByteSource(rest)) }
    }
    return 0
}

private let fivePastFive = ZoneRule.fixed(offsetSeconds: 19_800)
private let berlin = ZoneRule.named("Europe/Berlin") ?? .utc

private func checkAnyValue(_ format: OpsMetrics.TimeFormat, _ value: [UInt8]) {
    let utc = format.parse(value.span, zone: .utc)
    let east = format.parse(value.span, zone: fivePastFive)
    let local = format.parse(value.span, zone: berlin)
    for instant in [utc, east, local].compactMap({ $0 }) {
        fuzzCheck(TimestampParser.supportedRange.contains(instant.microsecondsSinceEpoch),
                  "'\(format.pattern)' reads \(value) as \(instant.microsecondsSinceEpoch) µs, outside 0000-9999")
    }
    if let utc, let east {
        let difference = utc.microsecondsSinceEpoch - east.microsecondsSinceEpoch
        fuzzCheck(difference == 0 || difference == 19_800_000_000, "'\(format.pattern)': UTC and +05:30 differ by \(difference) µs")
    }
}

private func checkDetection(_ bytes: [UInt8]) {
    let values = bytes.split(separator: ASCII.newline).map { String(decoding: $0, as: UTF8.self) }
        .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
    switch OpsMetrics.TimeFormat.detect(values) {
    case .standard:
        for value in values { fuzzCheck(Timestamp(parsing: value) != nil, "standard, but '\(value)' does not read") }
    case .detected(let format, _):
        for value in values { fuzzCheck(format.parse(value) != nil, "detected '\(format.pattern)' does not read '\(value)'") }
    case .ambiguous(let formats, let examples):
        fuzzCheck(formats.count >= 2 && !examples.isEmpty, "an ambiguity of \(formats.count) layouts, \(examples.count) examples")
        for format in formats {
            for value in values { fuzzCheck(format.parse(value) != nil, "ambiguous '\(format.pattern)' does not read '\(value)'") }
        }
    case .unrecognized(let example):
        fuzzCheck(values.contains(example), "unrecognized '\(example)' is not a value")
    case .noValues:
        fuzzCheck(values.isEmpty, "no values, of \(values.count)")
    }
}

// MARK: - Round trip

/// Bytes as a source of choices (0 once they run out).
private struct ByteSource {
    var bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next(_ bound: Int) -> Int {
        var value = 0
        for _ in 0..<(bound > 1 << 24 ? 4 : bound > 256 ? 3 : 1) {
            value = value << 8 | Int(index < bytes.count ? bytes[index] : 0)
            index += 1
        }
        return value % bound
    }
    mutating func flip() -> Bool { next(2) == 1 }
}

private func isDigitStart(_ element: OpsMetrics.TimeFormat.Element) -> Bool {
    switch element {
    case .year4, .year2, .number, .fraction: true
    case .literal(let byte): ASCII.isDigit(byte)
    default: false
    }
}

/// The next element that writes something (optional brackets write nothing), if any.
private func following(_ elements: [OpsMetrics.TimeFormat.Element], after index: Int) -> OpsMetrics.TimeFormat.Element? {
    elements[(index + 1)...].first { $0 != .optionalStart && $0 != .optionalEnd }
}

/// Writes a random instant in `format` (every optional section written) and reads it back.
private func roundTrip(_ format: OpsMetrics.TimeFormat, _ source: ByteSource) {
    var source = source
    let elements = format.elements
    // Patterns whose values are ambiguous by design, not by a fault of the reader: a component
    // written twice; a fraction (any number of digits) before a digit; blanks before more blanks
    // (across a bracket) or a quoted blank; a month name before a letter (`MMM'ch'`: "Mar" + "ch"
    // reads as March).
    var seen: Set<String> = []
    for (index, element) in elements.enumerated() {
        let next = following(elements, after: index)
        let key: String? = switch element {
        case .year4, .year2: "year"
        case .number(let component, _): component == .hour12 || component == .hour24 ? "hour" : "\(component)"
        case .monthName: "month"
        case .fraction: "fraction"
        case .meridiem: "meridiem"
        case .offset: "offset"
        default: nil
        }
        if let key, !seen.insert(key).inserted { return }
        if element == .fraction, let next, isDigitStart(next) { return }
        if element == .blanks, next == .blanks { return }
        if element == .blanks, case .literal(let byte)? = next, byte == ASCII.space || byte == ASCII.tab { return }
        if element == .monthName, case .literal(let byte)? = next, ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) { return }
    }
    let written = elements.filter { $0 != .optionalStart && $0 != .optionalEnd }
    // Values are trimmed: a quoted blank at either end cannot be read back.
    for element in [written.first, written.last] {
        if case .literal(let byte)? = element, byte == ASCII.space || byte == ASCII.tab { return }
    }

    // The civil time; components the pattern lacks are 0, as the reader takes them.
    let hasYear2 = seen.contains("year") && elements.contains(.year2)
    let year = hasYear2 ? 1969 + source.next(100) : source.next(10_000)
    let month = 1 + source.next(12)
    let day = 1 + source.next(daysInMonth(year, month))
    let hour = seen.contains("hour") ? source.next(24) : 0
    let minute = seen.contains("minute") ? source.next(60) : 0
    let second = seen.contains("second") ? source.next(60) : 0
    let nanos = seen.contains("fraction") ? source.next(1_000_000_000) : 0
    let offsetMinutes = seen.contains("offset") && source.flip() ? (source.flip() ? -1 : 1) * source.next(24 * 60) : 0

    var fractionMicros = 0
    var text: [UInt8] = source.flip() ? [ASCII.space] : []
    func number(_ value: Int, width: Int, pad: Bool) {
        let digits = Array(String(value).utf8)
        if pad && digits.count < width { text += Array(repeating: ASCII.zero, count: width - digits.count) }
        text += digits
    }
    for (index, element) in elements.enumerated() {
        let next = following(elements, after: index)
        let beforeDigit = next.map(isDigitStart) ?? false
        switch element {
        case .year4: number(year, width: 4, pad: true)
        case .year2: number(year % 100, width: 2, pad: true)
        case .number(let component, let exact):
            let value = switch component {
            case .month: month
            case .day: day
            case .hour24: hour
            case .hour12: hour % 12 == 0 ? 12 : hour % 12
            case .minute: minute
            case .second: second
            }
            number(value, width: 2, pad: exact || beforeDigit || source.flip())
        case .monthName:
            let name = monthNames[month - 1]
            let spellings: [String] = [String(name.prefix(3)), name, month == 9 ? "Sept" : String(name.prefix(3))]
            var spelled = spellings[source.next(3)]
            if source.flip() { spelled = spelled.uppercased() }
            text += Array(spelled.utf8)
        case .fraction:
            let count = 1 + source.next(9)
            var value = nanos
            for _ in 0..<(9 - count) { value /= 10 }
            number(value, width: count, pad: true)
            // The reader keeps six digits: what is written, truncated to microseconds.
            fractionMicros = value
            for _ in count..<max(count, 6) { fractionMicros *= 10 }
            for _ in 6..<max(count, 6) { fractionMicros /= 10 }
        case .meridiem:
            text += Array((hour < 12 ? ["AM", "am", "Am"] : ["PM", "pm", "pM"])[source.next(3)].utf8)
        case .offset:
            let colonAfter: Bool = if case .literal(ASCII.colon)? = next { true } else { false }
            if offsetMinutes == 0 && source.flip() {
                text.append(source.flip() ? 0x5A : 0x7A)  // Z or z
            } else {
                // ±HH:MM, ±HHMM or ±HH; not ±HH where minutes, a digit or a colon follow.
                var style = source.next(3)
                if style == 2 && (offsetMinutes % 60 != 0 || beforeDigit || colonAfter) { style = 0 }
                text.append(offsetMinutes < 0 ? ASCII.minus : ASCII.plus)
                number(abs(offsetMinutes) / 60, width: 2, pad: true)
                if style == 0 { text.append(ASCII.colon) }
                if style < 2 { number(abs(offsetMinutes) % 60, width: 2, pad: true) }
            }
        case .blanks:
            for _ in 0...source.next(3) { text.append(source.flip() ? ASCII.tab : ASCII.space) }
        case .literal(let byte): text.append(byte)
        case .optionalStart, .optionalEnd: break
        }
    }
    if source.flip() { text.append(ASCII.tab) }

    // The instant, computed here without the library: days from the civil date (H. Hinnant).
    let zoneOffset = seen.contains("offset") ? offsetMinutes * 60 : 19_800
    let seconds = (daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second) - zoneOffset
    let micros = seconds * 1_000_000 + fractionMicros
    let expected: Int64? = TimestampParser.supportedRange.contains(Int64(micros)) ? Int64(micros) : nil
    let read = format.parse(text.span, zone: fivePastFive)?.microsecondsSinceEpoch
    fuzzCheck(read == expected, "'\(format.pattern)' wrote \(String(decoding: text, as: UTF8.self).debugDescription) for \(year)-\(month)-\(day) \(hour):\(minute):\(second) +\(nanos) ns, offset \(offsetMinutes) min; read \(String(describing: read)), expected \(String(describing: expected))")
}

private let monthNames: [String] = ["January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December"]

private func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

private func daysInMonth(_ year: Int, _ month: Int) -> Int {
    month == 2 ? (isLeap(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
}

/// Days from 1970-01-01 to a proleptic Gregorian date (howardhinnant.github.io/date_algorithms).
private func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
    let year = m <= 2 ? y - 1 : y
    let era = (year >= 0 ? year : year - 399) / 400
    let yearOfEra = year - era * 400
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}
