import OpsMetrics

/// `opsmetrics merge`: the report of state files written by `report --emit-state`.
enum MergeCommand {
    static func run(_ arguments: [String], stdout: inout some TextOutput, stderr: inout some TextOutput, now: Timestamp) -> ExitCode {
        let options: ReportCommand.Options
        do throws(UsageError) {
            if arguments.isEmpty { throw UsageError("expected state files written by 'opsmetrics report --emit-state FILE'") }
            for option in arguments where Usage.reportOptions.accepts(option) && !Usage.mergeOptions.accepts(option) {
                throw UsageError("\(option) applies when events are read; a state file holds them read already (give it to 'opsmetrics report --emit-state')")
            }
            options = try ReportCommand.parse(arguments, now: now, table: Usage.mergeOptions)
        } catch {
            return CommandSupport.usageError(error, synopsis: Usage.mergeSynopsis, command: "merge ", stderr: &stderr)
        }
        if options.common.showHelp {
            stdout.write(Usage.merge)
            return .success
        }
        var log = IncidentLog()
        for path in options.common.files {
            do {
                let state = try IncidentLog(contentsOfStateFile: path)
                // A state holds what happened up to its own as-of time; a report as of an earlier
                // time would need the events it cannot forget.
                if let latest = state.latestEventTime, latest.microsecondsSinceEpoch > options.common.configuration.cutoff {
                    let asOf = Timestamp(microsecondsSinceEpoch: options.common.configuration.cutoff)
                    return CommandSupport.usageError(
                        UsageError("\(path) holds events up to \(latest), after the as-of time \(asOf): a state cannot forget them; write it with --as-of \(asOf) instead"),
                        synopsis: Usage.mergeSynopsis, command: "merge ", stderr: &stderr)
                }
                log.merge(state)
            } catch {
                stderr.write("opsmetrics: \(error)\n")
                return CommandSupport.exitCode(error)
            }
        }
        return ReportCommand.report(consume log, options, stdout: &stdout, stderr: &stderr)
    }
}
