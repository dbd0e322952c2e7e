import Foundation
import Testing
@testable import OpsMetrics

/// A file read in parts on several threads gives exactly what one thread gives: the same report,
/// accounting and first error, wherever the cuts fall (inside quoted line breaks too).
@Suite("Reading a file in parts")
struct PartitionedReadTests {
    static let log = GeneratedEventLog(events: 10_000, seed: SplitMix64.configuredSeed)
    /// Part sizes small enough to cut the test files into 2 to hundreds of parts.
    static let partSizes = [1, 997, 4_096, 65_536, 200_000]

    /// Writes `text` to a fresh file with `suffix`, runs `body` with its path, then removes it.
    func withFile<T>(_ text: String, suffix: String, _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opsmetrics-parts-\(UUID().uuidString)\(suffix)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    /// The log of `path` read with `threads` threads in parts of `partBytes`, or the error's text.
    func read(_ path: String, threads: Int, partBytes: Int = 1, configuration: ReportConfiguration = ReportConfiguration())
        -> Result<IncidentLog, OpsMetricsError>
    {
        var configuration = configuration
        configuration.threads = threads
        configuration.minimumPartBytes = partBytes
        do { return .success(try IncidentLog(contentsOfFile: path, configuration: configuration)) } catch {
            return .failure(error)
        }
    }

    /// Checks that every part size and thread count gives the one-thread result.
    func expectSameAsOneThread(_ path: String, configuration: ReportConfiguration = ReportConfiguration(),
                               sourceLocation: Testing.SourceLocation = #_sourceLocation)
    {
        let single = read(path, threads: 1, configuration: configuration)
        for threads in [2, 3, 8] {
            for partBytes in Self.partSizes {
                let parts = read(path, threads: threads, partBytes: partBytes, configuration: configuration)
                switch (single, parts) {
                case (.success(let one), .success(let many)):
                    #expect(many.recordCount == one.recordCount, sourceLocation: sourceLocation)
                    #expect(many.accounting == one.accounting, "\(threads) threads, parts of \(partBytes)", sourceLocation: sourceLocation)
                    let expected = ReliabilityReport(log: one, configuration: configuration)
                    let actual = ReliabilityReport(log: many, configuration: configuration)
                    #expect(actual == expected, "\(threads) threads, parts of \(partBytes)", sourceLocation: sourceLocation)
                case (.failure(let one), .failure(let many)):
                    #expect(many == one, "\(threads) threads, parts of \(partBytes)", sourceLocation: sourceLocation)
                default:
                    Issue.record("\(threads) threads, parts of \(partBytes): \(Self.summary(parts)) but one thread: \(Self.summary(single))",
                                 sourceLocation: sourceLocation)
                }
            }
        }
    }

    /// A short description of a read's result (a whole log would flood the test output).
    static func summary(_ result: Result<IncidentLog, OpsMetricsError>) -> String {
        switch result {
        case .success(let log): "a log of \(log.recordCount) records from \(log.accounting.rowsRead) rows"
        case .failure(let error): error.description
        }
    }

    @Test("CSV and NDJSON read in parts give the one-thread report")
    func generatedLog() throws {
        try withFile(Self.log.csv, suffix: ".csv") { expectSameAsOneThread($0) }
        try withFile(Self.log.ndjson, suffix: ".ndjson") { expectSameAsOneThread($0) }
    }

    @Test("cuts inside quoted line breaks are found and read past")
    func quotedLineBreaks() throws {
        // Every row gets a notes column with line breaks inside quotes, so most cuts fall in one.
        var lines = Self.log.csv.split(separator: "\n").map(String.init)
        lines[0] += ",notes"
        for i in 1..<lines.count { lines[i] += ",\"first line\nsecond, with a comma\r\n\nrow \(i)\"" }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        try withFile(text, suffix: ".csv") { path in
            expectSameAsOneThread(path)
            let log = try #require(try? read(path, threads: 4, partBytes: 997).get())
            #expect(log.accounting.rowsRead == lines.count - 1)
        }
    }

    @Test("the first error is the one-thread error, with its line and record, in any part")
    func firstError() throws {
        var lines = Self.log.csv.split(separator: "\n").map(String.init)
        for row in [lines.count - 3, lines.count / 2 + 7] {
            lines[row] = lines[row].replacingOccurrences(of: "T", with: "X", options: [], range: nil)
            let text = lines.joined(separator: "\n") + "\n"
            try withFile(text, suffix: ".csv") { path in
                expectSameAsOneThread(path)
                guard case .failure(.parse(let error)) = read(path, threads: 3, partBytes: 4_096) else {
                    Issue.record("expected a parse error")
                    return
                }
                #expect(error.location.line == row + 1)
                #expect(error.location.record == row)
            }
        }
    }

    @Test("lenient reading skips the same rows at the same locations")
    func lenientSkips() throws {
        var lines = Self.log.ndjson.split(separator: "\n").map(String.init)
        let broken = Array(stride(from: 5, to: lines.count, by: 401))
        for row in broken { lines[row] = "{\"id\": \"broken\", \"event\": \"teleported\", \"timestamp\": 1}" }
        lines.insert("", at: 1000)  // a blank line
        var configuration = ReportConfiguration()
        configuration.skipInvalidRows = true
        try withFile(lines.joined(separator: "\n"), suffix: ".ndjson") { path in
            expectSameAsOneThread(path, configuration: configuration)
            let log = try #require(try? read(path, threads: 2, partBytes: 65_536, configuration: configuration).get())
            #expect(log.accounting.rowsSkipped == broken.count)
            #expect(log.accounting.rowsRead == log.accounting.rowsUsed + log.accounting.rowsSkipped)
        }
    }

    @Test("rows after the as-of time, skipped in strict mode too, keep the file's line numbers in any part")
    func asOfSkips() throws {
        var configuration = ReportConfiguration()
        let rows = Self.log.rows.map(\.time).sorted()
        configuration.asOf = Timestamp(microsecondsSinceEpoch: rows[rows.count * 6 / 10])
        try withFile(Self.log.csv, suffix: ".csv") { path in
            expectSameAsOneThread(path, configuration: configuration)
            let log = try read(path, threads: 3, partBytes: 4_096, configuration: configuration).get()
            let skipped = try #require(log.accounting.skipped["after_as_of"])
            #expect(skipped.count > 3_000)
        }
    }

    @Test("a record limit passed in a later part is the one-thread error")
    func recordLimit() throws {
        var configuration = ReportConfiguration()
        configuration.maxIncidents = 1_500
        try withFile(Self.log.csv, suffix: ".csv") { path in
            expectSameAsOneThread(path, configuration: configuration)
        }
    }

    @Test("status times (for a flow by stage) merge across parts as one pass keeps them")
    func statusTimes() throws {
        // The generated rows with a status column derived from the event.
        let statuses = ["opened": "New", "acknowledged": "In Progress", "recovered": "Mitigated", "resolved": "Resolved"]
        var lines = Self.log.csv.split(separator: "\n").map(String.init)
        lines[0] += ",status"
        for i in 1..<lines.count {
            let event = Self.log.rows[i - 1].event
            lines[i] += "," + (statuses[event] ?? "")
        }
        var configuration = ReportConfiguration()
        configuration.keepsStatusTimes = true
        var flow = FlowConfiguration()
        flow.period = .day
        flow.stages = try StageMap(parsing: "New=New,Doing=In Progress|Mitigated,Done=Resolved")
        try withFile(lines.joined(separator: "\n") + "\n", suffix: ".csv") { path in
            let one = try read(path, threads: 1, configuration: configuration).get()
            let expected = try FlowReport(log: one, configuration: configuration, flow: flow)
            let doing = expected.total.periods.last?.stages?.first { $0.stage == "Doing" }
            #expect((doing?.reached ?? 0) > 1_000, "the stages are reached: the status times are there")
            for partBytes in Self.partSizes {
                let many = try read(path, threads: 3, partBytes: partBytes, configuration: configuration).get()
                #expect(try FlowReport(log: many, configuration: configuration, flow: flow) == expected, "parts of \(partBytes)")
            }
        }
    }

    @Test("a JSON array and a file too small for two parts are read in one")
    func unsplittable() throws {
        let array = "[\n" + Self.log.ndjson.split(separator: "\n").joined(separator: ",\n") + "\n]\n"
        try withFile(array, suffix: ".json") { expectSameAsOneThread($0) }
        try withFile(Self.log.csv, suffix: ".csv") { path in
            let log = try #require(try? read(path, threads: 2, partBytes: 1 << 30).get())
            #expect(log.accounting.rowsRead == 10_000)
        }
    }
}
