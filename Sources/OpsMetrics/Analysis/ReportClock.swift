/// The report's window `W = [W0, W1)` and as-of time `T = min(asOf ?? now, W1)`, in microseconds.
///
/// Without a given end, the window ends at the given as-of time or else at the data's latest
/// timestamp, and that instant belongs to it: `W = [W0, asOf]` or `[W0, latest]`, so the last
/// event lies inside the window and durations come out in whole units (no `latest + 1 µs`).
/// Without a given start, `W0` is the data's earliest timestamp, or with no data (none read, or
/// none before the as-of time) the window's end: an empty window at `T`, whose metrics are all
/// null (the epoch when neither an end, an as-of time nor `now` is given). Time is measured over `[W0, T)`: what lies after the as-of time has not happened yet.
struct ReportClock: Sendable {
    let windowStart: Int64
    let windowEnd: Int64
    /// The window ends at the data's last timestamp, which belongs to it.
    let isEndInclusive: Bool
    let asOf: Int64
    let isWindowGiven: Bool

    init(log: IncidentLog, configuration: ReportConfiguration) {
        let hasData = log.earliest <= log.latest
        // No data (none at all, or none before the as-of time) and no given start: the window is
        // the empty one at its end, never one reaching back to 1970.
        // (`now` is the end of time unless set, as the CLI sets it: then the epoch, as before.)
        let now = configuration.now.microsecondsSinceEpoch
        let emptyStart = configuration.windowEnd?.microsecondsSinceEpoch ?? configuration.asOf?.microsecondsSinceEpoch
            ?? (now == Int64.max ? 0 : now)
        let start = configuration.windowStart?.microsecondsSinceEpoch ?? (hasData ? log.earliest : emptyStart)
        let openEnd = configuration.asOf?.microsecondsSinceEpoch ?? (hasData ? log.latest : start)
        let end = max(start, configuration.windowEnd?.microsecondsSinceEpoch ?? openEnd)
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
