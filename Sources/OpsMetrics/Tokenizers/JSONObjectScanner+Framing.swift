// The framing around objects: the NDJSON sequence or the array form, and the whitespace between.

extension JSONObjectScanner {
    /// Skips the framing around the next object, scans it and, in the array form, the comma after it.
    mutating func scanFramed(
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
    static func skipWhitespace(
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
}
