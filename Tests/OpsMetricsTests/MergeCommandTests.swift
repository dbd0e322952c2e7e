import Foundation
import Testing
@testable import OpsMetrics
@testable import opsmetrics_cli

/// `opsmetrics report --emit-state` and `opsmetrics merge` through the CLI, in-process.
@Suite struct MergeCommandTests {
    static let january = """
        id,service,opened,recovered,resolved,reason
        A,web,2024-01-03T10:00:00Z,2024-01-03T10:30:00Z,2024-01-03T11:00:00Z,deploy
        B,db,2024-01-20T08:00:00Z,2024-01-20T09:00:00Z,,
        C,web,2024-01-31T23:00:00Z,,,

        """
    /// C, open at the end of January, recovers and is resolved in February.
    static let february = """
        id,service,opened,recovered,resolved,reason
        C,,,2024-02-01T01:00:00Z,2024-02-01T02:00:00Z,network
        D,web,2024-02-10T12:00:00Z,2024-02-10T12:05:00Z,2024-02-10T13:00:00Z,deploy

        """

    static func run(_ arguments: [String]) -> CommandLineToolTests.Run { CommandLineToolTests.run(arguments) }

    @Test func mergedStatesGiveTheReportOfReadingTheInputsAtOnce() throws {
        try CommandLineToolTests.withFiles(["jan.csv": Self.january, "feb.csv": Self.february]) { dir in
            func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
            for month in ["jan", "feb"] {
                let emitted = Self.run(["report", "--emit-state", path("\(month).state"), "-o", path("\(month).txt"), path("\(month).csv")])
                #expect(emitted.status == .success, "\(emitted.stderr)")
            }
            for arguments in [["--format", "json"], ["--format", "csv"], ["--period", "month", "--format", "json"],
                              ["--from", "2024-01-01", "--to", "2024-03-01", "--format", "prometheus"]] {
                let once = Self.run(["report"] + arguments + [path("jan.csv"), path("feb.csv")])
                let merged = Self.run(["merge"] + arguments + [path("jan.state"), path("feb.state")])
                #expect(once.status == .success && merged.status == .success, "\(merged.stderr)")
                #expect(merged.stdout == once.stdout, "\(arguments)")
            }
            // C is one incident over both months: opened in January, recovered in February (web:
            // A, C and D; a 2 h outage for network).
            let json = Self.run(["merge", "--format", "json", path("jan.state"), path("feb.state")]).stdout
            let table = Self.run(["merge", path("jan.state"), path("feb.state")]).stdout
            #expect(table.contains("\nweb            99.718%    2h 35m         3") && table.contains("\nnetwork         1  25.0%     2h 0m"), "\(table)")
            // A merged state merges on, and equals the states it came from.
            let rolled = Self.run(["merge", "--emit-state", path("q1.state"), "-o", path("q1.txt"), path("jan.state"), path("feb.state")])
            #expect(rolled.status == .success)
            let fromRolled = Self.run(["merge", "--format", "json", path("q1.state")])
            #expect(fromRolled.stdout == json)
            // Thresholds work on the merged report (exit 2).
            let broken = Self.run(["merge", "--fail-over", "open=0", path("jan.state")])
            #expect(broken.status == .thresholdBroken && broken.stderr.contains("open"))
        }
    }

    @Test func badStatesAndOptionsAreClearErrors() throws {
        try CommandLineToolTests.withFiles(["jan.csv": Self.january]) { dir in
            func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
            #expect(Self.run(["report", "--emit-state", path("jan.state"), "-o", path("jan.txt"), path("jan.csv")]).status == .success)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path("jan.state")))
            try Data(bytes.prefix(bytes.count - 3)).write(to: URL(fileURLWithPath: path("cut.state")))
            let cut = Self.run(["merge", path("cut.state")])
            #expect(cut.status == .dataError)
            #expect(cut.stderr.hasPrefix("opsmetrics: \(path("cut.state")): error: invalid state file at byte \(bytes.count - 3): truncated"), "\(cut.stderr)")
            let csv = Self.run(["merge", path("jan.csv")])
            #expect(csv.status == .dataError && csv.stderr.contains("not an OpsMetrics state file"))
            let early = Self.run(["merge", "--as-of", "2024-01-15", path("jan.state")])
            #expect(early.status == .usage && early.stderr.contains("holds events up to 2024-01-31T23:00:00Z, after the as-of time 2024-01-15T00:00:00Z"))
            let preset = Self.run(["merge", "--preset", "jira", path("jan.state")])
            #expect(preset.status == .usage && preset.stderr.hasPrefix("Error: --preset applies when events are read"))
            let none = Self.run(["merge"])
            #expect(none.status == .usage && none.stderr.hasPrefix("Error: expected state files"))
            let missing = Self.run(["merge", path("nope.state")])
            #expect(missing.status == .noInput)
            // The state file is an output like --output: never one of the inputs.
            let over = Self.run(["report", "--emit-state", path("jan.csv"), path("jan.csv")])
            #expect(over.status == .usage && over.stderr.contains("--emit-state '\(path("jan.csv"))' is the input"))
            let help = Self.run(["merge", "--help"])
            #expect(help.status == .success && help.stdout.hasPrefix("opsmetrics merge:") && help.stdout.contains("--emit-state"))
        }
    }
}
