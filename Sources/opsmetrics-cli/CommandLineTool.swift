import Foundation
import OpsMetrics

/// The CLI's logic, separate from the process so tests can run it in-process.
enum CommandLineTool {
    /// Runs `opsmetrics` with `arguments` (without the program name).
    ///
    /// Results go to `stdout`, diagnostics (prefixed `opsmetrics:`) to `stderr`.
    /// `now` is the wall clock unless a test injects one.
    static func run(
        arguments: [String], stdout: inout some TextOutput, stderr: inout some TextOutput,
        now: Timestamp = CommandLineTool.wallClock()
    ) -> ExitCode {
        guard let command = arguments.first else {
            stderr.write("Error: missing command\n\(Usage.synopsis)\nSee 'opsmetrics --help'.\n")
            return .usage
        }
        switch command {
        case "-h", "--help", "help":
            stdout.write(Usage.main)
            return .success
        case "--version":
            stdout.write("opsmetrics \(Usage.version)\n")
            return .success
        case "report":
            return report(Array(arguments.dropFirst()), stdout: &stdout, stderr: &stderr, now: now)
        default:
            let hint = command.hasPrefix("-") || command.contains(".") ? " (did you mean 'opsmetrics report \(command)'?)" : ""
            stderr.write("Error: unknown command '\(command)'\(hint)\n\(Usage.synopsis)\nSee 'opsmetrics --help'.\n")
            return .usage
        }
    }

    static func report(_ arguments: [String], stdout: inout some TextOutput, stderr: inout some TextOutput, now: Timestamp) -> ExitCode {
        let parsed: ReportArguments
        do {
            parsed = try ReportArguments(arguments, now: now)
        } catch {
            stderr.write("Error: \(error.message)\n\(Usage.synopsis)\nSee 'opsmetrics report --help'.\n")
            return .usage
        }
        if parsed.showHelp {
            stdout.write(Usage.report)
            return .success
        }
        var log = IncidentLog()
        for path in parsed.files {
            do {
                log.merge(try IncidentLog(contentsOfFile: path, configuration: parsed.configuration))
            } catch {
                stderr.write("opsmetrics: \(error)\n")
                switch error {
                case .parse: return .dataError
                case .cannotOpen: return .noInput
                case .configuration: return .usage
                case .io: return .failure
                }
            }
        }
        let report = ReliabilityReport(log: log, configuration: parsed.configuration)
        let text: String
        switch parsed.outputFormat {
        case .table: text = TableRenderer.render(report, mttr: parsed.configuration.mttrDefinition)
        case .json:
            do { text = try JSONRendering.render(report) } catch {
                stderr.write("opsmetrics: error: cannot encode the report: \(error)\n")
                return .failure
            }
        }
        let skipped = report.meta.inputAccounting.rowsSkipped
        if skipped > 0 {
            stderr.write("opsmetrics: warning: skipped \(skipped) of \(report.meta.inputAccounting.rowsRead) rows; see the data-quality section\n")
        }
        if let path = parsed.outputPath {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                stderr.write("opsmetrics: \(path): error: cannot write: \(error.localizedDescription)\n")
                return .failure
            }
        } else {
            stdout.write(text)
        }
        return .success
    }

    static func wallClock() -> Timestamp {
        let seconds = Date().timeIntervalSince1970
        return Timestamp(microsecondsSinceEpoch: Int64((seconds * 1_000_000).rounded(.down)))
    }
}

/// The JSON form of a report: pretty-printed, keys in a stable order, slashes unescaped.
enum JSONRendering {
    static func render(_ report: ReliabilityReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
