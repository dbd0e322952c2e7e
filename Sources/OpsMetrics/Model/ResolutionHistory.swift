/// Every distinct resolution and reopen time of one record, for the records whose flow
/// `IncidentState` cannot replay on its own.
///
/// `IncidentState` keeps the first and the last resolution and the last reopen: enough for a
/// record resolved once (or at one instant) and never reopened, which is nearly every record.
/// The cumulative flow counts a reopen as an arrival and each resolution after it as a
/// departure, so for the others it needs every time. An `IncidentLog` keeps one history per such
/// record, created as soon as the record has a reopen or a second distinct resolution time. At
/// that moment all its earlier resolutions are still known (at most one distinct time, held by
/// the state), so the history is exact however the events are ordered.
///
/// Times are sets (duplicates collapse): record-form exports repeat the same `resolved` value on
/// every row, and the same event read twice is still one event. Union is associative,
/// commutative and idempotent, so logs merge in any grouping with the same result.
struct ResolutionHistory: Sendable, Hashable {
    /// Distinct resolution times (microseconds), ascending.
    private(set) var resolutions: [Int64] = []
    /// Distinct times (microseconds) of reopen events, ascending.
    private(set) var reopenEvents: [Int64] = []
    /// The earliest row time that showed each value of a reopen counter (`reopen_count`): each
    /// value the counter takes is one reopen, at the first row that shows it, so an incident
    /// reopened twice arrives twice (issue 18; the state alone keeps only the last).
    private(set) var counterReopens: [UInt32: Int64] = [:]

    /// Distinct reopen times (microseconds), ascending: the reopen events and the counter's steps.
    var reopens: [Int64] {
        guard !counterReopens.isEmpty else { return reopenEvents }
        var times = reopenEvents
        for t in counterReopens.values { ResolutionHistory.insert(t, into: &times) }
        return times
    }

    init() {}

    /// The times `state` holds: its first and last resolution and its last reopen, if any.
    init(seeding state: IncidentState) {
        if state.resolvedFirst != IncidentState.noEarliest { insert(.resolved, at: state.resolvedFirst) }
        if state.resolvedLast != IncidentState.noLatest { insert(.resolved, at: state.resolvedLast) }
        if state.reopenedLast != IncidentState.noLatest { insert(.reopened, at: state.reopenedLast) }
        if state.reopenCounter > 0 { noteCounter(state.reopenCounter, at: state.reopenCounterTime) }
    }

    /// Notes that a row at `t` showed `count` reopens so far.
    mutating func noteCounter(_ count: UInt32, at t: Int64) {
        guard count > 0 else { return }
        counterReopens[count] = min(counterReopens[count] ?? Int64.max, t)
    }

    /// Whether a history must be kept for a record in `state` that receives `event` at `t`
    /// (checked before the state folds the event).
    static func isNeeded(for event: EventKind, at t: Int64, before state: IncidentState) -> Bool {
        isNeeded(for: event, at: t, reopened: state.reopenCount > 0 || state.reopenCounter > 0, resolvedFirst: state.resolvedFirst)
    }

    /// Whether a history must be kept for a record that receives `event` at `t`, given whether it
    /// was reopened and its first resolution so far: a reopen, any resolution once the record has
    /// a reopen, or a resolution at a time other than the one the state already holds.
    static func isNeeded(for event: EventKind, at t: Int64, reopened: Bool, resolvedFirst: Int64) -> Bool {
        switch event {
        case .reopened: return true
        case .resolved: return reopened || (resolvedFirst != IncidentState.noEarliest && t != resolvedFirst)
        default: return false
        }
    }

    /// Adds a resolution or reopen time (other events are ignored).
    /// - Complexity: O(*n*) for *n* times held (a handful in practice).
    mutating func insert(_ event: EventKind, at t: Int64) {
        switch event {
        case .resolved: ResolutionHistory.insert(t, into: &resolutions)
        case .reopened: ResolutionHistory.insert(t, into: &reopenEvents)
        default: break
        }
    }

    /// Adds every time of `other`.
    mutating func formUnion(_ other: ResolutionHistory) {
        for t in other.resolutions { ResolutionHistory.insert(t, into: &resolutions) }
        for t in other.reopenEvents { ResolutionHistory.insert(t, into: &reopenEvents) }
        for (count, t) in other.counterReopens { noteCounter(count, at: t) }
    }

    private static func insert(_ t: Int64, into times: inout [Int64]) {
        var index = times.count
        while index > 0 && times[index - 1] > t { index -= 1 }
        if index > 0 && times[index - 1] == t { return }
        times.insert(t, at: index)
    }
}

extension IncidentLog {
    /// Folds a resolution or reopen of record `index` into its history when one is needed;
    /// call before `state` (the record's state so far) folds the event.
    mutating func noteResolutionHistory(_ event: EventKind, at t: Int64, record index: Int, before state: IncidentState) {
        guard ResolutionHistory.isNeeded(for: event, at: t, before: state) else { return }
        var history = resolutionHistories[index] ?? ResolutionHistory(seeding: state)
        history.insert(event, at: t)
        resolutionHistories[index] = history
    }

    /// Notes a reopen counter `count` on a row of record `index` at `t`; call before `state` (the
    /// record's state so far) folds the row.
    mutating func noteReopenCounter(_ count: UInt32, at t: Int64, record index: Int, before state: IncidentState) {
        guard count > 0 else { return }
        var history = resolutionHistories[index] ?? ResolutionHistory(seeding: state)
        history.noteCounter(count, at: t)
        resolutionHistories[index] = history
    }

    /// Merges the histories of a record seen in both logs, before their states merge: `mine` is
    /// the record's state in this log, `theirs` its state and history in the other. A history
    /// exists afterwards exactly when the record has a reopen or two distinct resolution times.
    mutating func mergeResolutionHistory(record index: Int, mine: IncidentState, theirs: IncidentState, theirHistory: ResolutionHistory?) {
        let own = resolutionHistories[index]
        let distinctFirsts = mine.resolvedFirst != IncidentState.noEarliest && theirs.resolvedFirst != IncidentState.noEarliest
            && mine.resolvedFirst != theirs.resolvedFirst
        guard own != nil || theirHistory != nil || distinctFirsts else { return }
        var history = own ?? ResolutionHistory(seeding: mine)
        history.formUnion(theirHistory ?? ResolutionHistory(seeding: theirs))
        resolutionHistories[index] = history
    }
}
