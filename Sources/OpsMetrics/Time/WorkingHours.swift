/// A weekly schedule of working hours: spans of local wall-clock time per weekday.
///
/// A span is half-open, `[start, end)`, in minutes after the local midnight that begins its
/// weekday. A span may run past midnight: `end` up to 2 880 (48:00) means the next day's early
/// hours, so a night shift `Mon 22:00-06:00` is `Span(weekday: 0, startMinute: 1320,
/// endMinute: 1800)`; its hours after midnight belong to Tuesday's date (a holiday on Tuesday
/// removes them). Spans that overlap are merged, not counted twice.
///
/// ```swift
/// let office = WorkingHours(spans: (0..<5).map { WorkingHours.Span(weekday: $0, startMinute: 540, endMinute: 1020) })
/// // Monday to Friday, 09:00-17:00.
/// ```
public struct WorkingHours: Sendable, Hashable {
    /// One span of working time that starts on a weekday.
    public struct Span: Sendable, Hashable {
        /// The weekday the span starts on: 0 Monday through 6 Sunday (ISO 8601 order).
        public var weekday: Int
        /// Minutes after local midnight at which the span starts, 0 through 1 439.
        public var startMinute: Int
        /// Minutes after the same midnight at which it ends (exclusive), greater than
        /// `startMinute` and at most 2 880; above 1 440 it ends on the next day.
        public var endMinute: Int

        /// A span; the values must satisfy the ranges above (a programmer error otherwise).
        public init(weekday: Int, startMinute: Int, endMinute: Int) {
            precondition((0...6).contains(weekday), "weekday is 0 (Monday) through 6 (Sunday)")
            precondition((0..<1440).contains(startMinute), "a span starts between 00:00 and 23:59")
            precondition(endMinute > startMinute && endMinute <= 2880, "a span ends after it starts, within 48:00")
            self.weekday = weekday
            self.startMinute = startMinute
            self.endMinute = endMinute
        }
    }

    /// The spans, in the order given.
    public let spans: [Span]

    /// A schedule of the given spans.
    public init(spans: [Span]) {
        self.spans = spans
    }

    /// Every day, all day: 00:00-24:00 on all seven weekdays.
    public static let allWeek = WorkingHours(spans: (0..<7).map { Span(weekday: $0, startMinute: 0, endMinute: 1440) })

    /// Whether the schedule is ``allWeek`` (or covers every minute of the week some other way).
    var coversWholeWeek: Bool {
        var covered = [Bool](repeating: false, count: 7 * 1440)
        for span in spans {
            for minute in span.startMinute..<span.endMinute {
                covered[(span.weekday * 1440 + minute) % (7 * 1440)] = true
            }
        }
        return !covered.contains(false)
    }

    /// The weekday (0 Monday ... 6 Sunday) of a day counted from 1970-01-01 (a Thursday).
    static func weekday(ofDay day: Int64) -> Int {
        let value = (day + 3) % 7
        return Int(value < 0 ? value + 7 : value)
    }
}
