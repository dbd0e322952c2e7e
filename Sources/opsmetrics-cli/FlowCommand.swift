import Foundation
import OpsMetrics

/// `opsmetrics flow`: created vs resolved per period, work in progress, the cumulative flow
/// diagram by stage, throughput, lead time and the age of open items.
enum FlowCommand {
    static let formats = ["table", "json", "csv", "markdown", "prometheus"]

    /// The shared options plus the flow's own.
    struct Options {
        var common: CommonOptions
        var flow = FlowConfiguration()
        /// `--stages` as given: a list, a preset name or a `.json` file (read after parsing).
        var stages: String?
        var chartPath: String?
        /// `--time-in-status`: print the time in status instead of the flow.
        var timeInStatus = false
        /// `--blocked-statuses`: the statuses in which a record is blocked.
        var blockedStatuses: [String] = []
    }

    static func run(_ arguments: [String], stdout: inout some TextOutput, stderr: inout some TextOutput, now: Timestamp) -> ExitCode {
        var options: Options
        do {
            options = try parse(arguments, now: now)
        } catch {
            return CommandSupport.usageError(error, synopsis: Usage.flowSynopsis, command: "flow ", stderr: &stderr)
        }
        if options.common.showHelp {
            stdout.write(Usage.flow)
            return .success
        }
        if let stages = options.stages {
            switch loadStages(stages) {
            case .success(let map): options.flow.stages = map
            case .failure(let failure):
                if failure.code == .usage {
                    return CommandSupport.usageError(UsageError(failure.message), synopsis: Usage.flowSynopsis, command: "flow ", stderr: &stderr)
                }
                stderr.write("opsmetrics: \(failure.message)\n")
                return failure.code
            }
            options.common.configuration.keepsStatusTimes = true
        }
        if options.timeInStatus {
            guard ["table", "json", "csv"].contains(options.common.outputFormat), options.chartPath == nil else {
                return CommandSupport.usageError(UsageError("--time-in-status prints a table, JSON or CSV, and no --chart"),
                                                 synopsis: Usage.flowSynopsis, command: "flow ", stderr: &stderr)
            }
            options.common.configuration.keepsStatusHistory = true
        }
        let log: IncidentLog
        switch CommandSupport.readLog(options.common, stderr: &stderr) {
        case .success(let read): log = read
        case .failure(let error): return error.code
        }
        if options.timeInStatus { return timeInStatus(log, options, stdout: &stdout, stderr: &stderr) }
        let report: FlowReport
        do {
            report = try FlowReport(log: log, configuration: options.common.configuration, flow: options.flow)
        } catch {
            return CommandSupport.usageError(UsageError(error.message), synopsis: Usage.flowSynopsis, command: "flow ", stderr: &stderr)
        }
        let text: String
        switch options.common.outputFormat {
        case "json":
            guard let json = JSONRendering.render(report, stderr: &stderr) else { return .failure }
            text = json
        case "csv": text = FlowRenderer.csv(report)
        case "markdown": text = MarkdownRenderer.flow(report)
        case "prometheus": text = PrometheusRenderer.flow(report)
        default: text = FlowRenderer.table(report)
        }
        CommandSupport.warnAboutSkips(report.meta.inputAccounting, stderr: &stderr)
        // The chart and the report are put in place together, or neither is.
        let chart = options.chartPath.map { [(bytes: Array(CFDChart.svg(report).utf8), path: Optional($0))] } ?? []
        return CommandSupport.emit(chart + [(Array(text.utf8), options.common.outputPath)], stdout: &stdout, stderr: &stderr)
    }

    /// `--time-in-status`: the time records stayed in each status and stage.
    static func timeInStatus(_ log: IncidentLog, _ options: Options, stdout: inout some TextOutput, stderr: inout some TextOutput) -> ExitCode {
        let report: TimeInStatusReport
        do {
            report = try TimeInStatusReport(log: log, configuration: options.common.configuration, stages: options.flow.stages,
                                            blockedStatuses: options.blockedStatuses)
        } catch {
            return CommandSupport.usageError(UsageError(error.message), synopsis: Usage.flowSynopsis, command: "flow ", stderr: &stderr)
        }
        let text: String
        switch options.common.outputFormat {
        case "json":
            guard let json = JSONRendering.render(report, stderr: &stderr) else { return .failure }
            text = json
        case "csv": text = TimeInStatusRenderer.csv(report)
        default: text = TimeInStatusRenderer.table(report)
        }
        CommandSupport.warnAboutSkips(log.accounting, stderr: &stderr)
        return CommandSupport.emit([(Array(text.utf8), options.common.outputPath)], stdout: &stdout, stderr: &stderr)
    }

    static func parse(_ arguments: [String], now: Timestamp) throws(UsageError) -> Options {
        var options = Options(common: CommonOptions(now: now))
        var parser = OptionParser(arguments)
        while let token = parser.next() {
            switch token {
            case .file(let path): options.common.files.append(path)
            case .option(let option):
                guard Usage.flowOptions.accepts(option) else { throw UsageError("unknown option '\(option)'") }
                if try options.common.parse(option, &parser) { continue }
                try parseFlowOption(option, &parser, into: &options)
            }
        }
        try options.common.finish(formats: formats, otherOutputs: options.chartPath.map { [("--chart", $0)] } ?? [])
        options.flow.zone = options.common.configuration.zone
        return options
    }

    static func parseFlowOption(_ option: String, _ parser: inout OptionParser, into options: inout Options) throws(UsageError) {
        switch option {
        case "--period":
            let name = try parser.value(for: option)
            guard let unit = CalendarUnit(rawValue: name) else {
                throw UsageError("--period takes \(CommonOptions.list(CalendarUnit.allCases.map(\.rawValue))), not '\(name)'")
            }
            options.flow.period = unit
        case "--by":
            let name = try parser.value(for: option)
            guard let grouping = FlowGrouping(rawValue: name) else {
                throw UsageError("--by takes service or priority, not '\(name)'")
            }
            options.flow.seriesBy = grouping
        case "--stages":
            let value = try parser.value(for: option)
            guard !value.trimmingSpaces().isEmpty else {
                throw UsageError("--stages takes a preset (\(StageMap.presetNames.joined(separator: ", "))), a list such as 'New,Active,Resolved,Closed', or a .json file")
            }
            options.stages = value
        case "--chart":
            let path = try parser.value(for: option)
            guard path.lowercased().hasSuffix(".svg") else {
                throw UsageError("--chart writes an SVG file; give a path ending in .svg, not '\(path)'")
            }
            options.chartPath = path
        case "--time-in-status": options.timeInStatus = true
        case "--blocked-statuses":
            options.blockedStatuses = CommonOptions.values(try parser.value(for: option))
            options.timeInStatus = true
        case "--unplanned": options.flow.workKinds.unplannedKinds = Set(CommonOptions.values(try parser.value(for: option)))
        case "--planned": options.flow.workKinds.plannedKinds = Set(CommonOptions.values(try parser.value(for: option)))
        case "--missing-kind":
            let name = try parser.value(for: option)
            switch name {
            case "unplanned": options.flow.workKinds.missingKind = .unplanned
            case "planned": options.flow.workKinds.missingKind = .planned
            case "unclassified": options.flow.workKinds.missingKind = nil
            default: throw UsageError("--missing-kind takes unplanned, planned or unclassified, not '\(name)'")
            }
        default:
            throw UsageError("unknown option '\(option)'")
        }
    }

    struct StageFailure: Error {
        let code: ExitCode
        let message: String
    }

    /// A preset by name, a `.json` file, or the command-line list form.
    static func loadStages(_ value: String) -> Result<StageMap, StageFailure> {
        if let preset = StageMap.preset(named: value.trimmingSpaces()) { return .success(preset) }
        if value.lowercased().hasSuffix(".json") {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: value)) } catch {
                return .failure(StageFailure(code: .noInput, message: "\(value): error: cannot read the stage file: \((error as NSError).localizedDescription)"))
            }
            do {
                return .success(try JSONDecoder().decode(StageMap.self, from: data))
            } catch let error as ConfigurationError {
                return .failure(StageFailure(code: .usage, message: "--stages \(value): \(error.message)"))
            } catch {
                return .failure(StageFailure(code: .usage, message: "--stages \(value): expected {\"stages\": [{\"name\": \"New\", \"statuses\": [\"New\"]}, …]}"))
            }
        }
        do {
            return .success(try StageMap(parsing: value))
        } catch {
            return .failure(StageFailure(code: .usage, message: "--stages: \(error.message)"))
        }
    }
}
