/// Renders a ``ReliabilityTrend`` as aligned tables for people.
public enum TrendRenderer {
    public static func table(_ trend: ReliabilityTrend) -> String {
        var out = "OpsMetrics reliability by \(trend.period.rawValue)\n"
        if let first = trend.periods.first, let last = trend.periods.last {
            out += "window  [\(first.start), \(last.end)) in \(trend.timeZone)\n"
        }
        out += "as of   \(trend.asOf)\n\n"
        if trend.services.isEmpty { out += "note    no records in the window\n\n" }
        // The detection share only from a log that names a detection source.
        let detects = trend.services.contains { $0.periods.contains { $0.detectedBy.hasValues } }
        var rows: [[String]] = [["service", "period", "failures", "downtime", "MTTR n", "MTTR", "MTTR p50", "MTTD", "incidents"]
            + (detects ? ["by monitoring"] : [])]
        for service in trend.services {
            for (period, m) in zip(trend.periods, service.periods) {
                rows.append([service.service, period.label + (period.isPartial ? "*" : ""), String(m.failures),
                             DurationText.format(seconds: m.downtimeSeconds), String(m.mttr.count),
                             DurationText.format(seconds: m.mttr.meanSeconds), DurationText.format(seconds: m.mttr.p50Seconds),
                             DurationText.format(seconds: m.mttd.meanSeconds), String(m.incidents)]
                    + (detects ? [TableRenderer.share(m.detectedBy.monitoringShare)] : []))
            }
        }
        out += TableRenderer.table(rows, rightAligned: Set(2..<rows[0].count), separatorBeforeLast: false)
        out += "* a period cut short by the window. Each period is the report of its own window at the as-of time.\n"
        out += detects ? "by monitoring = incidents found by monitoring / those found by monitoring or a user.\n\n" : "\n"

        var slopes: [[String]] = [["service", "failures / period", "MTTR / period"]]
        for service in trend.services {
            slopes.append([service.service, service.failuresSlope.map { signed(DurationText.fixed($0, digits: 2), $0) } ?? "—",
                           service.mttrSlopeSeconds.map { ($0 < 0 ? "-" : "+") + DurationText.format(seconds: abs($0)) } ?? "—"])
        }
        out += "trend (least-squares slope over the periods; + is getting worse)\n"
        out += TableRenderer.table(slopes, rightAligned: [1, 2], separatorBeforeLast: false)

        out += "\nearly warnings (the last period above the p90 of the service's \(ReliabilityTrend.minimumHistory)+ earlier periods)\n"
        if trend.earlyWarnings.isEmpty { out += "  none\n" }
        for warning in trend.earlyWarnings {
            let value = warning.metric == "mttr" ? DurationText.format(seconds: warning.value) : DurationText.fixed(warning.value, digits: 0)
            let threshold = warning.metric == "mttr" ? DurationText.format(seconds: warning.threshold) : DurationText.fixed(warning.threshold, digits: 1)
            out += "  \(warning.service): \(warning.metric) \(value) in \(warning.period), above \(threshold)\n"
        }
        out += "\nrecurring reasons (failure episodes in the last three periods)\n"
        if trend.recurringReasons.isEmpty { out += "  none\n" }
        for reason in trend.recurringReasons {
            out += "  \(reason.reason): \(reason.episodes) episodes in \(reason.services) service\(reason.services == 1 ? "" : "s")\n"
        }
        return out
    }

    private static func signed(_ text: String, _ value: Double) -> String { value > 0 ? "+" + text : text }
}
