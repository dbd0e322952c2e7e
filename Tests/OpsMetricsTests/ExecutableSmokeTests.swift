import Foundation
import Testing

/// A few end-to-end runs of the built `opsmetrics` executable (the rest of the CLI is tested in-process).
@Suite("opsmetrics executable")
struct ExecutableSmokeTests {
    /// The executable next to the test bundle, where `swift build` / `swift test` put it.
    static let executable: URL? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("opsmetrics")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    static func run(_ arguments: [String], stdin: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let url: URL = try #require(Self.executable)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test("reads standard input and exits 0; bad data exits 65 with the location on stderr",
          .enabled(if: executable != nil, "the opsmetrics executable was not built next to the tests"))
    func standardInput() throws {
        let good = try Self.run(["report", "--input-format", "ndjson"],
                                stdin: #"{"id":"A","service":"web","opened":"2024-01-01T00:00:00Z","resolved":"2024-01-01T01:00:00Z"}"# + "\n")
        #expect(good.status == 0)
        #expect(good.stdout.contains("web "))
        #expect(good.stderr.isEmpty)

        let bad = try Self.run(["report"], stdin: "id,opened\nA,2024-01-01T25:00:00Z\n")
        #expect(bad.status == 65)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.hasPrefix("opsmetrics: -:2:3: error: invalid timestamp in field 'opened'"))

        let version = try Self.run(["--version"], stdin: "")
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("opsmetrics "))
    }
}
