// Entry points for the benchmark package (`Benchmarks/`), so its suites can time one internal
// layer at a time: the CSV tokenizer, the JSON object scanner, the timestamp parser and the row
// folding. NOT API: everything here is `@_spi(Benchmarking)`, invisible to a plain
// `import OpsMetrics`, and may change or vanish in any release. Each entry point is a thin loop
// over the internal type it names and adds no behaviour of its own; the public pipeline
// (`EventLogReader`, `ReliabilityReport`, `IntervalSet`) needs no entry point here.

/// Thin entry points into internal layers, for the benchmark package. Not API.
@_spi(Benchmarking)
public enum _Benchmarking {
    /// What a tokenizer pass found: records (CSV rows including the header, or JSON objects) and
    /// fields (CSV fields, or top-level JSON members) over all of them.
    public struct ScanCounts: Sendable, Hashable {
        public var records: Int
        public var fields: Int
    }

    /// Splits a whole CSV input into records and fields with `CSVTokenizer`, the way
    /// `EventLogReader` feeds it: the input is appended to one scan buffer `chunkSize` bytes at a
    /// time, complete records are scanned in place, and the consumed bytes are dropped before the
    /// next chunk. Nothing is folded.
    ///
    /// - Parameters:
    ///   - input: The CSV bytes (comma-separated).
    ///   - chunkSize: Bytes appended per step (the reader reads 1 MiB).
    ///   - scalar: Whether to scan with the scalar reference instead of SIMD.
    /// - Returns: Records (blank lines included) and fields.
    /// - Throws: ``ParseError`` for input the tokenizer rejects; its location has only the byte
    ///   offset (benchmark inputs are valid, so this reports a broken generator).
    public static func tokenizeCSV(_ input: [UInt8], chunkSize: Int = 1 << 20, scalar: Bool = false) throws(ParseError) -> ScanCounts {
        var tokenizer = CSVTokenizer(scanner: scalar ? .scalar : .simd)
        var fields: [CSVTokenizer.Field] = []
        var counts = ScanCounts(records: 0, fields: 0)
        var buffer: [UInt8] = []
        var start = 0
        var offset = 0
        while true {
            let isFinal = offset >= input.count
            if !isFinal {
                buffer.append(contentsOf: input[offset..<min(offset + chunkSize, input.count)])
                offset += chunkSize
            }
            scanning: while start < buffer.count {
                let step: CSVTokenizer.Step
                do {
                    step = try tokenizer.scanRecord(&buffer, from: start, to: buffer.count, isFinal: isFinal, fields: &fields)
                } catch {
                    throw failure(error, consumed: min(offset, input.count) - buffer.count)
                }
                switch step {
                case .needMoreData:
                    break scanning
                case .record(let next, _):
                    counts.records += 1
                    counts.fields += fields.count
                    start = next
                }
            }
            if isFinal { return counts }
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// Splits a whole NDJSON input into objects and their top-level members with
    /// `JSONObjectScanner`, fed in `chunkSize` steps as ``tokenizeCSV(_:chunkSize:)`` does.
    ///
    /// - Returns: Objects (as `records`) and members (as `fields`).
    /// - Throws: ``ParseError`` for input the scanner rejects (a broken generator).
    public static func scanNDJSON(_ input: [UInt8], chunkSize: Int = 1 << 20) throws(ParseError) -> ScanCounts {
        var scanner = JSONObjectScanner()
        var members: [JSONObjectScanner.Member] = []
        var counts = ScanCounts(records: 0, fields: 0)
        var buffer: [UInt8] = []
        var start = 0
        var offset = 0
        while true {
            let isFinal = offset >= input.count
            if !isFinal {
                buffer.append(contentsOf: input[offset..<min(offset + chunkSize, input.count)])
                offset += chunkSize
            }
            scanning: while true {
                let step: JSONObjectScanner.Step
                do {
                    step = try scanner.scanObject(&buffer, from: start, to: buffer.count, isFinal: isFinal, members: &members)
                } catch {
                    throw failure(error, consumed: min(offset, input.count) - buffer.count)
                }
                switch step {
                case .needMoreData, .endOfInput:
                    break scanning
                case .object(_, let next, _):
                    counts.records += 1
                    counts.fields += members.count
                    start = next
                }
            }
            if isFinal { return counts }
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// Parses each `bytes[range]` with `TimestampParser` (timestamps without an offset read as UTC).
    ///
    /// - Returns: How many parsed, and the wrapping sum of their microseconds since the epoch.
    public static func parseTimestamps(_ bytes: [UInt8], ranges: [Range<Int>]) -> (parsed: Int, sum: Int64) {
        let span = bytes.span
        var parsed = 0
        var sum: Int64 = 0
        for range in ranges {
            if let t = TimestampParser.parse(span.extracting(range), zone: .utc) {
                parsed += 1
                sum &+= t.microsecondsSinceEpoch
            }
        }
        return (parsed, sum)
    }

    /// A CSV input split into rows once, ready to be folded again and again by ``fold(_:)``.
    public struct FoldingInput: Sendable {
        /// The whole input, with quoted fields unescaped in place.
        let bytes: [UInt8]
        /// Every data row's fields, `width` per row.
        let fields: [CSVTokenizer.Field]
        let width: Int
        let mapping: ColumnMapping
        let configuration: ReportConfiguration

        /// The number of data rows.
        public var rows: Int { width == 0 ? 0 : fields.count / width }
    }

    /// Tokenizes a CSV input (header and rows of one width) for ``fold(_:)``; not timed.
    ///
    /// - Throws: ``ParseError`` for input the tokenizer rejects or a row whose width differs from
    ///   the header's (a broken generator).
    public static func prepareFolding(csv input: [UInt8], configuration: ReportConfiguration = ReportConfiguration()) throws(ParseError) -> FoldingInput {
        var bytes = input
        var tokenizer = CSVTokenizer()
        var fields: [CSVTokenizer.Field] = []
        var all: [CSVTokenizer.Field] = []
        var mapping: ColumnMapping
        do { mapping = try ColumnMapping(overrides: configuration.columnMap) } catch {
            throw failure(ScanError(kind: .missingColumn, index: 0, expected: "valid --map overrides", found: error.message), consumed: 0)
        }
        var width = 0
        var start = 0
        while start < bytes.count {
            let step: CSVTokenizer.Step
            do {
                step = try tokenizer.scanRecord(&bytes, from: start, to: bytes.count, isFinal: true, fields: &fields)
            } catch {
                throw failure(error, consumed: 0)
            }
            guard case .record(let next, _) = step else { break }
            start = next
            if fields.isEmpty { continue }
            if width == 0 {
                width = fields.count
                _ = mapping.mapHeader(fields.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) })
            } else if fields.count == width {
                all += fields
            } else {
                throw failure(ScanError(kind: .fieldCount, index: start, expected: "\(width) fields", found: "\(fields.count)"), consumed: 0)
            }
        }
        return FoldingInput(bytes: bytes, fields: all, width: width, mapping: mapping, configuration: configuration)
    }

    /// Folds every row of `input` into a new `IncidentLog` with `RowFolder`, as the reader does
    /// after tokenizing (value trimming, event names, timestamps, interning, per-record state).
    ///
    /// - Throws: ``ParseError`` for the first row the folder rejects.
    public static func fold(_ input: FoldingInput) throws(ParseError) -> IncidentLog {
        let folder: RowFolder
        do { folder = try RowFolder(configuration: input.configuration) } catch {
            preconditionFailure("benchmark configuration is invalid: \(error)")  // fixed by the suite, not user input
        }
        var log = IncidentLog()
        var memo = FoldMemo()
        var row = RowView()
        let span = input.bytes.span
        var first = 0
        while first < input.fields.count {
            row.clear()
            row.recordStart = input.fields[first].start
            for column in 0..<input.width {
                if let field = input.mapping.fieldOfColumn[column] {
                    let range = input.fields[first + column]
                    row.set(field, start: range.start, end: range.end)
                }
            }
            log.accounting.rowsRead += 1
            do {
                if try folder.fold(row, in: span, mapping: input.mapping, into: &log, memo: &memo) == .used { log.accounting.rowsUsed += 1 }
            } catch {
                throw failure(error, consumed: 0)
            }
            first += input.width
        }
        return log
    }

    /// A scan error as a `ParseError` located by byte offset only (line and column 0).
    private static func failure(_ error: ScanError, consumed: Int) -> ParseError {
        ParseError(kind: error.kind, location: SourceLocation(path: "benchmark input", line: 0, column: 0, byteOffset: consumed + error.index, record: 0),
                   field: error.field, expected: error.expected, found: error.found)
    }
}
