/// A `LazyColumn` of times (microseconds since 1970-01-01T00:00:00Z, `IncidentState`'s unit)
/// that keeps each time in 4 bytes while it can: as whole seconds from 2000-01-01T00:00:00Z, which
/// holds every time in whole seconds from 1931-12-13T20:45:53Z to 2068-01-19T03:14:07Z.
///
/// Most exports carry whole seconds (or minutes), so each of their dense time columns takes
/// 4 bytes a record instead of 8. The first time that does not fit (a fraction of
/// a second, a year outside that range, or a sentinel other than `empty` read from a state file)
/// turns the whole column to 8-byte times, once; it then costs what a `LazyColumn<Int64>` costs.
/// Reading or setting a time otherwise costs one branch and a multiply more than a plain column.
struct TimeColumn: Sendable {
    /// 2000-01-01T00:00:00Z, in seconds since 1970.
    private static var epoch: Int64 { 946_684_800 }
    /// The stored value of `empty`.
    private static var none: Int32 { .min }

    /// The time of every record until one is set.
    let empty: Int64
    /// The times as seconds from `epoch` (`none` for `empty`), while every one fits.
    private var seconds = LazyColumn<Int32>(empty: TimeColumn.none)
    /// The times themselves, once one did not fit in `seconds` (which is then empty).
    private var wide: LazyColumn<Int64>
    /// Whether the times are in `wide`. A flag, not an optional column, so that reading a time
    /// does not copy a column out of an optional.
    private(set) var isWide = false

    init(empty: Int64) {
        self.empty = empty
        wide = LazyColumn(empty: empty)
    }

    /// Whether some record has held a time other than `empty`.
    var isAllocated: Bool { isWide ? wide.isAllocated : seconds.isAllocated }

    /// Whether no other column shares this one's memory (see `LazyColumn.isUniquelyReferenced()`).
    mutating func isUniquelyReferenced() -> Bool {
        seconds.isUniquelyReferenced() && wide.isUniquelyReferenced()
    }

    @inline(__always)
    subscript(record: Int) -> Int64 {
        if isWide { return wide[record] }
        return time(seconds[record])
    }

    /// Sets the time of `record`.
    mutating func set(_ value: Int64, at record: Int) {
        if !isWide {
            if let stored = stored(value) {
                seconds.set(stored, at: record)
                return
            }
            widen()
        }
        wide.set(value, at: record)
    }

    /// Sets record `targets[k]` to the time of record `sources[k]` of `other` (a column of the
    /// same field) wherever that holds one; the targets hold none yet (see `IncidentStates.copy`).
    /// Two columns of whole seconds copy their 4-byte values as they are.
    mutating func copy(_ sources: [Int], of other: TimeColumn, to targets: [Int]) {
        precondition(empty == other.empty, "columns of one field")
        guard other.isAllocated else { return }
        if !isWide && !other.isWide {
            for k in sources.indices {
                let value = other.seconds[sources[k]]
                if value != Self.none { seconds.set(value, at: targets[k]) }
            }
            return
        }
        for k in sources.indices {
            let value = other[sources[k]]
            if value != empty { set(value, at: targets[k]) }
        }
    }

    /// Lowers the time of `record` to `value` if that is earlier (a first-of fold).
    @inline(__always)
    mutating func formMinimum(_ value: Int64, at record: Int) {
        if value < self[record] { set(value, at: record) }
    }

    /// Raises the time of `record` to `value` if that is later (a last-of fold).
    @inline(__always)
    mutating func formMaximum(_ value: Int64, at record: Int) {
        if value > self[record] { set(value, at: record) }
    }

    /// Drops the first 16,384 records (see `LazyColumn.removeFirstSegment()`).
    mutating func removeFirstSegment() {
        seconds.removeFirstSegment()
        wide.removeFirstSegment()
    }

    /// Moves the records from segment `first` on into a column of their own (see
    /// `LazyColumn.removeSegments(from:)`).
    mutating func removeSegments(from first: Int) -> TimeColumn {
        var tail = TimeColumn(empty: empty)
        tail.seconds = seconds.removeSegments(from: first)
        tail.wide = wide.removeSegments(from: first)
        tail.isWide = isWide
        return tail
    }

    /// The stored form of `value`, nil if it has none.
    @inline(__always)
    private func stored(_ value: Int64) -> Int32? {
        if value == empty { return Self.none }
        let (whole, fraction) = value.quotientAndRemainder(dividingBy: 1_000_000)
        guard fraction == 0, let stored = Int32(exactly: whole &- Self.epoch), stored != Self.none else { return nil }
        return stored
    }

    /// The time a stored value stands for.
    @inline(__always)
    private func time(_ stored: Int32) -> Int64 {
        stored == Self.none ? empty : (Self.epoch &+ Int64(stored)) &* 1_000_000
    }

    /// Moves every time into `wide`.
    private mutating func widen() {
        for record in 0..<seconds.recordCapacity where seconds[record] != Self.none {
            wide.set(time(seconds[record]), at: record)
        }
        seconds = LazyColumn(empty: Self.none)
        isWide = true
    }
}
