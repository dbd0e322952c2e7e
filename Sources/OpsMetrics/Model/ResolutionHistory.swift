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
    private var resolutionTimes = TimeSet()
    private var reopenEventTimes = TimeSet()
    /// The earliest row time that showed each value of a reopen counter (`reopen_count`): each
    /// value the counter takes is one reopen, at the first row that shows it, so an incident
    /// reopened twice arrives twice (issue 18; the state alone keeps only the last).
    private(set) var counterReopens: [UInt32: Int64] = [:]

    /// Distinct resolution times (microseconds), ascending.
    var resolutions: [Int64] { resolutionTimes.times }
    /// Distinct times (microseconds) of reopen events, ascending.
    var reopenEvents: [Int64] { reopenEventTimes.times }

    /// Distinct reopen times (microseconds), ascending: the reopen events and the counter's steps.
    var reopens: [Int64] {
        guard !counterReopens.isEmpty else { return reopenEvents }
        var times = reopenEventTimes
        for t in counterReopens.values { times.insert(t) }
        return times.times
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
    /// - Complexity: O(1) for times in order, O(log n) amortized otherwise (see `TimeSet`).
    mutating func insert(_ event: EventKind, at t: Int64) {
        switch event {
        case .resolved: resolutionTimes.insert(t)
        case .reopened: reopenEventTimes.insert(t)
        default: break
        }
    }

    /// Adds every time of `other`.
    mutating func formUnion(_ other: ResolutionHistory) {
        for t in other.resolutions { resolutionTimes.insert(t) }
        for t in other.reopenEvents { reopenEventTimes.insert(t) }
        for (count, t) in other.counterReopens { noteCounter(count, at: t) }
    }
}

extension IncidentLog {
    /// Folds a resolution or reopen of record `index` into its history when one is needed;
    /// call before `state` (the record's state so far) folds the event.
    mutating func noteResolutionHistory(_ event: EventKind, at t: Int64, record index: Int, before state: IncidentState) {
        guard ResolutionHistory.isNeeded(for: event, at: t, before: state) else { return }
        // Changed in place: a copy taken out and stored back copies every time it holds.
        resolutionHistories[index, default: ResolutionHistory(seeding: state)].insert(event, at: t)
    }

    /// Notes a reopen counter `count` on a row of record `index` at `t`; call before `state` (the
    /// record's state so far) folds the row.
    mutating func noteReopenCounter(_ count: UInt32, at t: Int64, record index: Int, before state: IncidentState) {
        guard count > 0 else { return }
        resolutionHistories[index, default: ResolutionHistory(seeding: state)].noteCounter(count, at: t)
    }

    /// Merges the histories of a record seen in both logs, before their states merge: `mine` is
    /// the record's state in this log, `theirs` its state and history in the other. A history
    /// exists afterwards exactly when the record has a reopen or two distinct resolution times.
    mutating func mergeResolutionHistory(record index: Int, mine: IncidentState, theirs: IncidentState, theirHistory: ResolutionHistory?) {
        let own = resolutionHistories[index]
        let distinctFirsts = mine.resolvedFirst != IncidentState.noEarliest && theirs.resolvedFirst != IncidentState.noEarliest
            && mine.resolvedFirst != theirs.resolvedFirst
        guard own != nil || theirHistory != nil || distinctFirsts else { return }
        resolutionHistories[index, default: ResolutionHistory(seeding: mine)].formUnion(theirHistory ?? ResolutionHistory(seeding: theirs))
    }
}
