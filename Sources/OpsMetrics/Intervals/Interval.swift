/// A half-open span of time `[start, end)` in UTC, with microsecond resolution.
///
/// An interval contains every instant `t` with `start <= t < end`: its start is included and
/// its end is not. Two intervals that *touch* — one ends exactly where the next starts, such as
/// `[0, 5)` and `[5, 9)` — therefore share no instant, and together cover `[0, 9)` without a gap.
/// This is the convention used throughout OpsMetrics: an incident that opens at 10:00 and is
/// resolved at 10:30 was down for exactly 30 minutes, and is no longer down at 10:30.
///
/// An interval with `start == end` is *empty*: it contains no instant and lasts zero
/// microseconds. ``IntervalSet`` drops empty intervals.
///
/// ```swift
/// let outage = Interval(
///     start: Timestamp(microsecondsSinceEpoch: 0),
///     end: Timestamp(microsecondsSinceEpoch: 5_000_000))
/// outage.durationMicroseconds                                   // 5_000_000
/// outage.contains(Timestamp(microsecondsSinceEpoch: 0))          // true
/// outage.contains(Timestamp(microsecondsSinceEpoch: 5_000_000))  // false: the end is excluded
/// ```
///
/// The initializer requires `start <= end`. Because `start` and `end` are mutable, a caller can
/// still assign an `end` before the `start`; every member treats such an *inverted* interval as
/// empty rather than trapping, and ``IntervalSet`` drops it.
public struct Interval: Sendable, Hashable, Codable {
    /// The first instant inside the interval (inclusive), in UTC.
    public var start: Timestamp

    /// The first instant after the interval (exclusive), in UTC.
    public var end: Timestamp

    /// Creates the half-open interval `[start, end)`.
    ///
    /// Passing `start == end` creates an empty interval.
    ///
    /// ```swift
    /// let hour = Interval(
    ///     start: Timestamp(microsecondsSinceEpoch: 0),
    ///     end: Timestamp(microsecondsSinceEpoch: 3_600_000_000))
    /// ```
    ///
    /// - Parameters:
    ///   - start: The first instant inside the interval (inclusive).
    ///   - end: The first instant after the interval (exclusive).
    /// - Precondition: `start <= end`. Violating it is a programmer error; validate input
    ///   before constructing an interval from it (the `Codable` decoder throws instead).
    /// - Complexity: O(1).
    public init(start: Timestamp, end: Timestamp) {
        precondition(start <= end, "Interval requires start <= end")
        self.start = start
        self.end = end
    }

    /// The length of the interval, `end - start`, in microseconds.
    ///
    /// Empty and inverted intervals last `0` microseconds. The true length of an interval can
    /// exceed `Int64.max` (the widest, `[Int64.min, Int64.max)`, lasts 2⁶⁴ − 1 µs); such lengths
    /// saturate at `Int64.max` instead of trapping.
    ///
    /// ```swift
    /// let i = Interval(
    ///     start: Timestamp(microsecondsSinceEpoch: 2),
    ///     end: Timestamp(microsecondsSinceEpoch: 7))
    /// i.durationMicroseconds  // 5
    /// ```
    ///
    /// - Complexity: O(1).
    public var durationMicroseconds: Int64 {
        Int64(clamping: _durationMagnitude)
    }

    /// Whether the interval contains no instant, that is `end <= start`.
    ///
    /// - Complexity: O(1).
    public var isEmpty: Bool {
        end <= start
    }

    /// Whether `t` lies inside the interval, that is `start <= t < end`.
    ///
    /// ```swift
    /// let i = Interval(
    ///     start: Timestamp(microsecondsSinceEpoch: 0),
    ///     end: Timestamp(microsecondsSinceEpoch: 5))
    /// i.contains(Timestamp(microsecondsSinceEpoch: 4))  // true
    /// i.contains(Timestamp(microsecondsSinceEpoch: 5))  // false
    /// ```
    ///
    /// - Parameter t: The instant to test.
    /// - Returns: `true` if `start <= t` and `t < end`; always `false` for an empty interval.
    /// - Complexity: O(1).
    public func contains(_ t: Timestamp) -> Bool {
        start <= t && t < end
    }

    /// The part of this interval that also lies inside `other`, or `nil` if they share no instant.
    ///
    /// Touching intervals such as `[0, 5)` and `[5, 9)` share no instant, so the result is `nil`;
    /// so is the result whenever either interval is empty. A non-`nil` result is never empty.
    ///
    /// ```swift
    /// let day = Interval(
    ///     start: Timestamp(microsecondsSinceEpoch: 0),
    ///     end: Timestamp(microsecondsSinceEpoch: 100))
    /// let outage = Interval(
    ///     start: Timestamp(microsecondsSinceEpoch: 90),
    ///     end: Timestamp(microsecondsSinceEpoch: 130))
    /// outage.clamped(to: day)  // [90, 100)
    /// ```
    ///
    /// - Parameter other: The interval to clamp to, typically an observation window.
    /// - Returns: `[max(start, other.start), min(end, other.end))` if that is non-empty,
    ///   otherwise `nil`.
    /// - Complexity: O(1).
    public func clamped(to other: Interval) -> Interval? {
        let lower = Swift.max(start, other.start)
        let upper = Swift.min(end, other.end)
        guard lower < upper else { return nil }
        return Interval(start: lower, end: upper)
    }

    /// The exact length in microseconds; `0` when empty or inverted.
    ///
    /// Any non-inverted `Int64` interval lasts at most 2⁶⁴ − 1 µs, so its length fits in a
    /// `UInt64`: the wrapping difference, read as unsigned, is exact.
    var _durationMagnitude: UInt64 {
        guard start < end else { return 0 }
        return UInt64(bitPattern: end.microsecondsSinceEpoch &- start.microsecondsSinceEpoch)
    }
}

extension Interval {
    private enum CodingKeys: String, CodingKey {
        case start
        case end
    }

    /// Decodes an interval from `{"start": …, "end": …}`, each an RFC 3339 timestamp.
    ///
    /// - Throws: `DecodingError.dataCorrupted` if `end` is before `start` (decoded data is
    ///   input, so it throws instead of failing the initializer's precondition), or any error
    ///   from decoding the timestamps.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(Timestamp.self, forKey: .start)
        let end = try container.decode(Timestamp.self, forKey: .end)
        guard start <= end else {
            throw DecodingError.dataCorruptedError(
                forKey: .end, in: container,
                debugDescription: "interval end \(end) is before its start \(start)")
        }
        self.init(start: start, end: end)
    }

    /// Encodes the interval as `{"start": …, "end": …}`, each an RFC 3339 timestamp in UTC.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}
