import Testing
@testable import OpsMetrics

@Suite("EventLogReader")
struct EventLogReaderTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let name: String
        let input: [UInt8]
        var format: InputFormat = .csv
        let message: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, format: InputFormat = .csv, _ message: String) {
            self.name = name
            self.input = Array(text.utf8)
            self.format = format
            self.message = message
        }

        init(_ name: String, bytes: [UInt8], _ message: String) {
            self.name = name
            self.input = bytes
            self.message = message
        }
    }

    static let timestampExpectation = "an RFC 3339 / ISO 8601 timestamp or epoch seconds/milliseconds"

    /// Every message names file:line:column, the field, what was expected and what was found.
    static let errorCases: [ErrorCase] = [
        ErrorCase("invalid timestamp", "id,opened,resolved\nA,2024-01-01T00:00:00Z,2024-13-01\n",
                  "test.csv:2:24: error: invalid timestamp in field 'resolved': expected \(timestampExpectation), found \"2024-13-01\" (there is no month 13)"),
        ErrorCase("invalid timestamp after a multi-line quoted field",
                  "id,service,opened\nA,\"two\nlines\",2024-02-30\n",
                  "test.csv:3:8: error: invalid timestamp in field 'opened': expected \(timestampExpectation), found \"2024-02-30\" (February 2024 has 29 days)"),
        ErrorCase("missing id", "id,opened\n,2024-01-01T00:00:00Z\n",
                  "test.csv:2:1: error: missing value in field 'id': expected a record id, found an empty value"),
        ErrorCase("unknown event", "id,timestamp,event\nA,2024-01-01T00:00:00Z,exploded\n",
                  "test.csv:2:24: error: unknown event kind in field 'event': expected \(EventKind.expectedList), found \"exploded\""),
        ErrorCase("event without timestamp", "id,timestamp,event\nA,,resolved\n",
                  "test.csv:2:3: error: missing value in field 'timestamp': expected the time of the 'resolved' event, found an empty value"),
        ErrorCase("too many fields", "id,opened\nA,2024-01-01T00:00:00Z,extra\n",
                  "test.csv:2:23: error: wrong number of fields: expected 2 fields, as in the header, found 3"),
        ErrorCase("too few fields", "id,opened,resolved\nA,2024-01-01T00:00:00Z\n",
                  "test.csv:2:1: error: wrong number of fields: expected 3 fields, as in the header, found 2"),
        ErrorCase("unterminated quote", "id,opened,service\nA,2024-01-01T00:00:00Z,\"unclosed\n",
                  "test.csv:2:24: error: unterminated quoted field: expected a closing quote, found the end of the input (is the file truncated, or a quote never closed?)"),
        ErrorCase("no id column", "name,opened\nx,2024-01-01T00:00:00Z\n",
                  "test.csv:1:1: error: missing column: expected a column for the record id (id, incident, incidentid, incidentnumber, number, ticket, ticketid, key, issuekey, caseid; or --map id=COLUMN), found the columns 'name', 'opened'"),
        ErrorCase("no time column", "id,service\nA,x\n",
                  "test.csv:1:1: error: missing column: expected a time column: timestamp (with event) or one of opened, impact_start, detected, acknowledged, recovered, resolved, reopened, closed, found the columns 'id', 'service'"),
        ErrorCase("invalid UTF-8", bytes: Array("id,opened,service\nA,2024-01-01T00:00:00Z,ab".utf8) + [0xFF] + Array("\n".utf8),
                  "test.csv:2:24: error: invalid UTF-8 in field 'service': expected UTF-8 text, found \"ab\\xFF\""),
        ErrorCase("a lone empty quoted field is a row, not a blank line", "id,opened\n\"\"\n",
                  "test.csv:2:1: error: wrong number of fields: expected 2 fields, as in the header, found 1"),
        ErrorCase("UTF-16 input", bytes: [0xFF, 0xFE] + Array("i\0d\0".utf8),
                  "test.csv:1:1: error: invalid UTF-8: expected UTF-8 text, found a UTF-16 byte order mark (save or convert the file as UTF-8)"),
        ErrorCase("semicolon-separated input read with commas", "id;opened\nA;2024-01-01\n",
                  "test.csv:1:1: error: missing column: expected a column for the record id (id, incident, incidentid, incidentnumber, number, ticket, ticketid, key, issuekey, caseid; the header has one column: is the delimiter ';'? try --delimiter ';'), found the columns 'id;opened'"),
        ErrorCase("empty input", "", "test.csv:1:1: error: empty input: expected a header row, found the end of the input"),
        ErrorCase("blank lines only", "\n\r\n\n", "test.csv:4:1: error: empty input: expected a header row, found the end of the input"),
        ErrorCase("nested JSON value in a mapped field",
                  #"{"id":"A","opened":"2024-01-01T00:00:00Z","service":{"name":"x"}}"# + "\n", format: .ndjson,
                  "test.csv:1:53: error: invalid JSON in field 'service': expected a string or number, found an object"),
        ErrorCase("JSON row without id", #"{"opened":"2024-01-01T00:00:00Z"}"# + "\n" + #"{"id":7}"# + "\n", format: .ndjson,
                  "test.csv:1:1: error: missing value in field 'id': expected a record id, found an empty value"),
        ErrorCase("JSON bad timestamp on line 2", "[\n" + #"{"id":"A","opened":"2024-01-01T00:00:00Z"},"# + "\n" + #" {"id":"B","resolved":"yesterday"}"# + "\n]", format: .json,
                  "test.csv:3:24: error: invalid timestamp in field 'resolved': expected \(timestampExpectation), found \"yesterday\""),
    ]

    @Test("strict mode stops at the first bad row with a precise message", arguments: errorCases)
    func strictErrors(_ errorCase: ErrorCase) {
        for chunkSize in [nil, 1, 7] {
            do {
                _ = try readLog(bytes: errorCase.input, format: errorCase.format, chunkSize: chunkSize)
                Issue.record("no error for \(errorCase.name) with chunk size \(String(describing: chunkSize))")
            } catch let error as ParseError {
                #expect(error.description == errorCase.message, "chunk size \(String(describing: chunkSize))")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test("lenient mode skips bad rows and accounts for every row")
    func lenientAccounting() throws {
        var configuration = ReportConfiguration()
        configuration.skipInvalidRows = true
        let text = """
        id,opened,resolved,service
        A,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,web
        B,not a time,2024-01-01T01:00:00Z,web
        ,2024-01-01T00:00:00Z,,web
        C,2024-01-01T02:00:00Z,,web,extra
        D,2024-01-01T03:00:00Z,2024-01-01T04:00:00Z,web
        E,2024-01-01T05:00:00Z,bad,web

        """
        let log = try readLog(text, configuration: configuration)
        let input = log.accounting
        #expect(input.rowsRead == 6)
        #expect(input.rowsUsed == 2)
        #expect(input.rowsSkipped == 4)
        #expect(input.rowsRead == input.rowsUsed + input.rowsSkipped)
        #expect(input.skipped["invalid_timestamp"]?.count == 2)
        #expect(input.skipped["invalid_timestamp"]?.firstLocations == ["test.csv:3:3", "test.csv:7:24"])
        #expect(input.skipped["missing_field"]?.count == 1)
        #expect(input.skipped["field_count"]?.firstLocations == ["test.csv:5:28"])
        let report = ReliabilityReport(log: log, configuration: configuration)
        #expect(report.total.incidents == 2)
    }

    @Test("lenient mode resynchronises after a broken quote")
    func lenientBrokenQuote() throws {
        var configuration = ReportConfiguration()
        configuration.skipInvalidRows = true
        let text = "id,opened,service\nA,2024-01-01T00:00:00Z,\"x\"y\nB,2024-01-01T01:00:00Z,web\n"
        let log = try readLog(text, configuration: configuration)
        #expect(log.accounting.rowsRead == 2)
        #expect(log.accounting.rowsUsed == 1)
        #expect(log.accounting.skipped["unexpected_character"]?.firstLocations == ["test.csv:2:27"])
    }

    @Test("rows entirely after the as-of time are skipped, not errors")
    func afterAsOf() throws {
        var configuration = ReportConfiguration()
        configuration.asOf = at("2024-01-02T00:00:00Z")
        let text = """
        id,opened,resolved
        A,2024-01-01T00:00:00Z,2024-01-03T00:00:00Z
        B,2024-01-05T00:00:00Z,2024-01-06T00:00:00Z

        """
        let log = try readLog(text, configuration: configuration)
        #expect(log.accounting.rowsRead == 2)
        #expect(log.accounting.rowsUsed == 1)
        #expect(log.accounting.skipped["after_as_of"]?.count == 1)
        let report = ReliabilityReport(log: log, configuration: configuration)
        // A's resolution lies after the as-of time: at T it is still open.
        #expect(report.total.openIncidents == 1)
    }

    /// A CSV with a byte order mark, CRLF, quoted delimiters, escaped quotes, a newline inside
    /// quotes and a blank line, read in every chunk size, gives the same log as read at once.
    @Test("every chunk size gives the same result")
    func chunkSizeInvariance() throws {
        let text = "\u{FEFF}Incident,Service,Opened At,Resolved At,Cause\r\n"
            + "INC-1,\"Payments, EU\",2024-03-01T10:00:00+01:00,2024-03-01T11:30:00.5+01:00,\"say \"\"hi\"\"\"\r\n"
            + "\r\n"
            + "INC-2,search,2024-03-01 09:00:00Z,2024-03-01T09:45:00Z,\"multi\r\nline\"\r\n"
            + "INC-1,\"Payments, EU\",2024-03-01T10:00:00+01:00,,\r\n"
            + "INC-3,é-service,1709290800,1709294400000,network"
        var configuration = ReportConfiguration()
        configuration.skipInvalidRows = true
        let whole = ReliabilityReport(log: try readLog(text, configuration: configuration), configuration: configuration)
        #expect(whole.meta.inputAccounting.rowsRead == 4)
        #expect(whole.meta.inputAccounting.rowsUsed == 4)
        #expect(whole.services.map(\.service) == ["Payments, EU", "search", "é-service"])
        #expect(whole.reasons.map(\.reason).sorted() == ["multi\r\nline", "network", "say \"hi\""])
        #expect(whole.total.timeToResolve.count == 3)
        #expect(whole.total.timeToResolve.maxSeconds == 5400.5)
        for chunkSize in 1...Array(text.utf8).count {
            let chunked = ReliabilityReport(log: try readLog(text, configuration: configuration, chunkSize: chunkSize), configuration: configuration)
            #expect(chunked == whole, "chunk size \(chunkSize)")
        }
    }

    @Test("CSV, NDJSON and a JSON array of the same rows give the same report")
    func formatsAgree() throws {
        let csv = """
        id,timestamp,event,service,reason
        A,2024-01-01T10:00:00Z,opened,web,
        A,2024-01-01T11:00:00Z,resolved,web,disk
        B,2024-01-01T10:30:00Z,opened,api,

        """
        let rows = [
            #"{"id":"A","timestamp":"2024-01-01T10:00:00Z","event":"opened","service":"web","reason":null}"#,
            #"{"id":"A","timestamp":"2024-01-01T11:00:00Z","event":"resolved","service":"web","reason":"disk"}"#,
            #"{"id":"B","timestamp":"2024-01-01T10:30:00Z","event":"opened","service":"api","extra":{"nested":[1,2]}}"#,
        ]
        let fromCSV = try report(csv)
        let fromNDJSON = try report(rows.joined(separator: "\n"), format: .ndjson)
        let fromArray = try report("[\n" + rows.joined(separator: ",\n") + "\n]", format: .json)
        #expect(fromCSV.services == fromNDJSON.services)
        #expect(fromCSV.services == fromArray.services)
        #expect(fromCSV.total == fromArray.total)
    }

    @Test("column names match aliases case-insensitively; the canonical name wins; --map overrides")
    func columnMatching() throws {
        let text = "Ticket ID,Created,OPENED,Business Service,close_code\nT1,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,Mail,x\n"
        let log = try readLog(text)
        let report = ReliabilityReport(log: log, configuration: ReportConfiguration())
        #expect(report.services.map(\.service) == ["Mail"])
        #expect(report.meta.windowStart == at("2024-01-01T01:00:00Z"), "OPENED (canonical) wins over Created (alias)")

        var configuration = ReportConfiguration()
        configuration.columnMap = ["opened": "Created", "service": "close_code"]
        let mapped = ReliabilityReport(log: try readLog(text, configuration: configuration), configuration: configuration)
        #expect(mapped.services.map(\.service) == ["x"])
        #expect(mapped.meta.windowStart == at("2024-01-01T00:00:00Z"))

        configuration.columnMap = ["servce": "close_code"]
        #expect(throws: ConfigurationError.self) { try readLog(text, configuration: configuration) }

        configuration.columnMap = ["service": "cmdb_ci"]
        let error = #expect(throws: ParseError.self) { try readLog(text, configuration: configuration) }
        #expect(error?.kind == .missingColumn)
        #expect(error?.expected == "a column for --map service=cmdbci")
    }

    @Test("a .tsv path is read with tabs unless a delimiter is given")
    func tabSeparated() throws {
        let text = "id\tservice\topened\nA\tPayments, EU\t2024-01-01T00:00:00Z\n"
        let log = try readLog(text, name: "export.tsv")
        #expect(ReliabilityReport(log: log, configuration: ReportConfiguration()).services.map(\.service) == ["Payments, EU"])
        var configuration = ReportConfiguration()
        configuration.delimiter = ASCII.semicolon
        #expect(throws: ParseError.self) { try readLog(text, name: "export.tsv", configuration: configuration) }
    }

    @Test("null spellings are no value", arguments: ["", "?", "-", "NULL", "n/a", "None", " ", "NaN"])
    func nullValues(_ null: String) throws {
        let text = "id,opened,resolved,service\nA,2024-01-01T00:00:00Z,\(null),\(null)\n"
        let report = try report(text)
        #expect(report.services.map(\.service) == ["(no service)"])
        #expect(report.total.openIncidents == 1)
    }

    @Test("a row with a timestamp but no event column is activity that supplies opened")
    func timestampWithoutEventColumn() throws {
        let text = "number,state,sys_updated_at\nINC1,New,2024-01-01T00:00:00Z\nINC1,Active,2024-01-01T02:00:00Z\n"
        var configuration = ReportConfiguration()
        configuration.columnMap = ["timestamp": "sys_updated_at"]
        let report = try report(text, configuration: configuration)
        #expect(report.total.incidents == 1)
        #expect(report.total.openIncidents == 1)
        #expect(report.total.openAge.maxSeconds == 7200)
    }
}
