import OpsMetrics

/// `opsmetrics report`: per-service reliability.
enum ReportCommand {
    static let formats = ["table", "json", "csv", "markdown", "prometheus"]

    static func run(_ arguments: [String], stdout: inout some TextOutput, stderr: inout some TextOutput, now: Timestamp) -> ExitCode {
        let options: CommonOptions
        let thresholds: ThresholdOptions
        do {
            (options, thresholds) = try parse(arguments, now: now)
        } catch {
            return CommandSupport.usageError(error, synopsis: Usage.reportSynopsis, command: "report ", stderr: &stderr)
        }
        if options.showHelp {
            stdout.write(Usage.report)
            return .success
        }
        let log: IncidentLog
        switch CommandSupport.readLog(options, stderr: &stderr) {
        case .success(let read): log = read
        case .failure(let error): return error.code
        }
        let report = ReliabilityReport(log: log, configuration: options.configuration)
        let bytes: [UInt8]
        if options.outputFormat == "json", let json = report.jsonBytes() {
            bytes = json  // JSONRendering's bytes, written directly
        } else if options.outputFormat == "json" {
            do { bytes = Array(try JSONRendering.render(report).utf8) } catch {
                stderr.write("opsmetrics: error: cannot encode the report: \(error)\n")
                return .failure
            }
        } else if options.outputFormat == "csv" {
            bytes = Array(CSVRenderer.report(report).utf8)
        } else if options.outputFormat == "markdown" {
            bytes = Array(MarkdownRenderer.report(report, mttr: options.configuration.mttrDefinition).utf8)
        } else if options.outputFormat == "prometheus" {
            bytes = Array(PrometheusRenderer.report(report, mttr: options.configuration.mttrDefinition).utf8)
        } else {
            bytes = Array(TableRenderer.render(report, mttr: options.configuration.mttrDefinition).utf8)
        }
        CommandSupport.warnAboutSkips(report.meta.inputAccounting, stderr: &stderr)
        let written = CommandSupport.emit([(bytes, options.outputPath)], stdout: &stdout, stderr: &stderr)
        guard written == .success else { return written }
        // The whole report is out; then what broke a threshold, on stderr.
        return thresholds.check(report, stderr: &stderr) ? .thresholdBroken : .success
    }

    /// The shared options plus the report's definitions and thresholds.
    static func parse(_ arguments: [String], now: Timestamp) throws(UsageError) -> (CommonOptions, ThresholdOptions) {
        var options = CommonOptions(now: now)
        var thresholds = ThresholdOptions()
        var parser = OptionParser(arguments)
        while let token = parser.next() {
            switch token {
            case .file(let path): options.files.append(path)
            case .option(let option):
                guard Usage.reportOptions.accepts(option) else { throw UsageError("unknown option '\(option)'") }
                if try options.parse(option, &parser) { continue }
                if try thresholds.parse(option, &parser) { continue }
                try parseDefinition(option, &parser, into: &options.configuration)
            }
        }
        try options.finish(formats: formats)
        return (options, thresholds)
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
        default:
            throw UsageError("unknown option '\(option)'")
        }
    }
}
