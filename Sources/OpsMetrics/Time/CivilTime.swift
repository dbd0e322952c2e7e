/// A proleptic-Gregorian calendar date and time of day, used to convert between `Timestamp`
/// and the fields people write. Conversions use Howard Hinnant's days-from-civil algorithm:
/// exact integer arithmetic, no tables, valid for every year that fits in an `Int64` of days.
struct CivilTime: Hashable, Sendable {
    var year: Int64
    var month: Int64  // 1...12
    var day: Int64  // 1...31
    var hour: Int64
    var minute: Int64
    var second: Int64
    var microsecond: Int64

    /// Days since 1970-01-01 of a proleptic-Gregorian date (month 1...12, day 1...31).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number counted from 1970-01-01.
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    init(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, microsecond: Int64 = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
    }

    init(_ timestamp: Timestamp) {
        let micros = timestamp.microsecondsSinceEpoch
        let perDay = 86_400 * Timestamp.microsecondsPerSecond
        var days = micros / perDay
        var rest = micros % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        let date = CivilTime.civilFromDays(days)
        let seconds = rest / Timestamp.microsecondsPerSecond
        self.init(
            year: date.year, month: date.month, day: date.day,
            hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60,
            microsecond: rest % Timestamp.microsecondsPerSecond)
    }

    /// The UTC instant of these fields read as UTC, or `nil` on overflow.
    /// Fields are not range-checked here; parsers check them first.
    var timestamp: Timestamp? {
        let days = CivilTime.daysFromCivil(year: year, month: month, day: day)
        let seconds = days.multipliedReportingOverflow(by: 86_400)
        if seconds.overflow { return nil }
        let total = seconds.partialValue.addingReportingOverflow(hour * 3600 + minute * 60 + second)
        if total.overflow { return nil }
        let micros = total.partialValue.multipliedReportingOverflow(by: Timestamp.microsecondsPerSecond)
        if micros.overflow { return nil }
        let result = micros.partialValue.addingReportingOverflow(microsecond)
        if result.overflow { return nil }
        return Timestamp(microsecondsSinceEpoch: result.partialValue)
    }

    /// RFC 3339 in UTC; the fraction is printed only when non-zero, with trailing zeros trimmed
    /// to 3 or 6 digits.
    var rfc3339: String {
        var bytes: [UInt8] = []
        appendRFC3339(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``rfc3339``'s UTF-8 to `bytes` (no `String` built: reports write millions).
    func appendRFC3339(to bytes: inout [UInt8]) {
        func pad(_ value: Int64, _ width: Int, then separator: UInt8?) {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            ASCII.appendDecimal(value.magnitude, minimumCount: width, to: &bytes)
            if let separator { bytes.append(separator) }
        }
        pad(year, 4, then: UInt8(ascii: "-"))
        pad(month, 2, then: UInt8(ascii: "-"))
        pad(day, 2, then: UInt8(ascii: "T"))
        pad(hour, 2, then: UInt8(ascii: ":"))
        pad(minute, 2, then: UInt8(ascii: ":"))
        pad(second, 2, then: nil)
        if microsecond != 0 {
            bytes.append(UInt8(ascii: "."))
            if microsecond % 1000 == 0 { pad(microsecond / 1000, 3, then: nil) } else { pad(microsecond, 6, then: nil) }
        }
        bytes.append(UInt8(ascii: "Z"))
    }
}
