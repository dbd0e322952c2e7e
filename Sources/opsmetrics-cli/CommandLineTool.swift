import OpsMetrics

/// The CLI's logic, separate from the process so tests can run it in-process.
enum CommandLineTool {
    /// Runs `opsmetrics` with `arguments` (without the program name).
    ///
    /// Results go to `stdout`, diagnostics (prefixed `opsmetrics:`) to `stderr`.
    /// `now` is the wall clock unless a test injects one.
    static func run(
        arguments: [String], stdout: inout some TextOutput, stderr: inout some TextOutput,
        now: Timestamp = CommandSupport.wallClock()
    ) -> ExitCode {
        guard let command = arguments.first else {
            stderr.write("Error: missing command\n\(Usage.synopsis)\nSee 'opsmetrics --help'.\n")
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "-h", "--help", "help":
            stdout.write(Usage.main)
            return .success
        case "--version":
            stdout.write("opsmetrics \(Usage.version)\n")
            return .success
        case "report":
            return ReportCommand.run(rest, stdout: &stdout, stderr: &stderr, now: now)
        case "flow":
            return FlowCommand.run(rest, stdout: &stdout, stderr: &stderr, now: now)
        case "inspect":
            return InspectCommand.run(rest, stdout: &stdout, stderr: &stderr, now: now)
        case "slo":
            return SLOCommand.run(rest, stdout: &stdout, stderr: &stderr, now: now)
        case "merge":
            return MergeCommand.run(rest, stdout: &stdout, stderr: &stderr, now: now)
        default:
            let hint = command.hasPrefix("-") || command.contains(".") ? " (did you mean 'opsmetrics report \(command)'?)" : ""
            stderr.write("Error: unknown command '\(command)'\(hint)\n\(Usage.synopsis)\nSee 'opsmetrics --help'.\n")
            return .usage
        }
    }
}
