/// Where a flow report counts: `[start, end)` in microseconds, the window up to the as-of time.
struct FlowSpan: Sendable {
    /// `W0`.
    let start: Int64
    /// The exclusive end of what is counted: `min(W1, T + 1 µs)`, or `W1 + 1 µs` for an
    /// inclusive window end, so events at the as-of time count.
    let end: Int64
    /// The end shown for the last period: `min(W1, T)`.
    let displayEnd: Int64

    init(clock: ReportClock, isEmpty: Bool = false) {
        start = clock.windowStart
        let windowEnd = clock.isEndInclusive ? clock.windowEnd &+ 1 : clock.windowEnd
        end = isEmpty ? start : max(start, min(windowEnd, clock.asOf &+ 1))
        displayEnd = max(start, min(clock.windowEnd, clock.asOf))
    }

    func contains(_ t: Int64) -> Bool { t >= start && t < end }

    /// `|[a, b) ∩ [start, end)|` in microseconds.
    func overlap(_ a: Int64, _ b: Int64) -> Int64 { max(0, min(b, end) - max(a, start)) }

    /// The span's length in days.
    var days: Double { Double(end - start) / 86_400_000_000 }
}
