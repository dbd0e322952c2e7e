// A reader for one part of a file, and how parts are numbered and joined (see PartitionedFileRead).

extension EventLogReader {
    /// The offset in the input of the next byte to read.
    var readOffset: Int { consumed + buffer.count }

    /// Whether the reader has what every part needs: the CSV header, or for JSON the first object
    /// (which tells NDJSON from an array).
    var hasReadPrologue: Bool {
        format == .csv ? headerWidth != nil : json.knowsForm
    }

    /// Whether the input can be cut at line feeds: a CSV file or NDJSON (not a JSON array, not a
    /// nested payload of a preset), with its prologue read (the reader may have stopped at the
    /// first cut already: its part is then read).
    var isSplittable: Bool {
        expander == nil && hasReadPrologue && (format == .csv || json.isObjectSequence)
    }

    /// A reader for the part of the same file from `offset` (just after a line feed) up to
    /// `stopOffset`: this reader's header and key layout, nothing read or folded. Its lines count
    /// from 1 at `offset` and its records from 0 until `number(after:stop:)`.
    func part(from offset: Int, until stopOffset: Int) -> EventLogReader {
        var reader = self
        reader.log = log.emptyKeepingTables()
        reader.buffer = []
        reader.start = 0
        reader.consumed = offset
        reader.line = 1
        reader.lineStart = offset
        reader.lineStartBefore = nil
        reader.recordLineFeeds = nil
        reader.record = 0
        reader.rescanAt = 0
        reader.stopOffset = stopOffset
        reader.stop = nil
        reader.csv.reset()  // forget a record this reader was waiting to complete
        return reader
    }

    /// Goes on reading after a `stop`, up to `stopOffset`.
    mutating func resume(until stopOffset: Int) throws(ParseError) {
        self.stopOffset = stopOffset
        stop = nil
        rescanAt = 0
        try process(isFinal: false)
    }

    /// Hands over the log folded so far (a part's, to be merged), leaving an empty one.
    mutating func takeLog() -> IncidentLog {
        defer { log = IncidentLog() }
        return log
    }

    /// Numbers this part's lines and records after those of `previous`, which stopped at this
    /// part's first byte.
    mutating func number(after previous: EventLogReader, stop: Stop) {
        lineBase = previous.lineBase + stop.line - 1
        recordBase = previous.recordBase + stop.record
        log.accounting.shiftLines(in: name, by: lineBase)  // rows skipped so far were numbered from 1
    }

    /// Moves an error located before `number(after:stop:)` to the file's numbering.
    func renumber(_ error: inout ParseError) {
        error.location.line += lineBase
        error.location.record += recordBase
    }

    /// Puts `earlier` (the logs of the parts before this one) before this reader's log, in place;
    /// leaves `earlier` empty.
    mutating func placeAfter(_ earlier: inout IncidentLog) {
        let own = log
        log = earlier
        earlier = IncidentLog()
        log.merge(own)  // the last use of `own`: merged and released as it goes
    }
}
