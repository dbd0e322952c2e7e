// Splitting the buffer into records: the CSV tokenizer or the JSON object scanner, line and
// record counting, limits, and the buffer's compaction.

extension EventLogReader {
    mutating func process(isFinal: Bool) throws(ParseError) {
        if !checkedByteOrderMark {
            if buffer.count - start < 3 && !isFinal { return }
            checkedByteOrderMark = true
            if buffer.count - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF {
                start += 3
                lineStart = consumed + start
            } else if buffer.count - start >= 2,
                      (buffer[start], buffer[start + 1]) == (0xFF, 0xFE) || (buffer[start], buffer[start + 1]) == (0xFE, 0xFF) {
                throw ParseError(kind: .invalidUTF8, location: location(at: start), expected: "UTF-8 text",
                                 found: "a UTF-16 byte order mark (save or convert the file as UTF-8)")
            }
        }
        defer { compact() }
        memo = FoldMemo()
        if format.isJSON {
            try processJSON(isFinal: isFinal)
        } else {
            try processCSV(isFinal: isFinal)
        }
    }

    mutating func processCSV(isFinal: Bool) throws(ParseError) {
        while start < buffer.count {
            if consumed + start >= stopOffset {
                stop = Stop(isAligned: consumed + start == stopOffset, line: line, record: record)
                return
            }
            let end = scanEnd
            let step: CSVTokenizer.Step
            do {
                step = try csv.scanRecord(&buffer, from: start, to: end, isFinal: isFinal && end == buffer.count, fields: &fields)
            } catch {
                if try recover(from: withheldUnreadValue(error), isFinal: isFinal) { continue } else { return }
            }
            switch step {
            case .needMoreData:
                if end < buffer.count { throw recordTooLong() }
                waitForMore()
                return
            case .record(let next, let lineBreaks):
                recordLineFeeds = csv.lineFeedsBeforeUnescaping
                if !fields.isEmpty {  // a blank line has no fields
                    if headerWidth == nil {
                        try readHeader()
                    } else {
                        // The last line without a line break: the file may have been cut off there.
                        let isCutOff = next == buffer.count && isFinal
                            && buffer[next - 1] != ASCII.newline && buffer[next - 1] != ASCII.carriageReturn
                        try foldCSVRow(isCutOff: isCutOff)
                    }
                }
                advance(to: next, lineBreaks: lineBreaks)
            }
        }
    }

    mutating func processJSON(isFinal: Bool) throws(ParseError) {
        while true {
            if stopOffset != .max {
                // Stop before scanning: a scan may unescape the object's strings in place.
                var first = start
                while first < buffer.count && ASCII.isJSONSpace(buffer[first]) { first += 1 }
                if first < buffer.count && consumed + first >= stopOffset {
                    // Only blank space lies between `start` and the next object (arrays are not split).
                    let aligned = consumed + start <= stopOffset
                    let skipped = aligned ? buffer[start..<(stopOffset - consumed)].count(where: { $0 == ASCII.newline }) : 0
                    stop = Stop(isAligned: aligned, line: line + skipped, record: record)
                    return
                }
            }
            let end = scanEnd
            let step: JSONObjectScanner.Step
            do {
                step = try json.scanObject(&buffer, from: start, to: end, isFinal: isFinal && end == buffer.count, members: &members)
            } catch {
                throw parseError(withheldUnreadJSONValue(error))
            }
            switch step {
            case .needMoreData:
                if end < buffer.count { throw recordTooLong() }
                waitForMore()
                return
            case .endOfInput(let lineBreaks):
                advance(to: buffer.count, lineBreaks: lineBreaks)
                return
            case .object(let objectStart, let next, let lineBreaks):
                recordLineFeeds = json.lineFeedsBeforeUnescaping
                try foldJSONRow(objectStart: objectStart)
                advance(to: next, lineBreaks: lineBreaks)
            }
        }
    }

    /// The end of what the scanners may look at for the record at `start`: the buffer's end, or
    /// `maxRecordBytes + 1` bytes from `start`. Never seeing past the limit, a scanner finds a record
    /// over it (`.needMoreData` although the buffer goes on) the same way however the input was
    /// pushed, and no error beyond it can pre-empt the limit's.
    var scanEnd: Int {
        buffer.count - start > maxRecordBytes ? start + maxRecordBytes + 1 : buffer.count
    }

    /// The record at `start` is longer than `maxRecordBytes`; located at its first non-blank byte
    /// (looking no further than the scanners did, so the location does not depend on the pushes).
    func recordTooLong() -> ParseError {
        var first = start
        while first < scanEnd - 1,
              buffer[first] == ASCII.space || buffer[first] == ASCII.tab || buffer[first] == ASCII.newline
                || buffer[first] == ASCII.carriageReturn {
            first += 1
        }
        if let nul = buffer[first..<scanEnd].firstIndex(of: 0) {
            // NUL bytes, not a long record, are what is wrong (a sparse file, UTF-16 without its mark).
            return ParseError(kind: .nulByte, location: location(at: nul),
                              expected: "a record of at most \(maxRecordBytes) bytes (--max-record-bytes) in UTF-8 text without NUL bytes (is this UTF-16 or a sparse file?)",
                              found: "a longer one holding NUL bytes")
        }
        return ParseError(kind: .limitExceeded, location: location(at: first),
                          expected: "a record of at most \(maxRecordBytes) bytes (--max-record-bytes)", found: "a longer one")
    }

    /// The record at `start` is incomplete: scan again once the tail has doubled (so a long record is
    /// not rescanned once per small push), but no later than when it passes the record limit (so
    /// at most about `maxRecordBytes` plus one push are buffered).
    mutating func waitForMore() {
        let pending = buffer.count - start
        rescanAt = min(max(pending * 2, 1 << 16), maxRecordBytes == Int.max ? Int.max : maxRecordBytes + 1)
    }

    /// In lenient mode, skips a CSV record the tokenizer cannot read: counts it and resumes after
    /// the next line break. Returns false when more input is needed to find that line break.
    mutating func recover(from error: ScanError, isFinal: Bool) throws(ParseError) -> Bool {
        let failure = parseError(error)
        guard skipInvalidRows, headerWidth != nil, !error.stopsReading else { throw failure }
        let end = scanEnd
        var resume = buffer.count
        var lineBreaks = 0
        if let newline = buffer[min(max(error.index, start), end)..<end].firstIndex(of: ASCII.newline) {
            resume = newline + 1
        } else if end < buffer.count {
            throw recordTooLong()
        } else if !isFinal {
            waitForMore()
            return false
        }
        for i in start..<resume where buffer[i] == ASCII.newline { lineBreaks += 1 }
        record += 1
        log.accounting.rowsRead += 1
        log.accounting.skip(failure)
        advance(to: resume, lineBreaks: lineBreaks)
        return true
    }

    mutating func advance(to next: Int, lineBreaks: Int) {
        // A CSV record ended by a lone CR (old Mac OS line endings; CRLF ends in the LF, and no
        // value ends in a bare CR) ends a line too, though the tokenizer counts LF bytes only.
        let endsInLoneCR = format == .csv && next > start && buffer[next - 1] == ASCII.carriageReturn
        if endsInLoneCR {
            line += lineBreaks + 1
            lineStart = consumed + next
            lineStartBefore = nil
        } else if lineBreaks > 0 {
            line += lineBreaks
            if let last = recordLineFeeds?.last {
                lineStart = consumed + last + 1
                lineStartBefore = nil
            } else {
                lineStartBefore = next
            }
        }
        recordLineFeeds = nil
        start = next
        rescanAt = 0
    }

    /// The absolute offset at which the line at `start` begins.
    var currentLineStart: Int {
        guard let before = lineStartBefore else { return lineStart }
        var i = before - 1
        while i >= 0 && buffer[i] != ASCII.newline { i -= 1 }
        return consumed + i + 1
    }

    /// Drops consumed bytes from the front of the buffer.
    mutating func compact() {
        guard start > 0 else { return }
        if lineStartBefore != nil {
            lineStart = currentLineStart
            lineStartBefore = nil
        }
        buffer.removeSubrange(0..<start)
        consumed += start
        start = 0
    }
}
