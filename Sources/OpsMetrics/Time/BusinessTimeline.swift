/// A calendar's working time laid out once over a range of instants, with running totals, so
/// the business time between two instants is two binary searches instead of a walk over every
/// day between them: an SLO report measures millions of clocks, and a ticket never resolved
/// runs for years.
///
/// Built from ``BusinessCalendar``'s own working intervals, so it gives exactly what
/// ``BusinessCalendar/businessMicroseconds(from:to:excluding:)`` gives (the reference tests
/// check both); a clock reaching outside the range is measured by that walk instead.
struct BusinessTimeline: Sendable {
    let calendar: BusinessCalendar
    /// The range laid out, UTC microseconds `[lower, upper)`.
    let lower: Int64
    let upper: Int64
    /// The working intervals in the range, sorted and disjoint.
    private var starts: [Int64] = []
    private var ends: [Int64] = []
    /// `before[k]`: working microseconds in `[lower, starts[k])`.
    private var before: [Int64] = []

    /// The longest range laid out: 100 years, at most some 100,000 intervals for an office calendar.
    static let maximumSpan: Int64 = 100 * 366 * 86_400 * 1_000_000

    /// Lays out `calendar`'s working time over `[lower, upper)` (UTC microseconds), keeping the
    /// last ``maximumSpan`` of it when the range is longer.
    init(calendar: BusinessCalendar, from lower: Int64, to upper: Int64) {
        self.calendar = calendar
        self.upper = upper
        self.lower = calendar.isAlwaysWorking ? lower : max(lower, upper &- Self.maximumSpan)
        guard !calendar.isAlwaysWorking, self.lower < upper else { return }
        var total: Int64 = 0
        var chunkStart = self.lower
        let chunk: Int64 = 366 * 86_400 * 1_000_000
        while chunkStart < upper {
            let chunkEnd = upper - chunkStart > chunk ? chunkStart + chunk : upper
            for interval in calendar.workingIntervals(from: chunkStart, to: chunkEnd) {
                starts.append(interval.start)
                ends.append(interval.end)
                before.append(total)
                total += interval.end - interval.start
            }
            chunkStart = chunkEnd
        }
    }

    /// Business time in `[start, end)` outside `pauses`, in microseconds (see
    /// ``BusinessCalendar/businessMicroseconds(from:to:excluding:)``).
    ///
    /// - Complexity: O((*p* + 1) × log *w*) for *p* pauses and *w* working intervals laid out.
    func businessMicroseconds(from start: Int64, to end: Int64, excluding pauses: IntervalSet) -> Int64 {
        guard start < end else { return 0 }
        guard start >= lower, end <= upper else {
            return calendar.businessMicroseconds(
                from: Timestamp(microsecondsSinceEpoch: start), to: Timestamp(microsecondsSinceEpoch: end), excluding: pauses)
        }
        var total = working(from: start, to: end)
        // The pauses are disjoint: subtract the working time each covers inside the clock.
        for pause in pauses.intervals {
            let from = max(pause.start.microsecondsSinceEpoch, start)
            let to = min(pause.end.microsecondsSinceEpoch, end)
            if from < to { total -= working(from: from, to: to) }
        }
        return total
    }

    /// Working microseconds in `[from, to)`, both inside the range.
    private func working(from: Int64, to: Int64) -> Int64 {
        calendar.isAlwaysWorking ? to - from : cumulative(to) - cumulative(from)
    }

    /// Working microseconds in `[lower, instant)`.
    private func cumulative(_ instant: Int64) -> Int64 {
        // k: the number of intervals starting at or before the instant.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return 0 }
        let k = low - 1
        return before[k] + min(instant, ends[k]) - starts[k]
    }
}
