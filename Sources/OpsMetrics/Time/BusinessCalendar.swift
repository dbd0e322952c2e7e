/// When business time runs: weekly working hours and holidays in a time zone, or around the clock.
///
/// A calendar answers one question: which instants are working time. An instant is working
/// time when its **local wall-clock time** in ``zone`` lies in a span of ``hours`` and its local
/// date is not one of the ``holidays``. Everything is computed on UTC instants; the working
/// spans are built per local date from the zone's rules, so daylight-saving time is handled by
/// what the wall clock shows:
///
/// - a local time that does not exist (spring forward) is never working time: a span
///   `00:00-24:00` on the day New York skips 02:00-03:00 holds 23 real hours;
/// - a local time that occurs twice (fall back) is working time both times: the same span on the
///   day New York repeats 01:00-02:00 holds 25 real hours.
///
/// Durations are real elapsed time (UTC), never wall-clock differences. See <doc:BusinessTime>.
///
/// ```swift
/// let london = try BusinessCalendar(specification: "Mon-Fri 09:00-17:00 Europe/London")
/// // Friday 16:00 to Monday 10:00 (no holiday, no DST change) is 2 h of business time.
/// ```
public struct BusinessCalendar: Sendable, Hashable {
    /// The calendar's name, as objectives refer to it (`"24x7"` for the default).
    public var name: String
    /// The weekly working hours.
    public var hours: WorkingHours
    /// Dates without working time, in ``zone``.
    public var holidays: Holidays
    /// The zone whose wall clock the hours and holidays are read in.
    public var zone: ZoneRule

    /// A calendar from its parts.
    public init(name: String, hours: WorkingHours, holidays: Holidays = Holidays(), zone: ZoneRule = .utc) {
        self.name = name
        self.hours = hours
        self.holidays = holidays
        self.zone = zone
        self.isAlwaysWorking = holidays.count == 0 && hours.coversWholeWeek
    }

    /// Around the clock, every day, in UTC: business time equals elapsed time.
    public static let twentyFourSeven = BusinessCalendar(name: "24x7", hours: .allWeek)

    /// Every instant is working time (no holidays and the hours cover the whole week).
    private(set) var isAlwaysWorking: Bool

    private static let microsPerSecond: Int64 = 1_000_000
    private static let secondsPerDay: Int64 = 86_400

    /// The working time inside `[start, end)` (UTC microseconds), as sorted, disjoint,
    /// non-adjacent half-open intervals.
    ///
    /// - Complexity: O(*d* × *s* × log *t*) for *d* local days, *s* spans a day and *t* zone
    ///   transitions.
    func workingIntervals(from start: Int64, to end: Int64) -> [(start: Int64, end: Int64)] {
        guard start < end else { return [] }
        if isAlwaysWorking { return [(start, end)] }
        // Local days that can touch the range: offsets are within a day, spans within two.
        let firstDay = Self.floorDiv(start / Self.microsPerSecond, Self.secondsPerDay) - 2
        let lastDay = Self.floorDiv(end / Self.microsPerSecond, Self.secondsPerDay) + 2
        var pieces: [(start: Int64, end: Int64)] = []
        var day = firstDay
        while day <= lastDay {
            let weekday = WorkingHours.weekday(ofDay: day)
            for span in hours.spans where span.weekday == weekday {
                let base = day * Self.secondsPerDay
                // Split at midnight: each part belongs to its own local date.
                let firstEnd = min(span.endMinute, 1440)
                if !holidays.contains(day: day) {
                    appendUTC(
                        localStart: base + Int64(span.startMinute) * 60, localEnd: base + Int64(firstEnd) * 60,
                        to: &pieces)
                }
                if span.endMinute > 1440, !holidays.contains(day: day + 1) {
                    appendUTC(
                        localStart: base + Self.secondsPerDay, localEnd: base + Int64(span.endMinute) * 60,
                        to: &pieces)
                }
            }
            day += 1
        }
        return Self.normalized(pieces, clippedTo: start, end)
    }

    /// Appends the UTC instants (microseconds) whose local time lies in `[localStart, localEnd)`
    /// (local seconds): one interval per stretch of constant offset that meets it.
    private func appendUTC(localStart: Int64, localEnd: Int64, to pieces: inout [(start: Int64, end: Int64)]) {
        switch zone.storage {
        case .fixed(let offset):
            pieces.append(((localStart - Int64(offset)) * Self.microsPerSecond, (localEnd - Int64(offset)) * Self.microsPerSecond))
        case .table(let table):
            // Offset k holds on UTC [T[k-1], T[k]); look at every stretch within a day either side.
            let instants = table.transitionUTCSeconds
            var k = TimeZoneTable.countNotAfter(localStart - 2 * Self.secondsPerDay, in: instants)
            while k < table.offsetSeconds.count {
                let lower = k == 0 ? Int64.min : instants[k - 1]
                if lower > localEnd + 2 * Self.secondsPerDay { break }
                let upper = k < instants.count ? instants[k] : Int64.max
                let offset = Int64(table.offsetSeconds[k])
                let from = max(localStart - offset, lower)
                let to = min(localEnd - offset, upper)
                if from < to { pieces.append((from * Self.microsPerSecond, to * Self.microsPerSecond)) }
                k += 1
            }
        }
    }

    /// Sorts, merges overlapping or touching intervals, and clips them to `[start, end)`.
    private static func normalized(_ pieces: [(start: Int64, end: Int64)], clippedTo start: Int64, _ end: Int64) -> [(start: Int64, end: Int64)] {
        let sorted = pieces.sorted { $0.start < $1.start }
        var result: [(start: Int64, end: Int64)] = []
        for piece in sorted {
            let from = max(piece.start, start)
            let to = min(piece.end, end)
            guard from < to else { continue }
            if let last = result.last, from <= last.end {
                result[result.count - 1].end = max(last.end, to)
            } else {
                result.append((from, to))
            }
        }
        return result
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
