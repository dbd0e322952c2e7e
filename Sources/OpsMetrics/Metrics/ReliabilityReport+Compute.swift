extension ReliabilityReport {
    /// Computes the report of `log` (DEFINITIONS sections 2, 3, 4 and 7).
    ///
    /// - Parameters:
    ///   - log: The folded incidents.
    ///   - configuration: The window, as-of time and definitions (the same value the log was read with).
    /// - Complexity: O(n log n) in the number of records.
    public init(log: IncidentLog, configuration: ReportConfiguration) {
        let clock = ReportClock(log: log, configuration: configuration)
        let filter = ResolvedFailureFilter(configuration.failureFilter, labels: log.labels)

        // The facts, bucketed by service id (a counting sort): each service's records lie
        // together, in log order, so its analysis streams through its own memory. Maintenance
        // without a service applies to every service and is kept apart. The buckets are sized
        // by counting every record's service first (an upper bound: records without a
        // lifecycle and shared maintenance are counted too), so no bucket grows by copying.
        var bucketSizes = [Int](repeating: 0, count: log.services.count + 1)
        for state in log.states { bucketSizes[Int(state[.service])] += 1 }
        var buckets: [[IncidentFacts]] = bucketSizes.map { size in
            var bucket: [IncidentFacts] = []
            bucket.reserveCapacity(size)
            return bucket
        }
        var sharedMaintenance: [Interval] = []
        var withoutLifecycle = 0
        var issues: [RecordIssueKind: (count: Int, ids: [String])] = [:]
        let maintenanceKinds = Set((0..<log.labels.count).map { UInt32($0 + 1) }.filter {
            log.labels.string($0).lowercased() == "maintenance"
        })
        for (index, state) in log.states.enumerated() {
            guard var fact = IncidentFacts(index: index, state: state, maintenanceKinds: maintenanceKinds) else {
                if state.rows > 0 { withoutLifecycle += 1 }
                continue
            }
            fact.isFailure = fact.isFailure && (filter.admitsAll || filter.admits(state))
            for issue in fact.issues {
                var entry = issues[issue] ?? (0, [])
                entry.count += 1
                if entry.ids.count < 5 { entry.ids.append(log.ids.string(UInt32(index + 1))) }
                issues[issue] = entry
            }
            if fact.isMaintenance && fact.service == 0 {
                if let interval = ReliabilityReport.outage(of: fact, clock: clock) { sharedMaintenance.append(interval) }
            } else {
                buckets[Int(fact.service)].append(fact)
            }
        }

        let serviceName = { (id: Int) in id == 0 ? "(no service)" : log.services.string(UInt32(id)) }
        let order = buckets.indices.filter { !buckets[$0].isEmpty }
            .map { (id: $0, name: serviceName($0)) }
            .sorted { $0.name < $1.name }
        var total = ReliabilityAccumulator()
        // Every service's sample arrays are appended to the total's: room for the most there
        // can be (one sample per record) up front, so none is copied to grow. Pages never
        // written are never touched, so the unused part costs address space, not memory.
        total.reserveSamples(buckets.reduce(0) { $0 + $1.count })
        var services: [ServiceReliability] = []
        services.reserveCapacity(order.count)
        for (service, name) in order {
            let facts = buckets[service]
            buckets[service] = []  // freed when the analysis is done
            let analysis = ServiceAnalysis(facts: facts, clock: clock, configuration: configuration,
                                           sharedMaintenance: sharedMaintenance)
            var accumulator = analysis.run(labels: log.labels)
            services.append(accumulator.summary(service: name, pooled: false))
            total.merge(accumulator)
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
        self.total = total.summary(service: "all services", pooled: true)
        reasons = self.total.reasons
        dataQuality = DataQuality(
            recordIssues: RecordIssueKind.allCases.compactMap { kind in
                issues[kind].map { RecordIssue(issue: kind.identifier, effect: kind.effect, count: $0.count, firstIDs: $0.ids) }
            },
            recordsWithoutLifecycle: withoutLifecycle)
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
        ]
    }
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
