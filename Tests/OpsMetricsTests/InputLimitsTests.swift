import Testing
@testable import OpsMetrics

/// The hard limits (see `ReportConfiguration` and the HostileInput article): each hostile input is
/// generated lazily, pushed a chunk at a time, and must end with a clear, located error after at
/// most the limit (plus one chunk) has been buffered, whatever the input's full size.
@Suite("Input limits")
struct InputLimitsTests {
    /// Pushes `prefix`, then `chunk` repeatedly (up to `totalBytes`), then `suffix`; returns the
    /// error, the bytes pushed when it came, and the most bytes the reader ever buffered.
    static func pushLazily(
        prefix: String, chunk: [UInt8], totalBytes: Int, suffix: String = "", format: InputFormat = .csv,
        configuration: ReportConfiguration = ReportConfiguration()
    ) throws -> (error: ParseError?, pushed: Int, mostBuffered: Int) {
        var reader = try EventLogReader(name: "hostile", format: format, configuration: configuration)
        var pushed = 0
        var mostBuffered = 0
        do {
            try reader.push(Array(prefix.utf8))
            pushed += prefix.utf8.count
            while pushed < totalBytes {
                try reader.push(chunk)
                pushed += chunk.count
                mostBuffered = max(mostBuffered, reader.bufferedByteCount)
            }
            try reader.push(Array(suffix.utf8))
            _ = try reader.finish()
            return (nil, pushed, mostBuffered)
        } catch {
            return (error, pushed, mostBuffered)
        }
    }

    @Test("a 1 GB field stops at the record limit, with at most the limit buffered")
    func gigabyteField() throws {
        let mebibyte = [UInt8](repeating: ASCII.lowerA, count: 1 << 20)
        let limit = 64 << 20  // the default
        let outcome = try Self.pushLazily(
            prefix: "id,opened,description\nINC-1,2024-01-01T00:00:00Z,\"", chunk: mebibyte, totalBytes: 1 << 30)
        let error = try #require(outcome.error)
        #expect(error.description == "hostile:2:1: error: limit exceeded: expected a record of at most 67108864 bytes (--max-record-bytes), found a longer one")
        #expect(outcome.pushed <= limit + 2 * mebibyte.count + 64)
        #expect(outcome.mostBuffered <= limit + mebibyte.count + 64)
    }

    @Test("a file of NULs (sparse, or UTF-16 without its mark) stops at the first record's limit, saying NUL", arguments: [
        ("", "hostile:1:1"), ("id,opened\nA,2024-01-01\n", "hostile:3:1"),
    ])
    func nulRecords(_ prefix: String, _ location: String) throws {
        var configuration = ReportConfiguration()
        configuration.maxRecordBytes = 4096
        let nuls = [UInt8](repeating: 0, count: 1000)
        let outcome = try Self.pushLazily(prefix: prefix, chunk: nuls, totalBytes: 1 << 24, configuration: configuration)
        let error = try #require(outcome.error)
        #expect(error.kind == .nulByte)
        #expect(error.location.description == location)
        #expect(error.description.contains("without NUL bytes (is this UTF-16 or a sparse file?)"))
        #expect(outcome.pushed <= 4096 + 2 * nuls.count + prefix.utf8.count)
    }

    @Test("a long unquoted field, a long JSON value and blank space end the same way", arguments: [
        ("id,opened,note\nA,2024-01-01,", InputFormat.csv, "hostile:2:1"),
        (#"{"id":"A","note":""#, InputFormat.ndjson, "hostile:1:1"),
        (#"[{"id":"A","opened":"2024-01-01"},"#, InputFormat.json, "hostile:1:34"),
    ])
    func otherLongRecords(_ prefix: String, _ format: InputFormat, _ location: String) throws {
        var configuration = ReportConfiguration()
        configuration.maxRecordBytes = 4096
        let filler: [UInt8] = format == .json ? Array(repeating: ASCII.space, count: 1000) : Array(repeating: ASCII.lowerA, count: 1000)
        let outcome = try Self.pushLazily(prefix: prefix, chunk: filler, totalBytes: 1 << 24, format: format, configuration: configuration)
        let error = try #require(outcome.error)
        #expect(error.kind == .limitExceeded)
        #expect(error.location.description == location)
        #expect(error.expected == "a record of at most 4096 bytes (--max-record-bytes)")
        #expect(outcome.mostBuffered <= 4096 + 1000 + prefix.utf8.count)
    }

    @Test("a header of a million columns stops at the column limit")
    func millionColumns() throws {
        let columns = (0..<1000).map { "c\($0)," }.joined()  // 1,000 columns per chunk
        let outcome = try Self.pushLazily(prefix: "id,", chunk: Array(columns.utf8), totalBytes: 1000 * columns.utf8.count)
        let error = try #require(outcome.error)
        #expect(error.kind == .limitExceeded)
        #expect(error.expected == "at most 10000 fields (--max-columns)")
        #expect(error.location.line == 1)
        #expect(outcome.pushed <= (64 << 10) + columns.utf8.count)  // found at the first rescan
    }

    @Test("JSON nested 100,000 deep stops at the depth limit")
    func deepJSON() throws {
        let outcome = try Self.pushLazily(
            prefix: #"{"id":"A","extra":"#, chunk: Array(repeating: ASCII.leftBracket, count: 1000), totalBytes: 100_000,
            suffix: String(repeating: "]", count: 100_000) + "}", format: .ndjson)
        let error = try #require(outcome.error)
        #expect(error.description == #"hostile:1:530: error: limit exceeded: expected at most 512 levels of nesting (--max-json-depth), found "[[[[[[[[[[[[[[[[…""#)
        // Found at the first rescan of the incomplete object, after 64 KiB (not at the end of 100 KB).
        #expect(outcome.mostBuffered <= (64 << 10) + 1000 + 20)
    }

    @Test("a JSON object with too many keys stops at the column limit")
    func wideJSON() throws {
        var configuration = ReportConfiguration()
        configuration.maxColumns = 3
        let text = #"{"id":"A","opened":"2024-01-01","a":1,"b":2}"#
        let error = #expect(throws: ParseError.self) { try readLog(text, format: .ndjson, configuration: configuration) }
        #expect(error?.description == "test.csv:1:39: error: limit exceeded: expected at most 3 keys in one object (--max-columns), found more")
    }

    @Test("the record limit gives the same error however the input is pushed")
    func recordLimitIsChunkIndependent() throws {
        var configuration = ReportConfiguration()
        configuration.maxRecordBytes = 40
        configuration.skipInvalidRows = true
        let inputs: [(String, InputFormat)] = [
            ("id,opened,note\nA,2024-01-01,short\nB,2024-01-02,\"a quoted note that is far too long\"x\nC,2024-01-03,ok\n", .csv),
            ("id,opened,note\nA,2024-01-01,\"never closed\n" + String(repeating: "z", count: 60), .csv),
            (#"{"id":"A","opened":"2024-01-01"}"# + "\n" + String(repeating: " ", count: 50) + #"{"id":"B"}"#, .ndjson),
        ]
        for (text, format) in inputs {
            let whole = Result { try readLog(text, format: format, configuration: configuration) }
            for chunkSize in 1...text.utf8.count {
                let chunked = Result { try readLog(text, format: format, configuration: configuration, chunkSize: chunkSize) }
                switch (whole, chunked) {
                case (.failure(let a as ParseError), .failure(let b as ParseError)):
                    #expect(a.kind == b.kind && a.location == b.location, "chunk size \(chunkSize): \(a) vs \(b)")
                case (.success(let a), .success(let b)):
                    #expect(a.accounting == b.accounting, "chunk size \(chunkSize)")
                default:
                    Issue.record("chunk size \(chunkSize): \(whole) vs \(chunked)")
                }
            }
        }
    }

    @Test("a value longer than the field limit is an error for its row; columns not read are not limited")
    func fieldLimit() throws {
        var configuration = ReportConfiguration()
        configuration.maxFieldBytes = 10
        let long = String(repeating: "x", count: 11)
        let text = "id,opened,service,note\nA,2024-01-01,web,\(long)\(long)\nB,2024-01-01,\(long),\n"
        let error = #expect(throws: ParseError.self) { try readLog(text, configuration: configuration) }
        #expect(error?.description == "test.csv:3:14: error: limit exceeded in field 'service': expected a value of at most 10 bytes (--max-field-bytes), found 11 bytes")

        configuration.skipInvalidRows = true
        let log = try readLog(text, configuration: configuration)
        #expect(log.accounting.rowsUsed == 1)
        #expect(log.accounting.skipped["limit_exceeded"]?.firstLocations == ["test.csv:3:14"])

        let header = #expect(throws: ParseError.self) { try readLog("id,opened,\(long)\n", configuration: configuration) }
        #expect(header?.kind == .limitExceeded)
        #expect(header?.location.description == "test.csv:1:11")

        let json = #expect(throws: ParseError.self) {
            try readLog(#"{"id":"A","opened":"2024-01-01","service":"\#(long)"}"#, format: .ndjson, configuration: ReportConfiguration(maxFieldBytes: 10))
        }
        #expect(json?.field == "service")
    }

    @Test("the record limit counts ids and parents, and stops even a lenient read")
    func incidentLimit() throws {
        var configuration = ReportConfiguration()
        configuration.maxIncidents = 3
        configuration.skipInvalidRows = true
        let text = """
        id,opened,parent
        A,2024-01-01,
        A,2024-01-02,
        B,2024-01-03,C
        D,2024-01-04,

        """
        let error = #expect(throws: ParseError.self) { try readLog(text, configuration: configuration) }
        #expect(error?.description == "test.csv:5:1: error: limit exceeded in field 'id': expected at most 3 distinct records (--max-incidents), found more")
        configuration.maxIncidents = 4
        #expect(try readLog(text, configuration: configuration).recordCount == 4)
    }

    // MARK: - Clear errors

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let format: InputFormat
        let message: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, format: InputFormat = .csv, _ message: String) {
            self.init(name, bytes: Array(text.utf8), format: format, message)
        }

        init(_ name: String, bytes: [UInt8], format: InputFormat = .csv, _ message: String) {
            self.name = name
            self.bytes = bytes
            self.format = format
            self.message = message
        }
    }

    static let expectation = "expected an RFC 3339 / ISO 8601 timestamp or epoch seconds/milliseconds"

    static let errorCases: [ErrorCase] = [
        ErrorCase("invalid UTF-8 in an id", bytes: Array("id,opened\nINC".utf8) + [0xE9] + Array(",2024-01-01\n".utf8),
                  #"test.csv:2:1: error: invalid UTF-8 in field 'id': expected UTF-8 text, found "INC\xE9""#),
        ErrorCase("Latin-1 in the header", bytes: Array("id,opened,St".utf8) + [0xF6, 0x72, 0x75, 0x6E, 0x67] + Array("\n".utf8),
                  #"test.csv:1:11: error: invalid UTF-8: expected a column name in UTF-8 (save or convert the file as UTF-8), found "St\xF6rung""#),
        ErrorCase("NUL in a service", bytes: Array("id,opened,service\nA,2024-01-01,we".utf8) + [0] + Array("b\n".utf8),
                  #"test.csv:2:16: error: NUL byte in field 'service': expected text without NUL bytes (is this UTF-16? save or convert it as UTF-8), found "we\x00b""#),
        ErrorCase("UTF-16 with a byte order mark", bytes: [0xFF, 0xFE] + Array("id,opened\n".utf8).flatMap { [$0, 0] },
                  #"test.csv:1:1: error: invalid UTF-8: expected UTF-8 text, found a UTF-16 byte order mark (save or convert the file as UTF-8)"#),
        ErrorCase("UTF-16 without a byte order mark", bytes: Array("id,opened\n".utf8).flatMap { [$0, 0] },
                  #"test.csv:1:2: error: NUL byte: expected a column name without NUL bytes (is this UTF-16? save or convert it as UTF-8), found "i\x00d\x00""#),
        ErrorCase("a last line cut in a time", "id,opened,resolved\nA,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z\nB,2024-01-01T00:00:00Z,2024-01-0",
                  "test.csv:3:24: error: invalid timestamp in field 'resolved': \(expectation), found \"2024-01-0\""),
        ErrorCase("a last line cut between fields", "id,opened,resolved\nA,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z\nB,2024-01-01T00:00:00Z",
                  "test.csv:3:1: error: wrong number of fields: expected 3 fields, as in the header, found 2, and the input ends in this line (is the file truncated?)"),
        ErrorCase("a truncated JSON object", #"{"id":"A","opened":"2024-01-01"}"# + "\n" + #"{"id":"B","ope"#, format: .ndjson,
                  "test.csv:2:15: error: invalid JSON: expected '\"' to close the string, found the end of the input (is the file truncated?)"),
        ErrorCase("an unterminated quote at the end", "id,opened,service\nA,2024-01-01,\"web\nB,2024-01-02,api\n",
                  "test.csv:2:14: error: unterminated quoted field: expected a closing quote, found the end of the input (is the file truncated, or a quote never closed?)"),
        ErrorCase("February 30", "id,opened\nA,2024-02-30\n",
                  "test.csv:2:3: error: invalid timestamp in field 'opened': \(expectation), found \"2024-02-30\" (February 2024 has 29 days)"),
        ErrorCase("February 29 in a common year", "id,opened\nA,2023-02-29T10:00:00Z\n",
                  "test.csv:2:3: error: invalid timestamp in field 'opened': \(expectation), found \"2023-02-29T10:00:00Z\" (February 2023 has 28 days)"),
        ErrorCase("24:00:01", "id,opened\nA,2024-03-01T24:00:01\n",
                  "test.csv:2:3: error: invalid timestamp in field 'opened': \(expectation), found \"2024-03-01T24:00:01\" (hour 24 is only 24:00:00, the end of the day)"),
        ErrorCase("hour 25", "id,opened\nA,2024-03-01 25:00\n",
                  "test.csv:2:3: error: invalid timestamp in field 'opened': \(expectation), found \"2024-03-01 25:00\" (there is no hour 25 (00 to 23, or 24:00:00 for the end of the day))"),
        ErrorCase("an epoch of 20 digits", "id,opened\nA,12345678901234567890\n",
                  "test.csv:2:3: error: invalid timestamp in field 'opened': \(expectation), found \"12345678901234567890\" (an epoch number has at most 19 digits (nanoseconds); this one has 20)"),
        ErrorCase("an epoch before year 0", "id,opened\nA,-99999999999\n",
                  "test.csv:2:3: error: invalid timestamp in field 'opened': \(expectation), found \"-99999999999\" (it falls outside the years 0000 to 9999)"),
        ErrorCase("an offset past year 9999", "id,opened\nA,9999-12-31T23:30:00-01:00\n",
                  "test.csv:2:3: error: invalid timestamp in field 'opened': \(expectation), found \"9999-12-31T23:30:00-01:00\" (it falls outside the years 0000 to 9999 in UTC)"),
    ]

    @Test("hostile values give a clear, located message", arguments: errorCases)
    func clearErrors(_ errorCase: ErrorCase) {
        for chunkSize in [nil, 1, 5] {
            do {
                _ = try readLog(bytes: errorCase.bytes, format: errorCase.format, chunkSize: chunkSize)
                Issue.record("no error, chunk size \(String(describing: chunkSize))")
            } catch let error as ParseError {
                #expect(error.description == errorCase.message, "chunk size \(String(describing: chunkSize))")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test("a stray quote in a column that is not read does not show its value")
    func unreadColumnNotShown() throws {
        var configuration = ReportConfiguration()
        configuration.skipInvalidRows = true
        let text = "id,opened,description\nA,2024-01-01,\"Caller Jane Doe\" said hi\nB,2024-01-02,fine\n"
        let log = try readLog(text, configuration: configuration)
        let skip = try #require(log.accounting.skipped["unexpected_character"])
        #expect(skip.firstMessage == "test.csv:2:31: error: unexpected character: expected a delimiter or the end of the line after a closing quote, found more text after the closing quote in column 3, which is not read (its value is not shown)")
        #expect(!skip.firstMessage.contains("Jane"))
        // A column that is read shows what is wrong with it.
        let read = #expect(throws: ParseError.self) { try readLog("id,opened,service\nA,2024-01-01,\"web\"x\n") }
        #expect(read?.found == #""x""#)
    }
}

extension ReportConfiguration {
    /// A default configuration with one limit changed (tests).
    init(maxFieldBytes: Int) {
        self.init()
        self.maxFieldBytes = maxFieldBytes
    }
}
