/// A set of instants in UTC, stored as the fewest half-open intervals `[start, end)` that cover it.
///
/// `IntervalSet` answers "when was *something* happening?": build it from the outage intervals
/// of a service — overlapping, nested, touching, out of order, it does not matter — and it
/// holds their union in normalized form, ready for exact arithmetic on durations.
///
/// ```swift
/// func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
/// let down = IntervalSet([
///     Interval(start: t(5), end: t(9)),
///     Interval(start: t(0), end: t(5)),   // touches [5, 9)
///     Interval(start: t(6), end: t(7)),   // nested in [5, 9)
///     Interval(start: t(20), end: t(20)), // empty: dropped
/// ])
/// down.intervals            // [[0, 9)]
/// down.totalMicroseconds    // 9
/// let window = Interval(start: t(4), end: t(100))
/// down.clipped(to: window).totalMicroseconds  // 5
/// ```
///
/// ### Normal form
///
/// ``intervals`` is always sorted by start, and every stored interval is non-empty, disjoint
/// from the others, and *not touching* them: each interval ends strictly before the next one
/// starts. Since all intervals are half-open, `[0, 5)` and `[5, 9)` are merged into `[0, 9)`.
/// Because the form is unique, two sets compare equal (`==`) exactly when they contain the
/// same instants.
///
/// ### Performance
///
/// The set is a value type backed by one sorted array, so it copies on write and costs one
/// allocation. Building it from arbitrary intervals sorts once, O(*n* log *n*) (O(*n*) when the
/// input is already sorted by start); ``union(_:)``, ``intersection(_:)`` and
/// ``subtracting(_:)`` are linear two-pointer sweeps over both operands, and ``contains(_:)``
/// is a binary search. A per-instant bitmap would make these operations simpler but would cost
/// memory proportional to the time span rather than to the number of intervals.
public struct IntervalSet: Sendable, Hashable {
    /// The normalized intervals: sorted by start, non-empty, and each ending strictly before the
    /// next one starts. Every mutation must restore this; see `_checkInvariants()`.
    var _intervals: [Interval]

    /// Creates an empty set.
    ///
    /// - Complexity: O(1).
    public init() {
        _intervals = []
    }

    /// Creates a set from storage that is already in normal form.
    ///
    /// Internal operations that produce normalized output use this to skip re-sorting.
    init(_normalized intervals: [Interval]) {
        _intervals = intervals
        _checkInvariants()
    }

    /// Creates the set of every instant covered by at least one of `intervals`.
    ///
    /// The input may be in any order and may contain overlapping, nested, touching or empty
    /// intervals. Empty (and inverted) intervals are dropped; overlapping *and touching*
    /// intervals are merged, so `[0, 5)` and `[5, 9)` become `[0, 9)`.
    ///
    /// ```swift
    /// func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
    /// let set = IntervalSet([
    ///     Interval(start: t(10), end: t(12)),
    ///     Interval(start: t(0), end: t(3)),
    ///     Interval(start: t(2), end: t(4)),
    /// ])
    /// set.intervals  // [[0, 4), [10, 12)]
    /// ```
    ///
    /// - Parameter intervals: The intervals to cover, in any order.
    /// - Complexity: O(*n* log *n*) for *n* input intervals; O(*n*) if they are already sorted
    ///   by start.
    public init(_ intervals: some Sequence<Interval>) {
        var sorted: [Interval] = []
        sorted.reserveCapacity(intervals.underestimatedCount)
        var isSorted = true
        for interval in intervals where !interval.isEmpty {
            if let last = sorted.last, interval.start < last.start {
                isSorted = false
            }
            sorted.append(interval)
        }
        if !isSorted {
            sorted.sort { $0.start < $1.start }
        }
        // Merge in place: `count` intervals at the front of `sorted` are in normal form.
        var count = 0
        for index in sorted.indices {
            let next = sorted[index]
            if count > 0 && next.start <= sorted[count - 1].end {
                if next.end > sorted[count - 1].end {
                    sorted[count - 1].end = next.end
                }
            } else {
                sorted[count] = next
                count += 1
            }
        }
        sorted.removeLast(sorted.count - count)
        _intervals = sorted
        _checkInvariants()
    }

    /// The intervals of the set in normal form: sorted by start, non-empty, pairwise disjoint,
    /// and non-touching (each ends strictly before the next one starts).
    ///
    /// - Complexity: O(1).
    public var intervals: [Interval] {
        _intervals
    }

    /// Whether the set contains no instant.
    ///
    /// - Complexity: O(1).
    public var isEmpty: Bool {
        _intervals.isEmpty
    }

    /// The number of microseconds the set covers, |X|: the sum of its intervals' durations.
    ///
    /// The sum is computed exactly (disjoint `Int64` intervals cover at most 2⁶⁴ − 1 µs, which
    /// fits in a `UInt64`), then saturates at `Int64.max` if it does not fit in an `Int64`. That
    /// only happens for sets spanning more than about 292,000 years, never for real data.
    ///
    /// ```swift
    /// func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
    /// IntervalSet([Interval(start: t(0), end: t(3)), Interval(start: t(10), end: t(12))])
    ///     .totalMicroseconds  // 5
    /// ```
    ///
    /// - Complexity: O(*n*), where *n* is the number of intervals in the set.
    public var totalMicroseconds: Int64 {
        var total: UInt64 = 0
        for interval in _intervals {
            // Cannot wrap: the intervals are disjoint, so the exact sum is at most 2⁶⁴ − 1.
            total &+= interval._durationMagnitude
        }
        return Int64(clamping: total)
    }

    /// Whether the instant `t` lies inside one of the set's intervals.
    ///
    /// As every interval is half-open, an interval's end is not contained unless another
    /// interval starts there — which normal form rules out.
    ///
    /// ```swift
    /// func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
    /// let set = IntervalSet([Interval(start: t(0), end: t(5))])
    /// set.contains(t(4))  // true
    /// set.contains(t(5))  // false
    /// ```
    ///
    /// - Parameter t: The instant to test.
    /// - Returns: `true` if some interval `[start, end)` of the set has `start <= t < end`.
    /// - Complexity: O(log *n*), where *n* is the number of intervals in the set.
    public func contains(_ t: Timestamp) -> Bool {
        // The only candidate is the last interval starting at or before `t`.
        let index = _firstIndex(startingAfter: t)
        return index > 0 && t < _intervals[index - 1].end
    }

    /// Adds every instant of `interval` to the set, merging it with any interval it overlaps or
    /// touches. Inserting an empty interval leaves the set unchanged.
    ///
    /// ```swift
    /// func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
    /// var set = IntervalSet([Interval(start: t(0), end: t(5)), Interval(start: t(9), end: t(12))])
    /// set.insert(Interval(start: t(5), end: t(9)))
    /// set.intervals  // [[0, 12)]
    /// ```
    ///
    /// - Parameter interval: The interval to add.
    /// - Complexity: O(log *n*) to locate the position plus O(*n*) in the worst case to shift
    ///   the stored intervals; appending after the last interval is amortized O(log *n*).
    public mutating func insert(_ interval: Interval) {
        guard !interval.isEmpty else { return }
        // Stored intervals are disjoint and sorted, so their ends are sorted too. Those in
        // `lower..<upper` overlap or touch `interval`: they end at or after its start and start
        // at or before its end.
        let lower = _firstIndex(endingAtOrAfter: interval.start)
        let upper = _firstIndex(startingAfter: interval.end)
        if lower == upper {
            _intervals.insert(interval, at: lower)
        } else {
            let merged = Interval(
                start: Swift.min(interval.start, _intervals[lower].start),
                end: Swift.max(interval.end, _intervals[upper - 1].end))
            _intervals.replaceSubrange(lower..<upper, with: CollectionOfOne(merged))
        }
        _checkInvariants()
    }

    /// The index of the first stored interval whose start is after `t`, or the count if none is.
    ///
    /// - Complexity: O(log *n*).
    func _firstIndex(startingAfter t: Timestamp) -> Int {
        var low = 0
        var high = _intervals.count
        while low < high {
            let middle = low + (high - low) / 2
            if _intervals[middle].start <= t {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// The index of the first stored interval whose end is at or after `t`, or the count if none
    /// is. Relies on normal form: ends are sorted because intervals are sorted and disjoint.
    ///
    /// - Complexity: O(log *n*).
    func _firstIndex(endingAtOrAfter t: Timestamp) -> Int {
        var low = 0
        var high = _intervals.count
        while low < high {
            let middle = low + (high - low) / 2
            if _intervals[middle].end < t {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
