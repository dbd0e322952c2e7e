// Set algebra on normalized interval sets.
//
// Every operation here reads its operands in normal form (sorted, non-empty, disjoint,
// non-touching) and writes its result in normal form, in one linear sweep. Correctness is
// checked against a per-microsecond bitmap model in `IntervalSetTests`.

extension IntervalSet {
    /// The set of instants in `self`, in `other`, or in both.
    ///
    /// Intervals that overlap or touch across the two operands are merged, so
    /// `{[0, 5)} ∪ {[5, 9)}` is `{[0, 9)}`.
    ///
    /// ```swift
    /// func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
    /// let a = IntervalSet([Interval(start: t(0), end: t(5))])
    /// let b = IntervalSet([Interval(start: t(3), end: t(8)), Interval(start: t(10), end: t(12))])
    /// a.union(b).intervals  // [[0, 8), [10, 12)]
    /// ```
    ///
    /// - Parameter other: The set to combine with.
    /// - Returns: A normalized set covering `self ∪ other`.
    /// - Complexity: O(*n* + *m*), where *n* and *m* are the interval counts of the operands.
    public func union(_ other: IntervalSet) -> IntervalSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        let left = _intervals
        let right = other._intervals
        var result: [Interval] = []
        result.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        // Take the interval with the smaller start next, and merge it into the last output
        // interval when they overlap or touch.
        while i < left.count || j < right.count {
            let next: Interval
            if j == right.count || (i < left.count && left[i].start <= right[j].start) {
                next = left[i]
                i += 1
            } else {
                next = right[j]
                j += 1
            }
            if let last = result.last, next.start <= last.end {
                if next.end > last.end {
                    result[result.count - 1].end = next.end
                }
            } else {
                result.append(next)
            }
        }
        return IntervalSet(_normalized: result)
    }

    /// The set of instants in both `self` and `other`.
    ///
    /// Touching intervals share no instant: `{[0, 5)} ∩ {[5, 9)}` is empty.
    ///
    /// ```swift
    /// func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
    /// let a = IntervalSet([Interval(start: t(0), end: t(5)), Interval(start: t(7), end: t(12))])
    /// let b = IntervalSet([Interval(start: t(3), end: t(9))])
    /// a.intersection(b).intervals  // [[3, 5), [7, 9)]
    /// ```
    ///
    /// - Parameter other: The set to intersect with.
    /// - Returns: A normalized set covering `self ∩ other`.
    /// - Complexity: O(*n* + *m*), where *n* and *m* are the interval counts of the operands.
    public func intersection(_ other: IntervalSet) -> IntervalSet {
        let left = _intervals
        let right = other._intervals
        var result: [Interval] = []
        var i = 0
        var j = 0
        // Pieces come out sorted, and never touch: consecutive pieces are separated by a gap of
        // the operand whose interval ended first.
        while i < left.count && j < right.count {
            if let piece = left[i].clamped(to: right[j]) {
                result.append(piece)
            }
            // Advance whichever interval ends first; it cannot meet anything further on.
            if left[i].end <= right[j].end {
                i += 1
            } else {
                j += 1
            }
        }
        return IntervalSet(_normalized: result)
    }

    /// The set of instants in `self` but not in `other`.
    ///
    /// Subtracting an interval from the middle of another leaves a hole:
    /// `{[0, 10)} − {[3, 5)}` is `{[0, 3), [5, 10)}`. Because intervals are half-open,
    /// instant `3` is removed and instant `5` is kept.
    ///
    /// ```swift
    /// func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
    /// let a = IntervalSet([Interval(start: t(0), end: t(10))])
    /// let b = IntervalSet([Interval(start: t(3), end: t(5))])
    /// a.subtracting(b).intervals  // [[0, 3), [5, 10)]
    /// ```
    ///
    /// - Parameter other: The set of instants to remove.
    /// - Returns: A normalized set covering `self − other`.
    /// - Complexity: O(*n* + *m*), where *n* and *m* are the interval counts of the operands.
    public func subtracting(_ other: IntervalSet) -> IntervalSet {
        if isEmpty || other.isEmpty { return self }
        let right = other._intervals
        var result: [Interval] = []
        result.reserveCapacity(_intervals.count)
        var j = 0
        for interval in _intervals {
            // Skip the subtrahends that end before this interval starts. `j` only moves forward,
            // and a subtrahend spanning several intervals stays in play for each of them.
            while j < right.count && right[j].end <= interval.start {
                j += 1
            }
            var cursor = interval.start
            var k = j
            while k < right.count && right[k].start < interval.end {
                if right[k].start > cursor {
                    result.append(Interval(start: cursor, end: right[k].start))
                }
                if right[k].end >= interval.end {
                    cursor = interval.end
                    break
                }
                cursor = Swift.max(cursor, right[k].end)
                k += 1
            }
            if cursor < interval.end {
                result.append(Interval(start: cursor, end: interval.end))
            }
        }
        return IntervalSet(_normalized: result)
    }

    /// The part of the set that lies inside `window`.
    ///
    /// This is how OpsMetrics restricts incidents to an observation window: an outage that
    /// started before the window or is still open after it counts only for the time inside it.
    /// Clipping to an empty window gives an empty set.
    ///
    /// ```swift
    /// func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
    /// let down = IntervalSet([Interval(start: t(0), end: t(10)), Interval(start: t(20), end: t(30))])
    /// down.clipped(to: Interval(start: t(5), end: t(25))).intervals  // [[5, 10), [20, 25)]
    /// ```
    ///
    /// - Parameter window: The half-open window `[start, end)` to keep.
    /// - Returns: A normalized set covering `self ∩ window`.
    /// - Complexity: O(log *n* + *k*), where *n* is the interval count of the set and *k* the
    ///   number of its intervals that meet the window.
    public func clipped(to window: Interval) -> IntervalSet {
        guard !window.isEmpty else { return IntervalSet() }
        var result: [Interval] = []
        // Intervals ending at or before the window's start cannot meet it; the first one
        // ending after it is the first candidate.
        var index = _firstIndex(endingAtOrAfter: window.start)
        while index < _intervals.count && _intervals[index].start < window.end {
            if let piece = _intervals[index].clamped(to: window) {
                result.append(piece)
            }
            index += 1
        }
        return IntervalSet(_normalized: result)
    }
}
