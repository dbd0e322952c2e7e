// Scan errors at the byte at fault.

extension JSONObjectScanner {
    static func error(
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

    static func endOfInputError(at index: Int, expected: String) -> ScanError {
        ScanError(kind: .invalidJSON, index: index, expected: expected, found: "end of input", isAtEndOfInput: true)
    }
}
