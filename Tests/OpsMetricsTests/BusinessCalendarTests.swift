import Testing

@testable import OpsMetrics

/// Hand-computed business-time cases, one per rule on the <doc:BusinessTime> page.
@Suite struct BusinessCalendarTests {
    static func t(_ text: String) -> Timestamp {
        guard let value = Timestamp(parsing: text) else { fatalError("bad timestamp \(text)") }
        return value
    }

    static let hour: Int64 = 3_600_000_000
    static let minute: Int64 = 60_000_000

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var calendar: String
        var holidays: String = ""
        var start: String
        var end: String
        var pauses: [(String, String)] = []
        var expectedMinutes: Int64
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // The page's worked example: Friday 16:00 BST to Monday 10:00 BST is 1 h + 1 h.
        Case(name: "weekend skipped (London, BST)", calendar: "Mon-Fri 09:00-17:00 Europe/London",
            start: "2024-06-07T15:00:00Z", end: "2024-06-10T09:00:00Z", expectedMinutes: 120),
        // A clock that starts on Saturday starts at Monday 09:00.
        Case(name: "starts outside hours", calendar: "Mon-Fri 09:00-17:00 UTC",
            start: "2024-06-08T12:00:00Z", end: "2024-06-10T10:00:00Z", expectedMinutes: 60),
        // Paused Monday 16:30 to Tuesday 09:30: only 30 min of the pause is working time.
        Case(name: "pause straddles the night", calendar: "Mon-Fri 09:00-17:00 UTC",
            start: "2024-06-10T16:00:00Z", end: "2024-06-11T11:00:00Z",
            pauses: [("2024-06-10T16:30:00Z", "2024-06-11T09:30:00Z")], expectedMinutes: 120),
        // 2024-03-10 in New York has 23 hours (02:00-03:00 never happens).
        Case(name: "spring-forward day holds 23 h", calendar: "Sun 00:00-24:00 America/New_York",
            start: "2024-03-09T00:00:00Z", end: "2024-03-12T00:00:00Z", expectedMinutes: 23 * 60),
        // 2024-11-03 in New York has 25 hours (01:00-02:00 happens twice).
        Case(name: "fall-back day holds 25 h", calendar: "Sun 00:00-24:00 America/New_York",
            start: "2024-11-02T00:00:00Z", end: "2024-11-05T00:00:00Z", expectedMinutes: 25 * 60),
        // Sun 02:00-04:00 on the spring-forward day: only 03:00-04:00 EDT exists.
        Case(name: "span inside the gap", calendar: "Sun 02:00-04:00 America/New_York",
            start: "2024-03-10T00:00:00Z", end: "2024-03-11T00:00:00Z", expectedMinutes: 60),
        // Sun 01:00-02:00 on the fall-back day happens twice: 2 real hours.
        Case(name: "span inside the overlap", calendar: "Sun 01:00-02:00 America/New_York",
            start: "2024-11-03T00:00:00Z", end: "2024-11-04T00:00:00Z", expectedMinutes: 120),
        // Sydney's 2024-10-06 spring forward (02:00 -> 03:00 AEDT): a 9-17 day still has 8 h.
        Case(name: "office day on a change day (Sydney)", calendar: "Sun 09:00-17:00 Australia/Sydney",
            start: "2024-10-05T00:00:00Z", end: "2024-10-07T00:00:00Z", expectedMinutes: 480),
        // Night shift Mon 22:00-06:00; Tuesday is a holiday, so only Monday's 2 h count.
        Case(name: "night shift, holiday the next day", calendar: "Mon 22:00-06:00 UTC", holidays: "2024-06-11",
            start: "2024-06-10T00:00:00Z", end: "2024-06-12T00:00:00Z", expectedMinutes: 120),
        // A holiday range removes whole local days: 24-26 December, Tue-Thu.
        Case(name: "holiday range", calendar: "Mon-Fri 09:00-17:00 Europe/London", holidays: "2024-12-24..2024-12-26 Christmas\n",
            start: "2024-12-23T00:00:00Z", end: "2024-12-28T00:00:00Z", expectedMinutes: 16 * 60),
        // Two spans a day and a pause across the lunch break.
        Case(name: "lunch break and a pause over it", calendar: "Mon-Fri 08:00-12:00,13:00-17:00 UTC",
            start: "2024-06-10T11:00:00Z", end: "2024-06-10T15:00:00Z",
            pauses: [("2024-06-10T11:30:00Z", "2024-06-10T13:30:00Z")], expectedMinutes: 120),
        Case(name: "24x7 is elapsed time", calendar: "24x7",
            start: "2024-03-10T01:00:00Z", end: "2024-03-10T11:45:00Z", expectedMinutes: 645),
        Case(name: "seconds count", calendar: "Mon-Fri 09:00-17:00 UTC",
            start: "2024-06-10T16:59:30Z", end: "2024-06-11T09:00:45Z", expectedMinutes: 0),
    ]

    @Test(arguments: cases) func businessTime(_ c: Case) throws {
        let holidays = try Holidays(parsing: c.holidays)
        let calendar = try BusinessCalendar(specification: c.calendar, holidays: holidays)
        let pauses = IntervalSet(c.pauses.map { Interval(start: Self.t($0.0), end: Self.t($0.1)) })
        let elapsed = calendar.businessMicroseconds(from: Self.t(c.start), to: Self.t(c.end), excluding: pauses)
        if c.name == "seconds count" {
            #expect(elapsed == 75_000_000)  // 30 s on Monday, 45 s on Tuesday
        } else {
            #expect(elapsed == c.expectedMinutes * Self.minute)
        }
    }

    @Test func deadlineCrossesTheWeekend() throws {
        let office = try BusinessCalendar(specification: "Mon-Fri 09:00-17:00 UTC")
        let deadline = office.deadline(after: 4 * Self.hour, from: Self.t("2024-06-07T15:00:00Z"), searchingUntil: Self.t("2025-01-01T00:00:00Z"))
        #expect(deadline == Self.t("2024-06-10T11:00:00Z"))
        let never = try BusinessCalendar(specification: "Mon 09:00-10:00 UTC", holidays: Holidays(parsing: "2024-06-10..2024-06-30"))
        #expect(never.deadline(after: 2 * Self.hour, from: Self.t("2024-06-07T15:00:00Z"), searchingUntil: Self.t("2024-06-30T00:00:00Z")) == nil)
    }

    @Test func specificationForms() throws {
        let weekdays = try BusinessCalendar(specification: "Mon-Fri 09:00-17:00 Europe/London")
        #expect(weekdays.hours.spans.count == 5 && weekdays.zone.identifier == "Europe/London")
        let wrapped = try BusinessCalendar(specification: "Sat-Mon 10:00-14:00")
        #expect(wrapped.hours.spans.map(\.weekday) == [5, 6, 0] && wrapped.zone == .utc)
        let groups = try BusinessCalendar(specification: "Mon,Wed 08:00-12:00,13:00-17:00; Sat 22:00-02:00 +05:30")
        #expect(groups.hours.spans.count == 5 && groups.hours.spans.last?.endMinute == 1560 && groups.zone.identifier == "+05:30")
        #expect(try BusinessCalendar(specification: "24x7 Australia/Sydney").hours == .allWeek)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        var testDescription: String { text }
    }

    static let badSpecifications: [BadCase] = [
        BadCase(text: "", message: "expected working hours such as 'Mon-Fri 09:00-17:00 Europe/London' or '24x7', found nothing"),
        BadCase(text: "Mun-Fri 09:00-17:00", message: "expected weekdays such as 'Mon-Fri' (Mon Tue Wed Thu Fri Sat Sun) or '24x7', found 'Mun-Fri'"),
        BadCase(text: "Mon-Fri 9-17", message: "expected hours such as '09:00-17:00' after 'Mon-Fri', found '9-17'"),
        BadCase(text: "Mon-Fri 09:00-24:30", message: "expected hours such as '09:00-17:00' after 'Mon-Fri', found '09:00-24:30'"),
        BadCase(text: "Mon-Fri", message: "expected hours such as '09:00-17:00' after 'Mon-Fri', found nothing"),
        BadCase(text: "Mon-Fri 09:00-17:00 Mars/Base", message: "expected weekdays, or a time zone such as 'Europe/London', 'UTC' or '+05:30', found 'Mars/Base'"),
        BadCase(text: "Mon-Fri 09:00-17:00 UTC extra", message: "expected nothing after the time zone 'UTC', found 'extra'"),
    ]

    @Test(arguments: badSpecifications) func badSpecification(_ c: BadCase) {
        #expect(throws: ConfigurationError(c.message)) { try BusinessCalendar(specification: c.text) }
    }

    @Test func badHolidayLines() {
        let message = "line 3: expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD (first through last, at most ten years), found "
        #expect(throws: ConfigurationError(message + "\"2024-02-30\"")) { try Holidays(parsing: "# bank holidays\n2024-12-25\n2024-02-30\n") }
        #expect(throws: ConfigurationError(message + "\"2024-12-26..2024-12-24\"")) { try Holidays(parsing: "\n\n2024-12-26..2024-12-24") }
        #expect(throws: ConfigurationError(message + "\"12/25/2024\"")) { try Holidays(parsing: "2024-01-01\n2024-01-02\n12/25/2024 Christmas") }
    }
}
