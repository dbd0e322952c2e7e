// A row that cannot be used: thrown or counted, with excerpts of unread values withheld.

extension EventLogReader {
    /// A row could not be used: thrown in strict mode, counted and skipped in lenient mode.
    mutating func rowFailed(_ error: ScanError) throws(ParseError) {
        let failure = parseError(error)
        guard skipInvalidRows, !error.stopsReading else { throw failure }
        log.accounting.skip(failure)
    }

    /// The tokenizer's error with its excerpt withheld when it shows a column that is not read: such
    /// columns may hold personal data (descriptions, names), and lenient reports keep the message.
    func withheldUnreadValue(_ error: ScanError) -> ScanError {
        guard error.kind == .unexpectedCharacter, headerWidth != nil else { return error }
        let column = fields.count  // the field in progress; the tokenizer keeps the ones before it
        guard column >= mapping.fieldOfColumn.count || mapping.fieldOfColumn[column] == nil else { return error }
        var withheld = error
        withheld.found = "more text after the closing quote in column \(column + 1), which is not read (its value is not shown)"
        return withheld
    }

    /// The JSON scanner's error with its excerpt withheld unless the fault lies in the value of
    /// a key that is read: the bytes at any other fault may belong to a value that is not read
    /// (`description`, `caller`: free text, personal data), or to a nested payload whose keys a
    /// preset reads itself. The message still says where and what was expected, and names the key.
    func withheldUnreadJSONValue(_ error: ScanError) -> ScanError {
        guard let fault = json.fault, error.kind == .invalidJSON, !error.isAtEndOfInput else { return error }
        if let key = fault.keyName(in: buffer), fault.isInValue, !fault.isNested, expander == nil,
           mapping.field(forColumn: key) != nil { return error }
        var withheld = error
        withheld.found = fault.withheldText(in: buffer)
        return withheld
    }

    /// A value longer than `maxFieldBytes`.
    func fieldTooLong(_ range: Range<Int>, field: String?) -> ScanError {
        ScanError(kind: .limitExceeded, index: range.lowerBound,
                  expected: "a value of at most \(maxFieldBytes) bytes (--max-field-bytes)", found: "\(range.count) bytes", field: field)
    }

    /// Why `buffer[range]` is no text (`what`, e.g. "a column name"): too long, a NUL byte, or not
    /// UTF-8; `nil` if it is fine. Only called for header names and on the error path.
    func textFault(_ range: Range<Int>, what: String) -> ScanError? {
        if let nul = buffer[range].firstIndex(of: 0) {
            return ScanError(kind: .nulByte, index: nul, expected: "\(what) without NUL bytes (is this UTF-16? save or convert it as UTF-8)",
                             found: ParseError.excerpt(buffer[range]))
        }
        if range.count > maxFieldBytes { return fieldTooLong(range, field: nil) }
        let span = buffer.span.extracting(range)
        if !UTF8Validation.isValid(span) {
            return ScanError(kind: .invalidUTF8, index: range.lowerBound, expected: "\(what) in UTF-8 (save or convert the file as UTF-8)",
                             found: ParseError.excerpt(buffer[range]))
        }
        return nil
    }
}
