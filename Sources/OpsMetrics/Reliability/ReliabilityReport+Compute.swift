extension ReliabilityReport {
    /// Computes the report of `log` (DEFINITIONS sections 2, 3, 4 and 7).
    ///
    /// A log of at least ``minimumParallelRecords`` records is analysed on up to
    /// ``ReportConfiguration/threads`` threads, one service at a time on each; the result is
    /// the same as one thread's, bit for bit.
    ///
    /// - Parameters:
    ///   - log: The folded incidents.
    ///   - configuration: The window, as-of time and definitions (the same value the log was read with).
    /// - Complexity: O(n log n) in the number of records.
    public init(log: IncidentLog, configuration: ReportConfiguration) {
        self.init(log: log, configuration: configuration, minimumParallelRecords: ReliabilityReport.minimumParallelRecords)
    }

    /// The fewest records worth analysing on more than one thread.
    static let minimumParallelRecords = 10_000

    /// Computes the report of `log`, on one thread when it has fewer than
    /// `minimumParallelRecords` records (tests make it small).
    init(log: IncidentLog, configuration: ReportConfiguration, minimumParallelRecords: Int) {
        let clock = ReportClock(log: log, configuration: configuration)
        let threads = ReliabilityReport.threads(log: log, configuration: configuration, minimumParallelRecords: minimumParallelRecords)
        let parts = FactBuckets.parts(log: log, configuration: configuration, clock: clock, threads: threads)
        self.init(parts: parts, log: log, clock: clock, threads: threads, configuration: configuration)
    }

    /// The report of `log`, as ``init(log:configuration:)`` computes it, taking the log: its
    /// folded states are released as the report's facts are made, so the two are never both
    /// held whole (the peak of memory of a report of a large log falls by about the states'
    /// size). What stays of the log (names, accounting) goes with the report's end.
    ///
    /// A log whose states are shared with another copy is reported as by ``init(log:configuration:)``.
    package init(consuming log: consuming IncidentLog, configuration: ReportConfiguration) {
        var log = log
        guard log.states.isUniquelyReferenced() else {
            self.init(log: log, configuration: configuration)
            return
        }
        let clock = ReportClock(log: log, configuration: configuration)
        let threads = ReliabilityReport.threads(log: log, configuration: configuration,
                                                minimumParallelRecords: ReliabilityReport.minimumParallelRecords)
        let rules = FactRules(log: log, configuration: configuration)
        // The table cut in two between segments, each part consumed on a thread of its own. Each
        // part must be its only owner: moved out of the log and into the job list, not copied (a
        // part shared with a copy would copy every column at its first segment removed).
        var head = log.states
        log.states = IncidentStates()
        let segments = (head.count + LazyColumn<Int64>.segmentSize - 1) / LazyColumn<Int64>.segmentSize
        let cut = threads > 1 ? segments / 2 : segments
        let tail = head.removeRecords(fromSegment: cut)
        let firstIndex = [0, head.count]
        let serviceCount = log.services.count
        let parts = ConcurrentJobs.map([consume head, consume tail], order: [0, 1], threads: threads) { part, states in
            FactBuckets(consuming: &states, firstIndex: firstIndex[part], serviceCount: serviceCount, rules: rules, clock: clock)
        }
        self.init(parts: parts, log: log, clock: clock, threads: threads, configuration: configuration)
    }

    /// The report from the facts of `log`'s records (whose states it no longer reads).
    private init(parts: consuming [FactBuckets], log: IncidentLog, clock: ReportClock, threads: Int, configuration: ReportConfiguration) {
        var parts = parts
        let sharedMaintenance = parts.flatMap(\.sharedMaintenance)
        var issues: [RecordIssueKind: FactBuckets.IssueTally] = [:]
        for part in parts {
            for (issue, tally) in part.issues { issues[issue, default: .init()].merge(tally) }
        }
        let withoutLifecycle = parts.reduce(0) { $0 + $1.withoutLifecycle }
        let pieces = FactBuckets.byService(&parts, serviceCount: log.services.count)
        let factCounts = pieces.map { $0.reduce(0) { $0 + $1.count } }

        // Each service analysed on its own, the largest first, on up to `threads` threads.
        let detectionClasses = DetectionClassifier(configuration: configuration).classes(of: log.labels)
        let order = factCounts.indices.sorted { (factCounts[$0], $1) > (factCounts[$1], $0) }
        var outcomes = ConcurrentJobs.map(consume pieces, order: order, threads: threads) { service, buckets -> ServiceOutcome? in
            guard factCounts[service] > 0 else { return nil }
            var accumulator = ServiceAnalysis(facts: FactBuckets.joined(buckets, count: factCounts[service]), clock: clock,
                                              configuration: configuration, sharedMaintenance: sharedMaintenance,
                                              detectionClasses: detectionClasses).run(labels: log.labels)
            // The facts freed here went to this thread's free lists, where the samples of the
            // jobs still to come would not reuse them: the report's peak of memory (as large as
            // the facts) until every service was analysed.
            buckets = []
            FreedMemory.noteFreed(factCounts[service] * MemoryLayout<IncidentFacts>.stride)
            let name = service == 0 ? "(no service)" : log.services.string(UInt32(service))
            return ServiceOutcome(summary: accumulator.summary(service: name, pooled: false), accumulator: accumulator)
        }

        // Pooled in a fixed order (by name), whichever thread finished first.
        let serviceName = { (id: Int) in id == 0 ? "(no service)" : log.services.string(UInt32(id)) }
        let named = factCounts.indices.filter { factCounts[$0] > 0 }
            .map { (id: $0, name: serviceName($0)) }
            .sorted { $0.name < $1.name }
        var total = ReliabilityAccumulator()
        // Every service's sample arrays are appended to the total's: room for the most there
        // can be (one sample per record) up front, so none is copied to grow. Pages never
        // written are never touched, so the unused part costs address space, not memory.
        total.reserveSamples(factCounts.reduce(0, +))
        var services: [ServiceReliability] = []
        services.reserveCapacity(named.count)
        for (service, _) in named {
            guard let outcome = outcomes[service] else { continue }
            outcomes[service] = nil  // freed once pooled
            services.append(outcome.summary)
            total.merge(outcome.accumulator)
        }

        let definitions = ReliabilityReport.definitions(configuration)
        meta = ReportMeta(
            windowStart: Timestamp(microsecondsSinceEpoch: clock.windowStart),
            windowEnd: Timestamp(microsecondsSinceEpoch: clock.windowEnd),
            windowEndInclusive: clock.isEndInclusive,
            windowSource: clock.isWindowGiven ? "given" : "data",
            asOf: Timestamp(microsecondsSinceEpoch: clock.asOf),
            definitions: definitions,
            inputs: log.inputs,
            inputAccounting: log.accounting)
        self.services = services
        self.total = total.summary(service: "all services", pooled: true, threads: threads)
        reasons = self.total.reasons
        dataQuality = DataQuality(
            recordIssues: RecordIssueKind.allCases.compactMap { kind in
                issues[kind].map { tally in
                    RecordIssue(issue: kind.identifier, effect: kind.effect, count: tally.count,
                                firstIDs: tally.firstIndices.map { log.ids.string(UInt32($0) + 1) })
                }
            },
            recordsWithoutLifecycle: withoutLifecycle,
            unmappedDetectionSources: total.unmappedDetection)
    }

    /// How many threads the analysis of `log` takes: one below `minimumParallelRecords` records.
    static func threads(log: IncidentLog, configuration: ReportConfiguration, minimumParallelRecords: Int) -> Int {
        log.states.count < minimumParallelRecords ? 1
            : configuration.threads > 0 ? configuration.threads : FileSyscalls.processorCount
    }

    /// `[impact_start, recovered)`, or `[impact_start, T)` while ongoing, clipped at `T`; `nil`
    /// when the record's times contradict each other or it starts after `T`.
    static func outage(of fact: IncidentFacts, clock: ReportClock) -> Interval? {
        guard fact.hasOutage, fact.impactStart <= clock.asOf else { return nil }
        let end = min(fact.recovered ?? clock.asOf, clock.asOf)
        return Interval(start: Timestamp(microsecondsSinceEpoch: fact.impactStart), end: Timestamp(microsecondsSinceEpoch: max(end, fact.impactStart)))
    }

    static func definitions(_ configuration: ReportConfiguration) -> [String: String] {
        let sampleRule = configuration.samplesByStart ? "starts" : "ends"
        return [
            "uptime": "1 − downtime / eligible, over [window start, as-of); eligible excludes maintenance",
            "downtime": "length of the union of outages [impact_start, recovered) within the window, less maintenance; overlapping and touching outages count once",
            "uptime_total": "mean of the services' uptimes, each service weighing the same",
            "failures": "failure episodes (unique failures: overlapping or touching outages, and records with their parent, count once) starting in the window",
            "mttf": "(eligible − downtime) / failures",
            "mtbsi": "time between the starts of consecutive failure episodes",
            "mttr": "\(configuration.mttrDefinition.name): \(configuration.mttrDefinition.interval), " + (configuration.mttrPerEpisode ? "per failure episode" : "per incident, children folded into their parent"),
            "mttd": "detected − impact_start, both given in the data",
            "mtta": "acknowledged − detected (detected defaults to opened)",
            "time_to_resolve": "resolved − opened, the last resolution",
            "open_age": "as-of − opened, for records still open",
            "samples": "a duration sample belongs to the window when its interval \(sampleRule) in it",
            "percentiles": DurationStatistics.percentileMethod,
            "failure_filter": ResolvedFailureFilter.describe(configuration.failureFilter),
            "detected_by": "failure records opened in the window by their last detected_by value: monitoring, user (by the detection map), unmapped or missing; monitoring_share = monitoring / (monitoring + user)",
        ]
    }
}

/// What the analysis of one service gives.
private struct ServiceOutcome: Sendable {
    var summary: ServiceReliability
    var accumulator: ReliabilityAccumulator
}

/// The failure filter with its value sets matched against interned labels.
struct ResolvedFailureFilter {
    let priorities: Set<String>
    let severities: Set<String>
    let kinds: Set<String>
    let labels: ByteInterner

    init(_ filter: FailureFilter, labels: ByteInterner) {
        priorities = Set(filter.priorities.map { $0.lowercased() })
        severities = Set(filter.severities.map { $0.lowercased() })
        kinds = Set(filter.kinds.map { $0.lowercased() })
        self.labels = labels
    }

    /// Whether the filter sets are all empty (every non-maintenance record is a failure).
    var admitsAll: Bool { priorities.isEmpty && severities.isEmpty && kinds.isEmpty }

    func admits(_ state: IncidentState) -> Bool {
        func matches(_ set: Set<String>, _ attribute: Attribute) -> Bool {
            set.isEmpty || (state[attribute] != 0 && set.contains(labels.string(state[attribute]).lowercased()))
        }
        return matches(priorities, .priority) && matches(severities, .severity) && matches(kinds, .kind)
    }

    static func describe(_ filter: FailureFilter) -> String {
        var parts = ["kind is not maintenance"]
        if !filter.kinds.isEmpty { parts.append("kind in {\(filter.kinds.sorted().joined(separator: ", "))}") }
        if !filter.priorities.isEmpty { parts.append("priority in {\(filter.priorities.sorted().joined(separator: ", "))}") }
        if !filter.severities.isEmpty { parts.append("severity in {\(filter.severities.sorted().joined(separator: ", "))}") }
        return parts.joined(separator: " and ")
    }
}
