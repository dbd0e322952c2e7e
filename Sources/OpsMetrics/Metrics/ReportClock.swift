/// The report's window `W = [W0, W1)` and as-of time `T = min(asOf ?? now, W1)`, in microseconds.
///
/// Without a given window, `W` is the span of the data: from its earliest timestamp to just
/// after its latest (`latest + 1 µs`), so the last event lies inside the half-open window.
/// Time is measured over `[W0, T)`: what lies after the as-of time has not happened yet.
struct ReportClock: Sendable {
    let windowStart: Int64
    let windowEnd: Int64
    let asOf: Int64
    let isWindowGiven: Bool

    init(log: IncidentLog, configuration: ReportConfiguration) {
        let hasData = log.earliest <= log.latest
        let start = configuration.windowStart?.microsecondsSinceEpoch ?? (hasData ? log.earliest : 0)
        var end = configuration.windowEnd?.microsecondsSinceEpoch ?? (hasData ? log.latest &+ 1 : start)
        end = max(end, start)
        windowStart = start
        windowEnd = end
        asOf = max(start, min((configuration.asOf ?? configuration.now).microsecondsSinceEpoch, end))
        isWindowGiven = configuration.windowStart != nil || configuration.windowEnd != nil
    }

    /// `[W0, T)`: where up and down time are measured.
    var measured: Interval {
        Interval(start: Timestamp(microsecondsSinceEpoch: windowStart), end: Timestamp(microsecondsSinceEpoch: asOf))
    }

    /// Whether `t` lies in `[W0, W1)`.
    func contains(_ t: Int64) -> Bool { t >= windowStart && t < windowEnd }
}
