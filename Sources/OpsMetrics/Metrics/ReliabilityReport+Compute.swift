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

        var facts: [IncidentFacts] = []
        facts.reserveCapacity(log.states.count)
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
            facts.append(fact)
        }

        // Group by service; maintenance without a service applies to every service.
        var byService: [UInt32: [Int]] = [:]
        var sharedMaintenance: [Interval] = []
        for (position, fact) in facts.enumerated() {
            if fact.isMaintenance && fact.service == 0 {
                if let interval = ReliabilityReport.outage(of: fact, clock: clock) { sharedMaintenance.append(interval) }
            } else {
                byService[fact.service, default: []].append(position)
            }
        }
        let serviceName = { (id: UInt32) in id == 0 ? "(no service)" : log.services.string(id) }
        var total = ReliabilityAccumulator()
        var services: [ServiceReliability] = []
        for (service, positions) in byService.sorted(by: { serviceName($0.key) < serviceName($1.key) }) {
            let analysis = ServiceAnalysis(facts: facts, positions: positions, clock: clock,
                                           configuration: configuration, sharedMaintenance: sharedMaintenance)
            let accumulator = analysis.run(labels: log.labels)
            services.append(accumulator.summary(service: serviceName(service), pooled: false))
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

/// One service's computation: maintenance, downtime, episodes and samples.
private struct ServiceAnalysis {
    let facts: [IncidentFacts]
    let positions: [Int]
    let clock: ReportClock
    let configuration: ReportConfiguration
    let sharedMaintenance: [Interval]

    func run(labels: ByteInterner) -> ReliabilityAccumulator {
        var result = ReliabilityAccumulator()
        let measured = clock.measured
        let maintenance = IntervalSet(sharedMaintenance + positions.compactMap { p in
            facts[p].isMaintenance ? ReliabilityReport.outage(of: facts[p], clock: clock) : nil
        }).clipped(to: measured)
        result.eligible = measured.durationMicroseconds - maintenance.totalMicroseconds

        // Failures with a usable outage, in sweep order.
        let failures = positions.filter { facts[$0].isFailure }
        var outages: [(position: Int, interval: Interval)] = failures.compactMap { p in
            ReliabilityReport.outage(of: facts[p], clock: clock).map { (p, $0) }
        }
        outages.sort { ($0.interval.start, $0.interval.end) < ($1.interval.start, $1.interval.end) }
        let union = IntervalSet(outages.map(\.interval))
        result.downtime = union.clipped(to: measured).subtracting(maintenance).totalMicroseconds
        if result.eligible > 0 {
            result.uptimes = [1 - Double(result.downtime) / Double(result.eligible)]
        }

        // Episodes: overlapping or touching outages (within the merge gap), and children with parents.
        var local: [Int: Int] = [:]
        for (k, outage) in outages.enumerated() { local[outage.position] = k }
        var episodes = UnionFind(count: outages.count)
        var families = UnionFind(count: outages.count)
        var reach = Int64.min
        for (k, outage) in outages.enumerated() {
            let start = outage.interval.start.microsecondsSinceEpoch
            if k > 0 && start - reach <= configuration.episodeMergeGapMicroseconds { episodes.union(k, k - 1) }
            reach = k == 0 ? outage.interval.end.microsecondsSinceEpoch : max(reach, outage.interval.end.microsecondsSinceEpoch)
            if let parent = facts[outage.position].parent, let parentPosition = positionOfIndex(parent), let j = local[parentPosition] {
                episodes.union(k, j)
                families.union(k, j)
            }
        }
        let episodeGroups = episodes.groups()
        var starts: [Int64] = []
        for members in episodeGroups {
            let intervals = members.map { outages[$0].interval }
            let start = intervals.map(\.start.microsecondsSinceEpoch).min() ?? 0
            starts.append(start)
            let ongoing = members.contains { facts[outages[$0].position].recovered == nil }
            let end = intervals.map(\.end.microsecondsSinceEpoch).max() ?? start
            let reason = episodeReason(members.map { outages[$0].position }, labels: labels)
            let downtime = IntervalSet(intervals).clipped(to: measured).subtracting(maintenance).totalMicroseconds
            let startsInWindow = clock.contains(start)
            if startsInWindow { result.failures += 1 }
            guard startsInWindow || downtime > 0 else { continue }
            var entry = result.reasons[reason, default: .init()]
            if startsInWindow { entry.episodes += 1 }
            entry.downtime += downtime
            if !ongoing && sampleInWindow(start: start, end: end) { entry.durations.append(end - start) }
            result.reasons[reason] = entry
        }
        starts.sort()
        for k in starts.indices.dropFirst() where clock.contains(starts[k]) {
            result.mtbsi.append(starts[k] - starts[k - 1])
        }

        // MTTR: per family (a parent with its children) or per episode.
        let groups = configuration.mttrPerEpisode ? episodeGroups : families.groups()
        for members in groups {
            if let sample = mttrSample(members.map { facts[outages[$0].position] }) { result.mttr.append(sample) }
        }

        // Per-record samples and counts.
        for p in failures {
            let fact = facts[p]
            if clock.contains(fact.opened) { result.incidents += 1 }
            if fact.resolved == nil && fact.opened <= clock.asOf {
                result.openIncidents += 1
                result.openAge.append(clock.asOf - fact.opened)
            }
            if fact.hasOutage && fact.recovered == nil { result.ongoingOutages += 1 }
            if fact.hasDetected && fact.hasImpactStart && !fact.issues.contains(.detectedBeforeImpactStart),
               sampleInWindow(start: fact.impactStart, end: fact.detected) {
                result.mttd.append(fact.detected - fact.impactStart)
            }
            if let ack = fact.acknowledged, !fact.issues.contains(.acknowledgedBeforeDetected),
               sampleInWindow(start: fact.detected, end: ack) {
                result.mtta.append(ack - fact.detected)
            }
            if let resolved = fact.resolved, !fact.issues.contains(.resolvedBeforeOpened),
               sampleInWindow(start: fact.opened, end: resolved) {
                result.timeToResolve.append(resolved - fact.opened)
            }
        }
        return result
    }

    /// The MTTR sample of records that count as one (a family or an episode), by the configured
    /// definition; `nil` while any of them is unfinished or the sample falls outside the window.
    private func mttrSample(_ members: [IncidentFacts]) -> Int64? {
        var start = Int64.max
        var end = Int64.min
        for fact in members {
            let memberEnd: Int64?
            switch configuration.mttrDefinition {
            case .resolve: memberEnd = fact.resolved
            default: memberEnd = fact.recovered
            }
            guard let memberEnd else { return nil }
            if configuration.mttrDefinition == .repair {
                if fact.issues.contains(.recoveredBeforeDetected) { continue }
                start = min(start, fact.detected)
            } else {
                start = min(start, fact.impactStart)
            }
            end = max(end, memberEnd)
        }
        guard start <= end, sampleInWindow(start: start, end: end) else { return nil }
        return end - start
    }

    /// The reason of an episode: that of its earliest-starting record with a reason.
    private func episodeReason(_ members: [Int], labels: ByteInterner) -> String {
        let withReason = members.filter { facts[$0].reason != 0 }
        guard let first = withReason.min(by: { (facts[$0].impactStart, facts[$0].index) < (facts[$1].impactStart, facts[$1].index) }) else {
            return "unknown"
        }
        return labels.string(facts[first].reason)
    }

    private func sampleInWindow(start: Int64, end: Int64) -> Bool {
        clock.contains(configuration.samplesByStart ? start : end)
    }

    /// The position in `facts` of the record with log index `index`, if it is in this service.
    private func positionOfIndex(_ index: Int) -> Int? {
        // `facts` is ordered by log index, so a binary search finds it.
        var low = 0
        var high = facts.count
        while low < high {
            let mid = (low + high) / 2
            if facts[mid].index < index { low = mid + 1 } else { high = mid }
        }
        guard low < facts.count, facts[low].index == index, facts[low].service == facts[positions[0]].service else { return nil }
        return low
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
