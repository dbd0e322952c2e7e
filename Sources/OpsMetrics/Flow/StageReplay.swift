/// The cumulative flow diagram by status: when each record first reached each stage.
enum StageReplay {
    /// What one record contributes to the diagram.
    struct Outcome {
        /// Whether some status of a later stage was seen before some status of an earlier one.
        var movedBackward = false
    }

    /// Fills `reach[s]` with the time the record first reached stage `s` or a later one
    /// (`Int64.max`: never, by `limit`), from its statuses' first and last times.
    ///
    /// The record enters the first stage when it is opened. A stage it skipped takes the time of
    /// the next stage it reached (the high-water mark moves past it then): `reach` is the suffix
    /// minimum of the stages' first-entry times. A backward move is a status of a later stage
    /// first seen before a status of an earlier stage was last seen, among all the statuses read
    /// (up to the as-of time: data quality is about the data, not the window).
    ///
    /// - Parameters:
    ///   - statuses: The record's statuses (label ids) with their first and last times.
    ///   - stageOf: The stage of a label id, `nil` when unmapped.
    ///   - limit: The last instant counted; later times do not move the lines.
    static func run(statuses: [(status: UInt32, span: StatusTimes.Span)], opened: Int64, limit: Int64,
                    stageOf: (UInt32) -> Int?, reach: inout [Int64]) -> Outcome {
        let count = reach.count
        var first = [Int64](repeating: Int64.max, count: count)  // by the limit
        var firstEver = first  // whatever was read
        var lastEver = [Int64](repeating: Int64.min, count: count)
        if count > 0 { first[0] = opened }
        for (status, span) in statuses {
            guard let stage = stageOf(status) else { continue }
            if span.first <= limit { first[stage] = min(first[stage], span.first) }
            firstEver[stage] = min(firstEver[stage], span.first)
            lastEver[stage] = max(lastEver[stage], span.last)
        }
        var outcome = Outcome()
        var earliestLater = Int64.max  // min first-entry time over the stages after s
        var earliestLaterEver = Int64.max
        for s in stride(from: count - 1, through: 0, by: -1) {
            if earliestLaterEver < lastEver[s] { outcome.movedBackward = true }
            earliestLaterEver = min(earliestLaterEver, firstEver[s])
            earliestLater = min(earliestLater, first[s])
            reach[s] = earliestLater
        }
        return outcome
    }
}

extension FlowAccumulator {
    /// Adds one record's stage times: a record that reached the last stage before the window
    /// is done and left out; the others count at the window start or in the period they
    /// reached each stage.
    mutating func addStages(_ reach: [Int64], span: FlowSpan, starts: [Int64]) {
        guard let done = reach.last else { return }
        guard done >= span.start else {
            stagesDoneBeforeStart += 1
            return
        }
        for (stage, t) in reach.enumerated() where t < span.end {
            if t < span.start {
                stageAtStart[stage] += 1
            } else if !starts.isEmpty {
                stageArrivals[stage * starts.count + FlowAccumulator.period(of: t, starts: starts)] += 1
            }
        }
    }

    /// The diagram's lines: at the window start, and at the end of each period.
    func stageLines(names: [String], periods: Int) -> (atStart: [StageCount], byPeriod: [[StageCount]]) {
        let atStart = names.enumerated().map { StageCount(stage: $0.element, reached: stageAtStart[$0.offset]) }
        var running = stageAtStart
        var byPeriod: [[StageCount]] = []
        byPeriod.reserveCapacity(periods)
        for p in 0..<periods {
            for stage in names.indices { running[stage] += stageArrivals[stage * periods + p] }
            byPeriod.append(names.enumerated().map { StageCount(stage: $0.element, reached: running[$0.offset]) })
        }
        return (atStart, byPeriod)
    }
}
