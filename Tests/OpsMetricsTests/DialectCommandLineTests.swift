import Foundation
import OpsMetrics
import Testing
@testable import opsmetrics_cli

/// The CLI's options for real exports: time formats, presets, mappings, inspect.
@Suite("opsmetrics CLI: dialects and presets")
struct DialectCommandLineTests {
    typealias CLI = CommandLineToolTests

    @Test("--time-format reads day-first times, in --tz")
    func timeFormat() throws {
        let text = "id,opened,resolved\nA,29/2/2016 01:16,29/2/2016 02:16\n"
        let run = try CLI.withFiles(["a.csv": text]) { directory in
            CLI.run(["report", "--format", "json", "--time-format", "d/M/yyyy H:mm", "--tz", "Europe/Berlin",
                     directory.appendingPathComponent("a.csv").path])
        }
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout.contains("\"window_start\" : \"2016-02-29T00:16:00Z\""))
    }

    @Test("a bad --time-format is a usage error naming the problem")
    func badTimeFormat() {
        let run = CLI.run(["report", "--time-format", "d/M/yyyy h:mm", "x.csv"])
        #expect(run.status == .usage)
        #expect(run.stderr.hasPrefix("Error: --time-format: time format 'd/M/yyyy h:mm': 'h' (hour 1-12) needs 'a'"))
    }
}
