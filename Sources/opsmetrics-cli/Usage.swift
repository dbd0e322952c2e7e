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

    Options:
      -h, --help     Show help (also: opsmetrics report --help).
      --version      Show the version.

    See 'opsmetrics report --help', 'opsmetrics flow --help' and 'opsmetrics inspect --help'
    for the options and examples.

    """

    static let report = """
    opsmetrics report: per-service uptime, failures, MTTF, MTTR, MTTD, MTTA and reasons.

    Usage: opsmetrics report [options] [FILE ...]

    Reads incident logs (CSV with a header, NDJSON, or a JSON array of objects) in record form
    (one row per incident, with opened/resolved/... columns) or event form (one row per event:
    id, timestamp, event), folds them into incidents and prints one row per service. With no
    FILE, or with '-', reads standard input.

    Input:
      --preset NAME                    Read a tool's export as it comes: \(Preset.names.joined(separator: ", ")).
                                       Default: detected from each file's columns (said on stderr);
                                       'none' turns detection off.
      --input-format csv|json|ndjson   Input syntax (default: from the file extension, else csv).
      --delimiter CHAR                 CSV delimiter: ',' (default), ';', '|' or 'tab'.
      --tz ZONE                        Zone of timestamps without an offset: UTC (default),
                                       an IANA name (Europe/Berlin) or an offset (+02:00).
      --time-format PATTERN            Layout of every timestamp, e.g. 'd/M/yyyy H:mm',
                                       'dd/MM/yyyy HH:mm:ss', 'd/MMM/yy h:mm a', 'M/d/yyyy'
                                       (default: the preset's; else RFC 3339 / ISO 8601 or epoch
                                       numbers, or a layout detected from a file when a value
                                       proves its day/month order; yy: 00-68 → 20yy, 69-99 → 19yy).
      --map FIELD=COLUMN               Read FIELD from COLUMN (repeatable). Fields: id, timestamp,
                                       event, opened, impact_start, detected, acknowledged,
                                       recovered, resolved, reopened, closed, service, status,
                                       priority, severity, reason, parent, kind,
                                       reopen_count.
      --mapping FILE.json              Column, status and event maps (and time_format, null_values,
                                       preset) from a JSON file; see the Presets article.
      --status-map VALUE=EVENT         A status that means an event, e.g. 'Resolved=resolved'
                                       (repeatable; over the preset's).
      --event-map VALUE=EVENT          An event value that means an event, e.g.
                                       'Resolve ticket=resolved' (repeatable; over the preset's).
      --skip-invalid                   Skip bad rows, count them by reason and go on
                                       (default: stop at the first bad row, exit 65).

    Window:
      --from TIME                      Window start, inclusive (default: the earliest time in the data).
      --to TIME                        Window end, exclusive (default: --as-of, else the latest
                                       time in the data, included).
      --as-of TIME                     Report as of this time (default: now); later events are ignored.

    Definitions:
      --mttr recover|resolve|repair    recover: impact start → recovered (default);
                                       resolve: impact start → resolved; repair: detected → recovered.
      --mttr-per incident|episode      One MTTR sample per incident (children folded into their
                                       parent; default) or per failure episode.
      --samples-by end|start           A duration belongs to the window it ends in (default) or starts in.
      --merge-gap DURATION             Join failure episodes at most this far apart (e.g. 5m;
                                       default 0: touching outages join).
      --priority LIST                  Count only these priorities as failures (comma-separated).
      --severity LIST                  Count only these severities as failures.
      --kind LIST                      Count only these kinds as failures (maintenance never counts).

    Limits (past one, reading stops with exit 65; --skip-invalid skips just the row when a value
    is too long or a CSV row has too many columns; sizes take K, M or G):
      --max-record-bytes SIZE          Longest CSV row or JSON object (default 64M).
      --max-field-bytes SIZE           Longest value that is read: an id, time, service, label,
                                       column name or JSON key (default 64K).
      --max-columns N                  Most CSV columns or JSON keys per row (default 10000).
      --max-json-depth N               Deepest JSON nesting (default 512).
      --max-incidents N                Most distinct record ids over all inputs (default 5000000).
      --threads N                      Most threads (default: one per processor; a CSV or NDJSON
                                       file of 8M or more is read in parts, the same result).

    Output:
      --format table|json              Aligned tables (default) or JSON with schema_version.
      -o, --output FILE                Write to FILE, replaced atomically only after success.
      -h, --help                       Show this help.

    Examples:
      opsmetrics report Fixtures/valid/overlapping-incidents.csv
      cat events.ndjson | opsmetrics report --input-format ndjson
      opsmetrics report --format json a.csv b.ndjson > report.json
      opsmetrics report --from 2024-01-01 --to 2024-02-01 --as-of 2024-02-01 incidents.csv
      opsmetrics report --map service=cmdb_ci --map reason=close_code export.csv
      opsmetrics report --preset servicenow incident_event_log.csv
      opsmetrics report --time-format 'd/M/yyyy H:mm' --tz Europe/Berlin export.csv

    Exit status:
      0   success
      1   runtime or I/O failure
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

    Input:
      --input-format csv|json|ndjson   Input syntax (default: from the file extension, else csv).
      --delimiter CHAR                 CSV delimiter: ',' (default), ';', '|' or 'tab'.
      --tz ZONE                        Report time zone for the periods, and zone of timestamps
                                       without an offset: UTC (default), an IANA name
                                       (Europe/Berlin; DST-correct) or an offset (+02:00).
      --map FIELD=COLUMN               Read FIELD from COLUMN (repeatable), as for 'report'.
      --skip-invalid                   Skip bad rows, count them by reason and go on.

    Window:
      --from TIME                      Window start, inclusive (default: the earliest time in the data).
      --to TIME                        Window end, exclusive (default: --as-of, else the latest
                                       time in the data, included).
      --as-of TIME                     Report as of this time (default: now); later events are
                                       ignored, ages are measured at it.

    Flow:
      --period day|week|month|quarter|year
                                       Calendar period of each row (default: week, Monday to
                                       Sunday). The first and last periods are cut to the window.
      --by service|priority            One series per service (default) or per priority.
      --stages STAGES                  Also count the cumulative flow diagram by stage. STAGES is
                                       a preset (servicenow, jira, zendesk, pagerduty), a list of
                                       stages first to last such as
                                       'New,Active,Awaiting=Awaiting*|On Hold,Resolved,Closed'
                                       (NAME, or NAME=STATUS|STATUS; PREFIX* matches a prefix),
                                       or a .json file {"stages": [{"name": ..., "statuses": [...]}]}.
      --unplanned LIST                 Kinds that are unplanned work (default: incident, outage,
                                       alert, bug, defect).
      --planned LIST                   Kinds that are planned work (default: request, service
                                       request, change, task, subtask, story, epic, feature,
                                       improvement, maintenance).
      --missing-kind unplanned|planned|unclassified
                                       What a record without a kind is (default: unclassified).

    Output:
      --format table|json|csv          Tables (default), JSON with schema_version, or CSV with one
                                       row per period and series (the total as series 'all').
      --chart FILE.svg                 Also write the cumulative flow diagram of the total as a
                                       standalone SVG (one band per stage; without --stages, open
                                       and resolved).
      -o, --output FILE                Write to FILE, replaced atomically only after success.
      -h, --help                       Show this help.

    Examples:
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

    Options:
      --preset NAME, --map FIELD=COLUMN, --mapping FILE.json, --time-format PATTERN, --tz ZONE,
      --status-map VALUE=EVENT, --event-map VALUE=EVENT, --input-format FORMAT, --delimiter CHAR
                                       As for 'opsmetrics report'.
      --sample-mib N                   Read at most N MiB for the counts (default 64).
      --format table|json              A summary for people (default) or JSON.
      -o, --output FILE                Write to FILE, replaced atomically only after success.
      -h, --help                       Show this help.

    Examples:
      opsmetrics inspect incident_event_log.csv
      opsmetrics inspect --format json --preset jira issues.json

    Exit status: as for 'opsmetrics report'; problems found are reported, not failures (exit 0).
    """
}
