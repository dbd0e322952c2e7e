extension BusinessCalendar {
    /// Business time between two instants, in microseconds: the calendar's working time in
    /// `[start, end)` that lies outside every pause.
    ///
    /// A clock that starts outside working hours therefore starts counting at the next working
    /// minute, and a pause that straddles the evening uses only the working part it covers.
    /// Zero when `end <= start`. See <doc:BusinessTime>.
    ///
    /// ```swift
    /// let office = try BusinessCalendar(specification: "Mon-Fri 09:00-17:00 UTC")
    /// // Friday 2024-06-07 16:00Z to Monday 2024-06-10 10:00Z: 1 h Friday + 1 h Monday.
    /// office.businessMicroseconds(from: friday1600, to: monday1000)  // 7_200_000_000
    /// ```
    ///
    /// - Parameters:
    ///   - start: When the clock starts.
    ///   - end: When it stops (or the as-of time of a running clock).
    ///   - pauses: Intervals during which the clock does not run (any shape; overlaps merge).
    /// - Returns: Microseconds of business time, at least 0.
    /// - Complexity: O(*d* × *s* + *p*) for *d* local days, *s* spans a day and *p* pauses.
    public func businessMicroseconds(from start: Timestamp, to end: Timestamp, excluding pauses: IntervalSet = IntervalSet()) -> Int64 {
        guard start < end else { return 0 }
        let working = workingIntervals(from: start.microsecondsSinceEpoch, to: end.microsecondsSinceEpoch)
        if pauses.isEmpty {
            return working.reduce(0) { $0 + ($1.end - $1.start) }
        }
        let set = IntervalSet(
            working.map {
                Interval(start: Timestamp(microsecondsSinceEpoch: $0.start), end: Timestamp(microsecondsSinceEpoch: $0.end))
            })
        return set.subtracting(pauses).totalMicroseconds
    }

    /// The instant at which a clock started at `start` has run `target` microseconds of
    /// business time outside `pauses` (the deadline), or `nil` if it does not get there before
    /// `limit`.
    ///
    /// The deadline is the end of the working minute that completes the target: with
    /// `Mon-Fri 09:00-17:00` a 4 h target started Friday 15:00 falls on Monday 11:00.
    ///
    /// - Parameters:
    ///   - target: Business microseconds, at least 0; a target of 0 gives `start`.
    ///   - start: When the clock starts.
    ///   - pauses: Intervals during which the clock does not run.
    ///   - limit: Where the search stops (a calendar may have no working time at all).
    /// - Complexity: O(*d* × *s* + *p*) for the *d* local days searched.
    public func deadline(after target: Int64, from start: Timestamp, excluding pauses: IntervalSet = IntervalSet(), searchingUntil limit: Timestamp) -> Timestamp? {
        if target <= 0 { return start }
        var remaining = target
        var chunkStart = start.microsecondsSinceEpoch
        let chunk: Int64 = 14 * 86_400 * 1_000_000
        while chunkStart < limit.microsecondsSinceEpoch {
            let chunkEnd = min(chunkStart + chunk, limit.microsecondsSinceEpoch)
            var working = IntervalSet(
                workingIntervals(from: chunkStart, to: chunkEnd).map {
                    Interval(start: Timestamp(microsecondsSinceEpoch: $0.start), end: Timestamp(microsecondsSinceEpoch: $0.end))
                })
            if !pauses.isEmpty { working = working.subtracting(pauses) }
            for interval in working.intervals {
                let length = interval.end.microsecondsSinceEpoch - interval.start.microsecondsSinceEpoch
                if length >= remaining {
                    return Timestamp(microsecondsSinceEpoch: interval.start.microsecondsSinceEpoch + remaining)
                }
                remaining -= length
            }
            chunkStart = chunkEnd
        }
        return nil
    }
}
