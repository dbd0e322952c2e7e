/// One field of a table of records, stored only once some record holds a value other than
/// `empty`.
///
/// A log sets few of the fields a record can have (most exports carry no `detected` time, no
/// severity, no reopen counter): such a column takes no memory at all. Values are kept in
/// segments of 16,384 records. A segment starts sparse, its values in a dictionary by their
/// offset; once 1/64 of its records hold one (`denseThreshold`), it takes raw memory for all its
/// records, filled with `empty`, and costs the value's size per record. So a field that a few
/// records of every segment set (a reopen, in most logs) costs those records only, and one that
/// most set costs what an array would. A dense segment never moves what it holds, and adding a
/// record to the table costs the column nothing. A record past the last segment reads as `empty`.
///
/// The dense segments are raw memory owned by a class instance, copied on write like an array's
/// storage: one uniqueness check and one store per `set` (a nested array took two checks and
/// two bounds checks, a fifth of the fold's time).
@safe struct LazyColumn<Value: BitwiseCopyable & Equatable & Sendable>: @unchecked Sendable {
    // Sendable: the dense segments are only written through a uniquely referenced owner (see
    // `set`), so a copy sent to another thread never shares memory that is written.
    static var segmentSize: Int { 1 << shift }
    private static var shift: Int { 14 }
    private static var mask: Int { (1 << shift) - 1 }
    /// The number of values a sparse segment holds before it becomes dense: 1/64 of its records.
    /// A dictionary entry takes about twice a dense value's memory, so below this a sparse
    /// segment takes at most 1/32 of a dense one; and a field most records set spends only its
    /// first 256 values of a segment in the dictionary.
    static var denseThreshold: Int { segmentSize >> 6 }

    /// The value of every record until one is set.
    let empty: Value
    /// Each segment's memory, nil while the segment is sparse: the same pointers as
    /// `owner.segments`, read here without going through the class.
    private var segments: [UnsafeMutablePointer<Value>?] = unsafe []
    /// The values of each sparse segment by offset in the segment (empty for a dense one).
    private var sparse: [[UInt16: Value]] = []
    private var owner: Owner?

    init(empty: Value) {
        self.empty = empty
    }

    /// Frees the dense segments when the last column sharing them goes.
    @safe private final class Owner {
        var segments: [UnsafeMutablePointer<Value>?]

        init(_ segments: [UnsafeMutablePointer<Value>?]) {
            unsafe self.segments = segments
        }

        deinit {
            for unsafe segment in unsafe segments { unsafe segment?.deallocate() }
        }
    }

    /// Whether some record has held a value other than `empty`.
    var isAllocated: Bool { unsafe !segments.isEmpty }

    /// The number of dense segments (for tests).
    var denseSegmentCount: Int { unsafe segments.count(where: { unsafe $0 != nil }) }

    /// Whether no other column shares the dense segments, so dropping one frees it rather than
    /// copying the rest.
    mutating func isUniquelyReferenced() -> Bool {
        owner == nil || isKnownUniquelyReferenced(&owner)
    }

    subscript(record: Int) -> Value {
        let segment = record >> Self.shift
        guard unsafe segment < segments.count else { return empty }
        if let dense = unsafe segments[segment] { return unsafe dense[record & Self.mask] }
        return sparse[segment][UInt16(truncatingIfNeeded: record & Self.mask)] ?? empty
    }

    /// Sets the value of `record`.
    mutating func set(_ value: Value, at record: Int) {
        let segment = record >> Self.shift
        if unsafe segment >= segments.count {
            guard value != empty else { return }
            grow(to: segment + 1)
        }
        guard unsafe segments[segment] != nil else {
            setSparse(value, in: segment, at: record & Self.mask)
            return
        }
        if !isKnownUniquelyReferenced(&owner) { copySegments() }
        unsafe segments[segment].unsafelyUnwrapped[record & Self.mask] = value
    }

    /// Drops the first 16,384 records (`IncidentStates.removeFirstSegment()`): the rest move to
    /// the front.
    mutating func removeFirstSegment() {
        guard unsafe !segments.isEmpty else { return }
        if unsafe segments[0] != nil {
            if !isKnownUniquelyReferenced(&owner) { copySegments() }
            unsafe segments[0].unsafelyUnwrapped.deallocate()
            unsafe segments.removeFirst()
            unsafe owner!.segments = segments
        } else {
            unsafe segments.removeFirst()  // the owner's dense segments stay the same
        }
        sparse.removeFirst()
    }

    /// Adds sparse segments, holding nothing, up to `count` segments.
    private mutating func grow(to count: Int) {
        while unsafe segments.count < count {
            unsafe segments.append(nil)
            sparse.append([:])
        }
    }

    /// Sets a value of a sparse segment, which becomes dense once it holds `denseThreshold` values.
    private mutating func setSparse(_ value: Value, in segment: Int, at offset: Int) {
        let key = UInt16(truncatingIfNeeded: offset)
        guard value != empty else {
            sparse[segment].removeValue(forKey: key)
            return
        }
        sparse[segment][key] = value
        guard sparse[segment].count >= Self.denseThreshold else { return }
        let memory = UnsafeMutablePointer<Value>.allocate(capacity: Self.segmentSize)
        unsafe memory.initialize(repeating: empty, count: Self.segmentSize)
        for (offset, value) in sparse[segment] { unsafe memory[Int(offset)] = value }
        sparse[segment] = [:]
        if owner != nil && !isKnownUniquelyReferenced(&owner) { copySegments() }
        unsafe segments[segment] = memory
        if let owner {
            unsafe owner.segments = segments
        } else {
            owner = unsafe Owner(segments)
        }
    }

    /// Gives this column its own copy of the dense segments (another column shares them).
    private mutating func copySegments() {
        let copies = unsafe segments.map { segment in
            unsafe segment.map { segment in
                let copy = UnsafeMutablePointer<Value>.allocate(capacity: Self.segmentSize)
                unsafe copy.initialize(from: segment, count: Self.segmentSize)
                return unsafe copy
            }
        }
        unsafe segments = copies
        owner = unsafe Owner(copies)
    }
}

extension LazyColumn where Value: Comparable {
    /// Lowers the value of `record` to `value` if that is smaller (a first-of fold).
    mutating func formMinimum(_ value: Value, at record: Int) {
        if value < self[record] { set(value, at: record) }
    }

    /// Raises the value of `record` to `value` if that is larger (a last-of fold).
    mutating func formMaximum(_ value: Value, at record: Int) {
        if value > self[record] { set(value, at: record) }
    }
}
