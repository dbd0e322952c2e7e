import Foundation
import Testing
@testable import opsmetrics_cli

/// Each command's help lists exactly the options its parser takes: both come from one table.
@Suite("Option tables: help and parser agree")
struct OptionTableTests {
    struct Command: Sendable, CustomTestStringConvertible {
        var name: String
        var table: OptionTable
        var help: String
        /// The CLI sources whose `case "--…"` labels this command's parser reaches.
        var sources: [String]
        var testDescription: String { name }
    }

    static let common = ["CommonOptions.swift", "CommonOptions+Limits.swift"]
    static let commands = [
        Command(name: "report", table: Usage.reportOptions, help: Usage.report,
                sources: common + ["ReportCommand.swift", "Thresholds.swift"]),
        Command(name: "flow", table: Usage.flowOptions, help: Usage.flow, sources: common + ["FlowCommand.swift"]),
        Command(name: "inspect", table: Usage.inspectOptions, help: Usage.inspect, sources: common + ["InspectCommand.swift"]),
        Command(name: "slo", table: Usage.sloOptions, help: Usage.slo, sources: common + ["SLOCommand.swift"]),
    ]

    @Test("every option in the table is taken by the parser and printed in the help", arguments: commands)
    func tableOptionsParse(_ command: Command) {
        let help = CommandLineToolTests.run([command.name, "--help"])
        #expect(help.status == .success && help.stdout == command.help, "\(command.name) --help: \(help.stderr)")
        for name in command.table.names {
            var arguments = [command.name, name]
            if command.table.value(of: name) != nil { arguments.append("x") }
            let run = CommandLineToolTests.run(arguments + ["no-such-file.csv"])
            #expect(!run.stderr.contains("unknown option"), "\(command.name) \(name): \(run.stderr)")
            #expect(command.help.contains(name), "\(command.name) --help does not list \(name)")
        }
    }

    @Test("every option the parser's sources handle is in the table (else the parser refuses it)", arguments: commands)
    func handledOptionsAreListed(_ command: Command) throws {
        let directory = DocExamplesTests.root.appendingPathComponent("Sources/opsmetrics-cli")
        var handled: Set<String> = []
        let literal = try NSRegularExpression(pattern: #""(--?[a-z][a-z-]*)""#)
        for file in command.sources {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("case \"-") || line.contains("option == \"-") {
                let line = String(line)
                for match in literal.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                    handled.insert(String(line[Range(match.range(at: 1), in: line)!]))
                }
            }
        }
        #expect(handled.count > 10, "the scan found the parser's options")
        #expect(handled.subtracting(command.table.names).sorted() == [], "handled by \(command.name)'s parser but not in its table")
    }

    @Test("an option of another command is refused by name")
    func otherCommandsOptions() {
        #expect(CommandLineToolTests.run(["report", "--stages", "jira", "a.csv"]).stderr.contains("unknown option '--stages'"))
        #expect(CommandLineToolTests.run(["flow", "--mttr", "resolve", "a.csv"]).stderr.contains("unknown option '--mttr'"))
    }
}
