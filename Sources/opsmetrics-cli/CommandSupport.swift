import Foundation
import OpsMetrics

/// What the commands share after parsing: reading the inputs and writing the result.
enum CommandSupport {
    /// Reads every input into one log, or prints the error and returns its exit code. Each input
    /// is opened once, sampled for its dialect and read, so a pipe or FIFO works as a file does.
    static func readLog(_ options: CommonOptions, stderr: inout some TextOutput) -> Result<IncidentLog, ExitCodeError> {
        var presets: [Preset] = []
        return readLog(options, stderr: &stderr, presets: &presets)
    }

    /// Reads every input into one log (see `readLog(_:stderr:)`); `presets` gets the preset each
    /// input was read with, given or detected, in input order.
    static func readLog(_ options: CommonOptions, stderr: inout some TextOutput, presets: inout [Preset]) -> Result<IncidentLog, ExitCodeError> {
        var log = IncidentLog()
        for path in options.files {
            var configuration = options.configuration
            do {
                var input = try InputSource(opening: path)
                switch dialect(of: &input, options, stderr: &stderr) {
                case .success(let resolved): configuration = resolved
                case .failure(let error): return .failure(error)
                }
                if let preset = configuration.preset { presets.append(preset) }
                log.merge(try IncidentLog(reading: &input, configuration: configuration))
                let limit = configuration.maxIncidents
                if log.recordCount > limit {  // each input keeps to it alone; together they may not
                    stderr.write("opsmetrics: \(path): error: limit exceeded: expected at most \(limit) distinct records over all inputs (--max-incidents), found \(log.recordCount)\n")
                    return .failure(ExitCodeError(code: .dataError))
                }
            } catch {
                stderr.write("opsmetrics: \(error)\n")
                if case .parse(let parse) = error, parse.kind == .missingColumn, configuration.preset == nil {
                    stderr.write("opsmetrics: note: no preset recognised these columns; name one with --preset (\(Preset.names.joined(separator: ", "))) or map them with --map FIELD=COLUMN\n")
                }
                return .failure(ExitCodeError(code: exitCode(error)))
            }
        }
        return .success(log)
    }

    /// The exit code of a failed read.
    static func exitCode(_ error: OpsMetricsError) -> ExitCode {
        switch error {
        case .parse: .dataError
        case .cannotOpen: .noInput
        case .configuration: .usage
        case .io: .failure
        case .invalidState: .dataError
        }
    }

    /// The configuration to read `input` with: the preset and time layout detected from a sample
    /// of it, unless given. The sample of a stream is kept for the read.
    static func dialect(of input: inout InputSource, _ options: CommonOptions, stderr: inout some TextOutput) -> Result<ReportConfiguration, ExitCodeError> {
        let configuration = options.configuration
        let needsPreset = options.detectPreset && configuration.preset == nil
        let needsTime = configuration.timeFormat == nil
        guard needsPreset || needsTime else { return .success(configuration) }
        let sample: InputSample
        do { sample = try InputSample.read(&input, configuration: configuration) } catch {
            // The read proper reports it, with its location.
            return .success(configuration)
        }
        do {
            let dialect = try InputDialect.resolve(sample: sample, configuration: configuration, detectPreset: options.detectPreset)
            for note in dialect.notes { stderr.write("opsmetrics: \(note)\n") }
            return .success(dialect.configuration)
        } catch {
            stderr.write("Error: \(error.message)\n")
            return .failure(ExitCodeError(code: .usage))
        }
    }

    /// Warns on stderr when rows were skipped (lenient mode).
    static func warnAboutSkips(_ accounting: InputAccounting, stderr: inout some TextOutput) {
        if accounting.rowsSkipped > 0 {
            stderr.write("opsmetrics: warning: skipped \(accounting.rowsSkipped) of \(accounting.rowsRead) rows; see the data-quality section\n")
        }
    }

    /// Writes `text` to stdout, or to `outputPath` (see `emit(_:stdout:stderr:)`).
    static func emit(_ text: String, to outputPath: String?, stdout: inout some TextOutput, stderr: inout some TextOutput) -> ExitCode {
        emit([(Array(text.utf8), outputPath)], stdout: &stdout, stderr: &stderr)
    }

    /// Writes each output: to stdout when it has no path, else to its file (`OutputFile`: a
    /// regular file replaced atomically, a FIFO or device written through). Every file is staged
    /// before any is put in place, so a failure leaves them all as they were. SIGINT and SIGTERM
    /// are held back meanwhile, so that the results are written whole or not at all.
    static func emit(_ outputs: [(bytes: [UInt8], path: String?)], stdout: inout some TextOutput, stderr: inout some TextOutput) -> ExitCode {
        Interruption.holdingSignals {
            var staged: [OutputFile.Staged] = []  // not yet in place
            var outcome = "nothing was replaced"
            do throws(OpsMetricsError) {
                for case (let bytes, let path?) in outputs { staged.append(try OutputFile.stage(bytes, at: path)) }
                // Writes through to a FIFO or device may fail (a full device); renames hardly do.
                staged.sort { $0.writesThrough && !$1.writesThrough }
                while let output = staged.first {
                    if output.writesThrough { outcome = "what it received may be incomplete; no file was replaced" }
                    try output.commit()
                    staged.removeFirst()
                }
            } catch {
                for output in staged { output.discard() }
                if case .io(let path, let reason) = error {
                    stderr.write("opsmetrics: \(path): error: cannot write: \(reason) (\(outcome))\n")
                } else {
                    stderr.write("opsmetrics: \(error)\n")
                }
                return .failure
            }
            for case (let bytes, nil) in outputs { stdout.write(bytes) }
            return .success
        }
    }

    /// Refuses, before anything is read, an output that would overwrite an input (the same file,
    /// through any link) or another output; standard output too when it is a regular file.
    static func checkOutputs(_ outputs: [(option: String, path: String?)], inputs: [String]) throws(UsageError) {
        for (option, path) in outputs {
            for input in inputs where OutputFile.overwrites(path, input: input) {
                let name = input == "-" ? "standard input" : "the input '\(input)'"
                if let path {
                    throw UsageError("\(option) '\(path)' is \(name): the result would replace it; write it to another file")
                }
                throw UsageError("standard output is \(name): the result would overwrite it; redirect it to another file")
            }
        }
        let paths = outputs.compactMap { output in output.path.map { (output.option, $0) } }
        for (i, first) in paths.enumerated() {
            for second in paths[(i + 1)...] where OutputFile.isSameFile(first.1, second.1) {
                throw UsageError("\(first.0) and \(second.0) name the same file '\(second.1)'; give each its own")
            }
        }
    }

    /// A usage error: the message, the usage line and where to look.
    static func usageError(_ error: UsageError, synopsis: String, command: String, stderr: inout some TextOutput) -> ExitCode {
        stderr.write("Error: \(error.message)\n\(synopsis)\nSee 'opsmetrics \(command)--help'.\n")
        return .usage
    }

    static func wallClock() -> Timestamp {
        let seconds = Date().timeIntervalSince1970
        return Timestamp(microsecondsSinceEpoch: Int64((seconds * 1_000_000).rounded(.down)))
    }
}

/// An exit code carried as an error.
struct ExitCodeError: Error {
    let code: ExitCode
}

/// The JSON form of a value: pretty-printed, keys sorted (a stable order), slashes unescaped.
enum JSONRendering {
    static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// ``render(_:)``, or `nil` after saying on `stderr` why the value could not be encoded.
    static func render(_ value: some Encodable, stderr: inout some TextOutput) -> String? {
        do { return try render(value) } catch {
            stderr.write("opsmetrics: error: cannot encode the report: \(error)\n")
            return nil
        }
    }
}
