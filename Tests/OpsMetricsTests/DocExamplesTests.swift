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

        #expect(printed.count == report.services.count)
        #expect(printed.contains { $0.hasPrefix("search ") })
        #expect(report.meta.inputs.last == "webhook")
    }

    @Test("README.md shows the library example exactly as compiled here")
    func readmeMatchesTwin() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        func normalized(_ lines: some Sequence<Substring>) -> [String] {
            lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(sourceLines.firstIndex { $0.hasSuffix("// README" + ":begin") })
        let end = try #require(sourceLines.firstIndex { $0.hasSuffix("// README" + ":end") })
        let twin = normalized(sourceLines[(begin + 1)..<end])

        let readmeLines = readme.split(separator: "\n", omittingEmptySubsequences: false)
        let open = try #require(readmeLines.indices.first { readmeLines[$0] == "```swift" && readmeLines[$0 + 1] == "import OpsMetrics" })
        let close = try #require(readmeLines[(open + 1)...].firstIndex { $0 == "```" })
        let sample = normalized(readmeLines[(open + 1)..<close]).filter { $0 != "import OpsMetrics" }
        #expect(sample == twin)
    }
}
