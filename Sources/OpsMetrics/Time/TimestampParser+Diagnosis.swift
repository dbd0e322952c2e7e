/// Why a field is not a timestamp, in words, for error messages.
///
/// Only called on the error path, after ``TimestampParser/parse(_:zone:)`` returned `nil`, so it
/// may take its time (it allocates the message). It names the first specific fault it recognises
/// (a day the month does not have, an hour past 24:00, an epoch number out of range) and gives
/// `nil` when the text is simply not in one of the accepted forms; the message then lists the forms.
extension TimestampParser {
    /// The reason `bytes` is not a valid timestamp, or `nil` when no specific reason applies.
    ///
    /// ```swift
    /// TimestampParser.diagnosis(Array("2024-02-30".utf8).span, zone: .utc)
    /// // "February 2024 has 29 days"
    /// ```
    static func diagnosis(_ bytes: Span<UInt8>, zone: ZoneRule) -> String? {
        var start = 0
        var end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        let field = bytes.extracting(start..<end)
        if field.count >= dateLength, field[4] == ASCII.minus {
            return dateTimeDiagnosis(field, zone: zone)
        }
        return epochDiagnosis(field)
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    private static func dateTimeDiagnosis(_ field: Span<UInt8>, zone: ZoneRule) -> String? {
        guard let year = digits4(field, 0), let month = digits2(field, 5), field[7] == ASCII.minus,
              let day = digits2(field, 8) else { return nil }
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        let days = CivilTime.daysInMonth(year: year, month: month)
        guard (1...days).contains(day) else { return "\(monthNames[Int(month) - 1]) \(year) has \(days) days" }
        if field.count >= 16, field[13] == ASCII.colon, let hour = digits2(field, 11), let minute = digits2(field, 14) {
            var second: Int64 = 0
            if field.count >= 19, field[16] == ASCII.colon, let s = digits2(field, 17) { second = s }
            if hour > 24 { return "there is no hour \(hour) (00 to 23, or 24:00:00 for the end of the day)" }
            if hour == 24 && (minute != 0 || second != 0) {
                return "hour 24 is only 24:00:00, the end of the day"
            }
            if minute > 59 { return "there is no minute \(minute)" }
            if second == 60 && minute != 59 { return "a leap second is :59:60" }
            if second > 60 { return "there is no second \(second)" }
        }
        var memo = DateMemo()
        if let unchecked = parseDateTime(field, zone: zone, memo: &memo), !supportedRange.contains(unchecked.microsecondsSinceEpoch) {
            return "it falls outside the years 0000 to 9999 in UTC"
        }
        return nil
    }

    private static func epochDiagnosis(_ field: Span<UInt8>) -> String? {
        var index = field.count > 0 && field[0] == ASCII.minus ? 1 : 0
        let first = index
        while index < field.count, ASCII.isDigit(field[index]) { index += 1 }
        let digits = index - first
        guard digits > 0 else { return nil }
        let rest = field.count - index
        if rest == 0 || field[index] == ASCII.period {
            if digits > maxNanosecondDigits {
                return "an epoch number has at most \(maxNanosecondDigits) digits (nanoseconds); this one has \(digits)"
            }
            if rest > 0 && digits > maxSecondDigits {
                return "only epoch seconds (up to \(maxSecondDigits) digits) may have a fraction"
            }
            if let unchecked = parseEpoch(field), !supportedRange.contains(unchecked.microsecondsSinceEpoch) {
                return "it falls outside the years 0000 to 9999"
            }
        }
        return nil
    }
}
