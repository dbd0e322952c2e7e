import Foundation
import Testing

/// The built executable on the files a shell hands over (pipes, FIFOs, devices, `/dev/stdin`,
/// process substitution) and the outputs it writes to (the input itself, devices, FIFOs, a full
/// disk, a closed standard output). Each case runs a bash script with `$OPSMETRICS` set to the
/// executable, `$IN` to a small export and the working directory a fresh temporary folder; every
/// command in it runs under `timeout`, so a hang fails the case instead of the suite.
@Suite("opsmetrics on Unix plumbing")
struct UnixPlumbingTests {
    static let export = CommandLineToolTests.sample

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `script` in bash in a temporary folder holding `in.csv` (the sample export).
    static func shell(_ script: String, files: [String: String] = [:]) throws -> Run {
        let executable: URL = try #require(ExecutableSmokeTests.executable)
        return try CommandLineToolTests.withFiles(["in.csv": export].merging(files) { $1 }) { directory in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "set -u\n" + script]
            process.currentDirectoryURL = directory
            var environment = ProcessInfo.processInfo.environment
            environment["OPSMETRICS"] = "timeout -s KILL 20 " + executable.path
            environment["IN"] = "in.csv"
            process.environment = environment
            // Both streams go to files: nothing can stall on a full pipe.
            let outURL = directory.appendingPathComponent(".stdout"), errURL = directory.appendingPathComponent(".stderr")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            let output = try FileHandle(forWritingTo: outURL), error = try FileHandle(forWritingTo: errURL)
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = output
            process.standardError = error
            try process.run()
            process.waitUntilExit()
            try output.close()
            try error.close()
            return Run(status: process.terminationStatus,
                       stdout: try String(contentsOf: outURL, encoding: .utf8), stderr: try String(contentsOf: errURL, encoding: .utf8))
        }
    }

    // MARK: - Inputs

    /// The report of the sample read as a plain file, to compare the others with.
    static func plainReport() throws -> String {
        let run = try shell("$OPSMETRICS report --as-of 2024-02-01 --format json $IN")
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test("every kind of input a shell hands over gives the plain file's report", arguments: [
        ("a pipe on standard input", "cat $IN | $OPSMETRICS report --as-of 2024-02-01 --format json"),
        ("a pipe on standard input, named -", "cat $IN | $OPSMETRICS report --as-of 2024-02-01 --format json -"),
        ("/dev/stdin on a pipe", "cat $IN | $OPSMETRICS report --as-of 2024-02-01 --format json /dev/stdin"),
        ("/dev/stdin on a redirected file", "$OPSMETRICS report --as-of 2024-02-01 --format json /dev/stdin < $IN"),
        ("process substitution (/dev/fd/N)", "$OPSMETRICS report --as-of 2024-02-01 --format json <(cat $IN)"),
        ("a FIFO whose writer writes and closes", "mkfifo f; (cat $IN > f &); $OPSMETRICS report --as-of 2024-02-01 --format json f"),
        ("a FIFO fed slowly, a byte at a time",
         "mkfifo f; (while IFS= read -r -n1 c; do printf '%s' \"${c:-$'\\n'}\"; sleep 0.001; done < $IN > f &); $OPSMETRICS report --as-of 2024-02-01 --format json f"),
    ])
    func streams(_ name: String, _ script: String) throws {
        let plain = try Self.plainReport()
        let run = try Self.shell(script)
        #expect(run.status == 0, "\(name): \(run.stderr)")
        // The input's name differs (`-`, `/dev/stdin`, `/dev/fd/63`, `f`); everything else is equal.
        let report = try #require(Self.withoutInputNames(run.stdout), "\(name): \(run.stdout)")
        #expect(report == Self.withoutInputNames(plain), "\(name)")
    }

    /// A JSON report with its `meta.inputs` list (the inputs' names) left out.
    static func withoutInputNames(_ json: String) -> NSDictionary? {
        guard var report = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              var meta = report["meta"] as? [String: Any] else { return nil }
        meta["inputs"] = nil
        report["meta"] = meta
        return report as NSDictionary
    }

    @Test("a FIFO and standard input can be inspected, and detection samples them")
    func inspectStreams() throws {
        let ivanti = try String(contentsOfFile: "Fixtures/presets/ivanti-incidents.csv", encoding: .utf8)
        let piped = try Self.shell("cat ivanti.csv | $OPSMETRICS inspect", files: ["ivanti.csv": ivanti])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("preset     ivanti (detected"))
        #expect(piped.stdout.contains("rows       3 read, 3 used, 0 skipped"))
        let fifo = try Self.shell("mkfifo f; (cat ivanti.csv > f &); $OPSMETRICS inspect f", files: ["ivanti.csv": ivanti])
        #expect(fifo.status == 0, "\(fifo.stderr)")
        #expect(fifo.stdout.contains("rows       3 read, 3 used, 0 skipped"))
        let report = try Self.shell("cat ivanti.csv | $OPSMETRICS report --as-of 2024-04-01", files: ["ivanti.csv": ivanti])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains("ivanti"), "the preset is detected on standard input too: \(report.stderr)")
    }

    @Test("a directory or a socket is no input: exit 66, and says what it is")
    func directoriesAndSockets() throws {
        let directory = try Self.shell("mkdir d; $OPSMETRICS report d")
        #expect(directory.status == 66)
        #expect(directory.stderr == "opsmetrics: d: error: cannot open: is a directory (name the files in it)\n")
        let socket = try Self.shell("python3 -c \"import socket; socket.socket(socket.AF_UNIX).bind('s')\" && $OPSMETRICS report s")
        #expect(socket.status == 66)
        #expect(socket.stderr == "opsmetrics: s: error: cannot open: is a socket (read a file, a pipe or a device)\n")
    }

    @Test("a sparse 64 GiB file of NULs fails at its first record, at once")
    func sparseFile() throws {
        let run = try Self.shell("truncate -s 64G big.csv && $OPSMETRICS report big.csv; echo \"exit $?\"; $OPSMETRICS inspect big.csv")
        #expect(run.stdout.contains("exit 65"))
        #expect(run.stderr.hasPrefix("opsmetrics: big.csv:1:1: error: NUL byte"), "\(run.stderr)")
        #expect(run.stdout.contains("[nul_byte] reading stops: big.csv:1:1"), "\(run.stdout)")
    }

    @Test("/dev/null is an empty input")
    func devNull() throws {
        let run = try Self.shell("$OPSMETRICS report /dev/null")
        #expect(run.status == 65)
        #expect(run.stderr == "opsmetrics: /dev/null:1:1: error: empty input: expected a header row, found the end of the input\n")
    }
}
