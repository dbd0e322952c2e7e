/// The help texts, printed on stdout by `--help`.
enum Usage {
    static let version = "0.1.0"

    static let synopsis = "Usage: opsmetrics <command> [options] [FILE ...]"
    static let reportSynopsis = "Usage: opsmetrics report [options] [FILE ...]"

    static let main = """
    opsmetrics: reliability metrics from incident and ticket event logs.

    Usage: opsmetrics <command> [options] [FILE ...]

    Commands:
      report    Per-service uptime, failures, MTTF, MTTR, MTTD, MTTA and reasons for failure.

    Options:
      -h, --help     Show help (also: opsmetrics report --help).
      --version      Show the version.

    See 'opsmetrics report --help' for the options and examples.

    """

    static let report = """
    opsmetrics report: per-service uptime, failures, MTTF, MTTR, MTTD, MTTA and reasons.

    Usage: opsmetrics report [options] [FILE ...]

    Reads incident logs (CSV with a header, NDJSON, or a JSON array of objects) in record form
    (one row per incident, with opened/resolved/... columns) or event form (one row per event:
    id, timestamp, event), folds them into incidents and prints one row per service. With no
    FILE, or with '-', reads standard input.

    Input:
      --input-format csv|json|ndjson   Input syntax (default: from the file extension, else csv).
      --delimiter CHAR                 CSV delimiter: ',' (default), ';', '|' or 'tab'.
      --tz ZONE                        Zone of timestamps without an offset: UTC (default),
                                       an IANA name (Europe/Berlin) or an offset (+02:00).
      --map FIELD=COLUMN               Read FIELD from COLUMN (repeatable). Fields: id, timestamp,
                                       event, opened, impact_start, detected, acknowledged,
                                       recovered, resolved, reopened, closed, service, status,
                                       priority, severity, reason, parent, kind.
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

    Exit status:
      0   success
      1   runtime or I/O failure
      64  usage error (bad option or value)
      65  malformed input data
      66  an input cannot be opened
      130 interrupted (Ctrl-C; 143 for SIGTERM): nothing written

    """
}
