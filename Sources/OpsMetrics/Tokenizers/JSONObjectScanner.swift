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
    private(set) var fault: Fault?

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

    private enum Framing: Sendable {
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
    private enum Expectation {
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

    private var framing = Framing.beforeInput
    /// Bit stack of open containers: bit `d` is 1 when the container at depth `d` is an array.
    /// Grows one word at a time and keeps its capacity.
    private var containerBits: [UInt64] = [0]
    /// Strings of the current object that contain escapes, as `memberIndex * 2 + (isValue ? 1 : 0)`.
    private var escapedStrings: [Int] = []
    /// The buffer indices of the line feeds from the scan's start to the end of the last object
    /// returned, taken before its strings were unescaped in place (an escaped `\n` becomes a line
    /// feed that is no line break); `nil` when nothing was unescaped.
    var lineFeedsBeforeUnescaping: [Int]? { unescapedLastObject ? lineFeeds : nil }
    private var unescapedLastObject = false
    private var lineFeeds: [Int] = []

    /// How many bytes an error's `found` excerpt shows.
    private static let excerptLength = 16

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

    // MARK: - Framing

    /// Skips the framing around the next object, scans it and, in the array form, the comma after it.
    private mutating func scanFramed(
        _ bytes: Span<UInt8>, from start: Int, to end: Int, isFinal: Bool,
        framing: inout Framing, members: inout [Member]
    ) throws(ScanError) -> Step {
        var pos = start
        var lineBreaks = 0
        while true {
            pos = Self.skipWhitespace(bytes, from: pos, to: end, lineBreaks: &lineBreaks)
            guard pos < end else {
                if !isFinal { return .needMoreData }
                switch framing {
                case .beforeInput, .objectSequence, .afterArray:
                    return .endOfInput(lineBreaks: lineBreaks)
                case .arrayOpened:
                    throw Self.endOfInputError(at: end, expected: "a JSON object or ']'")
                case .arrayAfterComma:
                    throw Self.endOfInputError(at: end, expected: "a JSON object")
                case .arrayAfterElement:
                    throw Self.endOfInputError(at: end, expected: "',' or ']'")
                }
            }
            let byte = bytes[pos]
            switch framing {
            case .beforeInput:
                if byte == ASCII.leftBracket {
                    framing = .arrayOpened
                    pos += 1
                    continue
                }
                guard byte == ASCII.leftBrace else {
                    throw Self.error(at: pos, expected: "a JSON object", bytes, end: end)
                }
                framing = .objectSequence
            case .objectSequence, .arrayAfterComma:
                guard byte == ASCII.leftBrace else {
                    throw Self.error(at: pos, expected: "a JSON object", bytes, end: end)
                }
            case .arrayOpened:
                if byte == ASCII.rightBracket {
                    framing = .afterArray
                    pos += 1
                    continue
                }
                guard byte == ASCII.leftBrace else {
                    throw Self.error(at: pos, expected: "a JSON object or ']'", bytes, end: end)
                }
            case .arrayAfterElement:
                if byte == ASCII.comma {
                    framing = .arrayAfterComma
                } else if byte == ASCII.rightBracket {
                    framing = .afterArray
                } else {
                    throw Self.error(at: pos, expected: "',' or ']'", bytes, end: end)
                }
                pos += 1
                continue
            case .afterArray:
                throw Self.error(
                    at: pos, expected: "only whitespace after the top-level array", bytes, end: end)
            }

            // bytes[pos] is the `{` of the next object.
            guard
                let close = try scanObjectBody(
                    bytes, open: pos, end: end, isFinal: isFinal, lineBreaks: &lineBreaks, members: &members)
            else { return .needMoreData }
            // Array form: the comma after the element is left for the next call, even when it is
            // already in the buffer, so that where an object ends never depends on how the input
            // was chunked (the reader's record limit counts from there).
            if framing != .objectSequence { framing = .arrayAfterElement }
            let next = close
            return .object(objectStart: pos, next: next, lineBreaks: lineBreaks)
        }
    }

    /// Returns the index of the first non-whitespace byte at or after `pos` (or `end`), counting 0x0A.
    private static func skipWhitespace(
        _ bytes: Span<UInt8>, from pos: Int, to end: Int, lineBreaks: inout Int
    ) -> Int {
        var pos = pos
        while pos < end {
            let byte = bytes[pos]
            if byte > ASCII.space { break }  // the common case: one compare
            if byte == ASCII.newline {
                lineBreaks += 1
            } else if byte != ASCII.space && byte != ASCII.tab && byte != ASCII.carriageReturn {
                break
            }
            pos += 1
        }
        return pos
    }

    // MARK: - Object grammar

    /// Validates the object whose `{` is at `open` and records its top-level members.
    ///
    /// - Returns: the index just past the closing `}`, or nil when the buffer ends first and
    ///   `isFinal` is false.
    private mutating func scanObjectBody(
        _ bytes: Span<UInt8>, open: Int, end: Int, isFinal: Bool,
        lineBreaks: inout Int, members: inout [Member]
    ) throws(ScanError) -> Int? {
        var pos = open + 1
        var depth = 1  // the top-level object; bit 1 of containerBits is 0 (object)
        containerBits[0] = 0
        var expect = Expectation.keyOrClose
        // The member being built (meaningful at depth 1 only).
        var keyStart = 0
        var keyEnd = 0
        var keyHasEscapes = false
        var containerStart = 0
        var containerKind = ValueKind.object

        do throws(ScanError) {
            while true {
                pos = Self.skipWhitespace(bytes, from: pos, to: end, lineBreaks: &lineBreaks)
                guard pos < end else {
                    return try truncated(expect, depth: depth, end: end, isFinal: isFinal)
                }
                let byte = bytes[pos]
                switch expect {
                case .keyOrClose, .key:
                    if byte == ASCII.quote {
                        var hasEscapes = false
                        guard let quote = try Self.scanString(bytes, from: pos + 1, to: end, hasEscapes: &hasEscapes)
                        else { return try Self.truncatedString(end: end, isFinal: isFinal) }
                        if depth == 1 {
                            keyStart = pos + 1
                            keyEnd = quote
                            keyHasEscapes = hasEscapes
                        }
                        pos = quote + 1
                        expect = .colon
                    } else if byte == ASCII.rightBrace && expect == .keyOrClose {
                        pos += 1
                        depth -= 1
                        if depth == 0 { return pos }
                        if depth == 1 {
                            try appendMember(
                                &members, keyStart, keyEnd, keyHasEscapes, containerStart, pos, false, containerKind)
                        }
                        expect = .commaOrClose
                    } else {
                        let words = expect == .keyOrClose ? "a string key or '}'" : "a string key"
                        throw Self.error(at: pos, expected: words, bytes, end: end)
                    }

                case .colon:
                    guard byte == ASCII.colon else {
                        throw Self.error(at: pos, expected: "':'", bytes, end: end)
                    }
                    pos += 1
                    expect = .value

                case .value, .valueOrClose:
                    switch byte {
                    case ASCII.quote:
                        var hasEscapes = false
                        guard let quote = try Self.scanString(bytes, from: pos + 1, to: end, hasEscapes: &hasEscapes)
                        else { return try Self.truncatedString(end: end, isFinal: isFinal) }
                        if depth == 1 {
                            try appendMember(&members, keyStart, keyEnd, keyHasEscapes, pos + 1, quote, hasEscapes, .string)
                        }
                        pos = quote + 1
                    case ASCII.minus, ASCII.zero...ASCII.nine:
                        guard let numberEnd = try Self.scanNumber(bytes, from: pos, to: end) else {
                            return try truncated(.commaOrClose, depth: depth, end: end, isFinal: isFinal)
                        }
                        if depth == 1 {
                            try appendMember(&members, keyStart, keyEnd, keyHasEscapes, pos, numberEnd, false, .number)
                        }
                        pos = numberEnd
                    case JSONByte.lowerT, JSONByte.lowerF, JSONByte.lowerN:
                        let literal: Literal =
                            byte == JSONByte.lowerT ? .trueWord : byte == JSONByte.lowerF ? .falseWord : .nullWord
                        guard let literalEnd = try Self.scanLiteral(literal, bytes, from: pos, to: end, isFinal: isFinal)
                        else { return nil }
                        if depth == 1 {
                            let kind: ValueKind = literal == .nullWord ? .null : .bool
                            try appendMember(&members, keyStart, keyEnd, keyHasEscapes, pos, literalEnd, false, kind)
                        }
                        pos = literalEnd
                    case ASCII.leftBrace, ASCII.leftBracket:
                        let isArray = byte == ASCII.leftBracket
                        guard depth < maxDepth else {
                            throw Self.error(
                                .limitExceeded, at: pos, expected: "at most \(maxDepth) levels of nesting (--max-json-depth)", bytes,
                                end: end)
                        }
                        depth += 1
                        pushContainer(depth: depth, isArray: isArray)
                        if depth == 2 {
                            containerStart = pos
                            containerKind = isArray ? .array : .object
                        }
                        pos += 1
                        expect = isArray ? .valueOrClose : .keyOrClose
                        continue
                    case ASCII.rightBracket where expect == .valueOrClose:
                        // `[]`: depth >= 2 here, since the top-level container is an object.
                        pos += 1
                        depth -= 1
                        if depth == 1 {
                            try appendMember(
                                &members, keyStart, keyEnd, keyHasEscapes, containerStart, pos, false, containerKind)
                        }
                    default:
                        let words = expect == .valueOrClose ? "a JSON value or ']'" : "a JSON value"
                        throw Self.error(at: pos, expected: words, bytes, end: end)
                    }
                    expect = .commaOrClose

                case .commaOrClose:
                    let inArray = isArrayContainer(depth: depth)
                    if byte == ASCII.comma {
                        pos += 1
                        expect = inArray ? .value : .key
                    } else if byte == (inArray ? ASCII.rightBracket : ASCII.rightBrace) {
                        pos += 1
                        depth -= 1
                        if depth == 0 { return pos }
                        if depth == 1 {
                            try appendMember(
                                &members, keyStart, keyEnd, keyHasEscapes, containerStart, pos, false, containerKind)
                        }
                    } else {
                        let words = inArray ? "',' or ']'" : "',' or '}'"
                        throw Self.error(at: pos, expected: words, bytes, end: end)
                    }
                }
            }
        } catch {
            // Where the fault lies, for the reader to withhold a value that is not read.
            let hasKey = depth > 1 || expect == .colon || expect == .value || expect == .commaOrClose
            fault = Fault(key: hasKey ? keyStart..<keyEnd : nil, isNested: depth > 1, isInValue: depth > 1 || expect == .value)
            throw error
        }
    }

    /// Records a top-level member, noting which of its strings need unescaping.
    ///
    /// - Throws: `.limitExceeded` at the key's opening quote when the object already has `maxMembers`.
    private mutating func appendMember(
        _ members: inout [Member], _ keyStart: Int, _ keyEnd: Int, _ keyHasEscapes: Bool,
        _ valueStart: Int, _ valueEnd: Int, _ valueHasEscapes: Bool, _ kind: ValueKind
    ) throws(ScanError) {
        let index = members.count
        guard index < maxMembers else {
            throw ScanError(kind: .limitExceeded, index: keyStart - 1,
                            expected: "at most \(maxMembers) keys in one object (--max-columns)", found: "more")
        }
        if keyHasEscapes { escapedStrings.append(index &* 2) }
        if valueHasEscapes { escapedStrings.append(index &* 2 &+ 1) }
        members.append(
            Member(keyStart: keyStart, keyEnd: keyEnd, valueStart: valueStart, valueEnd: valueEnd, kind: kind))
    }

    /// Marks the container at `depth` (already checked against `maxDepth`) as an array or an object.
    private mutating func pushContainer(depth: Int, isArray: Bool) {
        let word = depth >> 6
        if word == containerBits.count { containerBits.append(0) }  // depth grows by one at a time
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if isArray {
            containerBits[word] |= bit
        } else {
            containerBits[word] &= ~bit
        }
    }

    private func isArrayContainer(depth: Int) -> Bool {
        (containerBits[depth >> 6] >> UInt64(depth & 63)) & 1 == 1
    }

    /// The outcome when the buffer ends inside an object: nil (need more data) or, for final input,
    /// an error saying what was expected.
    private func truncated(_ expect: Expectation, depth: Int, end: Int, isFinal: Bool) throws(ScanError) -> Int? {
        guard isFinal else { return nil }
        let words: String
        switch expect {
        case .keyOrClose: words = "a string key or '}'"
        case .key: words = "a string key"
        case .colon: words = "':'"
        case .value: words = "a JSON value"
        case .valueOrClose: words = "a JSON value or ']'"
        case .commaOrClose: words = isArrayContainer(depth: depth) ? "',' or ']'" : "',' or '}'"
        }
        throw Self.endOfInputError(at: end, expected: words)
    }

    private static func truncatedString(end: Int, isFinal: Bool) throws(ScanError) -> Int? {
        guard isFinal else { return nil }
        throw endOfInputError(at: end, expected: "'\"' to close the string")
    }

    // MARK: - Tokens

    /// Validates a string whose opening quote is just before `start`.
    ///
    /// - Returns: the index of the closing quote, or nil when the buffer ends first.
    /// - Throws: for a control byte, an unknown escape, a malformed `\u` or an unpaired surrogate.
    private static func scanString(
        _ bytes: Span<UInt8>, from start: Int, to end: Int, hasEscapes: inout Bool
    ) throws(ScanError) -> Int? {
        var pos = start
        while pos < end {
            let byte = bytes[pos]
            if byte == ASCII.quote { return pos }
            if byte == ASCII.backslash {
                hasEscapes = true
                guard pos + 1 < end else { return nil }
                switch bytes[pos + 1] {
                case ASCII.quote, ASCII.backslash, ASCII.slash,
                    JSONByte.lowerB, JSONByte.lowerF, JSONByte.lowerN, JSONByte.lowerR, JSONByte.lowerT:
                    pos += 2
                case JSONByte.lowerU:
                    guard let unit = try hexQuad(bytes, escapeAt: pos, end: end) else { return nil }
                    if unit & 0xFC00 == 0xD800 {
                        // A high surrogate must be followed at once by a `\u` low surrogate.
                        let second = pos + 6
                        guard second < end else { return nil }
                        guard bytes[second] == ASCII.backslash else { throw loneSurrogate(at: pos, bytes, end: end) }
                        guard second + 1 < end else { return nil }
                        guard bytes[second + 1] == JSONByte.lowerU else {
                            throw loneSurrogate(at: pos, bytes, end: end)
                        }
                        guard let low = try hexQuad(bytes, escapeAt: second, end: end) else { return nil }
                        guard low & 0xFC00 == 0xDC00 else { throw loneSurrogate(at: pos, bytes, end: end) }
                        pos = second + 6
                    } else if unit & 0xFC00 == 0xDC00 {
                        throw loneSurrogate(at: pos, bytes, end: end)
                    } else {
                        pos += 6
                    }
                default:
                    throw error(
                        at: pos, expected: #"an escape (\" \\ \/ \b \f \n \r \t or \uXXXX)"#, bytes, end: end)
                }
                continue
            }
            if byte < ASCII.space {
                throw error(at: pos, expected: "an escaped control character", bytes, end: end)
            }
            pos += 1
        }
        return nil
    }

    /// Reads the four hex digits of the `\u` escape whose backslash is at `escape`.
    ///
    /// - Returns: the UTF-16 code unit, or nil when the buffer ends first.
    private static func hexQuad(_ bytes: Span<UInt8>, escapeAt escape: Int, end: Int) throws(ScanError) -> UInt32? {
        var unit: UInt32 = 0
        var pos = escape + 2
        while pos < escape + 6 {
            guard pos < end else { return nil }
            guard let digit = hexValue(bytes[pos]) else {
                throw error(at: escape, expected: #"four hex digits after '\u'"#, bytes, end: end)
            }
            unit = unit << 4 | digit
            pos += 1
        }
        return unit
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case ASCII.zero...ASCII.nine: UInt32(byte &- ASCII.zero)
        case JSONByte.lowerA...JSONByte.lowerF: UInt32(byte &- JSONByte.lowerA &+ 10)
        case ASCII.upperA...JSONByte.upperF: UInt32(byte &- ASCII.upperA &+ 10)
        default: nil
        }
    }

    private static func loneSurrogate(at pos: Int, _ bytes: Span<UInt8>, end: Int) -> ScanError {
        error(at: pos, expected: #"a surrogate pair (\uD800-\uDBFF then \uDC00-\uDFFF)"#, bytes, end: end)
    }

    /// Validates a number starting at `start` (a `-` or a digit) against the RFC 8259 grammar
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    ///
    /// - Returns: the index just past the number, or nil when the buffer ends before a byte that
    ///   cannot continue it (a number is never last in a complete object).
    private static func scanNumber(_ bytes: Span<UInt8>, from start: Int, to end: Int) throws(ScanError) -> Int? {
        var pos = start
        if bytes[pos] == ASCII.minus {
            pos += 1
            guard pos < end else { return nil }
        }
        let first = bytes[pos]
        if first == ASCII.zero {
            pos += 1
        } else if ASCII.isDigit(first) {
            pos = skipDigits(bytes, from: pos + 1, to: end)
        } else {
            throw error(at: pos, expected: "a digit", bytes, end: end)
        }
        guard pos < end else { return nil }
        if bytes[pos] == ASCII.period {
            pos += 1
            guard pos < end else { return nil }
            guard ASCII.isDigit(bytes[pos]) else {
                throw error(at: pos, expected: "a digit after '.'", bytes, end: end)
            }
            pos = skipDigits(bytes, from: pos + 1, to: end)
            guard pos < end else { return nil }
        }
        if ASCII.lowercased(bytes[pos]) == JSONByte.lowerE {
            pos += 1
            guard pos < end else { return nil }
            if bytes[pos] == ASCII.plus || bytes[pos] == ASCII.minus {
                pos += 1
                guard pos < end else { return nil }
            }
            guard ASCII.isDigit(bytes[pos]) else {
                throw error(at: pos, expected: "a digit in the exponent", bytes, end: end)
            }
            pos = skipDigits(bytes, from: pos + 1, to: end)
            guard pos < end else { return nil }
        }
        return pos
    }

    private static func skipDigits(_ bytes: Span<UInt8>, from pos: Int, to end: Int) -> Int {
        var pos = pos
        while pos < end && ASCII.isDigit(bytes[pos]) { pos += 1 }
        return pos
    }

    /// The three JSON literals.
    private enum Literal {
        case trueWord, falseWord, nullWord

        var count: Int {
            switch self {
            case .trueWord, .nullWord: 4
            case .falseWord: 5
            }
        }

        func byte(at offset: Int) -> UInt8 {
            switch (self, offset) {
            case (.trueWord, 0): JSONByte.lowerT
            case (.trueWord, 1): JSONByte.lowerR
            case (.trueWord, 2): JSONByte.lowerU
            case (.trueWord, _): JSONByte.lowerE
            case (.falseWord, 0): JSONByte.lowerF
            case (.falseWord, 1): ASCII.lowerA
            case (.falseWord, 2): JSONByte.lowerL
            case (.falseWord, 3): JSONByte.lowerS
            case (.falseWord, _): JSONByte.lowerE
            case (.nullWord, 0): JSONByte.lowerN
            case (.nullWord, 1): JSONByte.lowerU
            case (.nullWord, _): JSONByte.lowerL
            }
        }
    }

    /// Matches `literal` at `start`.
    ///
    /// - Returns: the index just past it, or nil when the buffer ends inside it and more may follow.
    private static func scanLiteral(
        _ literal: Literal, _ bytes: Span<UInt8>, from start: Int, to end: Int, isFinal: Bool
    ) throws(ScanError) -> Int? {
        for offset in 0..<literal.count {
            let pos = start + offset
            guard pos < end else {
                guard isFinal else { return nil }
                throw error(at: start, expected: "a JSON value", bytes, end: end)
            }
            guard bytes[pos] == literal.byte(at: offset) else {
                throw error(at: start, expected: "a JSON value", bytes, end: end)
            }
        }
        return start + literal.count
    }

    // MARK: - Unescaping

    /// Rewrites the escaped keys and string values of the just-scanned object in place and moves
    /// their end indices.
    private func unescapeMembers(_ buffer: inout [UInt8], _ members: inout [Member]) {
        for entry in escapedStrings {
            let index = entry >> 1
            if entry & 1 == 0 {
                members[index].keyEnd = Self.unescapeInPlace(
                    &buffer, from: members[index].keyStart, to: members[index].keyEnd)
            } else {
                members[index].valueEnd = Self.unescapeInPlace(
                    &buffer, from: members[index].valueStart, to: members[index].valueEnd)
            }
        }
    }

    /// Decodes the escapes of the string content `buffer[start..<end]`, writing UTF-8 from `start`.
    ///
    /// The content was validated by `scanString`, so every escape is complete and well formed and
    /// surrogates are paired. The output is never longer than the input (`\uXXXX`, 6 bytes, becomes
    /// at most 3; a 12-byte surrogate pair becomes 4), so writing never overtakes reading.
    ///
    /// - Returns: the new end of the content.
    private static func unescapeInPlace(_ buffer: inout [UInt8], from start: Int, to end: Int) -> Int {
        var out = buffer.mutableSpan
        var read = start
        // Bytes before the first escape are already in place.
        while read < end && out[read] != ASCII.backslash { read += 1 }
        var write = read
        while read < end {
            let byte = out[read]
            guard byte == ASCII.backslash, read + 1 < end else {
                out[write] = byte
                write += 1
                read += 1
                continue
            }
            let escaped = out[read + 1]
            read += 2
            switch escaped {
            case JSONByte.lowerB: out[write] = 0x08
            case JSONByte.lowerF: out[write] = 0x0C
            case JSONByte.lowerN: out[write] = ASCII.newline
            case JSONByte.lowerR: out[write] = ASCII.carriageReturn
            case JSONByte.lowerT: out[write] = ASCII.tab
            case JSONByte.lowerU:
                var scalar = hexQuadValue(out, at: read, end: end)
                read += 4
                if scalar & 0xFC00 == 0xD800 && read + 6 <= end {
                    let low = hexQuadValue(out, at: read + 2, end: end)
                    scalar = 0x10000 + ((scalar & 0x3FF) << 10 | (low & 0x3FF))
                    read += 6
                }
                write = encodeUTF8(scalar, into: &out, at: write)
                continue
            default: out[write] = escaped  // `"`, `\` and `/` stand for themselves
            }
            write += 1
        }
        return write
    }

    /// The value of four hex digits already validated by `scanString` (0 for any byte past `end`).
    private static func hexQuadValue(_ bytes: borrowing MutableSpan<UInt8>, at start: Int, end: Int) -> UInt32 {
        var unit: UInt32 = 0
        var pos = start
        while pos < start + 4 && pos < end {
            unit = unit << 4 | (hexValue(bytes[pos]) ?? 0)
            pos += 1
        }
        return unit
    }

    /// Writes `scalar` as UTF-8 at `write`, which is at least 6 bytes behind the read position.
    ///
    /// - Returns: the index just past the written bytes.
    private static func encodeUTF8(_ scalar: UInt32, into out: inout MutableSpan<UInt8>, at write: Int) -> Int {
        switch scalar {
        case ..<0x80:
            out[write] = UInt8(truncatingIfNeeded: scalar)
            return write + 1
        case ..<0x800:
            out[write] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
            out[write + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return write + 2
        case ..<0x10000:
            out[write] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
            out[write + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            out[write + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return write + 3
        default:
            out[write] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
            out[write + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
            out[write + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            out[write + 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return write + 4
        }
    }

    // MARK: - Errors

    private static func error(
        _ kind: ParseError.Kind = .invalidJSON, at index: Int, expected: String, _ bytes: Span<UInt8>, end: Int
    ) -> ScanError {
        guard index < end else { return endOfInputError(at: index, expected: expected) }
        var excerpt: [UInt8] = []
        var pos = index
        while pos < end && excerpt.count <= excerptLength {
            excerpt.append(bytes[pos])
            pos += 1
        }
        return ScanError(
            kind: kind, index: index, expected: expected,
            found: ParseError.excerpt(excerpt, limit: excerptLength))
    }

    private static func endOfInputError(at index: Int, expected: String) -> ScanError {
        ScanError(kind: .invalidJSON, index: index, expected: expected, found: "end of input", isAtEndOfInput: true)
    }
}

/// The letters the JSON grammar needs beyond `ASCII`'s constants: escapes, literals, hex digits.
private enum JSONByte {
    static let lowerA: UInt8 = 0x61
    static let lowerB: UInt8 = 0x62
    static let lowerE: UInt8 = 0x65
    static let lowerF: UInt8 = 0x66
    static let lowerL: UInt8 = 0x6C
    static let lowerN: UInt8 = 0x6E
    static let lowerR: UInt8 = 0x72
    static let lowerS: UInt8 = 0x73
    static let lowerT: UInt8 = 0x74
    static let lowerU: UInt8 = 0x75
    static let upperF: UInt8 = 0x46
}
