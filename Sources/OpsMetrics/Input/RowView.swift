/// One input row seen through the canonical fields: for each field, the buffer range of its value.
///
/// Reused for every row (no allocation per row). `start < 0` means the row has no value for
/// the field (no such column or key, or a null value).
struct RowView: Sendable {
    private var starts: [Int] = Array(repeating: -1, count: Field.allCases.count)
    private var ends: [Int] = Array(repeating: -1, count: Field.allCases.count)
    /// Where in the buffer the row starts, for locating errors.
    var recordStart = 0

    mutating func clear() {
        for i in starts.indices { starts[i] = -1 }
    }

    mutating func set(_ field: Field, start: Int, end: Int) {
        starts[field.rawValue] = start
        ends[field.rawValue] = end
    }

    /// The value range of `field`, or `nil` when the row has none.
    func range(_ field: Field) -> Range<Int>? {
        let start = starts[field.rawValue]
        return start < 0 ? nil : start..<ends[field.rawValue]
    }
}
