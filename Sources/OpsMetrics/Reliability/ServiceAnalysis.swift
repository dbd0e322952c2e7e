/// One service's computation: maintenance, downtime, episodes and samples.
///
/// Works on flat arrays: the service's outages sorted by start, union-find over their indices
/// for episodes (overlap, merge gap, parent links) and families (parent links), and per-root
/// aggregates; no array or dictionary per episode.
struct ServiceAnalysis {
    /// The service's records, in log order (a parent of another service is not among them,
    /// and so never links).
    let facts: [IncidentFacts]
    let clock: ReportClock
    let configuration: ReportConfiguration
    let sharedMaintenance: [Interval]
    /// The detection class of each label id (`DetectionClassifier.classes(of:)`).
    let detectionClasses: [DetectionClassifier.Class]

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
        let maintenance = maintenanceOutages()

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
        let availability = ServiceAvailability(outages: IntervalSet(pieces.map(\.interval)), maintenance: maintenance)
        (result.eligible, result.downtime) = availability.measure(over: measured)
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
            let duration = !ongoing[k] && sampleInWindow(start: start[k], end: end[k]) ? end[k] - start[k] : nil
            // An episode counts for its reason if it started, was down, or gives an MTTR sample
            // in the window (one that ends in it under maintenance does only the last).
            guard startsInWindow || downtime[k] > 0 || duration != nil else { continue }
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
            if clock.contains(fact.opened) {
                result.incidents += 1
                let detection = detectionClasses[Int(fact.detectedBy)]
                result.detection.count(detection)
                if detection == .unmapped { result.unmappedDetection[labels.string(fact.detectedBy), default: 0] += 1 }
            }
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

    /// The union of the maintenance outages: the service's own and those without a service,
    /// clipped at the as-of time.
    private func maintenanceOutages() -> IntervalSet {
        IntervalSet(sharedMaintenance + facts.compactMap { fact in
            fact.isMaintenance ? ReliabilityReport.outage(of: fact, clock: clock) : nil
        })
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
