// Internal consistency checks for `IntervalSet`, in the manner of swift-collections'
// `OrderedSet+Invariants.swift`. Build with `-D OPSMETRICS_INTERNAL_CHECKS` (for example
// `swift test -Xswiftc -DOPSMETRICS_INTERNAL_CHECKS`) to verify normal form after every
// initializer, `insert(_:)` and set operation; otherwise the check compiles to nothing.

extension IntervalSet {
    #if OPSMETRICS_INTERNAL_CHECKS
    /// Traps unless the storage is in normal form: every interval non-empty, and each one
    /// ending strictly before the next one starts (which implies sorted, disjoint and
    /// non-touching).
    ///
    /// - Complexity: O(*n*).
    func _checkInvariants() {
        var previousEnd: Timestamp? = nil
        for (index, interval) in _intervals.enumerated() {
            precondition(
                interval.start < interval.end,
                "IntervalSet invariant: interval \(index) is empty or inverted")
            if let previousEnd {
                precondition(
                    previousEnd < interval.start,
                    "IntervalSet invariant: interval \(index) overlaps, touches or precedes its predecessor")
            }
            previousEnd = interval.end
        }
    }
    #else
    /// Does nothing: internal checks are compiled only with `OPSMETRICS_INTERNAL_CHECKS`.
    func _checkInvariants() {}
    #endif
}
