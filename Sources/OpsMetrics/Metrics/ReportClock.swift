/// The report's window `W = [W0, W1)` and as-of time `T = min(asOf ?? now, W1)`, in microseconds.
///
/// Without a given end, the window is the span of the data and ends AT its latest timestamp,
/// inclusive: `W = [earliest, latest]`, so the last event lies inside the window and durations
/// come out in whole units (no `latest + 1 µs`). Time is measured over `[W0, T)`: what lies
/// after the as-of time has not happened yet.
struct ReportClock: Sendable {
    let windowStart: Int64
    let windowEnd: Int64
    /// The window ends at the data's last timestamp, which belongs to it.
    let isEndInclusive: Bool
    let asOf: Int64
    let isWindowGiven: Bool

    init(log: IncidentLog, configuration: ReportConfiguration) {
        let hasData = log.earliest <= log.latest
        let start = configuration.windowStart?.microsecondsSinceEpoch ?? (hasData ? log.earliest : 0)
        let end = max(start, configuration.windowEnd?.microsecondsSinceEpoch ?? (hasData ? log.latest : start))
        windowStart = start
        windowEnd = end
        isEndInclusive = configuration.windowEnd == nil
        asOf = max(start, min((configuration.asOf ?? configuration.now).microsecondsSinceEpoch, end))
        isWindowGiven = configuration.windowStart != nil || configuration.windowEnd != nil
    }

    /// `[W0, T)`: where up and down time are measured.
    var measured: Interval {
        Interval(start: Timestamp(microsecondsSinceEpoch: windowStart), end: Timestamp(microsecondsSinceEpoch: asOf))
    }

    /// Whether `t` lies in the window: `W0 ≤ t < W1`, or `t ≤ W1` when the end is the data's last instant.
    func contains(_ t: Int64) -> Bool {
        t >= windowStart && (t < windowEnd || (isEndInclusive && t == windowEnd))
    }
}
