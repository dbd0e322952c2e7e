/// Reads one input stream (a file, a pipe, a network body) chunk by chunk and folds its rows
/// into an ``IncidentLog``.
///
/// Push bytes as they arrive with ``push(_:)``, then call ``finish()`` to get the log. The
/// reader never holds the whole input: it keeps one growable buffer with the unconsumed tail
/// (at most one incomplete record) and folds each complete row at once. A field is a range into
/// that buffer; no `String` is made per field.
///
/// ```swift
/// var reader = try EventLogReader(name: "webhook", format: .ndjson, configuration: configuration)
/// try reader.push(Array(#"{"id":"INC-1","event":"opened","timestamp":"2024-05-01T10:00:00Z"}"#.utf8))
/// try reader.push(Array("\n".utf8))
/// let log = try reader.finish()
/// ```
///
/// Errors name `path:line:column`, the field, what was expected and what was found. In strict
/// mode (the default) the first bad row throws; with `skipInvalidRows` it is counted in
/// ``IncidentLog/accounting`` under its reason and reading goes on.
public struct EventLogReader: Sendable {
    /// The input's name in messages: its path, or `-` for standard input.
    public let name: String
    /// The input's syntax.
    public let format: InputFormat

    private var log = IncidentLog()
    private var buffer: [UInt8] = []
    /// Index in `buffer` of the next record's first byte.
    private var start = 0
    /// Absolute input offset of `buffer[0]`.
    private var consumed = 0
    /// The line number at `start`, and the absolute offset at which that line begins.
    private var line = 1
    private var lineStart = 0
    /// When set, `lineStart` is out of date: the line begins after the last line feed before this
    /// buffer index. Found only when needed (a location, or before compacting), so that NDJSON does
    /// not scan each object twice.
    private var lineStartBefore: Int?
    /// The buffer indices of the line feeds of the record at `start`, when a scanner unescaped it in
    /// place (which can move line feeds or make new ones); `nil` while the buffer shows them as read.
    private var recordLineFeeds: [Int]?
    /// Data records seen so far (the CSV header is record 0).
    private var record = 0
    /// Do not scan again before the unconsumed tail reaches this many bytes (keeps huge
    /// records from being rescanned once per small push).
    private var rescanAt = 0
    private var checkedByteOrderMark = false
    private var isFinished = false
    /// When reading one part of a file (see `PartitionedFileRead`): stop before the first record
    /// that begins at or after this absolute offset, and say where in `stop`.
    var stopOffset = Int.max
    /// Where reading stopped at `stopOffset`, if it did.
    private(set) var stop: Stop?
    /// The size in bytes of the regular file being read, when known: reads ask for no more than
    /// its rest (see `readCount`).
    private var fileSize: Int?
    /// Added to `line` and `record` in locations: the lines and records of the parts before this one.
    private var lineBase = 0
    private var recordBase = 0

    /// Where a reader stopped before a record at or after its `stopOffset`.
    struct Stop: Equatable {
        /// Whether the next record begins exactly at `stopOffset` (after nothing but blank space in
        /// JSON): a reader of the part from there saw the same records. False when a record
        /// straddles `stopOffset`, as when the line break there is inside a quoted CSV value.
        var isAligned: Bool
        /// The line number and the data records read, at `stopOffset`.
        var line: Int
        var record: Int
    }

    private var csv: CSVTokenizer
    private var json: JSONObjectScanner
    private var fields: [CSVTokenizer.Field] = []
    private var members: [JSONObjectScanner.Member] = []
    private var mapping: ColumnMapping
    /// The header's column count, once the CSV header has been read.
    private var headerWidth: Int?
    private var row = RowView()
    /// The rank of the key that set each field of the current JSON row (lower wins); meaningful
    /// only for the fields `row` has (both are set together), so it needs no reset per row.
    private var rowRanks = [Int](repeating: .max, count: Field.allCases.count)
    /// JSON keys seen, and the field (raw value) and rank each feeds (-1: none).
    private var keys = ByteInterner()
    private var keyFields: [(field: Int, rank: Int)] = []
    /// The previous object's keys and their ids in `keys` (a part copies both, so they agree).
    private var recentKeys = RecentKeys()
    private let folder: RowFolder
    /// What the fold remembers between rows of `log`; a new one at every `process` call, since the
    /// log may be replaced between calls (`takeLog`, `placeAfter`, `part`).
    private var memo = FoldMemo()
    /// The preset's expander for nested payloads (REST API JSON, DevLake raw tables), if any.
    private let expander: NestedRecordExpander?
    /// The CSV column holding a nested JSON payload (a DevLake raw table's `data`), if any.
    private var payloadColumn: Int?
    private let skipInvalidRows: Bool
    private let maxRecordBytes: Int
    private let maxFieldBytes: Int

    /// Creates a reader for one input.
    ///
    /// - Parameters:
    ///   - name: The input's name in messages and reports.
    ///   - format: Its syntax (CSV or JSON/NDJSON).
    ///   - configuration: Column overrides, zone, delimiter, lenience and the as-of cutoff.
    /// - Throws: ``ConfigurationError`` when a `columnMap` key is no field name, or a status or
    ///   event map names no event.
    public init(name: String, format: InputFormat, configuration: ReportConfiguration) throws(ConfigurationError) {
        self.name = name
        self.format = format
        let isTSV = InputFormat.isTabSeparated(name)
        self.csv = CSVTokenizer(delimiter: configuration.delimiter ?? configuration.preset?.delimiter ?? (isTSV ? ASCII.tab : ASCII.comma),
                                maxFields: max(1, configuration.maxColumns))
        self.json = JSONObjectScanner(maxDepth: max(1, configuration.maxJSONDepth), maxMembers: max(1, configuration.maxColumns))
        self.mapping = try ColumnMapping(configuration: configuration)
        let folder = try RowFolder(configuration: configuration)
        self.folder = folder
        self.expander = configuration.preset?.expander.map { NestedRecordExpander(kind: $0, statusMap: folder.statusMap) }
        self.skipInvalidRows = configuration.skipInvalidRows
        self.maxRecordBytes = max(1, configuration.maxRecordBytes)
        self.maxFieldBytes = max(1, configuration.maxFieldBytes)
        self.log.inputs = [name]
        if configuration.keepsStatusTimes { self.log.statusTimes = StatusTimes() }
        if configuration.keepsStatusHistory { self.log.statusHistory = StatusHistory() }
    }

    /// Appends bytes and folds every row they complete.
    ///
    /// - Throws: ``ParseError`` for the first bad row (strict mode) or a malformed structure.
    /// - Complexity: O(bytes pushed), amortized.
    public mutating func push(_ bytes: some Collection<UInt8>) throws(ParseError) {
        precondition(!isFinished, "push(_:) after finish()")
        buffer.append(contentsOf: bytes)
        if buffer.count - start >= rescanAt { try process(isFinal: false) }
    }

    /// Folds the last row (which may lack a final newline) and returns the log.
    ///
    /// - Throws: ``ParseError`` for a bad last row, an unterminated quote, a truncated JSON
    ///   value, or a CSV input with no header.
    public mutating func finish() throws(ParseError) -> IncidentLog {
        precondition(!isFinished, "finish() called twice")
        isFinished = true
        try process(isFinal: true)
        if format == .csv && headerWidth == nil {
            throw ParseError(kind: .emptyInput, location: location(at: start), expected: "a header row", found: "the end of the input")
        }
        return log
    }

    /// The bytes buffered and not yet folded: at most one incomplete record (for tests of the limits).
    var bufferedByteCount: Int { buffer.count - start }

    /// Reads `input` to its end through this reader: a regular file with positioned reads from
    /// its start (in parts on up to `threads` threads when it holds at least two parts of
    /// `minimumPartBytes`, see `PartitionedFileRead`), a stream from the bytes sampled ahead and
    /// then on to its end of input.
    mutating func read(_ input: inout InputSource, threads: Int = 1,
                       minimumPartBytes: Int = PartitionedFileRead.minimumPartBytes) throws(OpsMetricsError) {
        let path = input.path
        fileSize = input.regularSize
        let failure: OpsMetricsError?
        if let size = fileSize {
            failure = threads > 1
                ? PartitionedFileRead.read(&self, input.descriptor, path: path, size: size, threads: threads, minimumPartBytes: minimumPartBytes)
                : readAll(input.descriptor, path: path, positioned: true)
        } else {
            let (readAhead, isComplete) = input.takeReadAhead()
            do { try push(readAhead) } catch { throw .parse(error) }
            failure = isComplete ? nil : readAll(input.descriptor, path: path)
        }
        if let failure { throw failure }
    }

    /// Reads and folds until the end of the input or a `stop`; with `positioned`, at the reader's
    /// own offset in the file (`readOffset`) rather than at the descriptor's position.
    mutating func readAll(_ descriptor: borrowing FileSyscalls.Descriptor, path: String, positioned: Bool = false) -> OpsMetricsError? {
        while stop == nil {
            switch readChunk(descriptor, path: path, positioned: positioned) {
            case .success(0): return nil
            case .success: continue
            case .failure(let error): return error
            }
        }
        return nil
    }

    /// Reads up to `readCount` bytes and folds the rows they complete; returns the bytes read (0 at the end).
    mutating func readChunk(_ descriptor: borrowing FileSyscalls.Descriptor, path: String, positioned: Bool) -> Result<Int, OpsMetricsError> {
        let read = FileSyscalls.read(descriptor, at: positioned ? readOffset : nil, appendingTo: &buffer, count: readCount, path: path)
        if case .success(let count) = read, count > 0, buffer.count - start >= rescanAt {
            do { try process(isFinal: false) } catch { return .failure(.parse(error)) }
        }
        return read
    }

    /// Bytes to ask for next: 1 MiB, or less near the end of a file of known size: its rest and a
    /// page more (which finds the end, or that the file grew). The buffer grows by the whole
    /// request before the read, so a small file, a part or the final read of 0 bytes need not
    /// fill a MiB each.
    private var readCount: Int {
        guard let fileSize else { return 1 << 20 }
        return min(1 << 20, max(fileSize - readOffset, 0) + 4096)
    }

    // MARK: Parts of a file

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

    // MARK: Scanning

    private mutating func process(isFinal: Bool) throws(ParseError) {
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

    private mutating func processCSV(isFinal: Bool) throws(ParseError) {
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

    private mutating func processJSON(isFinal: Bool) throws(ParseError) {
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
    private var scanEnd: Int {
        buffer.count - start > maxRecordBytes ? start + maxRecordBytes + 1 : buffer.count
    }

    /// The record at `start` is longer than `maxRecordBytes`; located at its first non-blank byte
    /// (looking no further than the scanners did, so the location does not depend on the pushes).
    private func recordTooLong() -> ParseError {
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
    private mutating func waitForMore() {
        let pending = buffer.count - start
        rescanAt = min(max(pending * 2, 1 << 16), maxRecordBytes == Int.max ? Int.max : maxRecordBytes + 1)
    }

    /// In lenient mode, skips a CSV record the tokenizer cannot read: counts it and resumes after
    /// the next line break. Returns false when more input is needed to find that line break.
    private mutating func recover(from error: ScanError, isFinal: Bool) throws(ParseError) -> Bool {
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

    private mutating func advance(to next: Int, lineBreaks: Int) {
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
    private var currentLineStart: Int {
        guard let before = lineStartBefore else { return lineStart }
        var i = before - 1
        while i >= 0 && buffer[i] != ASCII.newline { i -= 1 }
        return consumed + i + 1
    }

    /// Drops consumed bytes from the front of the buffer.
    private mutating func compact() {
        guard start > 0 else { return }
        if lineStartBefore != nil {
            lineStart = currentLineStart
            lineStartBefore = nil
        }
        buffer.removeSubrange(0..<start)
        consumed += start
        start = 0
    }

    // MARK: Rows

    private mutating func readHeader() throws(ParseError) {
        for field in fields {
            if let failure = textFault(field.start..<field.end, what: "a column name") { throw parseError(failure) }
        }
        let names = fields.map { String(decoding: buffer[$0.start..<$0.end], as: UTF8.self) }
        headerWidth = fields.count
        if expander != nil, let data = names.firstIndex(where: { Field.normalize($0) == "data" }), !mapping.hasCandidate(in: names, for: .id) {
            payloadColumn = data  // a raw table: each row's `data` is the record
            mapping = NestedRecordExpander.canonicalMapping()
            return
        }
        let unmatched = mapping.mapHeader(names)
        let header = names.map { "'\($0)'" }.joined(separator: ", ")
        func missing(_ expected: String) -> ParseError {
            ParseError(kind: .missingColumn, location: location(at: start), expected: expected,
                       found: "the columns \(header.count > 300 ? String(header.prefix(300)) + "…" : header)")
        }
        if let first = unmatched.first {
            throw missing("a column for --map \(first)")
        }
        if !mapping.has(.id) {
            var hint = "; or --map id=COLUMN"
            if names.count == 1, let other = [(";", "';'"), ("\t", "tab"), ("|", "'|'")].first(where: { names[0].contains($0.0) }) {
                hint = "; the header has one column: is the delimiter \(other.1)? try --delimiter \(other.1)"
            }
            throw missing("a column for the record id (\(Field.id.aliases.joined(separator: ", "))\(hint))")
        }
        if mapping.has(.event) && !mapping.has(.timestamp) {
            throw missing("a timestamp column beside the event column (\(Field.timestamp.aliases.joined(separator: ", ")))")
        }
        if !mapping.has(.timestamp) && !RowFolder.lifecycleFields.contains(where: mapping.has) {
            throw missing("a time column: timestamp (with event) or one of opened, impact_start, detected, acknowledged, recovered, resolved, reopened, closed")
        }
    }

    private mutating func foldCSVRow(isCutOff: Bool) throws(ParseError) {
        record += 1
        log.accounting.rowsRead += 1
        row.clear()
        row.recordStart = start
        if let width = headerWidth, fields.count != width {
            // Too many: point at the first extra delimiter; too few: at the record's start.
            let index = fields.count > width ? max(start, fields[width].start - 1) : start
            let hint = isCutOff && fields.count < width ? ", and the input ends in this line (is the file truncated?)" : ""
            try rowFailed(ScanError(kind: .fieldCount, index: index,
                                    expected: "\(width) fields, as in the header", found: "\(fields.count)\(hint)"))
            return
        }
        if let payloadColumn {
            let payload = fields[payloadColumn]
            try foldNested(JSONTree.parse(buffer[payload.start..<payload.end]), at: payload.start)
            return
        }
        for (column, field) in fields.enumerated() where field.end - field.start > maxFieldBytes {
            if let canonical = mapping.fieldOfColumn[column] {
                try rowFailed(fieldTooLong(field.start..<field.end, field: mapping.label(canonical)))
                return
            }
        }
        row.set(columns: fields, fieldOfColumn: mapping.fieldOfColumn)
        try foldRow()
    }

    private mutating func foldJSONRow(objectStart: Int) throws(ParseError) {
        record += 1
        log.accounting.rowsRead += 1
        row.clear()
        row.recordStart = objectStart
        if expander != nil {
            try foldNested(JSONTree.object(members: members, in: buffer), at: objectStart)
            return
        }
        let bytes = buffer  // a second reference, released before the buffer is next mutated
        for (position, member) in members.enumerated() {
            if member.keyEnd - member.keyStart > maxFieldBytes {
                try rowFailed(fieldTooLong(member.keyStart..<member.keyEnd, field: nil))
                return
            }
            let key = bytes.span.extracting(member.keyStart..<member.keyEnd)
            let keyID: UInt32
            if let known = recentKeys.id(at: position, matching: key) {
                keyID = known
            } else if let interned = keys.intern(key) {
                keyID = interned
                recentKeys.remember(key, id: interned, at: position)
            } else {
                try rowFailed(textFault(member.keyStart..<member.keyEnd, what: "a key")
                              ?? ScanError(kind: .invalidUTF8, index: member.keyStart, expected: "UTF-8 text", found: "?"))
                return
            }
            if Int(keyID) > keyFields.count {
                let key = keys.string(keyID)
                if let (field, rank) = mapping.field(forColumn: key) {
                    keyFields.append((field.rawValue, rank))
                    mapping.noteLabel(key, for: field)
                } else {
                    keyFields.append((-1, 0))
                }
            }
            let (rawField, rank) = keyFields[Int(keyID) - 1]
            guard rawField >= 0, let field = Field(rawValue: rawField), row.range(field) == nil || rank <= rowRanks[rawField] else { continue }
            switch member.kind {
            case .string, .number, .bool:
                if member.valueEnd - member.valueStart > maxFieldBytes {
                    try rowFailed(fieldTooLong(member.valueStart..<member.valueEnd, field: mapping.label(field)))
                    return
                }
                row.set(field, start: member.valueStart, end: member.valueEnd)
                rowRanks[rawField] = rank
            case .null:
                continue
            case .object, .array:
                try rowFailed(ScanError(kind: .invalidJSON, index: member.valueStart, expected: "a string or number",
                                        found: member.kind == .object ? "an object" : "an array", field: mapping.label(field)))
                return
            }
        }
        try foldRow()
    }

    private mutating func foldRow() throws(ParseError) {
        do {
            switch try EventLogReader.fold(row, in: buffer, folder: folder, mapping: mapping, into: &log, memo: &memo) {
            case .used:
                log.accounting.rowsUsed += 1
            case .afterAsOf:
                log.accounting.skip(ParseError(kind: .afterAsOf, location: location(at: row.recordStart),
                                               expected: "events up to the as-of time", found: "only later ones"))
            }
        } catch {
            try rowFailed(error)
        }
    }

    /// `folder.fold` on `buffer.span`. A static function given the buffer and the log as separate
    /// arguments (disjoint stored properties of the reader) borrows the buffer without a second
    /// reference to it: a span of `self.buffer` taken in a mutating method would overlap the
    /// access to `self.log`.
    private static func fold(_ row: RowView, in buffer: borrowing [UInt8], folder: RowFolder, mapping: ColumnMapping,
                             into log: inout IncidentLog, memo: inout FoldMemo) throws(ScanError) -> RowFolder.Outcome {
        try folder.fold(row, in: buffer.span, mapping: mapping, into: &log, memo: &memo)
    }

    /// Folds a nested payload (already counted as one row) through the preset's expander: each
    /// record it holds counts as a row and folds all or nothing.
    private mutating func foldNested(_ tree: JSONTree?, at index: Int) throws(ParseError) {
        guard let expander else { return }
        guard let tree, case .object = tree else {
            try rowFailed(ScanError(kind: .invalidJSON, index: index, expected: "a JSON object", found: "something else", field: "data"))
            return
        }
        let records = expander.records(in: tree)
        log.accounting.rowsRead += records.count - 1
        let canonical = NestedRecordExpander.canonicalMapping()
        for record in records {
            switch record {
            case .excluded(let why):
                log.accounting.skip(ParseError(kind: .excludedByPreset, location: location(at: index),
                                               expected: "an incident", found: why))
            case .rows(let rows):
                do {
                    if try NestedRecordExpander.fold(rows, folder: folder, mapping: canonical, into: &log) {
                        log.accounting.rowsUsed += 1
                    } else {
                        log.accounting.skip(ParseError(kind: .afterAsOf, location: location(at: index),
                                                       expected: "events up to the as-of time", found: "only later ones"))
                    }
                } catch {
                    var relocated = error
                    relocated.index = index
                    try rowFailed(relocated)
                }
            }
        }
    }

    /// A row could not be used: thrown in strict mode, counted and skipped in lenient mode.
    private mutating func rowFailed(_ error: ScanError) throws(ParseError) {
        let failure = parseError(error)
        guard skipInvalidRows, !error.stopsReading else { throw failure }
        log.accounting.skip(failure)
    }

    /// The tokenizer's error with its excerpt withheld when it shows a column that is not read: such
    /// columns may hold personal data (descriptions, names), and lenient reports keep the message.
    private func withheldUnreadValue(_ error: ScanError) -> ScanError {
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
    private func withheldUnreadJSONValue(_ error: ScanError) -> ScanError {
        guard let fault = json.fault, error.kind == .invalidJSON, !error.isAtEndOfInput else { return error }
        if let key = fault.keyName(in: buffer), fault.isInValue, !fault.isNested, expander == nil,
           mapping.field(forColumn: key) != nil { return error }
        var withheld = error
        withheld.found = fault.withheldText(in: buffer)
        return withheld
    }

    /// A value longer than `maxFieldBytes`.
    private func fieldTooLong(_ range: Range<Int>, field: String?) -> ScanError {
        ScanError(kind: .limitExceeded, index: range.lowerBound,
                  expected: "a value of at most \(maxFieldBytes) bytes (--max-field-bytes)", found: "\(range.count) bytes", field: field)
    }

    /// Why `buffer[range]` is no text (`what`, e.g. "a column name"): too long, a NUL byte, or not
    /// UTF-8; `nil` if it is fine. Only called for header names and on the error path.
    private func textFault(_ range: Range<Int>, what: String) -> ScanError? {
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

    // MARK: Locations

    private func parseError(_ error: ScanError) -> ParseError {
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
    private func location(at index: Int) -> SourceLocation {
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

extension IncidentLog {
    /// Reads a whole file (or standard input, for the path `-`).
    ///
    /// The format comes from `configuration.inputFormat`, else from the path's extension
    /// (`.csv`, `.tsv`, `.json`, `.ndjson`, `.jsonl`), else CSV.
    ///
    /// - Throws: ``OpsMetricsError``: `.cannotOpen`, `.io`, `.parse`, or `.configuration`.
    public init(contentsOfFile path: String, configuration: ReportConfiguration) throws(OpsMetricsError) {
        var input = try InputSource(opening: path)
        try self.init(reading: &input, configuration: configuration)
    }

    /// Reads an opened input to its end (see ``init(contentsOfFile:configuration:)``); a stream
    /// starts with the bytes sampled from it.
    package init(reading input: inout InputSource, configuration: ReportConfiguration) throws(OpsMetricsError) {
        let threads = input.isStream ? 1 : configuration.threads > 0 ? configuration.threads : FileSyscalls.processorCount
        do {
            self = try IncidentLog(&input, configuration, threads: threads)
        } catch .parse(let error) where threads > 1 && error.kind == .limitExceeded {
            // A limit of the whole input (records) may be passed first in another part: read again in one.
            self = try IncidentLog(&input, configuration, threads: 1)
        }
        if threads > 1 && recordCount > configuration.maxIncidents {
            self = try IncidentLog(&input, configuration, threads: 1)  // throws at the record over the limit
        }
    }

    private init(_ input: inout InputSource, _ configuration: ReportConfiguration, threads: Int) throws(OpsMetricsError) {
        let format = configuration.inputFormat ?? InputFormat(pathExtensionOf: input.path) ?? .csv
        var reader: EventLogReader
        do { reader = try EventLogReader(name: input.path, format: format, configuration: configuration) } catch {
            throw .configuration(error)
        }
        try reader.read(&input, threads: threads, minimumPartBytes: configuration.minimumPartBytes)
        do { self = try reader.finish() } catch { throw .parse(error) }
    }
}
