// JSONObjectScanner: splits a byte stream of JSON objects into top-level members.
//
// Design
// ======
// The scanner is the JSON counterpart of the CSV tokenizer: it never allocates per object and does no
// I/O. The reader lends it a buffer and a range; the scanner reports one top-level object at a time
// as a list of `Member`s (byte ranges into the buffer) and where the next object starts.
//
// Two input shapes, told apart by the first non-whitespace byte:
//   * a sequence of objects separated by whitespace (NDJSON, blank lines and CRLF allowed), and
//   * one top-level array of objects: `[ {...}, {...} ]`, possibly empty.
//
// Framing states (kept between calls, committed only when a call consumes input):
//
//   beforeInput ──`{`──▶ objectSequence ──`{`──▶ objectSequence …
//        │
//        └──`[`──▶ arrayOpened ──`{`…`}`──▶ arrayAfterElement ──`,`──▶ arrayAfterComma ──`{`…`}`──▶ …
//                      │                         │
//                      └──────────`]`────────────┴──`]`──▶ afterArray (whitespace only)
//
// Inside an object a small explicit state machine (`Expectation`) plus a depth counter and a bit
// stack (one bit per open container: array or object) validates strict RFC 8259 grammar. There is
// no recursion, so no input can exhaust the call stack; depth is bounded by `maxDepth`.
//
// Why it is fast
//   * One forward pass over bytes held in a `Span<UInt8>`; no String, no Character, no Foundation.
//   * Strings without escapes take a fast path: three byte compares per byte, no copy. Only the
//     (rare) strings with escapes are rewritten, in place, in a second pass over just those strings.
//   * Members are appended to a caller-owned array that is cleared with `keepingCapacity`, and the
//     scanner's own scratch (bit stack, list of escaped strings) is reused: zero allocations per
//     object in steady state.
//   * Line breaks are counted while skipping whitespace (a raw 0x0A cannot occur anywhere else in
//     valid JSON), so the reader gets line numbers without a second pass.
//
// What must not break
//   * `.needMoreData` leaves the buffer and the framing state untouched: the reader calls again for
//     the same object from its start. So unescaping happens only after the whole object is known to
//     be complete and valid, and framing changes are made on a local copy and committed on success.
//   * Every error a complete object can have is found by the validating pass, before any byte is
//     rewritten. The rewrite pass relies on that validation (see `unescapeInPlace`).
//   * No byte sequence may trap: every read is preceded by an explicit `< end` check, and `end` is
//     checked against the buffer once at the entry point (a programmer error, hence `precondition`).
//
// Deviations and choices (RFC 8259 / NDJSON)
//   * Objects of the sequence form may be separated by any JSON whitespace, or by nothing at all
//     (`{"a":1}{"b":2}` is two objects), like `jq`; NDJSON proper requires a newline.
//   * A comma after an object in the sequence form is an error; so is anything but whitespace after
//     the `]` of the array form (a second array, an object).
//   * Raw bytes inside strings are not checked for valid UTF-8 (the reader validates a value when it
//     interns it); `\u0000` is accepted and decodes to a NUL byte.
//   * A byte order mark is not skipped here; the reader strips it before the first call.
//   * Empty input (only whitespace) is `.endOfInput`, not an error; the reader decides what that means.
//   * Errors inside an escape sequence point at its backslash; errors in a literal (`tru`) at its
//     first byte; every other error at the byte at fault, or at `end` for a truncated input.

/// Scans top-level JSON objects, one per call, from a caller-owned byte buffer.
///
/// The scanner accepts NDJSON (objects separated by whitespace) and a single top-level array of
/// objects. Each call to ``scanObject(_:from:to:isFinal:members:)`` reports one object as a list of
/// ``Member`` byte ranges and the index where scanning should resume.
///
/// ```swift
/// var scanner = JSONObjectScanner()
/// var buffer = Array(#"{"service":"api","up":true}"#.utf8)
/// var members: [JSONObjectScanner.Member] = []
/// let step = try scanner.scanObject(&buffer, from: 0, to: buffer.count, isFinal: true, members: &members)
/// // step == .object(objectStart: 0, next: 27, lineBreaks: 0); members[0] spans `service` and `api`.
/// ```
///
/// The scanner is a small value: keep one per input and reuse it for every call.
struct JSONObjectScanner: Sendable {
    /// The JSON type of a member's value.
    enum ValueKind: Sendable, Hashable {
        case string, number, bool, null, object, array
    }

    /// One top-level `"key": value` pair of an object, as half-open byte ranges into the buffer.
    ///
    /// Ranges are valid after `.object` is returned and until the buffer is changed. Keys and string
    /// values are unescaped in place (quotes removed; `\n`, `\"`, `\\`, `\/`, `\b`, `\f`, `\r`, `\t`
    /// and `\uXXXX`, including surrogate pairs, become UTF-8). Numbers, `true`, `false` and `null` are
    /// their raw bytes; nested objects and arrays are their raw bytes including the brackets, not
    /// unescaped.
    /// Where the last error in an object lay: the top-level member whose key is at `key` (raw,
    /// as written; `nil` before the first key or between members), whether inside a nested
    /// container of its value, and whether in its value at all (not after it).
    struct Fault: Sendable, Hashable {
        var key: Range<Int>?
        var isNested: Bool
        var isInValue: Bool

        /// The key's name, as written (at most 64 bytes).
        func keyName(in bytes: [UInt8]) -> String? {
            key.map { String(decoding: bytes[$0].prefix(64), as: UTF8.self) }
        }

        /// What a message says it found instead of the bytes at the fault.
        func withheldText(in bytes: [UInt8]) -> String {
            switch (keyName(in: bytes), isInValue) {
            case (let key?, true): "a fault in the value of key '\(key)', which is not read (its value is not shown)"
            case (let key?, false): "other text after the value of key '\(key)' (not shown: it may be part of a value that is not read)"
            case (nil, _): "other text (not shown: it may be part of a value that is not read)"
            }
        }
    }

    /// The last error's place (see ``Fault``), for messages that must not show unread values.
    var fault: Fault?

    struct Member: Sendable, Hashable {
        /// Index of the key's first byte (after the opening quote).
        var keyStart: Int
        /// Index just past the key's last unescaped byte.
        var keyEnd: Int
        /// Index of the value's first byte (after the opening quote for strings).
        var valueStart: Int
        /// Index just past the value's last byte (unescaped, for strings).
        var valueEnd: Int
        /// The value's JSON type.
        var kind: ValueKind
    }

    /// The outcome of one call to ``scanObject(_:from:to:isFinal:members:)``.
    enum Step: Sendable, Hashable {
        /// One top-level object scanned; `next` is just past its `}` (a comma after it, in the
        /// array form, is taken by the next call); `objectStart` is the index of its `{`;
        /// `lineBreaks` counts the 0x0A bytes in `[start, next)`.
        case object(objectStart: Int, next: Int, lineBreaks: Int)
        /// Only whitespace (and the closing `]`) remained and `isFinal` is true; `lineBreaks` counts
        /// the 0x0A bytes in `[start, end)`.
        case endOfInput(lineBreaks: Int)
        /// Not complete in `buffer[start..<end]` and more input may follow. The buffer and the
        /// scanner's state are unchanged: call again from the same `start` with more bytes.
        case needMoreData
    }

    /// Where the scanner is in the top-level framing, between objects.
    /// Whether the scanner has seen the first object or the array's `[`, and so knows the form.
    var knowsForm: Bool { framing != .beforeInput }
    /// Whether the input is the sequence (NDJSON) form, as far as it has been scanned.
    var isObjectSequence: Bool { framing == .objectSequence }

    enum Framing: Sendable {
        /// Nothing but whitespace seen yet.
        case beforeInput
        /// The sequence (NDJSON) form: after an object, expecting whitespace or another object.
        case objectSequence
        /// Just after the top-level `[`: expecting an object or `]`.
        case arrayOpened
        /// After a `,` in the top-level array: expecting an object.
        case arrayAfterComma
        /// After an element of the top-level array: expecting `,` or `]`.
        case arrayAfterElement
        /// After the top-level `]`: only whitespace may follow.
        case afterArray
    }

    /// What the object state machine expects next (after optional whitespace).
    enum Expectation {
        /// After `{`: a key or `}`.
        case keyOrClose
        /// After `,` in an object: a key.
        case key
        /// After a key: `:`.
        case colon
        /// After `:` or after `,` in an array: a value.
        case value
        /// After `[`: a value or `]`.
        case valueOrClose
        /// After a value: `,` or the closer of the innermost container.
        case commaOrClose
    }

    /// The deepest nesting accepted, counting the top-level object as depth 1.
    let maxDepth: Int
    /// The most top-level members one object may have.
    let maxMembers: Int

    var framing = Framing.beforeInput
    /// Bit stack of open containers: bit `d` is 1 when the container at depth `d` is an array.
    /// Grows one word at a time and keeps its capacity.
    var containerBits: [UInt64] = [0]
    /// Strings of the current object that contain escapes, as `memberIndex * 2 + (isValue ? 1 : 0)`.
    var escapedStrings: [Int] = []
    /// The buffer indices of the line feeds from the scan's start to the end of the last object
    /// returned, taken before its strings were unescaped in place (an escaped `\n` becomes a line
    /// feed that is no line break); `nil` when nothing was unescaped.
    var lineFeedsBeforeUnescaping: [Int]? { unescapedLastObject ? lineFeeds : nil }
    var unescapedLastObject = false
    var lineFeeds: [Int] = []

    /// How many bytes an error's `found` excerpt shows.
    static let excerptLength = 16

    /// Creates a scanner in its initial state.
    ///
    /// - Parameters:
    ///   - maxDepth: the deepest nesting of objects and arrays accepted, counting the top-level
    ///     object as 1. Deeper input throws `.limitExceeded`. Must be at least 1.
    ///   - maxMembers: the most top-level members (key-value pairs, duplicates included) of one
    ///     object; one more throws `.limitExceeded` at its key. Must be at least 1.
    init(maxDepth: Int = 512, maxMembers: Int = 100_000) {
        precondition(maxDepth >= 1, "maxDepth must be at least 1")
        precondition(maxMembers >= 1, "maxMembers must be at least 1")
        self.maxDepth = maxDepth
        self.maxMembers = maxMembers
    }

    /// Scans the next top-level object in `buffer[start..<end]`.
    ///
    /// On `.object`, `members` holds the object's top-level members in input order (duplicate keys
    /// included), and their keys and string values have been unescaped in place in `buffer`. On any
    /// other outcome the contents of `members` are unspecified. `members` is cleared with its
    /// capacity kept, so reusing one array allocates nothing in steady state.
    ///
    /// - Parameters:
    ///   - buffer: the bytes; only `buffer[start..<end]` is read, and only the strings of a returned
    ///     object are rewritten.
    ///   - start: where the previous call's `next` pointed (shifted, if the reader moved its bytes).
    ///   - end: the end of the valid bytes; `start <= end <= buffer.count`.
    ///   - isFinal: true when no bytes follow `end`; a truncated object then throws instead of
    ///     returning `.needMoreData`.
    ///   - members: receives the object's members.
    /// - Returns: the step taken; see ``Step``.
    /// - Throws: `ScanError` with kind `.invalidJSON` for input that is not strict JSON in one of
    ///   the accepted shapes, or `.limitExceeded` for nesting deeper than `maxDepth`. The error's
    ///   `index` is the byte at fault (or `end` when the input ends too early).
    /// - Complexity: O(*n*) in the bytes of the object and the whitespace before it.
    mutating func scanObject(
        _ buffer: inout [UInt8], from start: Int, to end: Int, isFinal: Bool,
        members: inout [Member]
    ) throws(ScanError) -> Step {
        precondition(0 <= start && start <= end && end <= buffer.count, "scan range outside the buffer")
        members.removeAll(keepingCapacity: true)
        escapedStrings.removeAll(keepingCapacity: true)
        fault = nil
        var framing = self.framing
        let step = try scanFramed(
            buffer.span, from: start, to: end, isFinal: isFinal, framing: &framing, members: &members)
        switch step {
        case .needMoreData:
            return step
        case .endOfInput:
            break
        case .object(_, let next, let lineBreaks):
            unescapedLastObject = !escapedStrings.isEmpty
            if unescapedLastObject {
                lineFeeds.removeAll(keepingCapacity: true)
                if lineBreaks > 0 {
                    for i in start..<next where buffer[i] == ASCII.newline { lineFeeds.append(i) }
                }
                unescapeMembers(&buffer, &members)
            }
        }
        self.framing = framing
        return step
    }
}
