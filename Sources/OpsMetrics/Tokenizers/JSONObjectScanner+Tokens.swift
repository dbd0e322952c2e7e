// Strings, numbers and literals.

extension JSONObjectScanner {
    /// Validates a string whose opening quote is just before `start`.
    ///
    /// - Returns: the index of the closing quote, or nil when the buffer ends first.
    /// - Throws: for a control byte, an unknown escape, a malformed `\u` or an unpaired surrogate.
    static func scanString(
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
    static func hexQuad(_ bytes: Span<UInt8>, escapeAt escape: Int, end: Int) throws(ScanError) -> UInt32? {
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

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case ASCII.zero...ASCII.nine: UInt32(byte &- ASCII.zero)
        case JSONByte.lowerA...JSONByte.lowerF: UInt32(byte &- JSONByte.lowerA &+ 10)
        case ASCII.upperA...JSONByte.upperF: UInt32(byte &- ASCII.upperA &+ 10)
        default: nil
        }
    }

    static func loneSurrogate(at pos: Int, _ bytes: Span<UInt8>, end: Int) -> ScanError {
        error(at: pos, expected: #"a surrogate pair (\uD800-\uDBFF then \uDC00-\uDFFF)"#, bytes, end: end)
    }

    /// Validates a number starting at `start` (a `-` or a digit) against the RFC 8259 grammar
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    ///
    /// - Returns: the index just past the number, or nil when the buffer ends before a byte that
    ///   cannot continue it (a number is never last in a complete object).
    static func scanNumber(_ bytes: Span<UInt8>, from start: Int, to end: Int) throws(ScanError) -> Int? {
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

    static func skipDigits(_ bytes: Span<UInt8>, from pos: Int, to end: Int) -> Int {
        var pos = pos
        while pos < end && ASCII.isDigit(bytes[pos]) { pos += 1 }
        return pos
    }

    /// The three JSON literals.
    enum Literal {
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
    static func scanLiteral(
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
}
