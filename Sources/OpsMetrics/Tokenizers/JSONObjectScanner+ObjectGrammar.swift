// The grammar inside one object: members, nesting (a bit stack, no recursion) and truncation.

extension JSONObjectScanner {
    /// Validates the object whose `{` is at `open` and records its top-level members.
    ///
    /// - Returns: the index just past the closing `}`, or nil when the buffer ends first and
    ///   `isFinal` is false.
    mutating func scanObjectBody(
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
    mutating func appendMember(
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
    mutating func pushContainer(depth: Int, isArray: Bool) {
        let word = depth >> 6
        if word == containerBits.count { containerBits.append(0) }  // depth grows by one at a time
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if isArray {
            containerBits[word] |= bit
        } else {
            containerBits[word] &= ~bit
        }
    }

    func isArrayContainer(depth: Int) -> Bool {
        (containerBits[depth >> 6] >> UInt64(depth & 63)) & 1 == 1
    }

    /// The outcome when the buffer ends inside an object: nil (need more data) or, for final input,
    /// an error saying what was expected.
    func truncated(_ expect: Expectation, depth: Int, end: Int, isFinal: Bool) throws(ScanError) -> Int? {
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

    static func truncatedString(end: Int, isFinal: Bool) throws(ScanError) -> Int? {
        guard isFinal else { return nil }
        throw endOfInputError(at: end, expected: "'\"' to close the string")
    }
}
