/// One input row seen through the canonical fields: for each field, the buffer range of its value.
///
/// Reused for every row (no allocation per row). A bit mask says which fields the row has:
/// `clear()` resets only the mask, and a field whose bit is clear has no value (no such column or
/// key, or a null value), whatever its slot in `ranges` still holds.
///
/// The ranges are one array (one uniqueness check per `set`), not an `InlineArray`: a 19-element
/// inline array in this struct was copied (`memcpy`) on every `range(_:)` call, which cost more
/// than the checks it saves.
struct RowView: Sendable {
    private var ranges = [Range<Int>](repeating: 0..<0, count: Field.allCases.count)
    /// Bit `f` is set when field `f` (by raw value) has a range.
    private(set) var fieldMask: UInt32 = 0
    /// Where in the buffer the row starts, for locating errors.
    var recordStart = 0

    mutating func clear() {
        fieldMask = 0
    }

    mutating func set(_ field: Field, start: Int, end: Int) {
        ranges[field.rawValue] = start..<end
        fieldMask |= 1 << UInt32(field.rawValue)
    }

    /// Sets the fields of a CSV record: column `c` feeds field `fieldOfColumn[c]`, if any, with
    /// `columns[c]`; columns past the end of `fieldOfColumn` feed nothing.
    ///
    /// One uniqueness check for the record (the span), where a `set(_:start:end:)` per column
    /// costs one each.
    mutating func set(columns: borrowing [CSVTokenizer.Field], fieldOfColumn: borrowing [Field?]) {
        fieldMask |= RowView.store(columns, fieldOfColumn, into: &ranges)
    }

    /// Stores the ranges of the mapped columns; returns the mask of the fields stored.
    private static func store(_ columns: borrowing [CSVTokenizer.Field], _ fieldOfColumn: borrowing [Field?],
                              into array: inout [Range<Int>]) -> UInt32 {
        var ranges = array.mutableSpan
        var mask: UInt32 = 0
        for column in 0..<min(columns.count, fieldOfColumn.count) {
            guard let field = fieldOfColumn[column] else { continue }
            ranges[field.rawValue] = columns[column].start..<columns[column].end
            mask |= 1 << UInt32(field.rawValue)
        }
        return mask
    }

    /// The value range of `field`, or `nil` when the row has none.
    func range(_ field: Field) -> Range<Int>? {
        fieldMask & (1 << UInt32(field.rawValue)) == 0 ? nil : ranges[field.rawValue]
    }

    /// Whether the row has a range for any field in `mask` (bits by raw value).
    func hasAny(_ mask: UInt32) -> Bool { fieldMask & mask != 0 }
}
