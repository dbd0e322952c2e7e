import Testing
@testable import OpsMetrics

/// The reason given after an invalid timestamp: specific when one can be named, `nil` otherwise;
/// and never for a valid timestamp.
@Suite("Timestamp diagnosis")
struct TimestampDiagnosisTests {
    @Test("invalid timestamps say why", arguments: [
        ("2024-02-30", "February 2024 has 29 days"),
        ("2023-02-29T10:00:00Z", "February 2023 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("2024-04-31 08:00", "April 2024 has 30 days"),
        ("2024-01-00", "January 2024 has 31 days"),
        ("2024-13-01", "there is no month 13"),
        ("2024-00-10", "there is no month 0"),
        ("2024-03-01T24:00:01", "hour 24 is only 24:00:00, the end of the day"),
        ("2024-03-01T24:30", "hour 24 is only 24:00:00, the end of the day"),
        ("2024-03-01T25:00", "there is no hour 25 (00 to 23, or 24:00:00 for the end of the day)"),
        ("2024-03-01T12:60", "there is no minute 60"),
        ("2024-03-01T12:58:60Z", "a leap second is :59:60"),
        ("2024-03-01T12:59:61", "there is no second 61"),
        ("0000-01-01T00:00:00+01:00", "it falls outside the years 0000 to 9999 in UTC"),
        ("12345678901234567890", "an epoch number has at most 19 digits (nanoseconds); this one has 20"),
        ("-12345678901234567890.5", "an epoch number has at most 19 digits (nanoseconds); this one has 20"),
        ("-123456789012345678.5", "only epoch seconds (up to 11 digits) may have a fraction"),
        ("170929621512.5", "only epoch seconds (up to 11 digits) may have a fraction"),
        ("-62167219201", "it falls outside the years 0000 to 9999"),
    ])
    func reasons(_ text: String, _ reason: String) {
        let bytes = Array(text.utf8)
        #expect(TimestampParser.parse(bytes.span, zone: .utc) == nil)
        #expect(TimestampParser.diagnosis(bytes.span, zone: .utc) == reason)
    }

    @Test("no specific reason for text in no accepted form", arguments: [
        "yesterday", "", "2024-03-01T12", "2024-03-01T12:00+25:00", "2024-03-01x", "1e9", "+5", "12:00",
    ])
    func noReason(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(TimestampParser.parse(bytes.span, zone: .utc) == nil)
        #expect(TimestampParser.diagnosis(bytes.span, zone: .utc) == nil)
    }

    @Test("valid timestamps are not diagnosed", arguments: [
        "2024-02-29", "2024-12-31T24:00", "2016-12-31T23:59:60Z", "0000-01-01", "9999-12-31T23:59:59.999999Z",
        "17092962151234567", "-62167219200",
    ])
    func validHaveNoReason(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(TimestampParser.parse(bytes.span, zone: .utc) != nil)
        #expect(TimestampParser.diagnosis(bytes.span, zone: .utc) == nil)
    }
}
