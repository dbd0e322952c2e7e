import OpsMetrics

/// The help of the options every command that reads logs shares (see ``OptionTable``).
extension CommonOptions {
    static let preset = OptionHelp("--preset", value: "NAME",
        help: "Read a tool's export as it comes: \(Preset.names.joined(separator: ", ")).",
        "Default: detected from each file's columns (said on stderr);",
        "'none' turns detection off.")
    static let inputFormat = OptionHelp("--input-format", value: "csv|json|ndjson",
        help: "Input syntax (default: from the file extension, else csv).")
    static let delimiterOption = OptionHelp("--delimiter", value: "CHAR",
        help: "CSV delimiter: ',' (default), ';', '|' or 'tab'; with none",
        "given, the one of those that alone splits the header (on stderr).")
    static let zone = OptionHelp("--tz", value: "ZONE",
        help: "Zone of timestamps without an offset: UTC (default),",
        "an IANA name (Europe/Berlin) or an offset (+02:00).")
    static let timeFormat = OptionHelp("--time-format", value: "PATTERN",
        help: "Layout of every timestamp, e.g. 'd/M/yyyy H:mm',",
        "'dd/MM/yyyy HH:mm:ss', 'd/MMM/yy h:mm a', 'M/d/yyyy'",
        "(default: the preset's; else RFC 3339 / ISO 8601 or epoch",
        "numbers, or a layout detected from a file when a value",
        "proves its day/month order; yy: 00-68 → 20yy, 69-99 → 19yy).")
    static let map = OptionHelp("--map", value: "FIELD=COLUMN",
        help: "Read FIELD from COLUMN (repeatable). Fields: id, timestamp,",
        "event, opened, impact_start, detected, acknowledged,",
        "recovered, resolved, reopened, closed, first_response,",
        "service, status, priority, severity, reason, parent, kind,",
        "detected_by, reopen_count.")
    static let mapping = OptionHelp("--mapping", value: "FILE.json",
        help: "Column, status and event maps (and time_format, null_values,",
        "preset) from a JSON file; see the Presets article.")
    static let statusMap = OptionHelp("--status-map", value: "VALUE=EVENT",
        help: "A status that means an event, e.g. 'Resolved=resolved'",
        "(repeatable; over the preset's).")
    static let eventMap = OptionHelp("--event-map", value: "VALUE=EVENT",
        help: "An event value that means an event, e.g.",
        "'Resolve ticket=resolved' (repeatable; over the preset's).")
    static let skipInvalid = OptionHelp("--skip-invalid",
        help: "Skip bad rows, count them by reason and go on",
        "(default: stop at the first bad row, exit 65).")

    /// The input options, with `zone` for `--tz`.
    static func input(zone: OptionHelp = zone) -> OptionTable.Section {
        OptionTable.Section(title: "Input", options: [preset, inputFormat, delimiterOption, zone, timeFormat, map, mapping,
                                                      statusMap, eventMap, skipInvalid])
    }

    static let from = OptionHelp("--from", value: "TIME",
        help: "Window start, inclusive (default: the earliest time in the data).")
    static let to = OptionHelp("--to", value: "TIME",
        help: "Window end, exclusive (default: --as-of, else the latest",
        "time in the data, included).")
    static let asOf = OptionHelp("--as-of", value: "TIME",
        help: "Report as of this time (default: now); later events are ignored.")

    /// The window options, with `asOf` for `--as-of`.
    static func window(asOf: OptionHelp = asOf) -> OptionTable.Section {
        OptionTable.Section(title: "Window", options: [from, to, asOf])
    }

    static let limits = OptionTable.Section(
        title: """
        Limits (past one, reading stops with exit 65; --skip-invalid skips just the row when a value
        is too long or a CSV row has too many columns; sizes take K, M or G)
        """,
        options: [
            OptionHelp("--max-record-bytes", value: "SIZE", help: "Longest CSV row or JSON object (default 64M)."),
            OptionHelp("--max-field-bytes", value: "SIZE",
                       help: "Longest value that is read: an id, time, service, label,",
                       "column name or JSON key (default 64K)."),
            OptionHelp("--max-columns", value: "N", help: "Most CSV columns or JSON keys per row (default 10000)."),
            OptionHelp("--max-json-depth", value: "N", help: "Deepest JSON nesting (default 512)."),
            OptionHelp("--max-incidents", value: "N", help: "Most distinct record ids over all inputs (default 5000000)."),
            OptionHelp("--threads", value: "N",
                       help: "Most threads (default: one per processor; a CSV or NDJSON",
                       "file of 8M or more is read in parts, the same result)."),
        ])

    static let output = OptionHelp("-o", "--output", value: "FILE",
        help: "Write to FILE, replaced atomically only after success; a FIFO,",
        "a device or standard output is written through. An input is",
        "never an output (exit 64).")
    static let help = OptionHelp("-h", "--help", help: "Show this help.")
}
