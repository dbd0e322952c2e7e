/// The folded state of every record of a log, by field: `IncidentState` says what each field is
/// and how it folds; this is where the folding is done.
///
/// Each field is a column allocated only once some record sets it (`LazyColumn`), so a record
/// costs the fields its log carries and no more (adding a record costs nothing until it is set),
/// and a field few records set (a reopen, a second resolution) costs those records: a log of
/// opened, acknowledged, recovered and resolved events with three attributes takes about 90 bytes
/// a record, where a whole `IncidentState` takes 192. Folding writes, in place, the columns that
/// an event touches; reading a record builds its `IncidentState`.
///
/// Every field folds with `min` or `max` (or a versioned last-wins), so folding is commutative
/// and associative: events may come in any order, and logs read apart can be merged.
struct IncidentStates: RandomAccessCollection, Sendable {
    /// The number of records.
    private(set) var count = 0

    private var opened = TimeColumn(empty: IncidentState.noEarliest)
    private var impactStart = TimeColumn(empty: IncidentState.noEarliest)
    private var detected = TimeColumn(empty: IncidentState.noEarliest)
    private var acknowledged = TimeColumn(empty: IncidentState.noEarliest)
    private var firstResponse = TimeColumn(empty: IncidentState.noEarliest)
    private var recovered = TimeColumn(empty: IncidentState.noLatest)
    private var resolvedFirst = TimeColumn(empty: IncidentState.noEarliest)
    /// The last resolution where it is later than the first; `noLatest` where it is the first
    /// (nearly every record: one resolution, or none), so the column is sparse. A state file's
    /// column holds every record's last resolution (`inStateFileForm()`).
    private var laterResolution = TimeColumn(empty: IncidentState.noLatest)
    private var reopenedLast = TimeColumn(empty: IncidentState.noLatest)
    private var closed = TimeColumn(empty: IncidentState.noLatest)
    /// The first activity where it is earlier than every first-of lifecycle time above (a
    /// recovery, reopen, closure or status change came first); `noEarliest` elsewhere (nearly
    /// every record: its first event is an opening or another first-of one), so the column is
    /// sparse and a first-of event only reads it. A state file's column holds every record's
    /// first activity (`inStateFileForm()`).
    private var earlierActivity = TimeColumn(empty: IncidentState.noEarliest)
    private var rows = LazyColumn<UInt32>(empty: 0)
    private var reopenCount = LazyColumn<UInt32>(empty: 0)
    private var reopenCounter = LazyColumn<UInt32>(empty: 0)
    private var reopenCounterTime = TimeColumn(empty: IncidentState.noEarliest)
    private var attributes: AttributeValues<LazyColumn<UInt32>> = .init(repeating: LazyColumn(empty: 0))
    private var versions: AttributeValues<TimeColumn> = .init(repeating: TimeColumn(empty: Int64.min))

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// The state of `record`.
    subscript(record: Int) -> IncidentState {
        precondition(record >= 0 && record < count, "record index out of range")
        var state = IncidentState()
        state.opened = opened[record]
        state.impactStart = impactStart[record]
        state.detected = detected[record]
        state.acknowledged = acknowledged[record]
        state.firstResponse = firstResponse[record]
        state.recovered = recovered[record]
        state.resolvedFirst = resolvedFirst[record]
        state.resolvedLast = resolvedLast(of: record)
        state.reopenedLast = reopenedLast[record]
        state.closed = closed[record]
        state.firstActivity = firstActivity(of: record)
        state.rows = rows[record]
        state.reopenCount = reopenCount[record]
        state.reopenCounter = reopenCounter[record]
        state.reopenCounterTime = reopenCounterTime[record]
        for i in attributes.indices {
            state.attributes[i] = attributes[i][record]
            state.versions[i] = versions[i][record]
        }
        return state
    }

    /// The value of `attribute` of `record` (an interned id, 0 for none), read from its column alone.
    func value(_ attribute: Attribute, of record: Int) -> UInt32 {
        attributes[attribute.rawValue][record]
    }

    /// Whether no other table shares any column's memory, so that ``removeFirstSegment()``
    /// frees what it removes instead of copying what stays.
    mutating func isUniquelyReferenced() -> Bool {
        var unique = true
        forEachColumn({ unique = unique && $0.isUniquelyReferenced() }, { unique = unique && $0.isUniquelyReferenced() })
        return unique
    }

    /// Adds a record with nothing folded (`IncidentState()`).
    mutating func appendEmpty() {
        count += 1
    }

    /// Adds a record holding `state`.
    mutating func append(_ state: IncidentState) {
        appendEmpty()
        merge(state, attributes: state.attributes, into: count - 1)
    }

    /// Removes and returns the first 16,384 states (or all if fewer), releasing their memory: a
    /// way to consume the table front to back. The rest move to the front.
    mutating func removeFirstSegment() -> [IncidentState]? {
        guard count > 0 else { return nil }
        let removed = Swift.min(count, LazyColumn<Int64>.segmentSize)
        let states = (0..<removed).map { self[$0] }
        dropFirstSegment()
        return states
    }

    /// Removes the first 16,384 records (or all if fewer) without reading them, releasing their
    /// memory. The rest move to the front.
    mutating func dropFirstSegment() {
        forEachColumn({ $0.removeFirstSegment() }, { $0.removeFirstSegment() })
        count -= Swift.min(count, LazyColumn<Int64>.segmentSize)
    }

    /// Moves the records from segment `first` on (from record `first * 16,384`) into a table of
    /// their own and keeps those before, so that two threads can consume the two parts: neither
    /// shares memory with the other.
    mutating func removeRecords(fromSegment first: Int) -> IncidentStates {
        let start = Swift.min(count, first * LazyColumn<Int64>.segmentSize)
        var times: [TimeColumn] = []
        var numbers: [LazyColumn<UInt32>] = []
        forEachColumn({ times.append($0.removeSegments(from: first)) }, { numbers.append($0.removeSegments(from: first)) })
        var tail = IncidentStates()
        tail.count = count - start
        count = start
        var (time, number) = (0, 0)
        tail.forEachColumn({ column in
            column = times[time]
            time += 1
        }, { column in
            column = numbers[number]
            number += 1
        })
        return tail
    }

    /// Sets the number of input rows folded into `record`.
    mutating func setRowCount(_ value: UInt32, of record: Int) {
        rows.set(value, at: record)
    }

    /// Folds one lifecycle event of `record` at `t` (microseconds).
    mutating func apply(_ event: EventKind, at t: Int64, to record: Int) {
        switch event {
        case .opened: opened.formMinimum(t, at: record)
        case .impactStarted: impactStart.formMinimum(t, at: record)
        case .detected: detected.formMinimum(t, at: record)
        case .acknowledged: acknowledged.formMinimum(t, at: record)
        case .firstResponse: firstResponse.formMinimum(t, at: record)
        case .resolved:
            let last = Swift.max(resolvedLast(of: record), t)
            resolvedFirst.formMinimum(t, at: record)
            setResolvedLast(last, of: record)
        case .recovered:
            recovered.formMaximum(t, at: record)
            return noteActivity(at: t, of: record)
        case .reopened:
            reopenedLast.formMaximum(t, at: record)
            reopenCount.set(reopenCount[record] &+ 1, at: record)
            return noteActivity(at: t, of: record)
        case .closed:
            closed.formMaximum(t, at: record)
            return noteActivity(at: t, of: record)
        case .status: return noteActivity(at: t, of: record)
        case .note: return
        }
        dropActivity(notBefore: t, of: record)
    }

    /// Folds the rest of one input row of `record`, after its events: its attribute values (ids,
    /// 0 for none) and its reopen counter, all at the row's time `version`, and counts the row.
    mutating func fold(attributes values: AttributeValues<UInt32>, version: Int64, reopens: UInt32, into record: Int) {
        for attribute in Attribute.allCases where values[attribute.rawValue] != 0 {
            set(attribute, values[attribute.rawValue], version: version, of: record)
        }
        countReopens(reopens, at: version, of: record)
        rows.set(rows[record] &+ 1, at: record)
    }

    /// Folds `other`, a state of the same record read later in input order, into `record`;
    /// `remapped` are its attribute values as this log's ids.
    mutating func merge(_ other: IncidentState, attributes remapped: AttributeValues<UInt32>, into record: Int) {
        opened.formMinimum(other.opened, at: record)
        impactStart.formMinimum(other.impactStart, at: record)
        detected.formMinimum(other.detected, at: record)
        acknowledged.formMinimum(other.acknowledged, at: record)
        firstResponse.formMinimum(other.firstResponse, at: record)
        recovered.formMaximum(other.recovered, at: record)
        let last = Swift.max(resolvedLast(of: record), other.resolvedLast)
        resolvedFirst.formMinimum(other.resolvedFirst, at: record)
        setResolvedLast(last, of: record)
        reopenedLast.formMaximum(other.reopenedLast, at: record)
        closed.formMaximum(other.closed, at: record)
        dropActivity(notBefore: firstOfTime(of: record), of: record)
        noteActivity(at: other.firstActivity, of: record)
        rows.set(rows[record] &+ other.rows, at: record)
        reopenCount.set(reopenCount[record] &+ other.reopenCount, at: record)
        countReopens(other.reopenCounter, at: other.reopenCounterTime, of: record)
        for attribute in Attribute.allCases where remapped[attribute.rawValue] != 0 {
            set(attribute, remapped[attribute.rawValue], version: other.versions[attribute.rawValue], of: record)
        }
    }

    /// Copies records of `other` into records of this table that hold nothing yet: record
    /// `sources[k]` of `other` into record `targets[k]`, with each attribute's values turned into
    /// this table's ids by `ids(attribute)`. The same as `merge` of each state into its empty
    /// record, done a column at a time without building the states: the merge of logs read in
    /// parts copies most records this way (those the earlier part never saw).
    mutating func copy(_ sources: [Int], of other: IncidentStates, to targets: [Int], ids: (Attribute) -> [UInt32]) {
        precondition(sources.count == targets.count, "one target per source")
        func copyTimes(_ mine: inout TimeColumn, _ theirs: TimeColumn) { mine.copy(sources, of: theirs, to: targets) }
        func copyNumbers(_ mine: inout LazyColumn<UInt32>, _ theirs: LazyColumn<UInt32>) {
            guard theirs.isAllocated else { return }
            for k in sources.indices {
                let value = theirs[sources[k]]
                if value != 0 { mine.set(value, at: targets[k]) }
            }
        }
        copyTimes(&opened, other.opened); copyTimes(&impactStart, other.impactStart); copyTimes(&detected, other.detected)
        copyTimes(&acknowledged, other.acknowledged); copyTimes(&firstResponse, other.firstResponse)
        copyTimes(&recovered, other.recovered); copyTimes(&resolvedFirst, other.resolvedFirst)
        copyTimes(&laterResolution, other.laterResolution); copyTimes(&reopenedLast, other.reopenedLast)
        copyTimes(&closed, other.closed); copyTimes(&earlierActivity, other.earlierActivity)
        copyNumbers(&rows, other.rows); copyNumbers(&reopenCount, other.reopenCount)
        if other.reopenCounter.isAllocated {
            for k in sources.indices where other.reopenCounter[sources[k]] > 0 {  // as `countReopens`
                reopenCounter.set(other.reopenCounter[sources[k]], at: targets[k])
                reopenCounterTime.set(other.reopenCounterTime[sources[k]], at: targets[k])
            }
        }
        for attribute in Attribute.allCases where other.attributes[attribute.rawValue].isAllocated {
            let i = attribute.rawValue
            let (map, values, times) = (ids(attribute), other.attributes[i], other.versions[i])
            for k in sources.indices {
                let value = map[Int(values[sources[k]])]
                guard value != 0 else { continue }  // as `set(_:_:version:of:)` from `merge`
                attributes[i].set(value, at: targets[k])
                versions[i].set(times[sources[k]], at: targets[k])
            }
        }
    }

    /// Whether `record` needs a resolution history before it folds `event` at `t` (see
    /// `ResolutionHistory.isNeeded(for:at:before:)`), read from the three columns that decide it.
    /// Mutating, though it changes nothing, so that the fold's call borrows the table where it is:
    /// a non-mutating call on `log.states` copied the whole table (752 bytes) at every event.
    mutating func needsResolutionHistory(for event: EventKind, at t: Int64, record: Int) -> Bool {
        guard event == .resolved || event == .reopened else { return false }
        return ResolutionHistory.isNeeded(for: event, at: t, reopened: reopenCount[record] > 0 || reopenCounter[record] > 0,
                                          resolvedFirst: resolvedFirst[record])
    }

    /// The last resolution of `record`: its first when no later one is kept.
    @inline(__always)  // called out of line, it took a copy of the whole table (752 bytes)
    private func resolvedLast(of record: Int) -> Int64 {
        let later = laterResolution[record]
        guard later == IncidentState.noLatest else { return later }
        let first = resolvedFirst[record]
        return first == IncidentState.noEarliest ? IncidentState.noLatest : first
    }

    /// The earliest first-of lifecycle time of `record` (`noEarliest` for none).
    @inline(__always)
    private func firstOfTime(of record: Int) -> Int64 {
        Swift.min(opened[record], impactStart[record], detected[record], acknowledged[record], firstResponse[record], resolvedFirst[record])
    }

    /// The earliest lifecycle or status event of `record` (`noEarliest` for none): the earliest of
    /// its first-of times and the earlier activity kept apart.
    @inline(__always)
    private func firstActivity(of record: Int) -> Int64 {
        Swift.min(earlierActivity[record], firstOfTime(of: record))
    }

    /// Folds an activity at `t` that no first-of time of `record` holds: kept only if it is the
    /// record's earliest.
    @inline(__always)
    private mutating func noteActivity(at t: Int64, of record: Int) {
        if t < firstActivity(of: record) { earlierActivity.set(t, at: record) }
    }

    /// After a first-of time `t` of `record` is folded: an activity kept apart at or after it
    /// is not the first any more, and goes (so the column stays sparse in any input order).
    @inline(__always)
    private mutating func dropActivity(notBefore t: Int64, of record: Int) {
        let kept = earlierActivity[record]
        if kept != IncidentState.noEarliest && kept >= t { earlierActivity.set(IncidentState.noEarliest, at: record) }
    }

    /// Keeps `last` as the last resolution of `record` only if it is later than the first.
    @inline(__always)
    private mutating func setResolvedLast(_ last: Int64, of record: Int) {
        laterResolution.set(last > resolvedFirst[record] ? last : IncidentState.noLatest, at: record)
    }

    /// The table with every record's last resolution and first activity in their columns, as a
    /// state file holds them (an in-memory table keeps only the resolutions later than the first
    /// and the activities earlier than the first-of times).
    func inStateFileForm() -> IncidentStates {
        var table = self
        for record in 0..<count {
            if laterResolution[record] == IncidentState.noLatest { table.laterResolution.set(resolvedLast(of: record), at: record) }
            let first = firstActivity(of: record)
            if first != earlierActivity[record] { table.earlierActivity.set(first, at: record) }
        }
        return table
    }

    /// After a state file's columns were read: checks that each record's last resolution is
    /// none exactly when its first is, and never before it, and that its first activity is not
    /// after any first-of time; then keeps only the later resolutions and the earlier
    /// activities. Returns what is wrong with the first record that fails a check.
    mutating func leaveStateFileForm() -> String? {
        // Built anew: sparse where they can be.
        var later = TimeColumn(empty: IncidentState.noLatest)
        var earlier = TimeColumn(empty: IncidentState.noEarliest)
        for record in 0..<count {
            let first = resolvedFirst[record]
            let last = laterResolution[record]
            guard (first == IncidentState.noEarliest) == (last == IncidentState.noLatest), first == IncidentState.noEarliest || last >= first else {
                return "record \(record): a last resolution that is missing, or before the first"
            }
            if last > first { later.set(last, at: record) }
            let activity = earlierActivity[record]
            let firstOf = firstOfTime(of: record)
            guard activity <= firstOf else { return "record \(record): a first activity after one of its first-of times" }
            if activity < firstOf { earlier.set(activity, at: record) }
        }
        laterResolution = later
        earlierActivity = earlier
        return nil
    }

    /// Folds a reopen counter: `value` reopens had happened by the row at `t`. The record's last
    /// reopen is the first row that shows the largest count (a commutative fold: the largest
    /// count wins, then the earliest time).
    private mutating func countReopens(_ value: UInt32, at t: Int64, of record: Int) {
        guard value > 0 else { return }
        let known = reopenCounter[record]
        if value > known {
            reopenCounter.set(value, at: record)
            reopenCounterTime.set(t, at: record)
        } else if value == known {
            reopenCounterTime.formMinimum(t, at: record)
        }
    }

    /// Sets an attribute of `record` if `version` is not older than the value's current one.
    private mutating func set(_ attribute: Attribute, _ value: UInt32, version: Int64, of record: Int) {
        let i = attribute.rawValue
        guard version >= versions[i][record] else { return }
        attributes[i].set(value, at: record)
        versions[i].set(version, at: record)
    }

    /// Calls `times` on every time column and `numbers` on every count and id column, always in
    /// the same order (the order of a state file's columns).
    mutating func forEachColumn<E: Error>(_ times: (inout TimeColumn) throws(E) -> Void,
                                          _ numbers: (inout LazyColumn<UInt32>) throws(E) -> Void) throws(E) {
        try times(&opened); try times(&impactStart); try times(&detected); try times(&acknowledged); try times(&firstResponse); try times(&recovered)
        try times(&resolvedFirst); try times(&laterResolution); try times(&reopenedLast); try times(&closed); try times(&earlierActivity)
        try times(&reopenCounterTime)
        try numbers(&rows); try numbers(&reopenCount); try numbers(&reopenCounter)
        for i in attributes.indices {
            try numbers(&attributes[i])
            try times(&versions[i])
        }
    }
}
