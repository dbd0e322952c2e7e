/// The ``IncidentFacts`` of a range of a log's records, bucketed by service id (a counting
/// sort), with what building them found: records without a lifecycle, data-quality issues and
/// the maintenance without a service, which applies to every service.
///
/// Each service's records lie together, in log order, so its analysis streams through its own
/// memory. The records are read in log order, which is what keeps building the facts fast: a
/// service's records are spread over the whole log, and reading them one service at a time
/// misses the cache at almost every record. A long log is cut into ranges that are built on
/// several threads; a service's buckets, concatenated in range order, are its facts in log order.
struct FactBuckets: Sendable {
    /// The records with one issue: how many, and the log indices of the first few.
    struct IssueTally: Sendable {
        /// How many log indices ``firstIndices`` keeps.
        static let kept = 5

        var count = 0
        /// The log indices of the first ``kept`` records with the issue, ascending.
        var firstIndices: [Int32] = []

        /// Counts the record at log index `index`, which follows every record counted so far.
        mutating func add(_ index: Int32) {
            count += 1
            if firstIndices.count < Self.kept { firstIndices.append(index) }
        }

        /// Adds the records of `other`, counted apart: the first indices of both are pooled and
        /// the lowest kept, so tallies merge in any order.
        mutating func merge(_ other: IssueTally) {
            count += other.count
            firstIndices = Array((firstIndices + other.firstIndices).sorted().prefix(Self.kept))
        }
    }

    /// The facts of the records with a lifecycle by service id (0: none), each bucket in log
    /// order; maintenance without a service is in ``sharedMaintenance`` instead.
    var buckets: [[IncidentFacts]]
    /// The outages of the maintenance records without a service, in log order.
    var sharedMaintenance: [Interval] = []
    /// Records with rows but no lifecycle event (only notes).
    var withoutLifecycle = 0
    var issues: [RecordIssueKind: IssueTally] = [:]

    /// The facts of the records at `records`, a range of log indices.
    ///
    /// - Parameters:
    ///   - records: The log indices of the records.
    ///   - log: The log they index.
    ///   - rules: Which records count as failures, and which as maintenance.
    ///   - clock: The report's window and as-of time, which clip shared maintenance.
    /// - Complexity: O(*n*) in the number of records, plus O(*s*) in the number of services.
    init(records: Range<Int>, log: IncidentLog, rules: FactRules, clock: ReportClock) {
        self.init(sizing: records, of: log.states, serviceCount: log.services.count)
        for index in records { add(index: index, state: log.states[index], rules: rules, clock: clock) }
    }

    /// The facts of every record of `states` (the log's records from `firstIndex` on), which are
    /// consumed front to back as the facts are made, a segment at a time: the states and the
    /// facts are never both held whole.
    ///
    /// - Precondition: `states` shares no memory with another table (else each segment removed
    ///   would copy the rest).
    init(consuming states: inout IncidentStates, firstIndex: Int = 0, serviceCount: Int, rules: FactRules, clock: ReportClock) {
        self.init(sizing: 0..<states.count, of: states, serviceCount: serviceCount)
        var index = firstIndex
        var segments = 0
        while let segment = states.removeFirstSegment() {
            for state in segment {
                add(index: index, state: state, rules: rules, clock: clock)
                index += 1
            }
            segments += 1
            if segments % FreedMemory.segmentsBetweenReleases == 0 { FreedMemory.release() }
        }
        FreedMemory.release()
    }

    /// Empty buckets with room for the records at `records` of each service: counted first (an
    /// upper bound: records without a lifecycle and shared maintenance are counted too), so no
    /// bucket grows by copying.
    private init(sizing records: Range<Int>, of states: IncidentStates, serviceCount: Int) {
        var bucketSizes = [Int](repeating: 0, count: serviceCount + 1)
        for index in records { bucketSizes[Int(states.value(.service, of: index))] += 1 }
        buckets = bucketSizes.map { size in
            var bucket: [IncidentFacts] = []
            bucket.reserveCapacity(size)
            return bucket
        }
    }

    /// Adds the facts of record `index`, the record after every one added so far.
    private mutating func add(index: Int, state: IncidentState, rules: FactRules, clock: ReportClock) {
        guard let fact = rules.facts(index: index, state: state) else {
            if state.rows > 0 { withoutLifecycle += 1 }
            return
        }
        for issue in fact.issues { issues[issue, default: IssueTally()].add(Int32(truncatingIfNeeded: index)) }
        if fact.isMaintenance && fact.service == 0 {
            if let interval = ReliabilityReport.outage(of: fact, clock: clock) { sharedMaintenance.append(interval) }
        } else {
            buckets[Int(fact.service)].append(fact)
        }
    }
}

extension FactBuckets {
    /// The facts of every record of `log`, in `threads` ranges of the log built on as many threads.
    static func parts(log: IncidentLog, configuration: ReportConfiguration, clock: ReportClock, threads: Int) -> [FactBuckets] {
        let rules = FactRules(log: log, configuration: configuration)
        return ConcurrentJobs.map(log.ranges(threads), order: Array(0..<threads), threads: threads) { _, range in
            FactBuckets(records: range, log: log, rules: rules, clock: clock)
        }
    }

    /// Each service's buckets (by service id, 0 for none), in log order, moved out of `parts`
    /// so that each bucket has one owner.
    static func byService(_ parts: inout [FactBuckets], serviceCount: Int) -> [[[IncidentFacts]]] {
        var pieces = [[[IncidentFacts]]](repeating: [], count: serviceCount + 1)
        for k in parts.indices {
            for (service, bucket) in parts[k].buckets.enumerated() { pieces[service].append(bucket) }
            parts[k].buckets = []
        }
        return pieces
    }

    /// The facts in `buckets`, one after the other (the one bucket itself when there is one).
    static func joined(_ buckets: [[IncidentFacts]], count: Int) -> [IncidentFacts] {
        if buckets.count == 1 { return buckets[0] }
        var facts: [IncidentFacts] = []
        facts.reserveCapacity(count)
        for bucket in buckets { facts += bucket }
        return facts
    }
}
