#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `opsmetrics` executable: a shim around `CommandLineTool.run`, which holds all the logic
/// (and is tested in-process).
@main
enum OpsMetricsCommand {
    static func main() {
        DescriptorOutput.ignoreBrokenPipeSignal()
        Interruption.install()
        let closed = DescriptorOutput.reopenClosedStandardDescriptors()
        var stdout = DescriptorOutput(descriptor: 1, failure: closed.contains(1) ? "Bad file descriptor (it was closed when opsmetrics started)" : nil)
        var stderr = DescriptorOutput.standardError
        let status = CommandLineTool.run(
            arguments: Array(CommandLine.arguments.dropFirst()), stdout: &stdout, stderr: &stderr)
        if stdout.wasWritten, let failure = stdout.failure {
            // The result never reached its reader: say why, and do not exit 0.
            stderr.write("opsmetrics: error: cannot write to standard output: \(failure)\n")
            // A broken threshold is no success either: the report it refers to was not delivered.
            exit(status == .success || status == .thresholdBroken ? ExitCode.failure.code : status.code)
        }
        exit(status.code)
    }
}
