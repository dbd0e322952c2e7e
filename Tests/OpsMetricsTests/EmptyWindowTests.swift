import Foundation
import OpsMetrics
import Testing
@testable import opsmetrics_cli

/// Reports over windows that hold nothing: an as-of time before every event, an input of only a
/// header. They say so, with null metrics and a window at the as-of time, never one from 1970.
@Suite("Empty windows")
struct EmptyWindowTests {
    static func run(_ arguments: [String], file: String) throws -> (status: ExitCode, stdout: String) {
        try CommandLineToolTests.withFiles(["in.csv": file]) { directory in
            let run = HostileCLITests.run(arguments + [directory.appendingPathComponent("in.csv").path])
            return (run.status, run.stdout)
        }
    }

    @Test("an as-of time before every event: a window at the as-of time, null metrics, and a note", arguments: ["report", "flow"])
    func asOfBeforeTheData(_ command: String) throws {
        let table = try Self.run([command, "--as-of", "2020-01-01"], file: CommandLineToolTests.sample)
        #expect(table.status == .success)
        #expect(!table.stdout.contains("1970"), "\(table.stdout)")
        #expect(table.stdout.contains("window  [2020-01-01T00:00:00Z, 2020-01-01T00:00:00Z] (0s, span of the data)"))
        #expect(table.stdout.contains("note    no records: every row read is after the as-of time, so nothing had happened yet"))
        let json = try Self.run([command, "--as-of", "2020-01-01", "--format", "json"], file: CommandLineToolTests.sample)
        #expect(!json.stdout.contains("1970"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let meta = try #require(object["meta"] as? [String: Any])
        #expect(meta["window_start"] as? String == "2020-01-01T00:00:00Z")
        if command == "report" {
            let total = try #require(object["total"] as? [String: Any])
            #expect(total["uptime_percent"] is NSNull || total["uptime_percent"] == nil)
            #expect((object["services"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("an input of only a header: the window is empty at the as-of time, and the table says there were no rows")
    func headerOnly() throws {
        let table = try Self.run(["report", "--as-of", "2024-03-01"], file: "id,opened,resolved\n")
        #expect(table.status == .success)
        #expect(table.stdout.contains("window  [2024-03-01T00:00:00Z, 2024-03-01T00:00:00Z]"), "\(table.stdout)")
        #expect(table.stdout.contains("note    no records: the input holds no rows"))
    }

    @Test("a given window with records in it has no note")
    func noNoteWithRecords() throws {
        let table = try Self.run(["report", "--as-of", "2024-03-01"], file: CommandLineToolTests.sample)
        #expect(!table.stdout.contains("note    no records"))
    }

    @Test("the library with no data and no time given (now at the end of time): a window that encodes and reads back")
    func libraryDefaults() throws {
        let report = ReliabilityReport(log: IncidentLog(), configuration: ReportConfiguration())
        let data = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(ReliabilityReport.self, from: data)
        #expect(decoded.meta.windowStart == report.meta.windowStart)
        #expect(report.meta.windowStart.microsecondsSinceEpoch == 0 && report.meta.windowEnd.microsecondsSinceEpoch == 0)
    }
}
