import Foundation
import OpsMetrics

/// What the commands share after parsing: reading the inputs and writing the result.
enum CommandSupport {
    /// Reads every input into one log, or prints the error and returns its exit code. Each input
    /// is opened once, sampled for its dialect and read, so a pipe or FIFO works as a file does.
    static func readLog(_ options: CommonOptions, stderr: inout some TextOutput) -> Result<IncidentLog, ExitCodeError> {
        var log = IncidentLog()
        for path in options.files {
            var configuration = options.configuration
            do {
                var input = try InputSource(opening: path)
                switch dialect(of: &input, options, stderr: &stderr) {
                case .success(let resolved): configuration = resolved
                case .failure(let error): return .failure(error)
                }
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

    /// Writes `text` to stdout, or replaces `outputPath` atomically (a temporary file renamed into
    /// place), with SIGINT and SIGTERM held back so that the result is written whole or not at all.
    static func emit(_ text: String, to outputPath: String?, stdout: inout some TextOutput, stderr: inout some TextOutput) -> ExitCode {
        Interruption.holdingSignals { write(text, to: outputPath, stdout: &stdout, stderr: &stderr) }
    }

    private static func write(_ text: String, to outputPath: String?, stdout: inout some TextOutput, stderr: inout some TextOutput) -> ExitCode {
        guard let path = outputPath else {
            stdout.write(text)
            return .success
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return .success
        } catch {
            stderr.write("opsmetrics: \(path): error: cannot write: \(reason(error)) (nothing was replaced)\n")
            return .failure
        }
    }

    /// The system's reason for a failed write (`No space left on device`, `File too large`), where
    /// Foundation wraps it in a generic "could not be completed".
    private static func reason(_ error: any Error) -> String {
        var current = error as NSError
        while current.domain != NSPOSIXErrorDomain, let underlying = current.userInfo[NSUnderlyingErrorKey] as? any Error {
            current = underlying as NSError
        }
        guard current.domain == NSPOSIXErrorDomain, let text = strerror(Int32(current.code)) else { return error.localizedDescription }
        return String(cString: text)
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
}
