/// One field of a table of records, stored only once some record holds a value other than
/// `empty`.
///
/// A log sets few of the fields a record can have (most exports carry no `detected` time, no
/// severity, no reopen counter): such a column takes no memory at all. Values are kept in
/// segments of 16,384 records. A segment starts sparse (`SparseSegment`: a bit per record, and
/// the values of those that hold one) unless the segment before it is dense; once 1/64 of its
/// records hold a value (`denseThreshold`), it takes raw memory for all its records, filled with
/// `empty`, and costs the value's size per record. So a field that a few records of every
/// segment set (a reopen, in most logs) costs those records and a bit for each other, and one
/// that most set costs what an array would. A dense segment never moves what it holds, and adding
/// a record to the table costs the column nothing. A record past the last segment reads as
/// `empty`.
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
    /// The number of values a sparse segment holds before it becomes dense: 1/64 of its records
    /// (a sparse segment then takes at most a sixteenth of a dense one's memory, and its
    /// insertions, which move the values after them, stay short).
    static var denseThreshold: Int { segmentSize >> 6 }

    /// The value of every record until one is set.
    let empty: Value
    /// Each segment's memory, nil while the segment is sparse: the same pointers as
    /// `owner.segments`, read here without going through the class.
    private var segments: [UnsafeMutablePointer<Value>?] = unsafe []
    /// The values of each sparse segment (nothing for a dense one).
    private var sparse: [SparseSegment<Value>] = []
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

    /// The number of records the segments cover: every record past them reads as `empty`.
    var recordCapacity: Int { unsafe segments.count << Self.shift }

    /// The number of dense segments (for tests).
    var denseSegmentCount: Int { unsafe segments.count(where: { unsafe $0 != nil }) }

    /// Whether no other column shares the dense segments, so dropping one frees it rather than
    /// copying the rest.
    mutating func isUniquelyReferenced() -> Bool {
        owner == nil || isKnownUniquelyReferenced(&owner)
    }

    @inline(__always)  // the fold's hot path: a dense read is a few instructions
    subscript(record: Int) -> Value {
        let segment = record >> Self.shift
        guard unsafe segment < segments.count else { return empty }
        if let dense = unsafe segments[segment] { return unsafe dense[record & Self.mask] }
        return sparseValue(in: segment, at: record & Self.mask)
    }

    /// The value of a record of a sparse segment: out of line, so the dense read stays small
    /// enough to inline.
    @inline(never)
    private func sparseValue(in segment: Int, at offset: Int) -> Value {
        sparse[segment][offset] ?? empty
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

    /// Moves the records from segment `first` on into a column of their own (record
    /// `first * 16,384` becoming its record 0) and keeps those before: neither column then shares
    /// memory with the other (nor with any copy made before), so each frees what it drops.
    mutating func removeSegments(from first: Int) -> LazyColumn {
        var tail = LazyColumn(empty: empty)
        guard unsafe first < segments.count else { return tail }
        if !isUniquelyReferenced() { copySegments() }
        unsafe tail.segments = Array(segments[first...])
        tail.sparse = Array(sparse[first...])
        if unsafe tail.segments.contains(where: { unsafe $0 != nil }) { tail.owner = unsafe Owner(tail.segments) }
        unsafe segments.removeSubrange(first...)
        sparse.removeSubrange(first...)
        unsafe owner?.segments = segments
        return tail
    }

    /// Adds segments holding nothing up to `count` segments: dense after a dense one (a field
    /// most records set spends no time sparse), else sparse.
    private mutating func grow(to count: Int) {
        let dense = unsafe segments.last.map { unsafe $0 != nil } ?? false
        while unsafe segments.count < count {
            unsafe segments.append(nil)
            sparse.append(SparseSegment())
            if dense { makeDense(unsafe segments.count - 1) }
        }
    }

    /// Sets a value of a sparse segment, which becomes dense once it holds `denseThreshold` values.
    private mutating func setSparse(_ value: Value, in segment: Int, at offset: Int) {
        sparse[segment].set(value == empty ? nil : value, at: offset)
        if sparse[segment].count >= Self.denseThreshold { makeDense(segment) }
    }

    /// Gives a sparse segment memory for all its records, holding its values.
    private mutating func makeDense(_ segment: Int) {
        let memory = UnsafeMutablePointer<Value>.allocate(capacity: Self.segmentSize)
        unsafe memory.initialize(repeating: empty, count: Self.segmentSize)
        sparse[segment].forEach { offset, value in unsafe memory[offset] = value }
        sparse[segment] = SparseSegment()
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

/// The values of a sparse segment of a `LazyColumn`: a bit per record saying whether it holds
/// one, and the values of those that do, in record order. A record without a value is found by
/// one bit; a value by the number of bits before it (a running count per 64 records, and the
/// bits of its own word).
struct SparseSegment<Value: BitwiseCopyable & Equatable & Sendable>: Sendable {
    /// A bit per record, allocated with the first value.
    private var present: [UInt64] = []
    /// The number of bits set in the words before each word of `present`.
    private var before: [UInt16] = []
    private var values: [Value] = []

    var count: Int { values.count }

    /// The value at `offset` in the segment, nil if none.
    subscript(offset: Int) -> Value? {
        guard !present.isEmpty, present[offset >> 6] & (1 << UInt64(offset & 63)) != 0 else { return nil }
        return values[rank(offset)]
    }

    /// Sets or (with nil) removes the value at `offset`.
    mutating func set(_ value: Value?, at offset: Int) {
        if present.isEmpty {
            guard value != nil else { return }
            present = [UInt64](repeating: 0, count: LazyColumn<Value>.segmentSize / 64)
            before = [UInt16](repeating: 0, count: present.count)
        }
        let bit: UInt64 = 1 << UInt64(offset & 63)
        let isPresent = present[offset >> 6] & bit != 0
        guard value != nil || isPresent else { return }  // nothing to remove: no count of bits
        let index = rank(offset)
        switch (value, isPresent) {
        case (let value?, true): values[index] = value
        case (let value?, false):
            present[offset >> 6] |= bit
            values.insert(value, at: index)
            for word in (offset >> 6) + 1 ..< before.count { before[word] += 1 }
        case (nil, _):
            present[offset >> 6] &= ~bit
            values.remove(at: index)
            for word in (offset >> 6) + 1 ..< before.count { before[word] -= 1 }
        }
    }

    /// Calls `body` with each offset that holds a value and the value, in offset order.
    func forEach(_ body: (Int, Value) -> Void) {
        var index = 0
        for (word, bits) in present.enumerated() {
            var bits = bits
            while bits != 0 {
                body(word << 6 | bits.trailingZeroBitCount, values[index])
                index += 1
                bits &= bits - 1
            }
        }
    }

    /// The number of values before `offset`.
    private func rank(_ offset: Int) -> Int {
        let word = offset >> 6
        return Int(before[word]) + (present[word] & ((1 << UInt64(offset & 63)) &- 1)).nonzeroBitCount
    }
}
