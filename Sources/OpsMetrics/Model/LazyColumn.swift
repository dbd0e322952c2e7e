/// One field of a table of records, stored for every record only once some record holds a value
/// other than `empty`.
///
/// A log sets few of the fields a record can have (most exports carry no `detected` time, no
/// severity, no reopen counter): such a column takes no memory at all, and a column in use costs
/// exactly the value's size per record. The table keeps the record count; every column is
/// appended to, or allocated with, that count.
struct LazyColumn<Value: Equatable & Sendable>: Sendable {
    /// The value of every record until one is set.
    let empty: Value
    private var values: SegmentedArray<Value>?

    init(empty: Value) {
        self.empty = empty
    }

    /// Whether some record has held a value other than `empty` (the column takes memory).
    var isAllocated: Bool { values != nil }

    subscript(record: Int) -> Value { values?[record] ?? empty }

    /// Sets the value of `record`, in a table of `count` records.
    mutating func set(_ value: Value, at record: Int, count: Int) {
        if values == nil {
            guard value != empty else { return }
            var allocated = SegmentedArray<Value>()
            allocated.append(repeating: empty, count: count)
            values = allocated
        }
        values![record] = value
    }

    /// Adds a record holding `empty` at the end.
    mutating func appendEmpty() {
        if values != nil { values!.append(empty) }
    }

    /// Drops the first `count` records (a whole segment of the table; see
    /// `SegmentedArray.removeFirstSegment()`).
    mutating func removeFirstSegment(count: Int) {
        guard values != nil else { return }
        let removed = values!.removeFirstSegment()
        assert(removed?.count == count, "the columns of a table are segmented alike")
    }
}

extension LazyColumn where Value: Comparable {
    /// Lowers the value of `record` to `value` if that is smaller (a first-of fold).
    mutating func formMinimum(_ value: Value, at record: Int, count: Int) {
        if value < self[record] { set(value, at: record, count: count) }
    }

    /// Raises the value of `record` to `value` if that is larger (a last-of fold).
    mutating func formMaximum(_ value: Value, at record: Int, count: Int) {
        if value > self[record] { set(value, at: record, count: count) }
    }
}
