import Foundation
import OpsMetrics
import Testing
@testable import opsmetrics_cli

/// The CLI under hostile conditions: limit options, personal data, and (spawning the built
/// executable) SIGKILL and SIGINT mid-run and a closed pipe.
@Suite("opsmetrics under hostile conditions")
struct HostileCLITests {
    static func run(_ arguments: [String]) -> (status: ExitCode, stdout: String, stderr: String) {
        var out = StringOutput()
        var err = StringOutput()
        let status = CommandLineTool.run(arguments: arguments, stdout: &out, stderr: &err, now: CommandLineToolTests.now)
        return (status, out.text, err.text)
    }

    // MARK: - Limit options

    @Test("limit options take sizes and counts; bad values are usage errors", arguments: [
        (["--max-columns", "0"], "Error: --max-columns takes a whole number of at least 1, not '0'"),
        (["--max-incidents", "many"], "Error: --max-incidents takes a whole number of at least 1, not 'many'"),
        (["--max-json-depth", "-3"], "Error: --max-json-depth takes a whole number of at least 1, not '-3'"),
        (["--max-record-bytes", "12Q"], "Error: --max-record-bytes takes a size in bytes such as 65536, 64K, 16M or 1G, not '12Q'"),
        (["--max-field-bytes", "99999999999G"], "Error: --max-field-bytes takes a size in bytes such as 65536, 64K, 16M or 1G, not '99999999999G'"),
        (["--threads", "0"], "Error: --threads takes a whole number of at least 1, not '0'"),
    ])
    func badLimitValues(_ arguments: [String], _ message: String) {
        let run = Self.run(["report"] + arguments)
        #expect(run.status == .usage)
        #expect(run.stderr.hasPrefix(message + "\n"))
    }

    @Test("limit values parse", arguments: [
        ("65536", 65536), ("64K", 65536), ("64KiB", 65536), ("16M", 16 << 20), ("1G", 1 << 30), ("2GB", 2 << 30),
    ])
    func byteCounts(_ text: String, _ bytes: Int) throws {
        #expect(try CommonOptions.byteCount("--max-record-bytes", text) == bytes)
        #expect(try CommonOptions.count("--max-incidents", "5_000_000") == 5_000_000)
    }

    @Test("each limit option reaches the reader; the record limit holds over all inputs")
    func limitOptionsApply() throws {
        let files = [
            "a.csv": "id,opened,service\nA,2024-01-01,web\nB,2024-01-02,api\n",
            "b.csv": "id,opened,service\nC,2024-01-03,web\n",
        ]
        try CommandLineToolTests.withFiles(files) { directory in
            let a = directory.appendingPathComponent("a.csv").path
            let b = directory.appendingPathComponent("b.csv").path
            #expect(Self.run(["report", a, b]).status == .success)
            let both = Self.run(["report", "--max-incidents", "2", a, b])
            #expect(both.status == .dataError)
            #expect(both.stderr == "opsmetrics: \(b): error: limit exceeded: expected at most 2 distinct records over all inputs (--max-incidents), found 3\n")
            #expect(both.stdout.isEmpty)
            #expect(Self.run(["report", "--max-columns", "2", a]).stderr.contains("expected at most 2 fields (--max-columns)"))
            #expect(Self.run(["report", "--max-field-bytes", "2", a]).stderr.contains("expected a value of at most 2 bytes (--max-field-bytes)"))
            #expect(Self.run(["report", "--max-record-bytes", "10", a]).stderr.contains("expected a record of at most 10 bytes (--max-record-bytes)"))
        }
    }

    // MARK: - Personal data

    /// Values of personal columns, each unique, so any leak into any output is found.
    static let personal = ["Jane Caller", "Sam Assignee", "Olga Opener", "my laptop is on fire", "work note 42", "call me at 555-0100"]

    @Test("no personal field appears in the report, as a table or JSON, nor in messages kept in it")
    func personalFieldsStayOut() throws {
        let csv = """
        number,short_description,caller_id,assigned_to,opened_by,description,work_notes,service,opened_at,resolved_at,close_code
        INC1,\(Self.personal[3]),\(Self.personal[0]),\(Self.personal[1]),\(Self.personal[2]),"\(Self.personal[5])",\(Self.personal[4]),mail,2024-01-01T10:00:00Z,2024-01-01T11:00:00Z,hardware
        INC2,printer,\(Self.personal[0]),\(Self.personal[1]),\(Self.personal[2]),"\(Self.personal[5])" and more,x,mail,2024-01-02T10:00:00Z,2024-01-02T10:30:00Z,

        """
        let ndjson = #"{"id":"INC3","caller":"\#(Self.personal[0])","assignee":"\#(Self.personal[1])","opened_by":"\#(Self.personal[2])","description":"\#(Self.personal[3])","service":"mail","opened":"2024-01-03T10:00:00Z"}"# + "\n"
        try CommandLineToolTests.withFiles(["export.csv": csv, "events.ndjson": ndjson]) { directory in
            let paths = ["export.csv", "events.ndjson"].map { directory.appendingPathComponent($0).path }
            for format in ["table", "json"] {
                let run = Self.run(["report", "--skip-invalid", "--format", format] + paths)
                #expect(run.status == .success)
                #expect(run.stdout.contains("mail"), "the report itself is there")
                #expect(run.stdout.contains("unexpected_character"), "the bad row is accounted for")
                for value in Self.personal {
                    #expect(!run.stdout.contains(value), "\(format) shows '\(value)'")
                    #expect(!run.stderr.contains(value), "stderr shows '\(value)'")
                }
            }
            let strict = Self.run(["report"] + paths)
            #expect(strict.status == .dataError)
            for value in Self.personal { #expect(!strict.stderr.contains(value)) }
        }
    }

    // MARK: - The executable: signals and pipes

    /// A CSV log of `rows` incidents on `services` services, large enough to keep a debug build busy.
    static func largeLog(rows: Int, services: Int) -> String {
        var text = "id,service,opened,resolved,reason\n"
        text.reserveCapacity(rows * 70)
        for i in 0..<rows {
            let minute = i % 60 < 10 ? "0\(i % 60)" : "\(i % 60)"
            text += "INC-\(i),service-\(i % services),2024-05-01T10:\(minute):00Z,2024-05-01T11:\(minute):00Z,deploy\n"
        }
        return text
    }

    /// Starts the executable with stdout and stderr captured (stdin empty).
    static func start(_ arguments: [String]) throws -> (process: Process, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        let url: URL = try #require(ExecutableSmokeTests.executable)
        process.executableURL = url
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        try process.run()
        return (process, output, error)
    }

    /// Waits for `process`, at most `seconds`; false (and the process killed) if it did not end.
    static func wait(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        process.waitUntilExit()
        return true
    }

    @Test("SIGKILL mid-run leaves the previous --output report intact, and the next run works",
          .enabled(if: ExecutableSmokeTests.executable != nil, "the opsmetrics executable was not built next to the tests"))
    func killedMidRun() throws {
        try CommandLineToolTests.withFiles(["big.csv": Self.largeLog(rows: 150_000, services: 40), "small.csv": CommandLineToolTests.sample,
                                            "report.json": "the previous report\n"]) { directory in
            let output = directory.appendingPathComponent("report.json").path
            let (process, _, _) = try Self.start(["report", "--format", "json", "--output", output,
                                                  directory.appendingPathComponent("big.csv").path])
            usleep(200_000)
            kill(process.processIdentifier, SIGKILL)
            #expect(Self.wait(process, seconds: 10))
            #expect(process.terminationReason == .uncaughtSignal, "killed while running, not after it ended")
            #expect(try String(contentsOfFile: output, encoding: .utf8) == "the previous report\n")

            let next = try Self.start(["report", "--format", "json", "--output", output, directory.appendingPathComponent("small.csv").path])
            #expect(Self.wait(next.process, seconds: 20))
            #expect(next.process.terminationStatus == 0)
            #expect(try String(contentsOfFile: output, encoding: .utf8).contains("\"schema_version\""))
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(names == ["big.csv", "report.json", "small.csv"], "no temporary file left behind")
        }
    }

    @Test("a write that fails midway (a full disk; here the file size limit) leaves the previous --output report and says why",
          .enabled(if: ExecutableSmokeTests.executable != nil, "the opsmetrics executable was not built next to the tests"))
    func failedWrite() throws {
        let executable = try #require(ExecutableSmokeTests.executable)
        try CommandLineToolTests.withFiles(["small.csv": CommandLineToolTests.sample, "report.json": "the previous report\n"]) { directory in
            let output = directory.appendingPathComponent("report.json").path
            // `ulimit -f 1`: writes past the first block fail (EFBIG, with SIGXFSZ ignored), as on a full disk.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"", executable.path,
                                 "report", "--format", "json", "--output", output, directory.appendingPathComponent("small.csv").path]
            let error = Pipe()
            process.standardError = error
            try process.run()
            let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(Self.wait(process, seconds: 20))
            #expect(process.terminationStatus == 1)
            #expect(message == "opsmetrics: \(output): error: cannot write: File too large (nothing was replaced)\n")
            #expect(try String(contentsOfFile: output, encoding: .utf8) == "the previous report\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["report.json", "small.csv"],
                    "no temporary file left behind")

            let nowhere = directory.appendingPathComponent("no-such-directory/report.txt").path
            let missing = Self.run(["report", "--output", nowhere, directory.appendingPathComponent("small.csv").path])
            #expect(missing.status == .failure)
            #expect(missing.stderr == "opsmetrics: \(nowhere): error: cannot write: No such file or directory (nothing was replaced)\n")
        }
    }

    @Test("SIGINT stops cleanly: exit 130, a note on stderr, nothing on stdout, --output untouched",
          .enabled(if: ExecutableSmokeTests.executable != nil, "the opsmetrics executable was not built next to the tests"))
    func interrupted() throws {
        try CommandLineToolTests.withFiles(["big.csv": Self.largeLog(rows: 150_000, services: 40), "report.txt": "previous\n"]) { directory in
            let big = directory.appendingPathComponent("big.csv").path
            let output = directory.appendingPathComponent("report.txt").path
            for arguments in [["report", big], ["report", "--output", output, big]] {
                let (process, stdout, stderr) = try Self.start(arguments)
                usleep(200_000)
                process.interrupt()  // SIGINT
                let out = stdout.fileHandleForReading.readDataToEndOfFile()
                let err = stderr.fileHandleForReading.readDataToEndOfFile()
                #expect(Self.wait(process, seconds: 10))
                #expect(process.terminationReason == .exit)
                #expect(process.terminationStatus == 130)
                #expect(out.isEmpty)
                #expect(String(decoding: err, as: UTF8.self) == "opsmetrics: interrupted\n")
            }
            #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["big.csv", "report.txt"])
        }
    }

    @Test("a closed pipe (opsmetrics report … | head) ends quietly with status 0",
          .enabled(if: ExecutableSmokeTests.executable != nil, "the opsmetrics executable was not built next to the tests"))
    func brokenPipe() throws {
        // 3,000 services: a table of about 300 KB, far more than a pipe holds.
        try CommandLineToolTests.withFiles(["wide.csv": Self.largeLog(rows: 3_000, services: 3_000)]) { directory in
            let (process, stdout, stderr) = try Self.start(["report", directory.appendingPathComponent("wide.csv").path])
            try stdout.fileHandleForReading.close()  // the reader goes away before reading anything
            let err = stderr.fileHandleForReading.readDataToEndOfFile()
            #expect(Self.wait(process, seconds: 20))
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
            #expect(err.isEmpty, "\(String(decoding: err, as: UTF8.self))")
        }
    }
}
