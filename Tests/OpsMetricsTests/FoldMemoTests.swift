import Testing
@testable import OpsMetrics

/// The fold's memo of recent values (`FoldMemo`) must not change what is folded: every log read
/// through the reader (one memo across rows) equals the log folded with a new memo per row.
@Suite("FoldMemo")
struct FoldMemoTests {
    // MARK: Keys

    static func key(_ bytes: [UInt8], paddedTo width: Int = 0) -> ShortValueMemo.Key? {
        let buffer = bytes + [UInt8](repeating: 0x2C, count: max(0, width - bytes.count))
        return ShortValueMemo.Key(buffer.span, 0..<bytes.count)
    }

    @Test("a key is the value: the word path (bytes after the value) equals the byte path (value at the buffer's end)",
          arguments: 0...16)
    func wordAndBytePathsAgree(length: Int) {
        let value = (0..<length).map { UInt8(0x41 + $0) }
        let word = Self.key(value, paddedTo: 40)
        let bytes = Self.key(value)
        #expect(word != nil)
        #expect(word == bytes)
        #expect(word?.count == length)
    }

    @Test("keys differ when values differ in any byte, including past the first word, or in length")
    func keysSeparateValues() throws {
        let base = Array("svc-0123456789ab".utf8)  // 16 bytes
        var last = base
        last[15] = UInt8(ascii: "c")
        var ninth = base
        ninth[8] = UInt8(ascii: "X")
        let keys = [base, last, ninth, Array(base.prefix(15)), Array(base.prefix(8)), Array(base.prefix(7)),
                    Array("ab".utf8), Array("ab".utf8) + [0], [0], []]
            .map { Self.key($0, paddedTo: 32) }
        for i in keys.indices {
            for j in keys.indices where i != j { #expect(keys[i] != keys[j], "\(i) vs \(j)") }
        }
        #expect(Self.key(base + [0x31], paddedTo: 40) == nil)  // 17 bytes: not memoized
    }

    @Test("a slot keeps the last value remembered for it; other keys miss")
    func memoHitsAndMisses() throws {
        var memo = ShortValueMemo(slotBits: 1)  // two slots: values share them
        let keys = try ["web", "api", "db", "cache", "web "].map { try #require(Self.key(Array($0.utf8), paddedTo: 24)) }
        for (i, key) in keys.enumerated() {
            memo.remember(UInt32(i + 1), for: key)
            #expect(memo.value(for: key) == UInt32(i + 1))
        }
        for (i, key) in keys.enumerated() {
            if let value = memo.value(for: key) { #expect(value == UInt32(i + 1)) }
        }
        #expect(ShortValueMemo(slotBits: 4).value(for: keys[0]) == nil)
    }

    // MARK: Folding

    /// Folds every data row of CSV `text` with a new memo per row: the fold without memory.
    static func foldWithoutMemo(_ text: String, configuration: ReportConfiguration = ReportConfiguration()) throws -> IncidentLog {
        var bytes = Array(text.utf8)
        var tokenizer = CSVTokenizer()
        var fields: [CSVTokenizer.Field] = []
        var mapping = try ColumnMapping(configuration: configuration)
        let folder = try RowFolder(configuration: configuration)
        var log = IncidentLog()
        var start = 0
        var isHeader = true
        while start < bytes.count,
              case .record(let next, _) = try tokenizer.scanRecord(&bytes, from: start, to: bytes.count, isFinal: true, fields: &fields) {
            defer { start = next }
            if fields.isEmpty { continue }
            if isHeader {
                _ = mapping.mapHeader(fields.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) })
                isHeader = false
                continue
            }
            var row = RowView()
            for (column, field) in fields.enumerated() {
                if let canonical = mapping.fieldOfColumn[column] { row.set(canonical, start: field.start, end: field.end) }
            }
            var memo = FoldMemo()
            log.accounting.rowsRead += 1
            if try folder.fold(row, in: bytes.span, mapping: mapping, into: &log, memo: &memo) == .used { log.accounting.rowsUsed += 1 }
        }
        return log
    }

    /// Every record as text: id, times, rows, and attribute values by name.
    static func snapshot(_ log: IncidentLog) -> [String] {
        log.states.indices.map { index in
            let state = log.states[index]
            let attributes = Attribute.allCases.map { attribute -> String in
                let value = state[attribute]
                guard value != 0 else { return "-" }
                switch attribute {
                case .service: return log.services.string(value)
                case .parent: return log.ids.string(value)
                default: return log.labels.string(value)
                }
            }
            let times = [state.opened, state.impactStart, state.detected, state.acknowledged, state.recovered,
                         state.resolvedFirst, state.resolvedLast, state.reopenedLast, state.closed, state.firstActivity]
            return "\(log.ids.string(UInt32(index + 1))) \(times) rows=\(state.rows) reopens=\(state.reopenCount) \(attributes)"
        }
    }

    static let mixedLog = """
    id,timestamp,event,service,priority,reason
    A,2024-01-01T10:00:00Z,opened,web,P1,
    B,2024-01-01T10:01:00Z,OPENED,api,P2,
    A,2024-01-01T10:02:00Z, Ack ,web,,
    B,2024-01-01T10:03:00Z,acknowledged,api,P1,
    C,2024-01-01T10:04:00Z,Open,web,P1,
    C,2024-01-01T10:05:00Z,impact-started,svc-0123456789ab,P1,disk
    D,2024-01-01T10:05:30Z,trigger,svc-0123456789ac,P3,disk full
    D,2024-01-01T10:05:40Z,triggered,svc-0123456789ab,P3,disk
    A,2024-01-01T10:06:00Z,Resolved,web,P1,config
    B,2024-01-01T10:07:00Z,resolve,api,p1,Config
    C,2024-01-01T10:08:00Z,RESOLVED,web,P1,a reason longer than sixteen bytes
    D,2024-01-01T10:09:00Z,mitigated,api,P3,a reason longer than sixteen bytez
    A,2024-01-01T11:00:00Z,reopened,web,P1,config
    A,2024-01-01T12:00:00Z,resolved,api,P1,config
    D,2024-01-01T12:30:00Z,closed,svc-0123456789ac,P3,disk full

    """

    @Test("events spelled several ways, services switching back and forth, values differing past the memoized prefix")
    func sameAsWithoutMemo() throws {
        let withMemo = try readLog(Self.mixedLog)
        let without = try Self.foldWithoutMemo(Self.mixedLog)
        #expect(Self.snapshot(withMemo) == Self.snapshot(without))
        #expect(withMemo.accounting.rowsUsed == 15)
        // Spot checks of what the memo must not confuse.
        let snapshot = Self.snapshot(withMemo)
        #expect(snapshot[3].contains("svc-0123456789ac") && snapshot[3].contains("disk full"))
        #expect(snapshot[2].contains("a reason longer than sixteen bytes"))
        #expect(withMemo.services.count == 4 && withMemo.labels.count == 10)
    }

    @Test("every chunk size gives the log of the fold without memory", arguments: [1, 7, 64])
    func chunked(size: Int) throws {
        #expect(Self.snapshot(try readLog(Self.mixedLog, chunkSize: size)) == Self.snapshot(try Self.foldWithoutMemo(Self.mixedLog)))
    }

    @Test("invalid UTF-8 after a memoized value is still an error, located at the value")
    func invalidAfterMemoized() throws {
        let bytes = Array("id,opened,service\nA,2024-01-01T00:00:00Z,ab\nB,2024-01-01T00:00:00Z,ab\nC,2024-01-01T00:00:00Z,ab".utf8)
            + [0xFF] + Array("\n".utf8)
        #expect {
            _ = try readLog(bytes: bytes)
        } throws: { error in
            (error as? ParseError)?.description
                == "test.csv:4:24: error: invalid UTF-8 in field 'service': expected UTF-8 text, found \"ab\\xFF\""
        }
        var lenient = ReportConfiguration()
        lenient.skipInvalidRows = true
        let log = try readLog(bytes: bytes, configuration: lenient)
        #expect(log.accounting.rowsRead == 3 && log.accounting.rowsUsed == 2 && log.accounting.rowsSkipped == 1)
        #expect(log.services.count == 1)
    }

    @Test("an unknown event after memoized spellings is still an error")
    func unknownAfterMemoized() throws {
        let text = "id,timestamp,event\nA,2024-01-01T00:00:00Z,opened\nA,2024-01-01T00:01:00Z,opened\nA,2024-01-01T00:02:00Z,openedd\n"
        #expect {
            _ = try readLog(text)
        } throws: { error in
            (error as? ParseError)?.description
                == "test.csv:4:24: error: unknown event kind in field 'event': expected \(EventKind.expectedList), found \"openedd\""
        }
    }

    @Test("an event map applies to memoized values as to new ones")
    func eventMap() throws {
        var configuration = ReportConfiguration()
        configuration.eventMap = ["Close ticket": "resolved", "open": "note"]
        let text = """
        id,timestamp,event
        A,2024-01-01T00:00:00Z,opened
        A,2024-01-01T00:01:00Z,open
        A,2024-01-01T00:02:00Z,Close ticket
        B,2024-01-01T00:03:00Z,OPEN
        B,2024-01-01T00:04:00Z,close ticket

        """
        let log = try readLog(text, configuration: configuration)
        #expect(Self.snapshot(log) == Self.snapshot(try Self.foldWithoutMemo(text, configuration: configuration)))
        #expect(log.states[1].resolvedLast != IncidentState.noLatest && log.states[1].opened == IncidentState.noEarliest)
    }

    // MARK: JSON keys

    static let jsonLines = [
        #"{"id":"A","timestamp":"2024-01-01T00:00:00Z","event":"opened","service":"web"}"#,
        #"{"service":"api","event":"opened","timestamp":"2024-01-01T00:01:00Z","id":"B"}"#,
        #"{"incident":"X","id":"C","time":"2024-01-01T00:02:00Z","timestamp":"2024-01-01T00:03:00Z","event":"opened"}"#,
        #"{"id":"D","timestamp":"2024-01-01T00:04:00Z","time":"2024-01-01T00:05:00Z","event":"opened","incident":"Y"}"#,
        #"{"id":"A","event":"resolved","timestamp":"2024-01-01T01:00:00Z","service":null,"servicename":"web2"}"#,
        #"{"id":"B","event":"resolved","timestamp":"2024-01-01T01:00:00Z","service_name":"api2","service":"api3"}"#,
    ]

    @Test("JSON keys in any order, aliases before and after the canonical key: as if each object were read alone")
    func jsonKeys() throws {
        let together = try readLog(Self.jsonLines.joined(separator: "\n") + "\n", format: .ndjson, name: "test.ndjson")
        var apart = IncidentLog()
        for line in Self.jsonLines { apart.merge(try readLog(line + "\n", format: .ndjson, name: "test.ndjson")) }
        #expect(Self.snapshot(together) == Self.snapshot(apart))
        let snapshot = Self.snapshot(together)
        #expect(snapshot.map { $0.prefix(1) } == ["A", "B", "C", "D"])
        #expect(together.states[2].opened == at("2024-01-01T00:03:00Z").microsecondsSinceEpoch)
        #expect(together.states[3].opened == at("2024-01-01T00:04:00Z").microsecondsSinceEpoch)
        #expect(snapshot[0].contains("web2") && snapshot[1].contains("api3"))
    }

    @Test("a key with invalid UTF-8 after memoized keys is still refused")
    func invalidKeyAfterMemoized() throws {
        let bytes = Array((Self.jsonLines[0] + "\n" + Self.jsonLines[1] + "\n").utf8)
            + Array(#"{"id":"E","timestamp":"2024-01-01T00:00:00Z","event":"opened","serv"#.utf8) + [0xFF] + Array(#"":"x"}"#.utf8) + [0x0A]
        #expect {
            _ = try readLog(bytes: bytes, format: .ndjson, name: "test.ndjson")
        } throws: { error in
            (error as? ParseError)?.kind == .invalidUTF8 && (error as? ParseError)?.location.line == 3
        }
        var lenient = ReportConfiguration()
        lenient.skipInvalidRows = true
        let log = try readLog(bytes: bytes, format: .ndjson, name: "test.ndjson", configuration: lenient)
        #expect(log.accounting.rowsRead == 3 && log.accounting.rowsUsed == 2 && log.recordCount == 2)
    }
}
