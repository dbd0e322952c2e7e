/// Whole local days on which no working time counts, in the calendar's time zone.
///
/// A holiday removes every working minute whose local date is that day, including the hours
/// after midnight of a span that started the evening before; the part of a span before
/// midnight still counts when the holiday is the next day.
///
/// Days are counted from 1970-01-01 (day 0), which keeps the table free of any zone.
///
/// ```swift
/// var days = Holidays()
/// days.insert(year: 2024, month: 12, day: 25)
/// days.insert(fromYear: 2024, month: 12, day: 30, throughYear: 2025, month: 1, day: 1)
/// ```
public struct Holidays: Sendable, Hashable {
    /// The holiday day numbers (days since 1970-01-01).
    private(set) var days: Set<Int64> = []

    /// No holidays.
    public init() {}

    /// The number of holiday dates.
    public var count: Int { days.count }

    /// Adds one date (proleptic Gregorian). Returns `false`, adding nothing, if the date does
    /// not exist (2024-02-30).
    @discardableResult
    public mutating func insert(year: Int, month: Int, day: Int) -> Bool {
        guard let number = Self.dayNumber(year: year, month: month, day: day) else { return false }
        days.insert(number)
        return true
    }

    /// Adds every date from the first through the last, inclusive. Returns `false`, adding
    /// nothing, if a date does not exist, the range is reversed or longer than 3 660 days.
    @discardableResult
    public mutating func insert(fromYear: Int, month: Int, day: Int, throughYear: Int, month lastMonth: Int, day lastDay: Int) -> Bool {
        guard let first = Self.dayNumber(year: fromYear, month: month, day: day),
            let last = Self.dayNumber(year: throughYear, month: lastMonth, day: lastDay),
            first <= last, last - first < 3660
        else { return false }
        for number in first...last { days.insert(number) }
        return true
    }

    /// Whether the day (days since 1970-01-01) is a holiday.
    func contains(day: Int64) -> Bool {
        days.contains(day)
    }

    /// The day number of a valid date, `nil` otherwise.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int64? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            Int64(day) <= CivilTime.daysInMonth(year: Int64(year), month: Int64(month))
        else { return nil }
        return CivilTime.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
    }
}
