extension Usage {
    static let slo = """
    opsmetrics slo: response and resolution objectives in business time.

    Usage: opsmetrics slo (--slo SPEC ... | --objectives FILE | --objective PERCENT) [options] [FILE ...]

    Times each record's response (opened -> acknowledged), first response (opened -> the
    first_response column or event, where the export has one) or resolution (opened -> resolved)
    in the working hours of a calendar, with pause statuses taken out, and gives each record a
    verdict: met (stopped within the target), breached (stopped late, or running past the
    target at the as-of time) or pending. Prints per objective and service: met, breached,
    pending, compliance = met / (met + breached), p50/p90 of business elapsed time and the
    worst breaches by id.

    \(sloOptions.text)Examples:
      opsmetrics slo --slo 'P1:resolution=4h,response=15m' --calendar 'Mon-Fri 09:00-17:00 Europe/London' tickets.csv
      opsmetrics slo --objectives objectives.json --pause 'Awaiting customer' --format json tickets.csv
      opsmetrics slo --objective 99.9% --rolling 30d incidents.csv

    Exit status: 0 success, 1 failure, 64 usage error (bad objectives, calendar or holidays),
    65 malformed data, 66 input cannot be opened.

    """

    static let sloOptions = OptionTable(sections: [
        OptionTable.Section(title: "Objectives", options: [
            OptionHelp("--slo", value: "SPEC",
                       help: "PRIORITY:CLOCK=TARGET[,CLOCK=TARGET], e.g.",
                       "'P1:resolution=4h,response=15m'; PRIORITY '*' matches every",
                       "record; targets in s, m or h. Repeatable."),
            OptionHelp("--calendar", value: "SPEC",
                       help: "Working hours of --slo objectives (default 24x7), e.g.",
                       "'Mon-Fri 09:00-17:00 Europe/London' or",
                       "'Mon-Fri 08:00-12:00,13:00-17:00; Sat 10:00-14:00 UTC'."),
            OptionHelp("--holidays", value: "FILE",
                       help: "Holiday dates for --calendar: YYYY-MM-DD or",
                       "YYYY-MM-DD..YYYY-MM-DD a line."),
            OptionHelp("--objectives", value: "FILE", help: "A JSON objectives file with named calendars, and an availability",
                       "objective per service (see Fixtures/slo/)."),
            OptionHelp("--pause", value: "STATUS,...", help: "Statuses that pause the clock (e.g. 'Awaiting customer')."),
            OptionHelp("--reopen", value: "RULE",
                       help: "resumes (default: one clock, paused from a resolution to its",
                       "reopen) or new (the last reopen starts a new measurement)."),
            OptionHelp("--priority-map", value: "VALUE=NAME,...",
                       help: "Data priorities to objective priorities, e.g. '1 - Critical=P1'",
                       "(over the preset's: ServiceNow, Jira and Zendesk name theirs)."),
            OptionHelp("--period", value: "day|week|month|quarter|year",
                       help: "Summaries per period (in --tz) too, before the window's: a",
                       "verdict counts in the period its clock stopped in, a running",
                       "clock in the period of the as-of time."),
        ]),
        OptionTable.Section(title: "Error budget", options: [
            OptionHelp("--objective", value: "PERCENT",
                       help: "An availability objective such as 99.9%: per service, budget =",
                       "(1 - objective) x eligible time, consumed = downtime (the",
                       "report's uptime engine, maintenance excluded), remaining =",
                       "1 - consumed / budget (negative when overspent), burn rates over",
                       "the last 1h, 6h and 3d, and the time left at the 1h burn rate."),
            OptionHelp("--rolling", value: "DURATION",
                       help: "The budget's window: the DURATION (e.g. 30d) before the as-of",
                       "time, instead of the report window."),
        ]),
        CommonOptions.input(),
        CommonOptions.window(),
        CommonOptions.limits,
        OptionTable.Section(title: "Output", options: [
            OptionHelp("--format", value: "table|json|csv|markdown|prometheus",
                       help: "Tables (default), JSON with schema_version, CSV with one row per",
                       "record and objective, GitHub Markdown, or Prometheus gauges for",
                       "node_exporter's textfile collector (written atomically with --output)."),
            CommonOptions.output,
            CommonOptions.help,
        ]),
    ])
}
