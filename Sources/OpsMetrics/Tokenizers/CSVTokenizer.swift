// CSVTokenizer: RFC 4180 records and fields as byte ranges, with no allocation and no I/O.
//
// Design
// ======
//
// The tokenizer is the bottom layer of CSV input (rust-csv's csv-core): the reader owns one growable
// `[UInt8]` buffer and asks for one record at a time; the tokenizer answers with field ranges into that
// buffer and the index just past the record. It never reads input, never copies an unquoted field, and
// never allocates once `fields` has grown to the widest record.
//
// A record is scanned left to right by a small state machine (`_Mode`):
//
//     fieldStart ──"──▶ quoted ──"──▶ (look at the next byte)
//         │               ▲  │           ├─ "          ──▶ quoted (an escaped quote)
//         │               └──┘ LF counts ├─ delimiter  ──▶ fieldStart
//         │                              ├─ CR or LF   ──▶ terminator
//         │                              └─ other      ──▶ error: unexpected character
//         └─other─▶ unquoted ──delimiter──▶ fieldStart
//                       └─────CR or LF───▶ terminator ──▶ record (CR LF, LF or a lone CR consumed)
//
// At the start of a record, CR or LF goes straight to `terminator`: a blank line is a record with zero
// fields, which the reader skips.
//
// Restarting. When the buffer ends before the record does and `isFinal` is false, the tokenizer returns
// `.needMoreData` and remembers where it stopped (`_Suspension`: mode, offsets relative to the record's
// start, line breaks and fields so far). The reader shifts the unconsumed bytes to the front, reads more,
// and calls again for the same record; the tokenizer then shifts the fields it already found and resumes
// where it stopped, so a record spanning many chunks (a long multi-line quoted field) is scanned once, not
// once per chunk. The resume is only taken if it is consistent with the new call (the range is at least as
// long as before, `fields` still holds exactly the fields found, all inside the record); otherwise the
// record is simply scanned again from its start, which gives the same answer (a caller that abandons a
// record after `.needMoreData` calls `reset()` first). Nothing in the buffer is
// written before the record is known to be complete, so `.needMoreData` leaves it byte-for-byte unchanged.
//
// Quoted fields. While scanning, a quoted field containing `""` is stored as
// `Field(start: ~contentStart, end: contentEnd)` (a negative start marks "needs unescaping") and counted.
// Once the record is complete, and only if that count is non-zero, each marked field is compacted in place:
// every `""` becomes `"` by moving the bytes left inside the field's own raw range (the unescaped value is
// never longer than the raw one), and the field gets its real range. Fields without `""` are never touched.
//
// Deviations from RFC 4180 (listed as rust-csv's reader.rs does)
// --------------------------------------------------------------
// 1. Records may end with CR LF, a lone LF, or a lone CR (RFC 4180: CR LF only). A CR at the very end of
//    the buffer waits for more data (to see whether an LF follows) unless `isFinal`.
// 2. A blank line (a terminator at the start of a record) is a record with zero fields, which the reader
//    skips. So a record of exactly one empty unquoted field cannot be written; quote it (`""`).
// 3. The delimiter is configurable (comma by default; semicolon and tab are common). It may not be the
//    quote, CR or LF.
// 4. A quote inside an unquoted field is ordinary data: `5" screen` is one field of 9 bytes (RFC 4180
//    forbids quotes in unquoted fields). Only a quote as the *first* byte of a field opens a quoted field;
//    ` "a"` (space first) is the unquoted 4-byte value ` "a"`.
// 5. Any byte is data (RFC 4180's TEXTDATA is printable ASCII only): UTF-8, NUL and other control bytes
//    pass through unvalidated; field parsers above decide what is valid. Inside quotes, lone CR and LF are
//    data too, not only CR LF.
// 6. No trimming: spaces are data. After a closing quote the next byte must be the delimiter, a
//    terminator, or the end of the input; anything else (even a space) is an error, not data.
// 7. Records need not have the same number of fields (the reader checks against the header), but a
//    record with more than `maxFields` fields is an error, so hostile input cannot grow `fields` without
//    bound.
// 8. An unterminated quoted field is an error at the end of input, reported at its opening quote.
// The last record may lack a terminator; that is RFC 4180 behaviour, not a deviation.
//
// Why it is fast
// --------------
// - The state machine asks for the next *interesting* byte: delimiter, CR or LF in an unquoted field;
//   quote or LF in a quoted one. The SIMD scanner (`Scanner.simd`, `CSVBlock.swift`) answers from a
//   64-bit mask of 64 bytes, classified sixteen bytes at a time with SIMD compares (quotes only in
//   blocks where a quoted field asks), so one classification serves every field it covers, and the
//   block is kept for the next record when it starts where the last one ended in the same bytes.
//   The scalar scanner (`Scanner.scalar`, the reference the tests and the fuzz target hold the SIMD
//   one to) skips from each field's start eight bytes at a time (`_firstIndex`: SWAR compares of a
//   64-bit word against broadcast bytes). On the 10M-event benchmark log (672 MB), one core,
//   alternating runs: SIMD 0.58 s at best (1.15 GB/s), scalar 0.65 s (1.04 GB/s); 6 % fewer
//   instructions (Benchmarks/README.md). Most of a record's cost is the state machine and the
//   fields, not the search.
// - Fields are stored over the elements of a caller-owned array that keeps the widest record's
//   width (one uniqueness check per record; an append checked it per field); unquoted
//   fields are never copied, and the unescape pass runs only for records that contain `""`. That pass
//   skips to each quote and moves the runs between quotes eight bytes at a time (a byte loop whose
//   step depends on the byte it just read held an all-quoted-notes benchmark at 0.7 GB/s; now 1.3).
// - Reads go through `Span<UInt8>` and writes through `MutableSpan<UInt8>` (bounds-checked,
//   non-escaping); word loads and stores go through `RawSpan`/`MutableRawSpan`, also bounds-checked,
//   spelled `unsafe` only because they reinterpret bytes (harmless for `UInt8` and `UInt64`). There
//   are no raw pointers.
//
// What must not break
// -------------------
// - `.needMoreData` leaves `buffer` unmodified, and a retry of the same record gives exactly the answer a
//   single call on the whole record would give (the property tests split input at every point).
// - No byte sequence traps: every index is below `end` when read (the only reads are at positions the
//   skip returned as `< end`, guarded by an explicit `< end` check, or, for `terminator`, a position
//   found `< end` before, which a resume keeps because the retry's range is never shorter). All reads
//   and writes are bounds-checked anyway, so a bug here traps rather than corrupting memory.
// - No allocation per record in steady state: no String, no Array other than `fields`, no closures.
// - The SWAR trick relies on the *lowest* flagged byte being exact (borrows only move upward), so the
//   word is read as little-endian and the first match is `trailingZeroBitCount / 8`.
// - Both scanners give the same answers (tests at every split and with a moving `end`; the fuzz
//   target). A kept SIMD block describes bytes at or after the last record's `next`, which nothing
//   here rewrites (unescaping only moves bytes inside the record); it is kept only for a call at
//   that `next` in a buffer of the same length, and a caller that rewrites bytes in place calls `reset()`.

/// Splits CSV bytes into records and fields, one record per call, without copying, allocating or reading.
///
/// The caller owns the buffer and a reusable `fields` array. Each call scans the record starting at
/// `start` and either returns its end (`.record`) with the fields as ranges into the buffer, or says that
/// the buffer ends inside the record (`.needMoreData`); see the design comment at the top of this file
/// for the dialect and every deviation from RFC 4180.
///
/// ```swift
/// var tokenizer = CSVTokenizer()
/// var bytes = Array("id,note\n7,\"5\"\" screen\"\n".utf8)
/// var fields: [CSVTokenizer.Field] = []
/// var start = 0
/// while start < bytes.count,
///       case .record(let next, _) = try tokenizer.scanRecord(&bytes, from: start, to: bytes.count,
///                                                             isFinal: true, fields: &fields) {
///     // fields[1] of the second record is the 9 bytes `5" screen`.
///     start = next
/// }
/// ```
///
/// The tokenizer is a value type holding only its configuration and, between a `.needMoreData` and the
/// retry, where it stopped.
struct CSVTokenizer: Sendable {
    /// One field's bytes: `buffer[start..<end]`, valid after `scanRecord` returns `.record` (quotes
    /// removed and `""` unescaped in place).
    struct Field: Sendable, Hashable {
        /// Index of the field's first byte in the buffer.
        var start: Int
        /// Index just past the field's last byte.
        var end: Int
    }

    /// The outcome of scanning one record.
    enum Step: Sendable, Hashable {
        /// A complete record; `next` is the index just past its terminator (or `end` for a final record
        /// without one); `lineBreaks` counts the LF (0x0A) bytes consumed, including those inside quoted
        /// fields and the terminator. A blank line yields a record with zero fields.
        case record(next: Int, lineBreaks: Int)
        /// The record starting at `start` is not complete in `buffer[start..<end]` and more input may
        /// follow. The buffer is unmodified; call again for the same record once more bytes follow it.
        case needMoreData
    }

    /// The byte that separates fields (a comma by default).
    let delimiter: UInt8
    /// The most fields one record may have; one more is a `.limitExceeded` error.
    let maxFields: Int
    /// How the next interesting byte is found (the same answers either way).
    let scanner: Scanner
    /// Where the last `.needMoreData` stopped, so that the retry resumes there; `nil` otherwise.
    private var suspension: _Suspension?
    /// The buffer indices of the line feeds of the last record returned, taken before its fields
    /// were unescaped in place (compacting `""` moves the bytes after it, line feeds included);
    /// `nil` when nothing was unescaped, so the buffer still shows them where they are.
    var lineFeedsBeforeUnescaping: [Int]? { unescapedLastRecord ? lineFeeds : nil }
    private var unescapedLastRecord = false
    private var lineFeeds: [Int] = []
    /// The SIMD scanner's last block, kept for the next record when it starts where the last
    /// one ended, in the same bytes (`CSVBlock`): a block then serves two or three records
    /// instead of being classified again for each.
    private var keptBlock = CSVBlock.none
    /// Where `keptBlock` is valid: the last record's `next` and the buffer's length; nil after
    /// anything but a complete record.
    private var keptFor: (next: Int, count: Int)?

    /// Creates a tokenizer for one CSV dialect.
    ///
    /// - Parameters:
    ///   - delimiter: The field separator. Must not be a quote, CR or LF (a programmer error).
    ///   - maxFields: The most fields one record may have; at least 1.
    ///   - scanner: `.simd`, or the `.scalar` reference it is tested against.
    init(delimiter: UInt8 = ASCII.comma, maxFields: Int = 100_000, scanner: Scanner = .simd) {
        precondition(
            delimiter != ASCII.quote && delimiter != ASCII.carriageReturn && delimiter != ASCII.newline,
            "CSVTokenizer: the delimiter must not be a quote, CR or LF")
        precondition(maxFields >= 1, "CSVTokenizer: maxFields must be at least 1")
        self.delimiter = delimiter
        self.maxFields = maxFields
        self.scanner = scanner
        self.suspension = nil
    }

    /// Scans the record that starts at `start`.
    ///
    /// After `.needMoreData`, the next call must be for the same record: the same bytes, now starting
    /// at any index (the reader may have shifted them) and followed by more bytes or `isFinal`, with
    /// `fields` passed back as this call left it; the scan then resumes where it stopped. If `fields`
    /// was not passed back, the record is scanned again from its start (same answer, more work). To
    /// abandon a record after `.needMoreData` and scan unrelated bytes, call ``reset()`` first.
    ///
    /// After `.record`, a call for the record at its `next`, in a buffer of the same length, reuses
    /// what the last scan learned of the bytes after `next`: a caller that rewrites those bytes in
    /// place between the two calls (rather than appending, shifting or reading anew) calls
    /// ``reset()`` first.
    ///
    /// - Parameters:
    ///   - buffer: The bytes. Only `buffer[start..<end]` is read; on `.record`, bytes inside quoted
    ///     fields that contain `""` are rewritten (compacted in place). Unchanged on `.needMoreData`.
    ///   - start: Index of the record's first byte.
    ///   - end: Index just past the last valid byte; `start <= end <= buffer.count`.
    ///   - isFinal: Whether no more input follows `end`. If so, a record may end at `end` without a
    ///     terminator, and `start == end` returns `.record(next: end, lineBreaks: 0)` with zero fields.
    ///   - fields: Cleared, then filled with the record's fields in order. Its capacity is reused.
    /// - Returns: `.record` with the index just past the record and the LF count, or `.needMoreData`.
    /// - Throws: `ScanError` with kind `.unterminatedQuote` (at the opening quote, only if `isFinal`),
    ///   `.unexpectedCharacter` (at the byte after a closing quote that is not a delimiter or a
    ///   terminator) or `.limitExceeded` (at the start of field `maxFields + 1`).
    /// - Complexity: O(n) in the record's length, amortized over retries: a retry resumes where the
    ///   previous call stopped, after O(f) work to shift the f fields already found.
    mutating func scanRecord(
        _ buffer: inout [UInt8], from start: Int, to end: Int, isFinal: Bool, fields: inout [Field]
    ) throws(ScanError) -> Step {
        precondition(0 <= start && start <= end && end <= buffer.count, "CSVTokenizer: range out of bounds")
        var cursor = _Cursor(position: start, mode: .fieldStart, lineBreaks: 0, escapedFields: 0, fieldCount: 0)
        if let resumed = suspension?.resume(start: start, end: end, fields: &fields) {
            cursor = resumed
        }
        suspension = nil  // a throw below leaves nothing to resume
        let keeps = keptFor.map { $0 == (start, buffer.count) } ?? false
        keptFor = nil
        let stop: _Stop
        do {
            switch scanner {
            case .simd:
                var search = _BlockSearch(delimiter: delimiter, block: keeps ? keptBlock : .none)
                stop = try Self._scan(buffer.span, end: end, isFinal: isFinal, maxFields: maxFields, fields: &fields,
                                      cursor: &cursor, search: &search)
                keptBlock = search.block
            case .scalar:
                var search = _WordSearch(delimiter: delimiter)
                stop = try Self._scan(buffer.span, end: end, isFinal: isFinal, maxFields: maxFields, fields: &fields,
                                      cursor: &cursor, search: &search)
            }
        } catch {
            fields.removeLast(fields.count - cursor.fieldCount)
            throw error
        }
        if fields.count > cursor.fieldCount { fields.removeLast(fields.count - cursor.fieldCount) }
        guard stop == .complete else {
            suspension = _Suspension(suspending: cursor, start: start, end: end, fieldCount: fields.count)
            return .needMoreData
        }
        unescapedLastRecord = cursor.escapedFields > 0
        if unescapedLastRecord {
            lineFeeds.removeAll(keepingCapacity: true)
            if cursor.lineBreaks > 0 {
                for i in start..<cursor.position where buffer[i] == ASCII.newline { lineFeeds.append(i) }
            }
            Self._unescapeMarkedFields(&buffer, fields: &fields)
        }
        if cursor.position > start { keptFor = (cursor.position, buffer.count) }
        return .record(next: cursor.position, lineBreaks: cursor.lineBreaks)
    }

    /// Forgets where the last `.needMoreData` stopped, so that the next call scans from its `start`.
    ///
    /// Only needed when a record is abandoned after `.needMoreData` (for example, the input failed
    /// and the tokenizer is reused for another one); `.record` and thrown errors reset it already.
    mutating func reset() {
        suspension = nil
        keptFor = nil
    }
}

// MARK: - Scanning state

extension CSVTokenizer {
    /// Where the scanner is inside a record. Offsets are absolute while scanning and relative to the
    /// record's start inside a `_Suspension`.
    private enum _Mode: Sendable, Hashable {
        /// At the first byte of a field (or of the record, when no field has been found yet).
        case fieldStart
        /// Inside an unquoted field that began at `fieldStart`.
        case unquoted(fieldStart: Int)
        /// Inside a quoted field whose opening quote is at `openingQuote`; `hasEscapes` once a `""` was seen.
        case quoted(openingQuote: Int, hasEscapes: Bool)
        /// At the CR or LF that ends the record; all its fields are found.
        case terminator

        /// The same mode with its offset moved by `delta`.
        func shifted(by delta: Int) -> _Mode {
            switch self {
            case .fieldStart, .terminator: self
            case .unquoted(let fieldStart): .unquoted(fieldStart: fieldStart + delta)
            case .quoted(let openingQuote, let hasEscapes):
                .quoted(openingQuote: openingQuote + delta, hasEscapes: hasEscapes)
            }
        }
    }

    /// The scanner's progress: the position of the next byte to look at (on completion, the index just
    /// past the record), the mode there, and the counts so far.
    private struct _Cursor: Sendable {
        var position: Int
        var mode: _Mode
        /// LF bytes consumed before `position`.
        var lineBreaks: Int
        /// Fields stored with a negative (marked) start, waiting to be unescaped.
        var escapedFields: Int
        /// Fields of the record found so far: `fields[0..<fieldCount]`.
        var fieldCount: Int
    }

    /// A `.needMoreData` stop, kept so that the retry of the same record resumes instead of rescanning.
    private struct _Suspension: Sendable {
        /// The cursor, with `position` and the mode's offsets relative to the record's start.
        var cursor: _Cursor
        /// The record's start in the call that stopped.
        var start: Int
        /// `end - start` in the call that stopped; every stored offset is at most this.
        var length: Int
        /// How many fields were left in `fields`.
        var fieldCount: Int

        init(suspending cursor: _Cursor, start: Int, end: Int, fieldCount: Int) {
            var relative = cursor
            relative.fieldCount = fieldCount
            relative.position -= start
            relative.mode = cursor.mode.shifted(by: -start)
            self.cursor = relative
            self.start = start
            self.length = end - start
            self.fieldCount = fieldCount
        }

        /// The cursor to resume from for a retry at `start..<end`, with `fields` moved to the new start;
        /// `nil` (and `fields` in an unspecified state) if the retry does not fit this stop.
        func resume(start: Int, end: Int, fields: inout [Field]) -> _Cursor? {
            guard end - start >= length, fields.count == fieldCount else { return nil }
            // Check before moving, so that the arithmetic below cannot overflow on a tampered array.
            let oldEnd = self.start + length
            for field in fields {
                let fieldStart = field.start < 0 ? ~field.start : field.start
                guard self.start <= fieldStart, fieldStart <= field.end, field.end <= oldEnd else { return nil }
            }
            let delta = start - self.start
            if delta != 0 {
                for index in fields.indices {
                    let field = fields[index]
                    // A marked start is ~contentStart, so it moves the opposite way.
                    fields[index] = Field(
                        start: field.start < 0 ? field.start - delta : field.start + delta, end: field.end + delta)
                }
            }
            var resumed = cursor
            resumed.position += start
            resumed.mode = cursor.mode.shifted(by: start)
            return resumed
        }
    }
}

// MARK: - The scanner

extension CSVTokenizer {
    /// Where `_scan` stopped.
    private enum _Stop {
        /// The record ended: `cursor.position` is just past it.
        case complete
        /// The bytes ran out before `isFinal`: `cursor` is where to resume.
        case needMoreData
    }

    /// Runs the state machine from `cursor` until the record ends or the bytes run out before
    /// `isFinal`; `fields[0..<cursor.fieldCount]` are then the fields found. It stores fields over
    /// the array's elements, which keeps the width of the widest record seen so far (the caller
    /// drops the rest): an append checked the array's uniqueness and capacity for every field.
    private static func _scan<Search: _Search>(
        _ bytes: Span<UInt8>, end: Int, isFinal: Bool, maxFields: Int,
        fields: inout [Field], cursor: inout _Cursor, search: inout Search
    ) throws(ScanError) -> _Stop {
        while true {
            var room = fields.mutableSpan
            if let stop = try _scan(bytes, end: end, isFinal: isFinal, maxFields: maxFields, fields: &room,
                                    cursor: &cursor, search: &search) {
                return stop
            }
            fields.append(Field(start: 0, end: 0))  // no room for the next field: one more
        }
    }

    /// `_scan` into `fields`, returning nil (`cursor` where to resume) when a field is found and
    /// `fields` has no room for it.
    private static func _scan<Search: _Search>(
        _ bytes: Span<UInt8>, end: Int, isFinal: Bool, maxFields: Int,
        fields: inout MutableSpan<Field>, cursor: inout _Cursor, search: inout Search
    ) throws(ScanError) -> _Stop? {
        let delimiter = search.delimiter
        var position = cursor.position
        var mode = cursor.mode
        var lineBreaks = cursor.lineBreaks
        var escapedFields = cursor.escapedFields
        var count = cursor.fieldCount
        defer {
            cursor = _Cursor(position: position, mode: mode, lineBreaks: lineBreaks, escapedFields: escapedFields,
                             fieldCount: count)
        }
        while true {
            switch mode {
            case .fieldStart:
                if count == 0 {
                    // The start of the record: the input's end, or a blank line?
                    guard position < end else { return isFinal ? .complete : .needMoreData }
                    let byte = bytes[position]
                    if byte == ASCII.newline || byte == ASCII.carriageReturn {
                        mode = .terminator
                        continue
                    }
                } else if count >= maxFields {
                    throw ScanError(
                        kind: .limitExceeded, index: position, expected: "at most \(maxFields) fields (--max-columns)", found: "more")
                }
                guard position < end else {
                    // Just after a delimiter: the record's last field is empty.
                    guard isFinal else { return .needMoreData }
                    guard count < fields.count else { return nil }
                    fields[count] = Field(start: end, end: end)
                    count &+= 1
                    return .complete
                }
                if bytes[position] == ASCII.quote {
                    mode = .quoted(openingQuote: position, hasEscapes: false)
                    position += 1
                } else {
                    mode = .unquoted(fieldStart: position)
                }

            case .unquoted(let fieldStart):
                let found = search.fieldEnd(in: bytes, from: position, to: end)
                guard found < end else {
                    position = end
                    guard isFinal else { return .needMoreData }
                    guard count < fields.count else { return nil }
                    fields[count] = Field(start: fieldStart, end: end)
                    count &+= 1
                    return .complete
                }
                guard count < fields.count else { return nil }
                fields[count] = Field(start: fieldStart, end: found)
                count &+= 1
                if bytes[found] == delimiter {
                    position = found + 1
                    mode = .fieldStart
                } else {
                    position = found
                    mode = .terminator
                }

            case .quoted(let openingQuote, let hasEscapes):
                let found = search.quotedStop(in: bytes, from: position, to: end)
                guard found < end else {
                    position = end
                    guard isFinal else { return .needMoreData }
                    throw ScanError(
                        kind: .unterminatedQuote, index: openingQuote, expected: "a closing quote",
                        found: "the end of the input")
                }
                if bytes[found] == ASCII.newline {
                    lineBreaks += 1
                    position = found + 1
                    continue
                }
                // A quote: an escaped quote, or the closing one, depending on the next byte.
                let after = found + 1
                let contentStart = openingQuote + 1
                let field = hasEscapes
                    ? Field(start: ~contentStart, end: found) : Field(start: contentStart, end: found)
                guard after < end else {
                    guard isFinal else {
                        position = found  // look at this quote again once the next byte is known
                        return .needMoreData
                    }
                    guard count < fields.count else { return nil }
                    fields[count] = field
                    count &+= 1
                    escapedFields += hasEscapes ? 1 : 0
                    position = end
                    return .complete
                }
                let next = bytes[after]
                if next == ASCII.quote {
                    mode = .quoted(openingQuote: openingQuote, hasEscapes: true)
                    position = after + 1
                    continue
                }
                guard count < fields.count else { return nil }
                if next == delimiter {
                    mode = .fieldStart
                    position = after + 1
                } else if next == ASCII.carriageReturn || next == ASCII.newline {
                    mode = .terminator
                    position = after
                } else {
                    throw ScanError(
                        kind: .unexpectedCharacter, index: after,
                        expected: "a delimiter or the end of the line after a closing quote",
                        found: _excerpt(bytes, from: after, to: end, delimiter: delimiter))
                }
                fields[count] = field
                count &+= 1
                escapedFields += hasEscapes ? 1 : 0

            case .terminator:
                // `position < end` and the byte there is CR or LF: every way into this mode checks it.
                if bytes[position] == ASCII.newline {
                    lineBreaks += 1
                    position += 1
                    return .complete
                }
                let after = position + 1
                guard after < end else {
                    // A CR as the last byte: an LF may follow in the next chunk.
                    guard isFinal else { return .needMoreData }
                    position = after
                    return .complete
                }
                if bytes[after] == ASCII.newline {
                    lineBreaks += 1
                    position = after + 1
                } else {
                    position = after
                }
                return .complete
            }
        }
    }

    /// Index of the first byte in `bytes[start..<end]` equal to `a`, `b` or `c`; `end` if there is none.
    ///
    /// Reads eight bytes at a time as a little-endian `UInt64`. For each target `t`, `x = word ^ t·0x01…01`
    /// has a zero byte where the word holds `t`, and `(x &- 0x01…01) & ~x & 0x80…80` flags zero bytes: the
    /// lowest flag is always exact (a borrow only moves toward higher bytes), so `trailingZeroBitCount / 8`
    /// of the OR of the three masks is the first match in the word.
    ///
    /// - Complexity: O(n / 8) word steps plus at most 7 single-byte steps at the end of the buffer.
    @inline(__always)  // called once per field in the hot loop; inlining lets the broadcasts be hoisted
    static func _firstIndex(
        of a: UInt8, _ b: UInt8, _ c: UInt8, in bytes: Span<UInt8>, from start: Int, to end: Int
    ) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let broadcastA = ones &* UInt64(a)
        let broadcastB = ones &* UInt64(b)
        let broadcastC = ones &* UInt64(c)
        // `unsafe` because viewing elements as raw bytes could expose padding; UInt8 has none.
        let raw = unsafe bytes.bytes
        var index = start
        while end &- index >= 8 {
            // In bounds: 0 <= start <= index and index + 8 <= end <= bytes.count; the load checks it too.
            // `unsafe` only because a load reinterprets memory; every bit pattern is a valid UInt64.
            let word = UInt64(littleEndian: unsafe raw.unsafeLoadUnaligned(fromByteOffset: index, as: UInt64.self))
            let xa = word ^ broadcastA
            let xb = word ^ broadcastB
            let xc = word ^ broadcastC
            let flags = ((xa &- ones) & ~xa | (xb &- ones) & ~xb | (xc &- ones) & ~xc) & highBits
            if flags != 0 {
                return index &+ flags.trailingZeroBitCount &>> 3
            }
            index &+= 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == a || byte == b || byte == c { return index }
            index &+= 1
        }
        return end
    }

    /// The bytes from `start` to the end of the field (at most 41, so a longer run shows an ellipsis),
    /// rendered for an error message. Only called when an error is thrown.
    private static func _excerpt(_ bytes: Span<UInt8>, from start: Int, to end: Int, delimiter: UInt8) -> String {
        var taken: [UInt8] = []
        var index = start
        while index < end, taken.count <= 40 {
            let byte = bytes[index]
            if byte == delimiter || byte == ASCII.carriageReturn || byte == ASCII.newline { break }
            taken.append(byte)
            index += 1
        }
        return ParseError.excerpt(taken)
    }

    /// Gives each marked field (negative start, see the design comment) its real range, rewriting its
    /// content so that every `""` becomes `"`. The content only moves left, inside its own raw range.
    ///
    /// - Complexity: O(n) in the marked fields' length: the skip finds each quote, and the runs between
    ///   quotes move eight bytes at a time (no per-byte dependency on the data).
    private static func _unescapeMarkedFields(_ buffer: inout [UInt8], fields: inout [Field]) {
        var bytes = buffer.mutableSpan
        for index in fields.indices where fields[index].start < 0 {
            let start = ~fields[index].start
            let end = fields[index].end
            var read = start  // next raw byte
            var write = start  // next unescaped byte; write <= read throughout
            while read < end {
                let quote = _firstIndex(of: ASCII.quote, ASCII.quote, ASCII.quote, in: bytes.span, from: read, to: end)
                _moveLeft(&bytes, from: read, to: write, count: quote - read)
                write += quote - read
                guard quote < end else { break }
                // Inside a quoted field's raw content, quotes only come in pairs: keep one, skip the other.
                bytes[write] = ASCII.quote
                write += 1
                read = quote + 2
            }
            fields[index] = Field(start: start, end: write)
        }
    }

    /// Copies `bytes[source..<source + count]` to `destination <= source`, front to back, eight bytes at a
    /// time. Front to back is safe for overlapping ranges when moving left: each word is loaded before the
    /// store that might overlap it, and a store never reaches bytes not yet loaded.
    private static func _moveLeft(_ bytes: inout MutableSpan<UInt8>, from source: Int, to destination: Int, count: Int) {
        assert(destination <= source)
        guard destination != source, count > 0 else { return }
        // `unsafe` because viewing elements as raw bytes could expose padding; UInt8 has none.
        var raw = unsafe bytes.mutableBytes
        var offset = 0
        while count - offset >= 8 {
            // Both accesses are bounds-checked by RawSpan; every bit pattern is a valid UInt64.
            let word = unsafe raw.unsafeLoadUnaligned(fromByteOffset: source + offset, as: UInt64.self)
            raw.storeBytes(of: word, toByteOffset: destination + offset, as: UInt64.self)
            offset += 8
        }
        while offset < count {
            let byte = unsafe raw.unsafeLoad(fromByteOffset: source + offset, as: UInt8.self)
            raw.storeBytes(of: byte, toByteOffset: destination + offset, as: UInt8.self)
            offset += 1
        }
    }
}
