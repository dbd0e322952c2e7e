/// One field of a table of records, stored only once some record holds a value other than
/// `empty`.
///
/// A log sets few of the fields a record can have (most exports carry no `detected` time, no
/// severity, no reopen counter): such a column takes no memory at all, and a column in use costs
/// the value's size per record. Values are kept in segments of 16,384 records, allocated (filled
/// with `empty`) when a record in them is first set, so a column never moves what it holds and
/// adding a record to the table costs the column nothing. A record past the last segment reads
/// as `empty`.
///
/// The segments are raw memory owned by a class instance, copied on write like an array's
/// storage: one uniqueness check and one store per `set` (a nested array took two checks and
/// two bounds checks, a fifth of the fold's time).
@safe struct LazyColumn<Value: BitwiseCopyable & Equatable & Sendable>: @unchecked Sendable {
    // Sendable: the segments are only written through a uniquely referenced owner (see `set`),
    // so a copy sent to another thread never shares memory that is written.
    static var segmentSize: Int { 1 << shift }
    private static var shift: Int { 14 }
    private static var mask: Int { (1 << shift) - 1 }

    /// The value of every record until one is set.
    let empty: Value
    /// The segments' memory, the same pointers as `owner.segments`, read here without going
    /// through the class.
    private var segments: [UnsafeMutablePointer<Value>] = unsafe []
    private var owner: Owner?

    init(empty: Value) {
        self.empty = empty
    }

    /// Frees the segments when the last column sharing them goes.
    @safe private final class Owner {
        var segments: [UnsafeMutablePointer<Value>]

        init(_ segments: [UnsafeMutablePointer<Value>]) {
            unsafe self.segments = segments
        }

        deinit {
            for unsafe segment in unsafe segments { unsafe segment.deallocate() }
        }
    }

    /// Whether some record has held a value other than `empty` (the column takes memory).
    var isAllocated: Bool { unsafe !segments.isEmpty }

    /// Whether no other column shares the segments, so dropping one frees it rather than
    /// copying the rest.
    mutating func isUniquelyReferenced() -> Bool {
        owner == nil || isKnownUniquelyReferenced(&owner)
    }

    subscript(record: Int) -> Value {
        let segment = record >> Self.shift
        return unsafe segment < segments.count ? segments[segment][record & Self.mask] : empty
    }

    /// Sets the value of `record`.
    mutating func set(_ value: Value, at record: Int) {
        let segment = record >> Self.shift
        if unsafe segment >= segments.count {
            guard value != empty else { return }
            grow(to: segment + 1)
        } else if !isKnownUniquelyReferenced(&owner) {
            copySegments()
        }
        unsafe segments[segment][record & Self.mask] = value
    }

    /// Drops the first 16,384 records (`IncidentStates.removeFirstSegment()`): the rest move to
    /// the front.
    mutating func removeFirstSegment() {
        guard unsafe !segments.isEmpty else { return }
        if !isKnownUniquelyReferenced(&owner) { copySegments() }
        unsafe segments[0].deallocate()
        unsafe segments.removeFirst()
        unsafe owner!.segments = segments
    }

    /// Adds segments filled with `empty` up to `count` segments, after making the storage unique.
    private mutating func grow(to count: Int) {
        if unsafe !segments.isEmpty && !isKnownUniquelyReferenced(&owner) { copySegments() }
        while unsafe segments.count < count {
            let segment = UnsafeMutablePointer<Value>.allocate(capacity: Self.segmentSize)
            unsafe segment.initialize(repeating: empty, count: Self.segmentSize)
            unsafe segments.append(segment)
        }
        if let owner {
            unsafe owner.segments = segments
        } else {
            owner = unsafe Owner(segments)
        }
    }

    /// Gives this column its own copy of the segments (another column shares them).
    private mutating func copySegments() {
        let copies = unsafe segments.map { segment in
            let copy = UnsafeMutablePointer<Value>.allocate(capacity: Self.segmentSize)
            unsafe copy.initialize(from: segment, count: Self.segmentSize)
            return unsafe copy
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
