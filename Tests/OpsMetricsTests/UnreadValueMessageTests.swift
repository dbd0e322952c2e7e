import Foundation
import Testing
@testable import opsmetrics_cli

/// No error message shows a value of a key or column the run does not read: free text and
/// personal fields (`description`, `caller`) stay out of stderr, strict or lenient, whatever the fault.
@Suite("Unread values stay out of messages")
struct UnreadValueMessageTests {
    static let secret = "SECRETJANE"

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var name: String
        var text: String
        /// What the message must say instead (its location and what was found).
        var message: String
    }

    static let opened = #""id":"A","opened":"2024-01-01T00:00:00Z""#
    static let cases = [
        Case(testDescription: "a bad escape in an unread string", name: "e.ndjson", text: #"{\#(opened),"description":"\#(secret) \q"}"# + "\n",
             message: "e.ndjson:1:69: error: invalid JSON: expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX), found a fault in the value of key 'description', which is not read (its value is not shown)"),
        Case(testDescription: "a control character in an unread string", name: "c.ndjson", text: "{\(opened),\"caller\":\"\(secret)\u{01}x\"}\n",
             message: "c.ndjson:1:63: error: invalid JSON: expected an escaped control character, found a fault in the value of key 'caller', which is not read (its value is not shown)"),
        Case(testDescription: "a control character in a nested unread value", name: "n.json", text: "[{\(opened),\"caller\":{\"name\":\"\(secret)\u{02}\"}}]",
             message: "n.json:1:72: error: invalid JSON: expected an escaped control character, found a fault in the value of key 'caller', which is not read (its value is not shown)"),
        Case(testDescription: "text after a read value, before an unread one", name: "a.ndjson", text: "{\"id\":\"A\" \"caller\":\"\(secret)\"}\n",
             message: "a.ndjson:1:11: error: invalid JSON: expected ',' or '}', found other text after the value of key 'id' (not shown: it may be part of a value that is not read)"),
        Case(testDescription: "a bare word where a key belongs", name: "k.ndjson", text: "{\(opened),\(secret)}\n",
             message: "k.ndjson:1:43: error: invalid JSON: expected a string key, found other text (not shown: it may be part of a value that is not read)"),
        Case(testDescription: "a stray quote in an unread CSV column", name: "q.csv", text: "id,opened,description\nA,2024-01-01T00:00:00Z,\"\(secret)\"x\n",
             message: "q.csv:2:36: error: unexpected character: expected a delimiter or the end of the line after a closing quote, found more text after the closing quote in column 3, which is not read (its value is not shown)"),
    ]

    @Test("strict and lenient runs name the place and the key, never the value", arguments: cases)
    func withheld(_ testCase: Case) throws {
        try CommandLineToolTests.withFiles([testCase.name: testCase.text]) { directory in
            let path = directory.appendingPathComponent(testCase.name).path
            for lenient in [false, true] {
                for format in ["table", "json"] {
                    let run = HostileCLITests.run(["report", "--format", format] + (lenient ? ["--skip-invalid"] : []) + [path])
                    #expect(!run.stderr.contains(Self.secret), "\(run.stderr)")
                    #expect(!run.stdout.contains(Self.secret), "\(run.stdout)")
                    if !lenient { #expect(run.stderr == "opsmetrics: \(directory.path)/\(testCase.message)\n") }
                }
            }
            let inspect = HostileCLITests.run(["inspect", path])
            #expect(!inspect.stdout.contains(Self.secret) && !inspect.stderr.contains(Self.secret), "\(inspect.stdout)")
        }
    }

    @Test("a fault in a value that is read still shows it")
    func readValuesShown() throws {
        try CommandLineToolTests.withFiles(["r.ndjson": #"{"id":"A","opened":"2024-01-01T\q"}"# + "\n"]) { directory in
            let run = HostileCLITests.run(["report", directory.appendingPathComponent("r.ndjson").path])
            #expect(run.stderr.hasSuffix(#"found "\q\"}\n""# + "\n"), "\(run.stderr)")
        }
    }
}
