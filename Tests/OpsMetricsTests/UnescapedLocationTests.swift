import Testing
@testable import OpsMetrics

/// Locations after a record whose values were unescaped in place: `""` compaction moves a quoted
/// value's line feeds, and a JSON `\n` or `\u000A` escape becomes a line feed that is no line break.
/// Lines and columns must still count the input as written (found by the PartitionedRead fuzz target).
@Suite("Locations after unescaped values")
struct UnescapedLocationTests {
    /// The 1-based line and column of the first occurrence of `needle` in `text`.
    func position(of needle: String, in text: String) -> (line: Int, column: Int) {
        let bytes = Array(text.utf8)
        let target = Array(needle.utf8)
        var line = 1
        var lineStart = 0
        for i in 0...(bytes.count - target.count) {
            if Array(bytes[i..<(i + target.count)]) == target { return (line, i - lineStart + 1) }
            if bytes[i] == ASCII.newline {
                line += 1
                lineStart = i + 1
            }
        }
        preconditionFailure("\(needle) not in the text")
    }

    func error(_ text: String, format: InputFormat, chunkSize: Int? = nil) -> ParseError? {
        do {
            _ = try readLog(text, format: format, name: format == .csv ? "t.csv" : "t.ndjson", chunkSize: chunkSize)
            return nil
        } catch {
            return error as? ParseError
        }
    }

    @Test("after an escaped line feed in a JSON key, the next error is where it is written")
    func jsonEscapedLineFeed() {
        let text = """
        {"id": "INC-1", "opened": "2024-05-01T10:00:00Z"}
        {"id": "INC-2", "no\\u000Ate": "x\\ny", "opened": "2024-05-01T10:30:00Z", "re\\nason": "network"}garbage
        {"id": "INC-3", "opened": "2024-05-01T11:00:00Z"}
        """
        for chunkSize in [nil, 1, 7, 64] {
            let found = error(text, format: .ndjson, chunkSize: chunkSize)
            let expected = position(of: "garbage", in: text)
            #expect(found?.kind == .invalidJSON)
            #expect(found?.location.line == expected.line, "chunks of \(String(describing: chunkSize))")
            #expect(found?.location.column == expected.column, "chunks of \(String(describing: chunkSize))")
        }
    }

    @Test("in a CSV record whose quoted value has line breaks and doubled quotes, a later field's error is where it is written")
    func csvCompactedQuotes() {
        let text = """
        id,notes,opened
        A,"one ""quoted"" line
        and ""another""
        and a third",2024-05-01T10:00:00Z
        B,"say ""hi""
        again",2024-13-01T10:00:00Z
        """
        for chunkSize in [nil, 1, 5, 64] {
            let found = error(text, format: .csv, chunkSize: chunkSize)
            let expected = position(of: "2024-13-01", in: text)
            #expect(found?.location.line == expected.line, "chunks of \(String(describing: chunkSize))")
            #expect(found?.location.column == expected.column, "chunks of \(String(describing: chunkSize))")
            #expect(found?.field == "opened")
        }
    }
}
