/// Counts over a folded log, as `opsmetrics inspect` prints them and the dataset tests assert them.
package struct LogSummary: Sendable, Hashable, Codable {
    /// Records with at least one row (ids seen only as a parent are not counted).
    package var records = 0
    /// Records with a lifecycle event: the incidents.
    package var incidents = 0
    /// Incidents resolved at the end of the data (never reopened after their last resolution).
    package var resolved = 0
    /// Incidents open at the end of the data.
    package var open = 0
    /// Incidents reopened at least once: a reopen after their first resolution, or a reopen count above 0.
    package var reopened = 0
    /// Records with nothing but notes.
    package var withoutLifecycle = 0

    enum CodingKeys: String, CodingKey {
        case records, incidents, resolved, open, reopened
        case withoutLifecycle = "without_lifecycle"
    }
}

extension IncidentLog {
    /// The counts of ``LogSummary``, at the end of the data (no window, no as-of time).
    package var summary: LogSummary {
        var summary = LogSummary()
        for (index, state) in states.enumerated() where state.rows > 0 {
            summary.records += 1
            guard let facts = IncidentFacts(index: index, state: state, maintenanceKinds: []) else {
                summary.withoutLifecycle += 1
                continue
            }
            summary.incidents += 1
            if facts.resolved == nil { summary.open += 1 } else { summary.resolved += 1 }
            let reopenedAfterResolution = state.resolvedFirst != IncidentState.noEarliest
                && state.lastReopen != IncidentState.noLatest && state.lastReopen > state.resolvedFirst
            if state.reopenCounter > 0 || reopenedAfterResolution { summary.reopened += 1 }
        }
        return summary
    }

    /// Per incident: id, opened and resolved (microseconds; `nil` while open), for tests and inspect.
    package func incidentTimes() -> [(id: String, opened: Int64, resolved: Int64?, firstResolved: Int64?)] {
        var result: [(id: String, opened: Int64, resolved: Int64?, firstResolved: Int64?)] = []
        for (index, state) in states.enumerated() where state.rows > 0 {
            guard let facts = IncidentFacts(index: index, state: state, maintenanceKinds: []) else { continue }
            let first = state.resolvedFirst == IncidentState.noEarliest ? nil : Optional(state.resolvedFirst)
            result.append((ids.string(UInt32(index + 1)), facts.opened, facts.resolved, first))
        }
        return result
    }
}
