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

/// One service's computation: maintenance, downtime, episodes and samples.
///
/// Works on flat arrays: the service's outages sorted by start, union-find over their indices
/// for episodes (overlap, merge gap, parent links) and families (parent links), and per-root
/// aggregates; no array or dictionary per episode.
private struct ServiceAnalysis {
    /// The service's records, in log order (a parent of another service is not among them,
    /// and so never links).
    let facts: [IncidentFacts]
    let clock: ReportClock
    let configuration: ReportConfiguration
    let sharedMaintenance: [Interval]

    /// One failure's outage, clipped at `T`, with what the episode sweep reads of its record.
    private struct Outage {
        var start: Int64
        var end: Int64
        /// The record's position in `facts`.
        var position: Int32
        /// The record's index in the log (ties between reasons go to the lower).
        var index: Int32
        /// The record's reason label id, 0 for none.
        var reason: UInt32
        /// Whether the outage goes on at the as-of time (no recovery).
        var isOngoing: Bool
    }

    func run(labels: ByteInterner) -> ReliabilityAccumulator {
        var result = ReliabilityAccumulator()
        let measured = clock.measured
        let maintenance = IntervalSet(sharedMaintenance + facts.compactMap { fact in
            fact.isMaintenance ? ReliabilityReport.outage(of: fact, clock: clock) : nil
        }).clipped(to: measured)
        result.eligible = measured.durationMicroseconds - maintenance.totalMicroseconds

        var outages: [Outage] = []
        for (p, fact) in facts.enumerated() where fact.isFailure {
            if let outage = ReliabilityReport.outage(of: fact, clock: clock) {
                outages.append(Outage(start: outage.start.microsecondsSinceEpoch, end: outage.end.microsecondsSinceEpoch,
                                      position: Int32(truncatingIfNeeded: p), index: fact.index, reason: fact.reason,
                                      isOngoing: fact.recovered == nil))
            }
        }
        outages.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        // The index of each record's outage in `outages` (written before it is read).
        var slots = [Int32](repeating: -1, count: facts.count)
        for (k, outage) in outages.enumerated() { slots[Int(outage.position)] = Int32(k) }

        // Union pieces (maximal runs of overlapping or touching outages), episodes and families.
        var episodes = UnionFind(count: outages.count)
        var families = UnionFind(count: outages.count)
        var pieces: [(interval: Interval, first: Int)] = []
        var reach = Int64.min
        for (k, outage) in outages.enumerated() {
            if k > 0 && outage.start - reach <= configuration.episodeMergeGapMicroseconds { episodes.union(k, k - 1) }
            if k > 0 && outage.start <= reach {
                reach = max(reach, outage.end)
                pieces[pieces.count - 1].interval.end = Timestamp(microsecondsSinceEpoch: reach)
            } else {
                reach = outage.end
                pieces.append((Interval(start: Timestamp(microsecondsSinceEpoch: outage.start), end: Timestamp(microsecondsSinceEpoch: reach)), k))
            }
            if let parent = facts[Int(outage.position)].parent, let parentPosition = positionOfIndex(parent),
               facts[parentPosition].isFailure,
               ReliabilityReport.outage(of: facts[parentPosition], clock: clock) != nil {
                let j = Int(slots[parentPosition])
                episodes.union(k, j)
                families.union(k, j)
            }
        }
        result.downtime = IntervalSet(pieces.map(\.interval)).clipped(to: measured).subtracting(maintenance).totalMicroseconds
        if result.eligible > 0 {
            result.uptimes = [1 - Double(result.downtime) / Double(result.eligible)]
        }

        // Episode aggregates, by root.
        var start = [Int64](repeating: .max, count: outages.count)
        var end = [Int64](repeating: .min, count: outages.count)
        var ongoing = [Bool](repeating: false, count: outages.count)
        var reasonMember = [Int](repeating: -1, count: outages.count)
        var downtime = [Int64](repeating: 0, count: outages.count)
        for (k, outage) in outages.enumerated() {
            let root = episodes.find(k)
            start[root] = min(start[root], outage.start)
            end[root] = max(end[root], outage.end)
            if outage.isOngoing { ongoing[root] = true }
            if outage.reason != 0 {
                let best = reasonMember[root]
                if best < 0 || (outage.start, outage.index) < (outages[best].start, outages[best].index) {
                    reasonMember[root] = k
                }
            }
        }
        var cursor = 0
        for piece in pieces {
            downtime[episodes.find(piece.first)] += uncoveredLength(of: piece.interval, within: measured, outside: maintenance.intervals, cursor: &cursor)
        }
        // By reason label id (0: none) while sweeping; named once at the end.
        var reasons: [UInt32: ReliabilityAccumulator.ReasonAccumulator] = [:]
        var starts: [Int64] = []
        for k in outages.indices where episodes.find(k) == k {
            starts.append(start[k])
            let reason = reasonMember[k] < 0 ? 0 : outages[reasonMember[k]].reason
            let startsInWindow = clock.contains(start[k])
            if startsInWindow { result.failures += 1 }
            guard startsInWindow || downtime[k] > 0 else { continue }
            let duration = !ongoing[k] && sampleInWindow(start: start[k], end: end[k]) ? end[k] - start[k] : nil
            // Updated in place, with one lookup: a copy taken out of the dictionary would copy
            // its durations on append.
            reasons[reason, default: .init()].add(startingInWindow: startsInWindow, downtime: downtime[k], duration: duration)
        }
        for (reason, entry) in reasons {
            // Two ids can share a name (a reason spelled `unknown`): they pool.
            result.reasons[reason == 0 ? "unknown" : labels.string(reason), default: .init()].merge(entry)
        }
        starts.sort()
        for k in starts.indices.dropFirst() where clock.contains(starts[k]) {
            result.mtbsi.append(starts[k] - starts[k - 1])
        }

        // MTTR: per family (a parent with its children) or per episode.
        let members = outages.map { Int($0.position) }
        if configuration.mttrPerEpisode {
            result.mttr = mttrSamples(members, groups: &episodes)
        } else {
            result.mttr = mttrSamples(members, groups: &families)
        }

        // Per-record samples and counts.
        for fact in facts where fact.isFailure {
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

    /// One MTTR sample per group of outages (a family or an episode) by the configured
    /// definition; none for a group with an unfinished member or a sample outside the window.
    private func mttrSamples(_ members: [Int], groups: inout UnionFind) -> [Int64] {
        var start = [Int64](repeating: .max, count: members.count)
        var end = [Int64](repeating: .min, count: members.count)
        var unfinished = [Bool](repeating: false, count: members.count)
        for (k, position) in members.enumerated() {
            let fact = facts[position]
            let root = groups.find(k)
            let memberEnd = configuration.mttrDefinition == .resolve ? fact.resolved : fact.recovered
            guard let memberEnd else {
                unfinished[root] = true
                continue
            }
            if configuration.mttrDefinition == .repair {
                if fact.issues.contains(.recoveredBeforeDetected) { continue }
                start[root] = min(start[root], fact.detected)
            } else {
                start[root] = min(start[root], fact.impactStart)
            }
            end[root] = max(end[root], memberEnd)
        }
        var samples: [Int64] = []
        for k in members.indices where groups.find(k) == k && !unfinished[k] {
            if start[k] <= end[k] && sampleInWindow(start: start[k], end: end[k]) { samples.append(end[k] - start[k]) }
        }
        return samples
    }

    /// `|piece ∩ window − maintenance|`, walking the sorted maintenance intervals from `cursor`
    /// (pieces come in increasing order, so the walk is linear over all pieces).
    private func uncoveredLength(of piece: Interval, within window: Interval, outside maintenance: [Interval], cursor: inout Int) -> Int64 {
        guard let clipped = piece.clamped(to: window) else { return 0 }
        while cursor < maintenance.count && maintenance[cursor].end <= clipped.start { cursor += 1 }
        var covered: Int64 = 0
        var i = cursor
        while i < maintenance.count && maintenance[i].start < clipped.end {
            if let overlap = maintenance[i].clamped(to: clipped) { covered += overlap.durationMicroseconds }
            i += 1
        }
        return clipped.durationMicroseconds - covered
    }

    private func sampleInWindow(start: Int64, end: Int64) -> Bool {
        clock.contains(configuration.samplesByStart ? start : end)
    }

    /// The position in `facts` of the record with log index `index`, if it has facts.
    private func positionOfIndex(_ index: Int) -> Int? {
        // `facts` is ordered by log index, so a binary search finds it.
        var low = 0
        var high = facts.count
        while low < high {
            let mid = (low + high) / 2
            if facts[mid].index < index { low = mid + 1 } else { high = mid }
        }
        return low < facts.count && facts[low].index == index ? low : nil
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
