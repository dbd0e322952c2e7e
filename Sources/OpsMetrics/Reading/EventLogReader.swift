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

    var log = IncidentLog()
    var buffer: [UInt8] = []
    /// Index in `buffer` of the next record's first byte.
    var start = 0
    /// Absolute input offset of `buffer[0]`.
    var consumed = 0
    /// The line number at `start`, and the absolute offset at which that line begins.
    var line = 1
    var lineStart = 0
    /// When set, `lineStart` is out of date: the line begins after the last line feed before this
    /// buffer index. Found only when needed (a location, or before compacting), so that NDJSON does
    /// not scan each object twice.
    var lineStartBefore: Int?
    /// The buffer indices of the line feeds of the record at `start`, when a scanner unescaped it in
    /// place (which can move line feeds or make new ones); `nil` while the buffer shows them as read.
    var recordLineFeeds: [Int]?
    /// Data records seen so far (the CSV header is record 0).
    var record = 0
    /// Do not scan again before the unconsumed tail reaches this many bytes (keeps huge
    /// records from being rescanned once per small push).
    var rescanAt = 0
    var checkedByteOrderMark = false
    var isFinished = false
    /// When reading one part of a file (see `PartitionedFileRead`): stop before the first record
    /// that begins at or after this absolute offset, and say where in `stop`.
    var stopOffset = Int.max
    /// Where reading stopped at `stopOffset`, if it did.
    var stop: Stop?
    /// The size in bytes of the regular file being read, when known: reads ask for no more than
    /// its rest (see `readCount`).
    var fileSize: Int?
    /// Added to `line` and `record` in locations: the lines and records of the parts before this one.
    var lineBase = 0
    var recordBase = 0

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

    var csv: CSVTokenizer
    var json: JSONObjectScanner
    var fields: [CSVTokenizer.Field] = []
    var members: [JSONObjectScanner.Member] = []
    var mapping: ColumnMapping
    /// The header's column count, once the CSV header has been read.
    var headerWidth: Int?
    var row = RowView()
    /// The rank of the key that set each field of the current JSON row (lower wins); meaningful
    /// only for the fields `row` has (both are set together), so it needs no reset per row.
    var rowRanks = [Int](repeating: .max, count: Field.allCases.count)
    /// JSON keys seen, and the field (raw value) and rank each feeds (-1: none).
    var keys = ByteInterner()
    var keyFields: [(field: Int, rank: Int)] = []
    /// The previous object's keys and their ids in `keys` (a part copies both, so they agree).
    var recentKeys = RecentKeys()
    let folder: RowFolder
    /// What the fold remembers between rows of `log`; a new one at every `process` call, since the
    /// log may be replaced between calls (`takeLog`, `placeAfter`, `part`).
    var memo = FoldMemo()
    /// The preset's expander for nested payloads (REST API JSON, DevLake raw tables), if any.
    let expander: NestedRecordExpander?
    /// The CSV column holding a nested JSON payload (a DevLake raw table's `data`), if any.
    var payloadColumn: Int?
    let skipInvalidRows: Bool
    let maxRecordBytes: Int
    let maxFieldBytes: Int

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
}
