/// Replays a record's opening, resolutions and reopens in time order.
enum FlowReplay {
    struct Outcome {
        /// Whether the record is open at the as-of time.
        var isOpen: Bool
        /// The last resolution at or before the as-of time, as given (not clamped).
        var lastResolution: Int64?
    }

    /// Writes the record's arrivals and departures up to `asOf` (inclusive) into `transitions`.
    ///
    /// The record arrives at `opened`. Resolutions and reopens are taken in time order (at one
    /// instant a reopen before a resolution, so a record reopened and resolved at the same time
    /// ends resolved, as the fold says); one before `opened` counts at `opened`. A resolution
    /// departs an open record; a reopen brings a resolved record back. A resolution of a resolved
    /// record, or a reopen of an open one, changes nothing.
    static func run(opened: Int64, state: IncidentState, history: ResolutionHistory?, asOf: Int64,
                    into transitions: inout [FlowTransition]) -> Outcome {
        transitions.removeAll(keepingCapacity: true)
        // A `reopen_count` column gives the last reopen's time without reopen events.
        let counted: [1 of Int64] = .init(repeating: state.lastReopen)
        if let history {
            if history.reopens.isEmpty && state.reopenCounter > 0 {
                return replay(opened: opened, resolutions: history.resolutions.span, reopens: counted.span,
                              asOf: asOf, into: &transitions)
            }
            return replay(opened: opened, resolutions: history.resolutions.span, reopens: history.reopens.span,
                          asOf: asOf, into: &transitions)
        }
        // No history: the state holds every time (at most one distinct resolution, no reopen;
        // the last ones are read too, so a log built any other way still replays sensibly).
        var resolutions: [2 of Int64] = .init(repeating: 0)
        var resolutionCount = 0
        if state.resolvedFirst != IncidentState.noEarliest {
            resolutions[0] = state.resolvedFirst
            resolutionCount = 1
        }
        if state.resolvedLast != IncidentState.noLatest && state.resolvedLast != state.resolvedFirst {
            resolutions[resolutionCount] = state.resolvedLast
            resolutionCount += 1
        }
        let reopenCount = state.lastReopen == IncidentState.noLatest ? 0 : 1
        return replay(opened: opened, resolutions: resolutions.span.extracting(0..<resolutionCount),
                      reopens: counted.span.extracting(0..<reopenCount), asOf: asOf, into: &transitions)
    }

    /// Replays sorted, distinct resolution and reopen times.
    static func replay(opened: Int64, resolutions: Span<Int64>, reopens: Span<Int64>, asOf: Int64,
                       into transitions: inout [FlowTransition]) -> Outcome {
        guard opened <= asOf else { return Outcome(isOpen: false, lastResolution: nil) }
        transitions.append(FlowTransition(time: opened, kind: .created))
        var isOpen = true
        var lastResolution: Int64? = nil
        var r = 0
        var o = 0
        while true {
            let resolution = r < resolutions.count && resolutions[r] <= asOf ? resolutions[r] : nil
            let reopen = o < reopens.count && reopens[o] <= asOf ? reopens[o] : nil
            if let reopen, resolution.map({ reopen <= $0 }) ?? true {
                if !isOpen {
                    isOpen = true
                    transitions.append(FlowTransition(time: max(reopen, opened), kind: .reopened))
                }
                o += 1
            } else if let resolution {
                if isOpen {
                    isOpen = false
                    transitions.append(FlowTransition(time: max(resolution, opened), kind: .resolved))
                }
                lastResolution = resolution
                r += 1
            } else {
                break
            }
        }
        return Outcome(isOpen: isOpen, lastResolution: lastResolution)
    }
}
