/// A problem found by a byte scanner (CSV tokenizer, JSON scanner) before the reader knows the
/// line and column: it carries only a buffer index. The reader turns it into a ``ParseError``
/// with a full ``SourceLocation`` by rescanning the buffer, so the hot loop tracks no columns.
struct ScanError: Error, Sendable, Hashable {
    /// What went wrong.
    var kind: ParseError.Kind
    /// Index into the scanned buffer of the byte at fault.
    var index: Int
    /// What the scanner expected, in words.
    var expected: String
    /// What it found, already rendered (see `ParseError.excerpt`).
    var found: String
    /// The header name or key of the field at fault, when the problem is in one field.
    var field: String? = nil
    /// Whether the error stops reading even when invalid rows are skipped (a limit that guards
    /// memory or time, not a fault of one row).
    var stopsReading = false
    /// Whether the scanner hit the end of the input in the middle of a value (a truncated file?).
    var isAtEndOfInput = false
}
