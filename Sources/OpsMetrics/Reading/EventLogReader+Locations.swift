// Errors and locations: file:line:column, byte offset and record of a place in the buffer.

extension EventLogReader {
    func parseError(_ error: ScanError) -> ParseError {
        var found = error.found
        if error.kind == .unterminatedQuote {
            found += " (is the file truncated, or a quote never closed?)"
        } else if error.isAtEndOfInput {
            found = "the end of the input (is the file truncated?)"
        }
        return ParseError(kind: error.kind, location: location(at: error.index), field: error.field,
                          expected: error.expected, found: found)
    }

    /// The location of `buffer[index]`, counting line breaks from the current record's start.
    func location(at index: Int) -> SourceLocation {
        var line = self.line
        var lineStart = currentLineStart
        let clamped = min(max(index, start), buffer.count)
        if let feeds = recordLineFeeds {
            for i in feeds where i >= start && i < clamped {
                line += 1
                lineStart = consumed + i + 1
            }
        } else {
            var i = start
            while i < clamped {
                if buffer[i] == ASCII.newline {
                    line += 1
                    lineStart = consumed + i + 1
                }
                i += 1
            }
        }
        let offset = consumed + clamped
        return SourceLocation(path: name, line: lineBase + line, column: offset - lineStart + 1, byteOffset: offset, record: recordBase + record)
    }
}
