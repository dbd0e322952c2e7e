import Foundation
import Testing
@testable import OpsMetrics

/// Locations count lines as the CSV tokenizer splits records: LF, CRLF and a lone CR (old Mac OS
/// line endings) each end a line, whatever the chunks the input arrives in.
@Suite("Line endings in locations")
struct LineEndingLocationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var input: String
        var location: String
    }

    static let row = "2024-01-01T00:00:00Z,2024-01-01T01:00:00Z"
    static let cases = [
        Case(testDescription: "LF", input: "id,opened,resolved\nA,\(row)\nB,2024-01-01T00:00:00Z,bad\n", location: "t.csv:3:24"),
        Case(testDescription: "CRLF", input: "id,opened,resolved\r\nA,\(row)\r\nB,2024-01-01T00:00:00Z,bad\r\n", location: "t.csv:3:24"),
        Case(testDescription: "CR only", input: "id,opened,resolved\rA,\(row)\rB,2024-01-01T00:00:00Z,bad\r", location: "t.csv:3:24"),
        Case(testDescription: "CR only, no final break", input: "id,opened,resolved\rA,\(row)\rB,2024-01-01T00:00:00Z,bad", location: "t.csv:3:24"),
        Case(testDescription: "mixed CRLF, CR and LF", input: "id,opened,resolved\r\nA,\(row)\rB,\(row)\nC,2024-01-01T00:00:00Z,bad\r", location: "t.csv:4:24"),
        Case(testDescription: "CR, with a BOM and a quoted LF", input: "\u{FEFF}id,opened,resolved\r\"A\nB\",\(row)\rC,2024-01-01T00:00:00Z,bad\r", location: "t.csv:4:24"),
    ]

    @Test("the error is located at the same line and column for every chunk size", arguments: cases)
    func location(_ testCase: Case) throws {
        let bytes = Array(testCase.input.utf8)
        for chunk in [bytes.count, 1, 2, 3, 5, 7, 16] {
            var reader = try EventLogReader(name: "t.csv", format: .csv, configuration: ReportConfiguration())
            let error = #expect(throws: ParseError.self) {
                var offset = 0
                while offset < bytes.count {
                    try reader.push(bytes[offset..<min(offset + chunk, bytes.count)])
                    offset += chunk
                }
                _ = try reader.finish()
            }
            #expect(error?.location.description == testCase.location, "chunk \(chunk)")
        }
    }

    @Test("inspect cuts a sample of CR-only lines at its last CR and says how many bytes it read")
    func inspectSampleCut() throws {
        let row = "A,\(Self.row)\r"  // 45 bytes
        let text = "id,opened,resolved\r" + String(repeating: row, count: 1_000)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opsmetrics-cr-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let budget = 19 + 45 * 10 + 20  // the header, ten whole rows and part of the eleventh
        let inspection = try InputInspection.inspect(path: url.path, configuration: ReportConfiguration(), detectPreset: false, maxBytes: budget)
        #expect(inspection.bytesRead == budget)
        #expect(!inspection.complete)
        #expect(inspection.rows.rowsRead == 10)
        #expect(!inspection.problems.contains { $0.code == "no_whole_record" })
    }
}
