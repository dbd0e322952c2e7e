/// The length of a reporting period: a calendar day, week (Monday to Sunday), month, quarter or
/// year, always read in a report time zone.
///
/// Periods follow the wall clock of the zone, not a fixed number of seconds: a day in
/// `Europe/Berlin` is 23 hours long on the last Sunday of March and 25 hours on the last Sunday
/// of October, and a month is 28 to 31 days. A period starts at the first instant of its first
/// local day (local midnight, or the end of a daylight-saving gap when midnight does not exist).
public enum CalendarUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// A local calendar day.
    case day
    /// Seven local days starting on Monday (ISO 8601 weeks).
    case week
    /// A calendar month.
    case month
    /// Three calendar months starting in January, April, July or October.
    case quarter
    /// A calendar year.
    case year
}

/// One period of a flow report: its label and its bounds, clipped to the report's window.
public struct FlowPeriod: Sendable, Hashable, Codable {
    /// `2024-05-06` (day), `2024-W19` (ISO week), `2024-05` (month), `2024-Q2` (quarter) or `2024`.
    public var label: String
    /// The first instant counted: the period's calendar start, or the window start `W0` if later.
    public var start: Timestamp
    /// The end of what is counted: the period's calendar end (exclusive), or the window end if
    /// earlier (exclusive, or inclusive when the report's window end is inclusive).
    public var end: Timestamp
    /// Whether the window cuts the period short at either end.
    public var isPartial: Bool

    enum CodingKeys: String, CodingKey {
        case label, start, end
        case isPartial = "partial"
    }
}

/// Calendar periods of one unit in one zone, as UTC instants (microseconds since the epoch).
///
/// A period is identified by its first local day, counted in days since 1970-01-01 (local):
/// a local calendar date maps to a day number by days-from-civil, and a local day's first
/// instant to UTC through the zone's `utcOffsetSeconds(forLocalSeconds:)` (which moves a local
/// midnight inside a spring-forward gap to the end of the gap, and picks the first of two
/// midnights in a fall-back overlap).
struct CalendarPeriods: Sendable {
    let unit: CalendarUnit
    let zone: ZoneRule

    static let secondsPerDay: Int64 = 86_400

    /// The local day (days since 1970-01-01, local) that contains the instant `micros`.
    func localDay(containing micros: Int64) -> Int64 {
        let seconds = CalendarPeriods.floorDivide(micros, Timestamp.microsecondsPerSecond)
        let local = seconds &+ zone.utcOffsetSeconds(atUTCSeconds: seconds)
        return CalendarPeriods.floorDivide(local, CalendarPeriods.secondsPerDay)
    }

    /// The first local day of the period that contains local day `day`.
    func firstDay(ofPeriodContaining day: Int64) -> Int64 {
        switch unit {
        case .day:
            return day
        case .week:
            // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
            return day - CalendarPeriods.floorModulo(day + 3, 7)
        case .month, .quarter, .year:
            let date = CivilTime.civilFromDays(day)
            let month: Int64
            switch unit {
            case .month: month = date.month
            case .quarter: month = (date.month - 1) / 3 * 3 + 1
            default: month = 1
            }
            return CivilTime.daysFromCivil(year: date.year, month: month, day: 1)
        }
    }

    /// The first local day of the period after the one starting on local day `first`.
    func firstDay(after first: Int64) -> Int64 {
        switch unit {
        case .day: return first + 1
        case .week: return first + 7
        case .month, .quarter, .year:
            let date = CivilTime.civilFromDays(first)
            let months: Int64 = unit == .month ? 1 : (unit == .quarter ? 3 : 12)
            let index = date.year * 12 + (date.month - 1) + months
            return CivilTime.daysFromCivil(year: CalendarPeriods.floorDivide(index, 12), month: CalendarPeriods.floorModulo(index, 12) + 1, day: 1)
        }
    }

    /// The UTC instant (microseconds) at which local day `day` begins, saturating at the ends
    /// of the representable range.
    func start(ofLocalDay day: Int64) -> Int64 {
        let local = day.multipliedReportingOverflow(by: CalendarPeriods.secondsPerDay)
        if local.overflow { return day < 0 ? Int64.min : Int64.max }
        let utc = local.partialValue &- zone.utcOffsetSeconds(forLocalSeconds: local.partialValue)
        let micros = utc.multipliedReportingOverflow(by: Timestamp.microsecondsPerSecond)
        if micros.overflow { return utc < 0 ? Int64.min : Int64.max }
        return micros.partialValue
    }

    /// The label of the period starting on local day `first`.
    func label(ofPeriodStarting first: Int64) -> String {
        let date = CivilTime.civilFromDays(first)
        let year = CalendarPeriods.pad(date.year, 4)
        switch unit {
        case .day: return "\(year)-\(CalendarPeriods.pad(date.month, 2))-\(CalendarPeriods.pad(date.day, 2))"
        case .week:
            let week = CalendarPeriods.isoWeek(ofMonday: first)
            return "\(CalendarPeriods.pad(week.year, 4))-W\(CalendarPeriods.pad(week.week, 2))"
        case .month: return "\(year)-\(CalendarPeriods.pad(date.month, 2))"
        case .quarter: return "\(year)-Q\((date.month - 1) / 3 + 1)"
        case .year: return year
        }
    }

    /// A period in enumeration: its first local day and its calendar bounds in UTC microseconds.
    struct Bounds: Sendable, Hashable {
        var firstDay: Int64
        var start: Int64
        var end: Int64
    }

    /// The periods that meet `[from, to)` (microseconds), in order, or `nil` if there would be
    /// more than `limit`. Every period's `start < end`, and consecutive periods touch.
    ///
    /// - Complexity: O(periods × log transitions).
    func periods(from: Int64, to: Int64, limit: Int) -> [Bounds]? {
        guard from < to else { return [] }
        // More than `limit` periods even if each were as long as it can be (a zone may skip or
        // repeat a whole day): say so without walking them.
        let longestDays: Int64 = switch unit {
        case .day: 2
        case .week: 8
        case .month: 32
        case .quarter: 94
        case .year: 368
        }
        let (span, overflow) = to.subtractingReportingOverflow(from)
        if overflow || span / (longestDays * CalendarPeriods.secondsPerDay * Timestamp.microsecondsPerSecond) > Int64(limit) {
            return nil
        }
        var result: [Bounds] = []
        var first = firstDay(ofPeriodContaining: localDay(containing: from))
        var start = min(start(ofLocalDay: first), from)
        while start < to {
            if result.count == limit { return nil }
            let next = firstDay(after: first)
            // Boundaries strictly increase even where a zone's history is odd.
            let end = max(self.start(ofLocalDay: next), start &+ 1)
            result.append(Bounds(firstDay: first, start: start, end: end))
            first = next
            start = end
        }
        return result
    }

    // MARK: Arithmetic

    /// The ISO 8601 week-numbering year and week of the week starting on Monday `monday`: the
    /// week belongs to the year of its Thursday.
    static func isoWeek(ofMonday monday: Int64) -> (year: Int64, week: Int64) {
        let thursday = monday + 3
        let year = CivilTime.civilFromDays(thursday).year
        let january1 = CivilTime.daysFromCivil(year: year, month: 1, day: 1)
        return (year, (thursday - january1) / 7 + 1)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value < 0 ? -value : value)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}
