
/// The line a table prints under its header when the window holds no record, so that an empty
/// report reads as "nothing had happened" rather than as a report of a quiet service.
enum EmptyWindowNote {
    /// `nil` when the window holds records.
    static func line(hasRecords: Bool, accounting: InputAccounting) -> String? {
        guard !hasRecords else { return nil }
        if accounting.rowsRead > 0, accounting.skipped[ParseError.Kind.afterAsOf.identifier]?.count == accounting.rowsRead {
            return "note    no records: every row read is after the as-of time, so nothing had happened yet\n\n"
        }
        return accounting.rowsRead == 0
            ? "note    no records: the input holds no rows\n\n"
            : "note    no records in the window\n\n"
    }
}
