import Foundation
import OpsMetrics

/// `opsmetrics slo`: response and resolution objectives in business time, per record and summed
/// per objective and service.
enum SLOCommand {
    static let formats = ["table", "json", "csv", "markdown", "prometheus"]

    struct Options {
        var common: CommonOptions
        var specs: [String] = []
        var calendar: String?
        var holidaysPath: String?
        var objectivesPath: String?
        var pauses: Set<String> = []
        var reopenRule = ReopenRule.clockResumes
        var aliases: [String: String] = [:]
        /// `--objective`, as a fraction; `--rolling`, in seconds.
        var availability: Double?
        var rollingSeconds: Int64?
        /// Service → its own availability objective, from the objectives file.
        var serviceAvailability: [String: Double] = [:]
        /// `--period`: summaries per calendar period as well.
        var period: CalendarUnit?
    }

    static func run(_ arguments: [String], stdout: inout some TextOutput, stderr: inout some TextOutput, now: Timestamp) -> ExitCode {
        var options: Options
        let objectives: [ServiceLevelObjective]
        do {
            options = try parse(arguments, now: now)
            if options.common.showHelp {
                stdout.write(Usage.slo)
                return .success
            }
            objectives = try buildObjectives(&options)
        } catch {
            return CommandSupport.usageError(error, synopsis: Usage.sloSynopsis, command: "slo ", stderr: &stderr)
        }
        if objectives.contains(where: { !$0.pauseStatuses.isEmpty }) { options.common.configuration.keepsStatusHistory = true }
        let log: IncidentLog
        var presets: [Preset] = []
        switch CommandSupport.readLog(options.common, stderr: &stderr, presets: &presets) {
        case .success(let read): log = read
        case .failure(let error): return error.code
        }
        // The priority names of the presets the inputs were read with, --priority-map over them.
        var aliases: [String: String] = [:]
        for preset in presets { aliases.merge(preset.priorityMap) { known, _ in known } }
        aliases.merge(options.aliases) { _, given in given }
        let slo = SLOConfiguration(objectives: objectives, reopenRule: options.reopenRule, priorityAliases: aliases)
        let report = SLOReport(log: log, configuration: options.common.configuration, slo: slo)
        for name in report.unmatchedObjectives {
            stderr.write("opsmetrics: warning: objective '\(name)' matched no record (a priority spelled differently from the data? map it with --priority-map 'VALUE=NAME')\n")
        }
        for (name, count) in report.unmeasurable.sorted(by: { $0.key < $1.key }) {
            stderr.write("opsmetrics: warning: objective '\(name)': \(count) matching record\(count == 1 ? "" : "s") not measured (no opened time, or stopped before opened)\n")
        }
        let budgets = options.availability.map {
            ErrorBudget.budgets(log: log, configuration: options.common.configuration, objective: $0,
                                serviceObjectives: options.serviceAvailability, rollingSeconds: options.rollingSeconds)
        } ?? []
        let periods = options.period.map { report.summaries(by: $0, zone: options.common.configuration.zone) } ?? []
        let bytes: [UInt8]
        switch options.common.outputFormat {
        case "json": bytes = SLORenderer.jsonBytes(report, reopenRule: options.reopenRule, budgets: budgets, periods: periods)
        case "csv": bytes = SLORenderer.csvBytes(report)
        case "markdown": bytes = Array(MarkdownRenderer.slo(report, reopenRule: options.reopenRule, budgets: budgets, periods: periods).utf8)
        case "prometheus": bytes = Array(PrometheusRenderer.slo(report, budgets: budgets).utf8)
        default:
            var text = objectives.isEmpty ? "" : SLORenderer.table(report, periods: periods)
            if !budgets.isEmpty { text += (text.isEmpty ? "" : "\n") + SLORenderer.budgetTable(budgets) }
            bytes = Array(text.utf8)
        }
        return CommandSupport.emit([(bytes, options.common.outputPath)], stdout: &stdout, stderr: &stderr)
    }

    static func parse(_ arguments: [String], now: Timestamp) throws(UsageError) -> Options {
        var options = Options(common: CommonOptions(now: now))
        var parser = OptionParser(arguments)
        while let token = parser.next() {
            switch token {
            case .file(let path): options.common.files.append(path)
            case .option(let option):
                guard Usage.sloOptions.accepts(option) else { throw UsageError("unknown option '\(option)'") }
                if try options.common.parse(option, &parser) { continue }
                switch option {
                case "--slo": options.specs.append(try parser.value(for: option))
                case "--calendar": options.calendar = try parser.value(for: option)
                case "--holidays": options.holidaysPath = try parser.value(for: option)
                case "--objectives": options.objectivesPath = try parser.value(for: option)
                case "--pause": options.pauses.formUnion(CommonOptions.values(try parser.value(for: option)))
                case "--reopen":
                    let name = try parser.value(for: option)
                    guard let rule = ReopenRule(named: name) else { throw UsageError("--reopen takes resumes or new, not '\(name)'") }
                    options.reopenRule = rule
                case "--priority-map":
                    for pair in CommonOptions.values(try parser.value(for: option)) {
                        guard let equals = pair.lastIndex(of: "=") else {
                            throw UsageError("--priority-map takes VALUE=NAME pairs such as '1 - Critical=P1', not '\(pair)'")
                        }
                        options.aliases[String(pair[..<equals]).trimmingSpaces()] = String(pair[pair.index(after: equals)...]).trimmingSpaces()
                    }
                case "--objective":
                    let text = try parser.value(for: option)
                    guard let fraction = availability(text) else {
                        throw UsageError("--objective takes an availability above 0% and below 100% such as 99.9%, not '\(text)'")
                    }
                    options.availability = fraction
                case "--period":
                    let name = try parser.value(for: option)
                    guard let unit = CalendarUnit(rawValue: name) else {
                        throw UsageError("--period takes \(CommonOptions.list(CalendarUnit.allCases.map(\.rawValue))), not '\(name)'")
                    }
                    options.period = unit
                case "--rolling":
                    let text = try parser.value(for: option)
                    guard let seconds = rollingSeconds(text) else {
                        throw UsageError("--rolling takes a window such as 30d, 28d or 24h, not '\(text)'")
                    }
                    options.rollingSeconds = seconds
                default: throw UsageError("unknown option '\(option)'")
                }
            }
        }
        try options.common.finish(formats: formats)
        if !options.common.showHelp && options.specs.isEmpty && options.objectivesPath == nil && options.availability == nil {
            throw UsageError("expected objectives: --slo 'P1:resolution=4h,response=15m', --objectives FILE or --objective 99.9%")
        }
        if options.rollingSeconds != nil && options.availability == nil && options.objectivesPath == nil {
            throw UsageError("--rolling sets the error budget's window; give the availability objective with --objective 99.9%")
        }
        if options.period != nil && options.common.outputFormat == "csv" {
            throw UsageError("--format csv lists per-record verdicts, each with its start and stop; --period summaries come as table, json or markdown")
        }
        if options.period != nil && options.common.outputFormat == "prometheus" {
            throw UsageError("--format prometheus writes a snapshot at the as-of time; --period summaries come as table, json or markdown")
        }
        if options.availability != nil && options.common.outputFormat == "csv" {
            throw UsageError("--format csv lists per-record verdicts; error budgets come as table, json, markdown or prometheus")
        }
        if options.objectivesPath != nil && (options.calendar != nil || options.holidaysPath != nil) {
            throw UsageError("--calendar and --holidays apply to --slo; an objectives file names its own calendars")
        }
        return options
    }

    /// The objectives of `--slo` (on `--calendar`, `--holidays`) and `--objectives`; the file's availability objective too, under
    /// `--objective` and `--rolling` when given.
    static func buildObjectives(_ options: inout Options) throws(UsageError) -> [ServiceLevelObjective] {
        var objectives: [ServiceLevelObjective] = []
        if !options.specs.isEmpty {
            var holidays = Holidays()
            if let path = options.holidaysPath {
                guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("--holidays: cannot read '\(path)'") }
                do { holidays = try Holidays(parsing: String(decoding: data, as: UTF8.self)) } catch {
                    throw UsageError("\(path): \(error.message)")
                }
            }
            let calendar: BusinessCalendar
            do { calendar = try BusinessCalendar(specification: options.calendar ?? "24x7", holidays: holidays) } catch {
                throw UsageError("--calendar '\(options.calendar ?? "")': \(error.message)")
            }
            for spec in options.specs {
                guard let colon = spec.firstIndex(of: ":") else {
                    throw UsageError("--slo takes PRIORITY:CLOCK=TARGET[,CLOCK=TARGET] such as 'P1:resolution=4h,response=15m', not '\(spec)'")
                }
                let priority = String(spec[..<colon]).trimmingSpaces()
                for part in CommonOptions.values(String(spec[spec.index(after: colon)...])) {
                    let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
                    guard pieces.count == 2, let clock = SLOClock(named: pieces[0]) else {
                        throw UsageError("--slo '\(spec)': expected CLOCK=TARGET with CLOCK response, first_response or resolution, found '\(part)'")
                    }
                    guard let target = target(pieces[1]) else {
                        throw UsageError("--slo '\(spec)': expected a target in s, m or h such as 15m or 4h (a business day is ambiguous: write 8h or 24h), found '\(pieces[1])'")
                    }
                    objectives.append(
                        ServiceLevelObjective(
                            name: "\(priority) \(clock.name)", priorities: priority == "*" ? [] : [priority], clock: clock,
                            targetMicroseconds: target, calendar: calendar, pauseStatuses: options.pauses))
                }
            }
        }
        if let path = options.objectivesPath {
            let contents = try SLOObjectivesFile.load(path)
            var loaded = contents.objectives
            if !options.pauses.isEmpty {
                for i in loaded.indices { loaded[i].pauseStatuses.formUnion(options.pauses) }
            }
            objectives += loaded
            if contents.availability != nil {
                if options.common.outputFormat == "csv" {
                    throw UsageError("--format csv lists per-record verdicts; the error budgets of \(path) come as table, json, markdown or prometheus")
                }
                options.availability = options.availability ?? contents.availability
                options.rollingSeconds = options.rollingSeconds ?? contents.rollingSeconds
                options.serviceAvailability = contents.serviceAvailability
            }
            if options.rollingSeconds != nil && options.availability == nil {
                throw UsageError("--rolling sets the error budget's window; give the availability objective with --objective 99.9% or in \(path)")
            }
        }
        return objectives
    }

    /// An availability objective `99.9%` (or `99.9`) as a fraction, above 0 and below 1.
    static func availability(_ text: String) -> Double? {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let percent = Double(number), percent > 0, percent < 100 else { return nil }
        // The fraction nearest the decimal written (99.9% is 0.999, not 99.9 / 100 = 0.9990000000000001).
        return Double(number + "e-2")
    }

    /// A rolling window `30d`, `24h` in whole seconds, at least 1 s.
    static func rollingSeconds(_ text: String) -> Int64? {
        guard let micros = DurationText.microseconds(text), micros >= 1_000_000 else { return nil }
        return micros / 1_000_000
    }

    /// A business-time target: `90s`, `15m`, `4h` (no days: a business day is ambiguous), more than 0.
    static func target(_ text: String) -> Int64? {
        guard text.hasSuffix("s") || text.hasSuffix("m") || text.hasSuffix("h"), let micros = DurationText.microseconds(text), micros > 0 else { return nil }
        return micros
    }
}
