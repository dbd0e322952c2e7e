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
        var stdout = DescriptorOutput.standardOutput
        var stderr = DescriptorOutput.standardError
        let status = CommandLineTool.run(
            arguments: Array(CommandLine.arguments.dropFirst()), stdout: &stdout, stderr: &stderr)
        exit(status.code)
    }
}
