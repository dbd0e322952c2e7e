// The hostile fixture suite: every Fixtures/invalid/<name>.<ext> has a <name>.expected-error.txt
// holding the exit status (`exit: 65`), optionally the extra arguments (`args: --max-columns 6`),
// then exactly what `opsmetrics report [args] <file>` prints on standard error (with the fixture
// named by its file name). Each case runs the CLI in-process.
import Foundation
import OpsMetrics
import Testing
@testable import opsmetrics_cli

struct InvalidFixture: Sendable, CustomTestStringConvertible {
    /// The input's file name.
    let file: String
    let exitCode: Int32
    let arguments: [String]
    let stderr: String

    var testDescription: String { file }

    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // OpsMetricsTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Fixtures/invalid")

    static let suffix = ".expected-error.txt"

    /// Every input in Fixtures/invalid with its expectation; an input without one is a failure
    /// of `everyInputHasAnExpectation`.
    static let all: [InvalidFixture] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        return names.filter { !$0.hasSuffix(suffix) }.compactMap { file in
            let base = file.split(separator: ".").dropLast().joined(separator: ".")
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(base + suffix).path) else {
                return nil
            }
            var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let exitLine = lines.removeFirst()
            var arguments: [String] = []
            if lines.first?.hasPrefix("args: ") == true {
                arguments = lines.removeFirst().dropFirst("args: ".count).split(separator: " ").map(String.init)
            }
            return InvalidFixture(file: file, exitCode: Int32(exitLine.dropFirst("exit: ".count)) ?? -1,
                                  arguments: arguments, stderr: lines.joined(separator: "\n"))
        }
    }()
}

@Suite("Hostile fixtures")
struct InvalidFixtureTests {
    static let now = Timestamp(microsecondsSinceEpoch: 1_735_689_600_000_000)  // 2025-01-01

    @Test("Fixtures/invalid: every input has its expected error")
    func everyInputHasAnExpectation() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: InvalidFixture.directory.path)
        let inputs = names.filter { !$0.hasSuffix(InvalidFixture.suffix) }
        #expect(inputs.count >= 20)
        #expect(Set(InvalidFixture.all.map(\.file)) == Set(inputs))
        #expect(names.count == 2 * inputs.count, "an expected-error file without its input")
    }

    @Test("the CLI prints exactly the expected error and exits with the expected status", arguments: InvalidFixture.all)
    func fixture(_ fixture: InvalidFixture) {
        var out = StringOutput()
        var err = StringOutput()
        let path = InvalidFixture.directory.appendingPathComponent(fixture.file).path
        let status = CommandLineTool.run(arguments: ["report"] + fixture.arguments + [path], stdout: &out, stderr: &err, now: Self.now)
        #expect(status.code == fixture.exitCode)
        #expect(err.text.replacingOccurrences(of: InvalidFixture.directory.path + "/", with: "") == fixture.stderr)
        if status.code != 0 {
            #expect(out.text.isEmpty, "no partial report after an error")
        }
    }
}
