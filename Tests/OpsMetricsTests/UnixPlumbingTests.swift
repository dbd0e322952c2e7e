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

    @Test("standard input named twice is a usage error: it can be read only once")
    func standardInputTwice() throws {
        let run = try Self.shell("cat $IN | $OPSMETRICS report - -")
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: standard input ('-') can be read only once; name it once\n"))
    }

    @Test("/dev/null is an empty input")
    func devNull() throws {
        let run = try Self.shell("$OPSMETRICS report /dev/null")
        #expect(run.status == 65)
        #expect(run.stderr == "opsmetrics: /dev/null:1:1: error: empty input: expected a header row, found the end of the input\n")
    }

    // MARK: - Outputs

    @Test("an output that is an input is refused before anything is read: exit 64, the input intact", arguments: [
        ("--output the input", "$OPSMETRICS report --output $IN $IN", "Error: --output 'in.csv' is the input 'in.csv'"),
        ("--output a symbolic link to it", "ln -s $IN link.csv; $OPSMETRICS report --output link.csv $IN", "Error: --output 'link.csv' is the input 'in.csv'"),
        ("--output a hard link to it", "ln $IN hard.csv; $OPSMETRICS report --output hard.csv $IN", "Error: --output 'hard.csv' is the input 'in.csv'"),
        ("--output the second input", "cp $IN b.csv; $OPSMETRICS report --output b.csv $IN b.csv", "Error: --output 'b.csv' is the input 'b.csv'"),
        ("--output standard input's file", "$OPSMETRICS report --output $IN < $IN", "Error: --output 'in.csv' is standard input"),
        ("standard output appending to the input", "$OPSMETRICS report $IN >> $IN", "Error: standard output is the input 'in.csv'"),
        ("standard output appending to standard input's file", "$OPSMETRICS report < $IN >> $IN", "Error: standard output is standard input"),
        ("flow --chart the input", "$OPSMETRICS flow --chart x.svg x.svg", "Error: --chart 'x.svg' is the input 'x.svg'"),
        ("flow --output and --chart the same file", "$OPSMETRICS flow --output c.svg --chart c.svg $IN", "Error: --output and --chart name the same file 'c.svg'"),
        ("inspect --output the input", "$OPSMETRICS inspect --output $IN $IN", "Error: --output 'in.csv' is the input 'in.csv'"),
    ])
    func outputIsInput(_ name: String, _ script: String, _ message: String) throws {
        let run = try Self.shell("cp $IN x.svg; " + script + "; echo \"exit $?\"; cat $IN")
        #expect(run.stdout.hasPrefix("exit 64\n"), "\(name): \(run.stdout) \(run.stderr)")
        #expect(run.stdout.hasSuffix(Self.export), "\(name): the input is intact")
        #expect(run.stderr.hasPrefix(message), "\(name): \(run.stderr)")
    }

    @Test("a FIFO or a character device named by --output is written through, never replaced by a file")
    func outputToSpecialFiles() throws {
        let fifo = try Self.shell("mkfifo out; (cat out > read.txt &) ; $OPSMETRICS report --output out $IN; echo \"exit $?\"; wait; sleep 0.2; test -p out && echo still-fifo; grep -c '^web' read.txt")
        #expect(fifo.stdout == "exit 0\nstill-fifo\n1\n", "\(fifo.stdout) \(fifo.stderr)")
        let null = try Self.shell("$OPSMETRICS report --output /dev/null $IN; echo \"exit $?\"; test -c /dev/null && echo still-device")
        #expect(null.stdout == "exit 0\nstill-device\n", "\(null.stdout) \(null.stderr)")
        // A device node of our own (root only), so a regression cannot replace the machine's /dev/null.
        let node = try Self.shell("if mknod mynull c 1 3 2>/dev/null; then $OPSMETRICS report --output mynull $IN; echo \"exit $?\"; test -c mynull && echo still-device; else echo skipped; fi")
        #expect(node.stdout == "exit 0\nstill-device\n" || node.stdout == "skipped\n", "\(node.stdout) \(node.stderr)")
        let directory = try Self.shell("mkdir d; $OPSMETRICS report --output d $IN")
        #expect(directory.status == 1)
        #expect(directory.stderr == "opsmetrics: d: error: cannot write: is a directory (nothing was replaced)\n")
    }

    @Test("a failed write to standard output or a device exits 1 with the system's reason", arguments: [
        ("standard output on /dev/full", "$OPSMETRICS report $IN > /dev/full", "opsmetrics: error: cannot write to standard output: No space left on device\n"),
        ("--output /dev/full", "$OPSMETRICS report --output /dev/full $IN",
         "opsmetrics: /dev/full: error: cannot write: No space left on device (what it received may be incomplete; no file was replaced)\n"),
        ("--output /dev/stdout on /dev/full", "$OPSMETRICS report --output /dev/stdout $IN > /dev/full",
         "opsmetrics: /dev/stdout: error: cannot write: No space left on device (what it received may be incomplete; no file was replaced)\n"),
        ("--output /dev/fd/N of no open descriptor", "$OPSMETRICS report --output /dev/fd/9 $IN",
         "opsmetrics: /dev/fd/9: error: cannot write: names no open descriptor (nothing was replaced)\n"),
        ("a closed standard output", "$OPSMETRICS report $IN >&-",
         "opsmetrics: error: cannot write to standard output: Bad file descriptor (it was closed when opsmetrics started)\n"),
        ("inspect on a closed standard output", "$OPSMETRICS inspect $IN >&-",
         "opsmetrics: error: cannot write to standard output: Bad file descriptor (it was closed when opsmetrics started)\n"),
        ("a socket whose reader has gone (EPIPE, not a pipe)",
         "python3 -c 'import socket, subprocess, sys; a, b = socket.socketpair(); b.close(); sys.exit(subprocess.call(sys.argv[1:], stdout=a))' $OPSMETRICS report $IN",
         "opsmetrics: error: cannot write to standard output: Broken pipe\n"),
    ])
    func failedWrites(_ name: String, _ script: String, _ message: String) throws {
        let run = try Self.shell(script)
        #expect(run.status == 1, "\(name): \(run.stderr)")
        #expect(run.stderr == message, "\(name)")
    }

    @Test("a closed standard output is no error when nothing goes there; a closed pipe ends quietly")
    func closedStandardOutput() throws {
        let run = try Self.shell("$OPSMETRICS report --output r.txt $IN >&-; echo \"exit $?\" > status; grep -c '^web' r.txt >> status; cat status")
        #expect(run.stdout == "exit 0\n1\n", "\(run.stdout) \(run.stderr)")
        let head = try Self.shell("$OPSMETRICS report $IN | head -c 10 > /dev/null; echo \"${PIPESTATUS[0]}\"")
        #expect(head.stdout == "0\n" && head.stderr.isEmpty, "\(head.stdout) \(head.stderr)")
    }

    @Test("--output /dev/stdout or /dev/fd/N writes through the descriptor: appending appends, nothing is renamed over")
    func outputToDescriptorNames() throws {
        let run = try Self.shell("""
            echo first > log.txt; $OPSMETRICS report --output /dev/stdout $IN >> log.txt; echo "exit $?"
            $OPSMETRICS report --output /dev/fd/7 $IN 7>> log.txt; echo "exit $?"
            head -1 log.txt; grep -c '^web' log.txt
            $OPSMETRICS report --output /dev/stdout $IN | head -c 1 > /dev/null; echo "${PIPESTATUS[0]}"
            """)
        #expect(run.stdout == "exit 0\nexit 0\nfirst\n2\n0\n", "\(run.stdout) \(run.stderr)")
    }

    @Test("a replaced report keeps its permissions and the symbolic link to it; nothing is left behind")
    func replacedFile() throws {
        let run = try Self.shell("""
            echo old > r.txt; chmod 640 r.txt; ln -s r.txt link.txt
            $OPSMETRICS report --output link.txt $IN; echo "exit $?"
            test -L link.txt && echo still-link; stat -c %a r.txt; grep -c '^web' r.txt; ls -A | grep -c opsmetrics
            """)
        #expect(run.stdout == "exit 0\nstill-link\n640\n1\n0\n", "\(run.stdout) \(run.stderr)")
    }

    @Test("--chart and --output are both written after a successful run, neither after a failed one")
    func chartWithReport() throws {
        let failed = try Self.shell("""
            echo old-chart > c.svg; echo old-report > r.txt; printf 'id,opened\\nA,not-a-time\\n' > bad.csv
            $OPSMETRICS flow --chart c.svg --output r.txt bad.csv; echo "exit $?"; cat c.svg r.txt
            """)
        #expect(failed.stdout == "exit 65\nold-chart\nold-report\n", "\(failed.stdout) \(failed.stderr)")
        let full = try Self.shell("echo old-chart > c.svg; $OPSMETRICS flow --chart c.svg --output /dev/full $IN; echo \"exit $?\"; cat c.svg")
        #expect(full.stdout == "exit 1\nold-chart\n", "\(full.stdout) \(full.stderr)")
        let succeeded = try Self.shell("$OPSMETRICS flow --chart c.svg --output r.txt $IN; echo \"exit $?\"; head -c 4 c.svg; echo; grep -c '^OpsMetrics cumulative flow' r.txt")
        #expect(succeeded.stdout == "exit 0\n<svg\n1\n", "\(succeeded.stdout) \(succeeded.stderr)")
    }
}
