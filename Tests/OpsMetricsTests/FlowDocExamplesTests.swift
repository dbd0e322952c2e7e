import Foundation
import OpsMetrics
import Testing

/// The code sample of CumulativeFlow.md, compiled and run here, and kept identical to the article.
@Suite("Cumulative flow documentation example")
struct FlowDocExamplesTests {
    @Test("the library example of CumulativeFlow.md runs and prints what the article says")
    func example() throws {
        // The sample's relative path is read from the package root, where `swift test` runs (the
        // current directory is not changed here: it is shared by tests running in parallel).
        try #require(FileManager.default.fileExists(atPath: "Fixtures/valid/flow-daily.csv"), "run from the package root")
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // FLOW:begin
        var configuration = ReportConfiguration()
        configuration.windowStart = Timestamp(parsing: "2024-05-06T00:00:00Z")
        configuration.windowEnd = Timestamp(parsing: "2024-05-10T00:00:00Z")
        let log = try IncidentLog(contentsOfFile: "Fixtures/valid/flow-daily.csv", configuration: configuration)

        var flow = FlowConfiguration()
        flow.period = .day
        let report = try FlowReport(log: log, configuration: configuration, flow: flow)
        for row in report.total.periods {
            print(row.period, row.created, row.resolved, row.openAtEnd)  // 2024-05-06 2 2 2, …
        }
        print(report.total.leadTime.p85Seconds ?? .nan)  // 158400.0
        // FLOW:end

        #expect(printed == ["2024-05-06 2 2 2", "2024-05-07 2 1 3", "2024-05-08 1 1 3", "2024-05-09 1 1 3", "158400.0"])
    }

    @Test("CumulativeFlow.md shows the sample exactly as compiled here")
    func articleMatchesTwin() throws {
        let article = try String(contentsOf: DocExamplesTests.root.appendingPathComponent("Sources/OpsMetrics/OpsMetrics.docc/CumulativeFlow.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        func normalized(_ lines: some Sequence<Substring>) -> [String] {
            lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(sourceLines.firstIndex { $0.hasSuffix("// FLOW:begin") })
        let end = try #require(sourceLines.firstIndex { $0.hasSuffix("// FLOW:end") })
        let lines = article.split(separator: "\n", omittingEmptySubsequences: false)
        let open = try #require(lines.firstIndex { $0 == "```swift" })
        let close = try #require(lines[(open + 1)...].firstIndex { $0 == "```" })
        #expect(normalized(lines[(open + 1)..<close]) == normalized(sourceLines[(begin + 1)..<end]))
    }
}
