// TimestampParser: one field's bytes to a `Timestamp`, with no String, no Foundation and no
// allocation.
//
// DESIGN
//
// A field is either an RFC 3339 / ISO 8601 date-time or an epoch number; the byte at offset 4
// tells them apart (`-` after a four-digit year). Both are parsed in one forward pass over a
// `Span<UInt8>`:
//
//   date-time   YYYY-MM-DD [ (T|t|space) HH:MM [ :SS [ (.|,) digits ] ] [ Z|z | ±HH[[:]MM] ] ]
//   epoch       [-] digits [ . digits ]
//
// The date and time sit at fixed offsets (0, 5, 8, 11, 14, 17), so they are read as two- and
// four-digit groups without a loop; only the fraction and the offset have variable length.
// `HH:MM:SS` is one eight-byte word, checked and split into its three numbers with a few word
// operations (`clock`). A log's rows mostly share their date with the row before, so a caller
// that parses many fields passes a `DateMemo`: a date whose ten bytes equal the last one's takes
// its day number from the memo and is not read again (the 1M-row benchmark log: 106 M of 5.68 G
// instructions less, with the clock word). The
// calendar fields become seconds with days-from-civil arithmetic (`CivilTime.daysFromCivil`,
// specialised here to years 0...9999 as `daysSinceEpoch`), and a zone-less time is turned into
// UTC by the caller's `ZoneRule` (a constant for UTC, a binary search over a small table for a
// named zone). Measured on a shared 2-core x86-64 VM (release): about 13 ns for a zone-less
// `YYYY-MM-DDTHH:MM:SS` in UTC, 16 ns in Europe/Berlin, 20 ns with a fraction and an offset,
// 8 ns for epoch seconds.
//
// WHAT MUST NOT BREAK
//
// - No input traps. Every read is a bounds-checked `Span` subscript guarded by a length check,
//   digit groups are at most 4 digits (date) or 19 digits (epoch, < 10^19 < UInt64.max), and the
//   final scaling to microseconds uses `*ReportingOverflow`, so any byte sequence yields a value
//   or `nil`.
// - Fractions finer than a microsecond are truncated toward negative infinity, as `Timestamp`
//   documents (a date-time fraction always counts forward; a negative epoch fraction rounds down).
// - The hot path allocates nothing: the only heap object it touches is the zone table, and that
//   only to read it.

/// Parses timestamps from bytes: RFC 3339 / ISO 8601 date-times and Unix epoch numbers.
///
/// Accepted forms (leading and trailing ASCII spaces and tabs are ignored):
///
/// | Form | Example | Meaning |
/// |---|---|---|
/// | date | `2024-03-01` | 00:00 local time on that day |
/// | date and time | `2024-03-01T12:30`, `2024-03-01 12:30:15` | local time |
/// | with a fraction | `2024-03-01T12:30:15.123456789`, `…15,5` | truncated to microseconds |
/// | with an offset | `…Z`, `…z`, `…+02:00`, `…+0200`, `…+02`, `…-05:30` | explicit offset, \|offset\| ≤ 23:59 |
/// | epoch seconds | `1709296215`, `-86400`, `1709296215.25` | up to 11 integer digits |
/// | epoch milliseconds | `1709296215123` | 12 to 14 integer digits |
/// | epoch microseconds | `1709296215123456` | 15 to 17 integer digits |
/// | epoch nanoseconds | `1709296215123456789` | 18 or 19 integer digits, truncated to microseconds |
///
/// Details:
/// - The date/time separator is `T`, `t` or exactly one space. A fraction (any number of digits,
///   `.` or `,` as the decimal mark) is allowed only after seconds.
/// - Years are four digits, 0000 through 9999 (proleptic Gregorian). Month 1–12, day 1 through
///   the month's length (leap years included), hour 0–23, minute 0–59, second 0–59.
/// - `24:00`, `24:00:00` (with an all-zero fraction, if any) is midnight at the end of the day,
///   that is 00:00 of the next day (ISO 8601). `24:00:01` is invalid.
/// - Second `60` (a leap second) is accepted only as `:59:60` and is read as the second after
///   `:59:59`, i.e. `:00` of the next minute (the fraction is kept).
/// - A time without an offset is local time in the caller's ``ZoneRule`` (see its rules for
///   daylight-saving gaps and overlaps).
/// - Epoch numbers: an optional `-`, digits, and for seconds only an optional `.digits`
///   fraction. The unit follows from the number of integer digits, leading zeros included:
///   up to 11 digits are seconds (up to year 5138), 12–14 milliseconds, 15–17 microseconds,
///   18–19 nanoseconds (truncated toward the past to microseconds); 20 or more are invalid.
///   No `+` sign, no exponent.
/// - Every instant lies in the years 0000 through 9999 in UTC (``supportedRange``), so that it
///   has an RFC 3339 form: `-99999999999` (year -1199) and `0000-01-01T00:00+01:00` are invalid.
enum TimestampParser {
    /// Parses one field.
    ///
    /// ```swift
    /// let bytes = Array("2024-03-01T12:00:00.5+01:00".utf8)
    /// TimestampParser.parse(bytes.span, zone: .utc)  // 2024-03-01T11:00:00.500Z
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: The field's bytes; leading and trailing spaces and tabs are ignored.
    ///   - zone: How to read a date-time without an offset.
    /// - Returns: The instant, or `nil` if the bytes are not a valid timestamp in one of the
    ///   forms listed on ``TimestampParser``.
    /// - Complexity: O(*n*) in the field length; no allocation.
    static func parse(_ bytes: Span<UInt8>, zone: ZoneRule) -> Timestamp? {
        var memo = DateMemo()
        return parse(bytes, zone: zone, memo: &memo)
    }

    /// Parses one field, reading its date through `memo`: a field whose date is the one the memo
    /// last saw skips the date's parse. The result is the same as ``parse(_:zone:)``'s.
    ///
    /// - Parameter memo: The date the previous field of the same kind read (a log's rows mostly
    ///   share their date with the row before); updated to this field's date.
    static func parse(_ bytes: Span<UInt8>, zone: ZoneRule, memo: inout DateMemo) -> Timestamp? {
        var start = 0
        var end = bytes.count
        while start < end, isBlank(bytes[start]) { start &+= 1 }
        while end > start, isBlank(bytes[end &- 1]) { end &-= 1 }
        let field = bytes.extracting(start..<end)
        let parsed = field.count >= dateLength && field[4] == ASCII.minus
            ? parseDateTime(field, zone: zone, memo: &memo) : parseEpoch(field)
        // Every instant must have an RFC 3339 form: reports print it, and read it back.
        guard let parsed, supportedRange.contains(parsed.microsecondsSinceEpoch) else { return nil }
        return parsed
    }

    /// The instants a timestamp may denote, in microseconds: 0000-01-01T00:00:00Z through
    /// 9999-12-31T23:59:59.999999Z, the years RFC 3339 can write. An epoch number or an offset that
    /// lands outside (`-99999999999`, `0000-01-01T00:00+01:00`) is invalid.
    static let supportedRange: ClosedRange<Int64> = -62_167_219_200_000_000...253_402_300_799_999_999

    /// Parses an RFC 3339 timestamp, as `Codable` decoding needs.
    ///
    /// Accepts the same forms as ``parse(_:zone:)``; a date-time without an offset is read as UTC.
    ///
    /// - Parameter bytes: The UTF-8 bytes of the value.
    /// - Returns: The instant, or `nil` if the bytes are not a valid timestamp.
    static func parseRFC3339(_ bytes: [UInt8]) -> Timestamp? {
        parse(bytes.span, zone: .utc)
    }

    // MARK: - Date-time

    /// Length of `YYYY-MM-DD`.
    static let dateLength = 10
    /// Length of `YYYY-MM-DDTHH:MM`.
    private static let minuteLength = 16
    /// Length of `YYYY-MM-DDTHH:MM:SS`.
    private static let secondLength = 19
    private static let secondsPerDay: Int64 = 86_400
    /// Fraction digits kept: microseconds.
    private static let fractionDigitsKept = 6

    /// The last `YYYY-MM-DD` a date-time parse read, and its day number (see
    /// ``parse(_:zone:memo:)``). The key is the date's ten bytes, so a hit is exact, and only a
    /// valid date is remembered.
    struct DateMemo: Sendable {
        /// Bytes 0–7 of the date, little-endian; 0 when empty (a date's bytes are never zero).
        fileprivate var head: UInt64 = 0
        /// Bytes 8 and 9.
        fileprivate var tail: UInt16 = 0
        /// Days from 1970-01-01.
        fileprivate var days: Int64 = 0

        init() {}
    }

    /// Parses a trimmed field of at least 10 bytes whose byte 4 is `-`.
    static func parseDateTime(_ field: Span<UInt8>, zone: ZoneRule, memo: inout DateMemo) -> Timestamp? {
        let count = field.count
        // `unsafe` because viewing elements as raw bytes could expose padding; UInt8 has none.
        // Both loads are in bounds (count >= 10), and RawSpan checks them too.
        let raw = unsafe field.bytes
        let head = UInt64(littleEndian: unsafe raw.unsafeLoadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let tail = UInt16(littleEndian: unsafe raw.unsafeLoadUnaligned(fromByteOffset: 8, as: UInt16.self))
        let days: Int64
        if head == memo.head && tail == memo.tail {
            days = memo.days
        } else {
            guard let year = digits4(field, 0),
                let month = digits2(field, 5), field[7] == ASCII.minus,
                let day = digits2(field, 8),
                month >= 1, month <= 12, day >= 1,
                day <= 28 || day <= CivilTime.daysInMonth(year: year, month: month)
            else { return nil }
            days = daysSinceEpoch(year: year, month: month, day: day)
            memo.head = head
            memo.tail = tail
            memo.days = days
        }

        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var microsecond: Int64 = 0
        var explicitOffset: Int64? = nil
        if count > dateLength {
            let separator = field[dateLength]
            guard separator == ASCII.upperT || separator == ASCII.lowerT || separator == ASCII.space,
                count >= minuteLength
            else { return nil }
            var index: Int
            var fractionIsZero = true
            if count >= secondLength, let clock = clock(field, 11) {
                (hour, minute, second) = clock
                index = secondLength
                if index < count, field[index] == ASCII.period || field[index] == ASCII.comma {
                    index &+= 1
                    let firstDigit = index
                    var kept = 0
                    while index < count {
                        let digit = field[index] &- ASCII.zero
                        guard digit < 10 else { break }
                        if kept < fractionDigitsKept {
                            microsecond = microsecond &* 10 &+ Int64(digit)
                            kept &+= 1
                        }
                        if digit != 0 { fractionIsZero = false }
                        index &+= 1
                    }
                    guard index > firstDigit else { return nil }
                    while kept < fractionDigitsKept {
                        microsecond &*= 10
                        kept &+= 1
                    }
                }
            } else {
                // Not `HH:MM:SS`, so only `HH:MM` may be valid, and not followed by a colon.
                guard let h = digits2(field, 11), field[13] == ASCII.colon,
                    let m = digits2(field, 14),
                    count == minuteLength || field[minuteLength] != ASCII.colon
                else { return nil }
                hour = h
                minute = m
                index = minuteLength
            }
            if hour == 24 {
                guard minute == 0, second == 0, fractionIsZero else { return nil }
            } else {
                guard hour < 24 else { return nil }
            }
            guard minute < 60, second < 60 || (second == 60 && minute == 59) else { return nil }

            if index < count {
                guard let offset = parseOffset(field, from: index) else { return nil }
                explicitOffset = offset
            }
        }

        // Bounded: |days| < 2.92 million for years 0...9999, so every product below is far
        // from Int64's range; the overflow checks guard only the final scaling.
        let local = days &* secondsPerDay &+ hour &* 3600 &+ minute &* 60 &+ second
        let offset = explicitOffset ?? zone.utcOffsetSeconds(forLocalSeconds: local)
        let utc = local.subtractingReportingOverflow(offset)
        if utc.overflow { return nil }
        return timestamp(seconds: utc.partialValue, microseconds: microsecond)
    }

    /// Parses the rest of the field from `index` as `Z`, `z`, `±HH`, `±HHMM` or `±HH:MM`
    /// (HH ≤ 23, MM ≤ 59) and returns it in seconds east of UTC; `nil` if anything is left over.
    private static func parseOffset(_ field: Span<UInt8>, from index: Int) -> Int64? {
        let count = field.count
        let rest = count &- index
        let sign = field[index]
        if sign == ASCII.upperZ || sign == ASCII.lowerZ {
            return rest == 1 ? 0 : nil
        }
        guard sign == ASCII.plus || sign == ASCII.minus,
            rest == 3 || rest == 5 || rest == 6,
            let hours = digits2(field, index &+ 1), hours <= 23
        else { return nil }
        var minutes: Int64 = 0
        if rest == 5 {
            guard let m = digits2(field, index &+ 3) else { return nil }
            minutes = m
        } else if rest == 6 {
            guard field[index &+ 3] == ASCII.colon, let m = digits2(field, index &+ 4) else { return nil }
            minutes = m
        }
        guard minutes <= 59 else { return nil }
        let magnitude = hours &* 3600 &+ minutes &* 60
        return sign == ASCII.minus ? 0 &- magnitude : magnitude
    }

    // MARK: - Epoch numbers

    /// Most integer digits of epoch seconds (99 999 999 999 s is in year 5138).
    static let maxSecondDigits = 11
    /// Most integer digits of epoch milliseconds.
    private static let maxMillisecondDigits = 14
    /// Most integer digits of epoch microseconds.
    static let maxMicrosecondDigits = 17
    /// Most integer digits of epoch nanoseconds (Go, Loki, OpenTelemetry): 18 digits from 1973, 19 up to 2262.
    static let maxNanosecondDigits = 19

    /// Parses `[-]digits[.digits]`; the unit follows from the number of integer digits.
    static func parseEpoch(_ field: Span<UInt8>) -> Timestamp? {
        let count = field.count
        var index = 0
        let isNegative = count > 0 && field[0] == ASCII.minus
        if isNegative { index = 1 }

        // At most 19 digits, so the value stays below 10^19 < UInt64.max and cannot overflow.
        let integerStart = index
        var digits: UInt64 = 0
        while index < count {
            let digit = field[index] &- ASCII.zero
            guard digit < 10 else { break }
            guard index &- integerStart < maxNanosecondDigits else { return nil }
            digits = digits &* 10 &+ UInt64(digit)
            index &+= 1
        }
        let integerDigits = index &- integerStart
        guard integerDigits > 0 else { return nil }
        var droppedNonZero = false
        let integer: Int64
        if integerDigits > maxMicrosecondDigits {
            // Nanoseconds, truncated to microseconds (below 10^16: no overflow).
            integer = Int64(digits / 1_000)
            droppedNonZero = digits % 1_000 != 0
        } else {
            integer = Int64(digits)
        }

        var fraction: Int64 = 0
        if index < count, field[index] == ASCII.period {
            guard integerDigits <= maxSecondDigits else { return nil }
            index &+= 1
            let firstDigit = index
            var kept = 0
            while index < count {
                let digit = field[index] &- ASCII.zero
                guard digit < 10 else { break }
                if kept < fractionDigitsKept {
                    fraction = fraction &* 10 &+ Int64(digit)
                    kept &+= 1
                } else if digit != 0 {
                    droppedNonZero = true
                }
                index &+= 1
            }
            guard index > firstDigit else { return nil }
            while kept < fractionDigitsKept {
                fraction &*= 10
                kept &+= 1
            }
        }
        guard index == count else { return nil }

        let unit: Int64
        if integerDigits <= maxSecondDigits {
            unit = Timestamp.microsecondsPerSecond
        } else if integerDigits <= maxMillisecondDigits {
            unit = 1_000
        } else {
            unit = 1
        }
        let scaled = integer.multipliedReportingOverflow(by: unit)
        if scaled.overflow { return nil }
        let magnitude = scaled.partialValue.addingReportingOverflow(fraction)
        if magnitude.overflow { return nil }
        guard isNegative else { return Timestamp(microsecondsSinceEpoch: magnitude.partialValue) }
        // Truncate toward negative infinity: -1.0000005 s is -1 000 001 µs.
        let negated = (0 as Int64).subtractingReportingOverflow(magnitude.partialValue)
        let floored = negated.partialValue.subtractingReportingOverflow(droppedNonZero ? 1 : 0)
        if negated.overflow || floored.overflow { return nil }
        return Timestamp(microsecondsSinceEpoch: floored.partialValue)
    }

    // MARK: - Helpers

    /// `seconds * 1_000_000 + microseconds`, or `nil` on overflow.
    private static func timestamp(seconds: Int64, microseconds: Int64) -> Timestamp? {
        let scaled = seconds.multipliedReportingOverflow(by: Timestamp.microsecondsPerSecond)
        if scaled.overflow { return nil }
        let total = scaled.partialValue.addingReportingOverflow(microseconds)
        if total.overflow { return nil }
        return Timestamp(microsecondsSinceEpoch: total.partialValue)
    }

    /// Days from 1970-01-01 to a valid date in years 0...9999: `CivilTime.daysFromCivil`
    /// specialised to that range. Shifting the year by 400 (146 097 days, a whole Gregorian
    /// cycle) keeps the March-based year positive, so the era split disappears and every
    /// division is an unsigned division by a constant (a multiply and shift). It profiled at a
    /// quarter of the parse time as the general signed version. `TimestampParserTests` checks it
    /// against `CivilTime.daysFromCivil` for the first and last day of every month of 0000-9999.
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        // year + 400 - (January or February ? 1 : 0) lies in 399...10_399; all terms fit UInt32.
        let marchYear = UInt32(truncatingIfNeeded: year &+ 400 &- (month <= 2 ? 1 : 0))
        let monthsFromMarch = UInt32(truncatingIfNeeded: month <= 2 ? month &+ 9 : month &- 3)
        let dayOfYear = (153 &* monthsFromMarch &+ 2) / 5 &+ UInt32(truncatingIfNeeded: day) &- 1
        let days = marchYear &* 365 &+ marchYear / 4 &- marchYear / 100 &+ marchYear / 400 &+ dayOfYear
        return Int64(days) &- (719_468 &+ 146_097)
    }

    // Forced inlining of the three byte helpers measured about 3 ns of 16 per zone-less
    // date-time parse (release build, x86-64); without it the optimizer leaves them as calls.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab
    }

    /// `HH:MM:SS` from `index`, read as one eight-byte word: hour, minute and second, or `nil`
    /// unless the bytes are two digits, a colon, two digits, a colon and two digits (the ranges
    /// are the caller's to check). The caller has checked that the eight bytes are in bounds.
    @inline(__always)
    static func clock(_ field: Span<UInt8>, _ index: Int) -> (hour: Int64, minute: Int64, second: Int64)? {
        // `unsafe` only because a load reinterprets memory; every bit pattern is a valid UInt64.
        let word = UInt64(littleEndian: unsafe field.bytes.unsafeLoadUnaligned(fromByteOffset: index, as: UInt64.self))
        // XOR with "00:00:00" (byte 0 lowest): a colon becomes 0, a digit its value. Every byte
        // must then be below 16 and the colons 0; with that, adding 6 to a digit byte carries
        // into its high nibble exactly when the digit is over 9 (and never into the next byte).
        let x = word ^ 0x3030_3A30_303A_3030
        guard (x & 0xF0F0_FFF0_F0FF_F0F0) | ((x &+ 0x0606_0006_0600_0606) & 0xF0F0_F0F0_F0F0_F0F0) == 0 else { return nil }
        // Byte i of `pairs` is 10 * digit(i) + digit(i + 1) <= 99: no byte carries into the next.
        let pairs = x &* 10 &+ (x >> 8)
        return (Int64(pairs & 0xFF), Int64((pairs >> 24) & 0xFF), Int64((pairs >> 48) & 0xFF))
    }

    /// The two decimal digits at `index` and `index + 1`, or `nil` if either is not a digit.
    /// The caller has checked that both indices are in bounds.
    @inline(__always)
    static func digits2(_ field: Span<UInt8>, _ index: Int) -> Int64? {
        let high = field[index] &- ASCII.zero
        let low = field[index &+ 1] &- ASCII.zero
        guard high < 10, low < 10 else { return nil }
        return Int64(high &* 10 &+ low)
    }

    /// The four decimal digits from `index`, or `nil` if any is not a digit.
    @inline(__always)
    static func digits4(_ field: Span<UInt8>, _ index: Int) -> Int64? {
        guard let high = digits2(field, index), let low = digits2(field, index &+ 2) else { return nil }
        return high &* 100 &+ low
    }
}
