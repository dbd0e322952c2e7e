import Foundation

@testable import OpsMetrics

/// The slow, obviously correct model of business time the calendar engine is checked against:
/// walk every UTC minute, ask Foundation's `Calendar` for its local date, weekday and time in the
/// zone, and count the minute when a span of that weekday (or a span of the day before running
/// past midnight) covers it, its date is no holiday and no pause covers it.
///
/// Exact when every boundary falls on a whole UTC minute (spans are whole local minutes, and the
/// zones used change offsets by whole minutes).
struct BusinessTimeReference {
    /// Weekday 0 (Monday) ... 6 (Sunday), start and end minutes as in `WorkingHours.Span`.
    var spans: [(weekday: Int, start: Int, end: Int)]
    /// Holiday dates (year, month, day) in the zone.
    var holidays: Set<[Int]>
    /// An IANA zone name.
    var zoneIdentifier: String

    /// Business minutes in `[startMinute, endMinute)` (UTC minutes since the epoch), excluding
    /// the minutes that start inside a pause `[start, end)` (UTC minutes).
    func businessMinutes(from startMinute: Int64, to endMinute: Int64, pauses: [(start: Int64, end: Int64)]) -> Int64 {
        guard let zone = TimeZone(identifier: zoneIdentifier) else { fatalError("unknown zone \(zoneIdentifier)") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var count: Int64 = 0
        var minute = startMinute
        while minute < endMinute {
            defer { minute += 1 }
            if pauses.contains(where: { $0.start <= minute && minute < $0.end }) { continue }
            let date = Date(timeIntervalSince1970: Double(minute * 60))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
            guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour,
                let minuteOfHour = parts.minute, let foundationWeekday = parts.weekday
            else { fatalError("no components") }
            if holidays.contains([year, month, day]) { continue }
            let weekday = (foundationWeekday + 5) % 7  // Foundation: 1 Sunday ... 7 Saturday
            let previous = (weekday + 6) % 7
            let minuteOfDay = hour * 60 + minuteOfHour
            let working = spans.contains { span in
                (span.weekday == weekday && span.start <= minuteOfDay && minuteOfDay < min(span.end, 1440))
                    || (span.weekday == previous && span.end > 1440 && minuteOfDay < span.end - 1440)
            }
            if working { count += 1 }
        }
        return count
    }
}
