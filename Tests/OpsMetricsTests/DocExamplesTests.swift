import Foundation
import OpsMetrics
import Testing

/// Every code sample in README.md has a compiled twin here, and a test keeps the two identical
/// (the idea of rust-csv's `ci/check-copy`).
@Suite("Documentation examples")
struct DocExamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the README's library example runs")
    func readmeLibraryExample() throws {
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(Self.root.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // README:begin
        var configuration = ReportConfiguration()
        configuration.windowStart = Timestamp(parsing: "2024-05-01T00:00:00Z")
        configuration.windowEnd = Timestamp(parsing: "2024-05-08T00:00:00Z")

        // A whole file (or standard input, "-").
        var log = try IncidentLog(contentsOfFile: "Fixtures/valid/overlapping-incidents.csv", configuration: configuration)

        // Bytes as they arrive, a chunk at a time (a pipe, a webhook body).
        var stream = try EventLogReader(name: "webhook", format: .ndjson, configuration: configuration)
        try stream.push(Array(#"{"id":"INC-900","service":"search","event":"opened","timestamp":"2024-05-06T08:00:00Z"}"#.utf8))
        try stream.push(Array(#"{"id":"INC-900","event":"resolved","timestamp":"2024-05-06T08:20:00Z"}"#.utf8))
        log.merge(try stream.finish())

        let report = ReliabilityReport(log: log, configuration: configuration)
        for service in report.services {
            print(service.service, service.uptimePercent ?? .nan, service.failures, service.mttr.meanSeconds ?? .nan)
        }
        // README:end

        // The output GettingStarted.md quotes.
        #expect(printed == ["api 98.88888888888889 2 3200.0", "checkout 99.40119760479041 2 3000.0", "search 96.45708582834331 3 3000.0"])
        #expect(report.meta.inputs.last == "webhook")
    }

    @Test("the IntervalSet example of Intervals.md runs")
    func intervalsExample() {
        // INTERVALS:begin
        func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }
        let down = IntervalSet([
            Interval(start: t(5), end: t(9)),
            Interval(start: t(0), end: t(5)),   // touches [5, 9)
            Interval(start: t(6), end: t(7)),   // nested in [5, 9)
            Interval(start: t(20), end: t(20)), // empty: dropped
        ])
        assert(down.intervals == [Interval(start: t(0), end: t(9))])
        assert(down.totalMicroseconds == 9)
        // INTERVALS:end
        #expect(down.intervals == [Interval(start: t(0), end: t(9))])
        #expect(down.totalMicroseconds == 9)
    }

    struct Copy: Sendable, CustomTestStringConvertible {
        let document: String
        let marker: String
        let firstLine: String
        var testDescription: String { "\(document) (\(marker))" }
    }

    static let copies = [
        Copy(document: "README.md", marker: "README", firstLine: "import OpsMetrics"),
        Copy(document: "Sources/OpsMetrics/OpsMetrics.docc/GettingStarted.md", marker: "README", firstLine: "import OpsMetrics"),
        Copy(document: "Sources/OpsMetrics/OpsMetrics.docc/Intervals.md", marker: "INTERVALS", firstLine: "func t(_ us: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: us) }"),
    ]

    @Test("documents show their code samples exactly as compiled here", arguments: copies)
    func documentMatchesTwin(_ copy: Copy) throws {
        let document = try String(contentsOf: Self.root.appendingPathComponent(copy.document), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        func normalized(_ lines: some Sequence<Substring>) -> [String] {
            lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(sourceLines.firstIndex { $0.hasSuffix("// " + copy.marker + ":begin") })
        let end = try #require(sourceLines.firstIndex { $0.hasSuffix("// " + copy.marker + ":end") })
        let twin = normalized(sourceLines[(begin + 1)..<end])

        let lines = document.split(separator: "\n", omittingEmptySubsequences: false)
        let open = try #require(lines.indices.first { lines[$0] == "```swift" && $0 + 1 < lines.count && lines[$0 + 1] == copy.firstLine })
        let close = try #require(lines[(open + 1)...].firstIndex { $0 == "```" })
        let sample = normalized(lines[(open + 1)..<close]).filter { $0 != "import OpsMetrics" }
        #expect(sample == twin)
    }
}
