import OpsMetrics

/// The help texts, printed on stdout by `--help`.
enum Usage {
    static let version = "0.1.0"

    static let synopsis = "Usage: opsmetrics <command> [options] [FILE ...]"
    static let reportSynopsis = "Usage: opsmetrics report [options] [FILE ...]"
    static let flowSynopsis = "Usage: opsmetrics flow [options] [FILE ...]"
    static let inspectSynopsis = "Usage: opsmetrics inspect [options] FILE"
    static let sloSynopsis = "Usage: opsmetrics slo (--slo SPEC ... | --objectives FILE | --objective PERCENT) [options] [FILE ...]"

    static let main = """
    opsmetrics: reliability metrics from incident and ticket event logs.

    Usage: opsmetrics <command> [options] [FILE ...]

    Commands:
      report    Per-service uptime, failures, MTTF, MTTR, MTTD, MTTA and reasons for failure.
      flow      Created vs resolved per period, work in progress, cumulative flow by stage,
                throughput, lead time and the age of open items.
      inspect   What an export looks like to OpsMetrics: format, preset, columns, time layout,
                counts, problems, and the command line that reads it.
      slo       Response and resolution objectives in business hours: met, breached, pending.
      merge     The report of state files ('report --emit-state'): months or shards combined.

    Options:
      -h, --help     Show help (also: opsmetrics report --help).
      --version      Show the version.

    See 'opsmetrics report --help', 'opsmetrics flow --help', 'opsmetrics slo --help',
    'opsmetrics merge --help' and 'opsmetrics inspect --help' for the options and examples.

    """

    static let report = """
    opsmetrics report: per-service uptime, failures, MTTF, MTTR, MTTD, MTTA and reasons.

    Usage: opsmetrics report [options] [FILE ...]

    Reads incident logs (CSV with a header, NDJSON, or a JSON array of objects) in record form
    (one row per incident, with opened/resolved/... columns) or event form (one row per event:
    id, timestamp, event), folds them into incidents and prints one row per service. With no
    FILE, or with '-', reads standard input.

    \(reportOptions.text)Examples:
      opsmetrics report Fixtures/valid/overlapping-incidents.csv
      cat events.ndjson | opsmetrics report --input-format ndjson
      opsmetrics report --format json a.csv b.ndjson > report.json
      opsmetrics report --from 2024-01-01 --to 2024-02-01 --as-of 2024-02-01 incidents.csv
      opsmetrics report --map service=cmdb_ci --map reason=close_code export.csv
      opsmetrics report --preset servicenow incident_event_log.csv
      opsmetrics report --time-format 'd/M/yyyy H:mm' --tz Europe/Berlin export.csv
      opsmetrics report --as-of 2024-05-08 --fail-under 'uptime=99.9%' --fail-over 'p90(mttr)=8h' a.csv

    Exit status:
      0   success
      1   runtime or I/O failure
      2   a --fail-under / --fail-over threshold was broken (the report was written whole)
      64  usage error (bad option or value)
      65  malformed input data
      66  an input cannot be opened
      130 interrupted (Ctrl-C; 143 for SIGTERM): nothing written

    """

    static let flow = """
    opsmetrics flow: created vs resolved per period, work in progress, the cumulative flow
    diagram by stage, throughput, lead time and the age of open items.

    Usage: opsmetrics flow [options] [FILE ...]

    Reads incident or ticket logs as 'opsmetrics report' does and counts, per calendar period
    and per service (or priority) and in total: created (arrivals: records opened, plus
    reopens), reopened, resolved (departures: a record resolved again after a reopen counts
    again), cumulative created and resolved since the window start, and open at the start and
    end of each period. With no FILE, or with '-', reads standard input.

    \(flowOptions.text)Examples:
      opsmetrics flow --period day Fixtures/valid/flow-daily.csv
      cat events.ndjson | opsmetrics flow --input-format ndjson --period month
      opsmetrics flow --format csv --period week --by priority a.csv b.ndjson > flow.csv
      opsmetrics flow --from 2024-01-01 --to 2024-04-01 --tz Europe/Berlin --period month tickets.csv
      opsmetrics flow --stages servicenow --map status=incident_state --chart cfd.svg servicenow.csv

    Exit status:
      0   success
      1   runtime or I/O failure
      64  usage error (bad option or value)
      65  malformed input data
      66  an input (or the --stages file) cannot be opened
    """

    static let inspect = """
    opsmetrics inspect: what an export looks like to OpsMetrics, before a report is run.

    Usage: opsmetrics inspect [options] FILE

    Prints the detected format and preset, which column feeds which field, how times are read,
    row and incident counts (incidents, resolved, open, reopened), the problems seen (unmapped
    required fields, negative durations, rows out of order, ambiguous dates, skipped rows) and the
    exact command line that runs the report. Never prints the values of personal or free-text
    columns (callers, assignees, descriptions): only column names, counts, ids and times.

    \(inspectOptions.text)Examples:
      opsmetrics inspect incident_event_log.csv
      opsmetrics inspect --format json --preset jira issues.json

    Exit status: as for 'opsmetrics report'; problems found are reported, not failures (exit 0).
    """

    // MARK: Option tables (what each command's parser accepts)

    static let reportOptions = OptionTable(sections: [
        CommonOptions.input(),
        CommonOptions.window(),
        definitions,
        trends,
        CommonOptions.limits,
        thresholds,
        reportOutput,
    ])

    static let definitions = OptionTable.Section(title: "Definitions", options: [
        OptionHelp("--mttr", value: "recover|resolve|repair",
                   help: "recover: impact start → recovered (default);",
                   "resolve: impact start → resolved; repair: detected → recovered."),
        OptionHelp("--mttr-per", value: "incident|episode",
                   help: "One MTTR sample per incident (children folded into their",
                   "parent; default) or per failure episode."),
        OptionHelp("--samples-by", value: "end|start",
                   help: "A duration belongs to the window it ends in (default) or starts in."),
        OptionHelp("--merge-gap", value: "DURATION",
                   help: "Join failure episodes at most this far apart (e.g. 5m;",
                   "default 0: touching outages join)."),
        OptionHelp("--priority", value: "LIST", help: "Count only these priorities as failures (comma-separated)."),
        OptionHelp("--severity", value: "LIST", help: "Count only these severities as failures."),
        OptionHelp("--kind", value: "LIST", help: "Count only these kinds as failures (maintenance never counts)."),
        OptionHelp("--detection-map", value: "VALUE=SOURCE",
                   help: "A detected_by value found by monitoring or a user, e.g.",
                   "'Direct opening=user' (repeatable; over the preset's and the",
                   "built-in spellings; unmapped values are listed in the report)."),
    ])

    static let trends = OptionTable.Section(title: "Trends", options: [
        OptionHelp("--period", value: "day|week|month|quarter|year",
                   help: "Print instead, per service and period (in --tz), failures,",
                   "downtime, MTTR (n, mean, p50), MTTD and incidents, each period",
                   "a report of its own window at the as-of time; a least-squares",
                   "trend per service; early warnings (the last period above the",
                   "p90 of the service's earlier periods); and the reasons with",
                   "the most episodes in the last three periods (table or json)."),
    ])

    static let thresholds = OptionTable.Section(title: """
        Thresholds (alerting; repeatable; the full report is still written, then each breach is
        listed on stderr and the exit status is 2)
        """, options: [
        OptionHelp("--fail-under", value: "LIST", help: "Fail when a value is below its limit, e.g. 'uptime=99.9%'."),
        OptionHelp("--fail-over", value: "LIST",
                   help: "Fail when a value is above its limit, e.g.",
                   "'mttr=4h,p90(mttr)=8h,open=20,checkout:mttr=2h'.",
                   "LIST: comma-separated [SERVICE:]METRIC=LIMIT. No SERVICE:",
                   "every service on its own; 'all:' the all-services row;",
                   "\"NAME\": quotes a name with a comma or quote. METRIC: uptime,",
                   "downtime, failures, incidents, open, ongoing, mttf, mttr,",
                   "mttd, mtta, mtbsi, ttr, open_age; STAT(NAME) with STAT",
                   "mean, p50, p90, min, max or n. LIMIT: uptime in percent",
                   "(99.9%), durations with a unit (90s, 30m, 4h, 1h30m,",
                   "1.5d), counts whole. A value equal to its limit passes; a",
                   "metric with no value (no samples) passes."),
    ])

    static let reportOutput = OptionTable.Section(title: "Output", options: [
        OptionHelp("--format", value: "FORMAT",
                   help: "table: aligned tables (default); json: JSON with",
                   "schema_version; csv: one row per service, then the",
                   "all-services row (scope 'all'), seconds and ratios in full",
                   "precision; markdown: GitHub tables, definitions as",
                   "footnotes; prometheus: gauges in the text format 0.0.4 for",
                   "node_exporter's textfile collector (one sample per service,",
                   "null values left out). See the Outputs article."),
        CommonOptions.output,
        emitState,
        CommonOptions.help,
    ])

    static let emitState = OptionHelp("--emit-state", value: "FILE",
        help: "Also write the folded state (every record, compact and",
        "checksummed) to FILE, for 'opsmetrics merge' (replaced",
        "atomically like --output). See the StateFiles article.")

    static let mergeSynopsis = "Usage: opsmetrics merge [options] STATE ..."

    static let merge = """
    opsmetrics merge: the report of several state files, as if their inputs were read at once.

    Usage: opsmetrics merge [options] STATE ...

    Reads state files written by 'opsmetrics report --emit-state' (a month, a shard, a team),
    merges them in the order given and prints the report of the whole: every number equals the
    report of reading all their inputs in that order. The inputs were read, mapped and cut at
    their as-of time when each state was written, so the input options do not apply here; the
    window, definitions, trends, thresholds and outputs do. With '--emit-state' the merged state
    is written too (roll months into a year).

    \(mergeOptions.text)Examples:
      opsmetrics report --emit-state 2024-01.state --format prometheus -o jan.prom jan.csv
      opsmetrics merge 2024-01.state 2024-02.state 2024-03.state --format json
      opsmetrics merge --from 2024-01-01 --to 2024-04-01 --period month q1/*.state

    Exit status: as for 'opsmetrics report'; a state file that is not one (another file,
    truncated, corrupted, another version) is malformed input data (65).

    """

    static let mergeOptions = OptionTable(sections: [
        OptionTable.Section(title: "Time", options: [
            OptionHelp("--tz", value: "ZONE",
                       help: "Zone of --from, --to and --as-of without an offset, and of",
                       "--period: UTC (default), an IANA name or an offset."),
        ]),
        OptionTable.Section(title: "Window", options: [
            CommonOptions.from, CommonOptions.to,
            OptionHelp("--as-of", value: "TIME",
                       help: "Report as of this time (default: the latest event); not",
                       "before any state's latest event (a state cannot forget one)."),
        ]),
        definitions, trends, thresholds, reportOutput,
    ])

    static let flowOptions = OptionTable(sections: [
        CommonOptions.input(zone: OptionHelp("--tz", value: "ZONE",
                                             help: "Report time zone for the periods, and zone of timestamps",
                                             "without an offset: UTC (default), an IANA name",
                                             "(Europe/Berlin; DST-correct) or an offset (+02:00).")),
        CommonOptions.window(asOf: OptionHelp("--as-of", value: "TIME",
                                              help: "Report as of this time (default: now); later events are",
                                              "ignored, ages are measured at it.")),
        OptionTable.Section(title: "Flow", options: [
            OptionHelp("--period", value: "day|week|month|quarter|year",
                       help: "Calendar period of each row (default: week, Monday to",
                       "Sunday). The first and last periods are cut to the window."),
            OptionHelp("--by", value: "service|priority", help: "One series per service (default) or per priority."),
            OptionHelp("--stages", value: "STAGES",
                       help: "Also count the cumulative flow diagram by stage. STAGES is",
                       "a preset (servicenow, jira, zendesk, pagerduty), a list of",
                       "stages first to last such as",
                       "'New,Active,Awaiting=Awaiting*|On Hold,Resolved,Closed'",
                       "(NAME, or NAME=STATUS|STATUS; PREFIX* matches a prefix),",
                       "or a .json file {\"stages\": [{\"name\": ..., \"statuses\": [...]}]}."),
            OptionHelp("--time-in-status",
                       help: "Print instead the time records spent in each status (and",
                       "stage, with --stages) within the window: records, total,",
                       "mean, p50, p85, p95 and max per record; open records count",
                       "to the as-of time (table, json or csv)."),
            OptionHelp("--blocked-statuses", value: "LIST",
                       help: "With --time-in-status (implied): blocked time, the time in",
                       "these statuses (PREFIX* matches a prefix) from a record's",
                       "first stay in the second stage or a later one (any time",
                       "without --stages)."),
            OptionHelp("--unplanned", value: "LIST",
                       help: "Kinds that are unplanned work (default: incident, outage,",
                       "alert, bug, defect)."),
            OptionHelp("--planned", value: "LIST",
                       help: "Kinds that are planned work (default: request, service",
                       "request, change, task, subtask, story, epic, feature,",
                       "improvement, maintenance)."),
            OptionHelp("--missing-kind", value: "unplanned|planned|unclassified",
                       help: "What a record without a kind is (default: unclassified)."),
        ]),
        CommonOptions.limits,
        OptionTable.Section(title: "Output", options: [
            OptionHelp("--format", value: "table|json|csv|markdown|prometheus",
                       help: "Tables (default), JSON with schema_version, CSV with one",
                       "row per period and series (the total as series 'all'),",
                       "GitHub Markdown tables, or Prometheus gauges per series."),
            OptionHelp("--chart", value: "FILE.svg",
                       help: "Also write the cumulative flow diagram of the total as a",
                       "standalone SVG (one band per stage; without --stages, open",
                       "and resolved)."),
            CommonOptions.output,
            CommonOptions.help,
        ]),
    ])

    static let inspectOptions = OptionTable(sections: [
        CommonOptions.input(),
        CommonOptions.window(),
        CommonOptions.limits,
        OptionTable.Section(title: "Output", options: [
            OptionHelp("--sample-mib", value: "N", help: "Read at most N MiB for the counts (default 64)."),
            OptionHelp("--format", value: "table|json", help: "A summary for people (default) or JSON."),
            CommonOptions.output,
            CommonOptions.help,
        ]),
    ])
}
