import OpsMetrics

/// `opsmetrics report`: per-service reliability.
enum ReportCommand {
    static let formats = ["table", "json", "csv", "markdown", "prometheus"]

    /// What `report` and `merge` take: the shared options, thresholds, a period, a state file.
    struct Options {
        var common: CommonOptions
        var thresholds = ThresholdOptions()
        var period: CalendarUnit?
        /// `--emit-state`: where the folded state goes.
        var statePath: String?
    }

    static func run(_ arguments: [String], stdout: inout some TextOutput, stderr: inout some TextOutput, now: Timestamp) -> ExitCode {
        let options: Options
        do {
            options = try parse(arguments, now: now, table: Usage.reportOptions)
        } catch {
            return CommandSupport.usageError(error, synopsis: Usage.reportSynopsis, command: "report ", stderr: &stderr)
        }
        if options.common.showHelp {
            stdout.write(Usage.report)
            return .success
        }
        let log: IncidentLog
        switch CommandSupport.readLog(options.common, stderr: &stderr) {
        case .success(let read): log = read
        case .failure(let error): return error.code
        }
        return report(consume log, options, stdout: &stdout, stderr: &stderr)
    }

    /// Prints the report of `log` (or its trends), with the state file when asked, then checks
    /// the thresholds. The report takes the log, releasing its states as it goes.
    static func report(_ log: consuming IncidentLog, _ options: Options, stdout: inout some TextOutput, stderr: inout some TextOutput) -> ExitCode {
        let state = options.statePath.map { (log.stateFileBytes(), Optional($0)) }
        if let period = options.period { return trend(log, options.common, period: period, state: state, stdout: &stdout, stderr: &stderr) }
        let configuration = options.common.configuration
        let report = ReliabilityReport(consuming: log, configuration: configuration)
        let bytes: [UInt8]
        switch options.common.outputFormat {
        case "json":
            if let json = report.jsonBytes() {
                bytes = json  // JSONRendering's bytes, written directly
            } else {
                do { bytes = Array(try JSONRendering.render(report).utf8) } catch {
                    stderr.write("opsmetrics: error: cannot encode the report: \(error)\n")
                    return .failure
                }
            }
        case "csv": bytes = Array(CSVRenderer.report(report).utf8)
        case "markdown": bytes = Array(MarkdownRenderer.report(report, mttr: configuration.mttrDefinition).utf8)
        case "prometheus": bytes = Array(PrometheusRenderer.report(report, mttr: configuration.mttrDefinition).utf8)
        default: bytes = Array(TableRenderer.render(report, mttr: configuration.mttrDefinition).utf8)
        }
        CommandSupport.warnAboutSkips(report.meta.inputAccounting, stderr: &stderr)
        let written = CommandSupport.emit([(bytes, options.common.outputPath)] + (state.map { [$0] } ?? []), stdout: &stdout, stderr: &stderr)
        guard written == .success else { return written }
        // The whole report is out; then what broke a threshold, on stderr.
        return options.thresholds.check(report, stderr: &stderr) ? .thresholdBroken : .success
    }

    /// `--period`: the report per period, its trends and early warnings.
    static func trend(_ log: IncidentLog, _ options: CommonOptions, period: CalendarUnit, state: ([UInt8], String?)?,
                      stdout: inout some TextOutput, stderr: inout some TextOutput) -> ExitCode {
        let trend: ReliabilityTrend
        do {
            trend = try ReliabilityTrend(log: log, configuration: options.configuration, period: period, zone: options.configuration.zone)
        } catch {
            return CommandSupport.usageError(UsageError(error.message), synopsis: Usage.reportSynopsis, command: "report ", stderr: &stderr)
        }
        let text: String
        if options.outputFormat == "json" {
            guard let json = JSONRendering.render(trend, stderr: &stderr) else { return .failure }
            text = json
        } else {
            text = TrendRenderer.table(trend)
        }
        CommandSupport.warnAboutSkips(log.accounting, stderr: &stderr)
        return CommandSupport.emit([(Array(text.utf8), options.outputPath)] + (state.map { [$0] } ?? []), stdout: &stdout, stderr: &stderr)
    }

    /// The shared options plus the report's definitions, thresholds, period and state file, as
    /// far as `table` accepts them.
    static func parse(_ arguments: [String], now: Timestamp, table: OptionTable) throws(UsageError) -> Options {
        var options = Options(common: CommonOptions(now: now))
        var parser = OptionParser(arguments)
        while let token = parser.next() {
            switch token {
            case .file(let path): options.common.files.append(path)
            case .option(let option):
                guard table.accepts(option) else { throw UsageError("unknown option '\(option)'") }
                if try options.common.parse(option, &parser) { continue }
                if try options.thresholds.parse(option, &parser) { continue }
                switch option {
                case "--period":
                    let name = try parser.value(for: option)
                    guard let unit = CalendarUnit(rawValue: name) else {
                        throw UsageError("--period takes \(CommonOptions.list(CalendarUnit.allCases.map(\.rawValue))), not '\(name)'")
                    }
                    options.period = unit
                case "--emit-state":
                    options.statePath = try parser.value(for: option)
                default:
                    try parseDefinition(option, &parser, into: &options.common.configuration)
                }
            }
        }
        try options.common.finish(formats: formats, otherOutputs: [("--emit-state", options.statePath)].filter { $0.1 != nil })
        if options.period != nil && !["table", "json"].contains(options.common.outputFormat) {
            throw UsageError("--period prints a table or JSON, not \(options.common.outputFormat)")
        }
        if options.period != nil && !options.thresholds.thresholds.isEmpty {
            throw UsageError("--period and thresholds do not go together: check thresholds on a report of one window")
        }
        return options
    }

    /// The options that choose definitions and the failure filter.
    static func parseDefinition(_ option: String, _ parser: inout OptionParser, into configuration: inout ReportConfiguration) throws(UsageError) {
        switch option {
        case "--mttr":
            let name = try parser.value(for: option)
            guard let definition = MTTRDefinition(name: name) else {
                throw UsageError("--mttr takes recover, resolve or repair, not '\(name)'")
            }
            configuration.mttrDefinition = definition
        case "--mttr-per":
            switch try parser.value(for: option) {
            case "incident": configuration.mttrPerEpisode = false
            case "episode": configuration.mttrPerEpisode = true
            case let other: throw UsageError("--mttr-per takes incident or episode, not '\(other)'")
            }
        case "--samples-by":
            switch try parser.value(for: option) {
            case "end": configuration.samplesByStart = false
            case "start": configuration.samplesByStart = true
            case let other: throw UsageError("--samples-by takes end or start, not '\(other)'")
            }
        case "--merge-gap":
            let text = try parser.value(for: option)
            guard let micros = DurationText.microseconds(text) else {
                throw UsageError("--merge-gap takes a duration such as 90s, 5m, 1h or 1d, not '\(text)'")
            }
            configuration.episodeMergeGapMicroseconds = micros
        case "--priority": configuration.failureFilter.priorities.formUnion(CommonOptions.values(try parser.value(for: option)))
        case "--severity": configuration.failureFilter.severities.formUnion(CommonOptions.values(try parser.value(for: option)))
        case "--kind": configuration.failureFilter.kinds.formUnion(CommonOptions.values(try parser.value(for: option)))
        case "--detection-map":
            let pair = try parser.value(for: option)
            guard let equals = pair.lastIndex(of: "="), equals != pair.startIndex,
                  let source = DetectionSource(named: String(pair[pair.index(after: equals)...])) else {
                throw UsageError("--detection-map takes VALUE=monitoring or VALUE=user, e.g. --detection-map 'Direct opening=user', not '\(pair)'")
            }
            configuration.detectionMap[String(pair[..<equals])] = source
        default:
            throw UsageError("unknown option '\(option)'")
        }
    }
}
