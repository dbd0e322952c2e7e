// The reference model's metrics: the window, the per-record facts, a bitmap of grid cells per
// service for up and down time, episodes read off the bitmap plus parent links, and statistics by
// sorting. Written for obviousness, not speed.
import Foundation

/// Statistics of a sample set, in seconds, each rounded to the microsecond.
struct ModelStats: Equatable, CustomStringConvertible {
    var count = 0
    var mean: Double?
    var p50: Double?
    var p90: Double?
    var min: Double?
    var max: Double?

    /// Type-7 percentiles computed in exact rational arithmetic, then rounded half away from zero.
    init(microseconds samples: [Int64]) {
        count = samples.count
        guard !samples.isEmpty else { return }
        let sorted = samples.sorted()
        let n = Int128(sorted.count)
        let sum = sorted.reduce(Int128(0)) { $0 + Int128($1) }
        mean = Self.seconds(numerator: sum, denominator: n)
        p50 = Self.percentile(sorted, 50)
        p90 = Self.percentile(sorted, 90)
        min = Double(sorted[0]) / 1_000_000
        max = Double(sorted[sorted.count - 1]) / 1_000_000
    }

    /// The `percent`-th percentile: rank h = (n − 1)·percent/100, interpolated linearly.
    private static func percentile(_ sorted: [Int64], _ percent: Int128) -> Double {
        let rankTimes100 = Int128(sorted.count - 1) * percent
        let lower = Int(rankTimes100 / 100)
        let fraction = rankTimes100 % 100  // in hundredths
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let low = Int128(sorted[lower])
        let high = Int128(sorted[upper])
        return seconds(numerator: low * 100 + fraction * (high - low), denominator: 100)
    }

    /// `numerator / denominator` microseconds, rounded half away from zero, in seconds.
    private static func seconds(numerator: Int128, denominator: Int128) -> Double {
        let magnitude = numerator.magnitude
        let d = UInt128(denominator)
        var rounded = magnitude / d
        if (magnitude % d) * 2 >= d { rounded += 1 }
        let signed = numerator < 0 ? -Int128(rounded) : Int128(rounded)
        return Double(signed) / 1_000_000
    }

    var description: String {
        func text(_ value: Double?) -> String { value.map { "\($0)" } ?? "nil" }
        return "n=\(count) mean=\(text(mean)) p50=\(text(p50)) p90=\(text(p90)) min=\(text(min)) max=\(text(max))"
    }
}

/// One reason's failure episodes.
struct ModelReason: Equatable {
    var reason: String
    var episodes = 0
    var episodeShare: Double?
    var downtimeMicroseconds: Int64 = 0
    var downtimeShare: Double?
    var mttrSamples: [Int64] = []
    var mttr: ModelStats { ModelStats(microseconds: mttrSamples) }

    static func == (a: ModelReason, b: ModelReason) -> Bool {
        a.reason == b.reason && a.episodes == b.episodes && a.episodeShare == b.episodeShare
            && a.downtimeMicroseconds == b.downtimeMicroseconds && a.downtimeShare == b.downtimeShare
            && a.mttrSamples.sorted() == b.mttrSamples.sorted()
    }
}

/// One service's numbers (or all services together).
struct ModelService: Equatable {
    var service: String
    var eligibleMicroseconds: Int64 = 0
    var downtimeMicroseconds: Int64 = 0
    var uptimePercent: Double?
    var failures = 0
    var incidents = 0
    var openIncidents = 0
    var ongoingOutages = 0
    var mttfSeconds: Double?
    var mtbsi: [Int64] = []
    var mttr: [Int64] = []
    var mttd: [Int64] = []
    var mtta: [Int64] = []
    var timeToResolve: [Int64] = []
    var openAge: [Int64] = []
    var reasons: [ModelReason] = []
    /// Failure records opened in the window by detection source: monitoring, user, unmapped, missing.
    var detection: [String: Int] = [:]
    /// Of those unmapped, the count by value.
    var unmappedDetection: [String: Int] = [:]
}

/// The model's whole report.
struct ModelReport {
    var windowStart: Int64
    var windowEnd: Int64
    var isWindowEndInclusive: Bool
    var asOf: Int64
    var services: [ModelService]
    var total: ModelService
    var reasons: [ModelReason]
    /// Issue → record ids in input order.
    var issues: [String: [String]]
    var recordsWithoutLifecycle: Int
    var rowsRead: Int
    var rowsUsed: Int
    var skipped: [String: Int]
}

extension ReferenceModel {
    /// What the report needs to know of one record, with the folding defaults applied.
    struct Facts {
        var record: Record
        var service: String
        var isMaintenance: Bool
        var isFailure: Bool
        var opened: Int64
        var impactStart: Int64
        var impactStartExplicit: Bool
        var detected: Int64
        var detectedExplicit: Bool
        var acknowledged: Int64?
        var isOpen: Bool
        /// The last resolution; nil when open.
        var resolved: Int64?
        /// The outage end; nil when ongoing.
        var end: Int64?
        var hasOutage: Bool
        var issues: [String]
        var parent: String?
        var reason: String?
        var detectedBy: String?
    }

    /// The facts of a record that has a lifecycle or status event; nil for notes-only records.
    func facts(of record: Record) -> Facts? {
        guard let firstActivity = record.firstActivity else { return nil }
        let kind = record.attribute("kind")?.lowercased()
        let isMaintenance = kind == "maintenance"
        var isFailure = !isMaintenance
        if !settings.priorities.isEmpty && !settings.priorities.contains(record.attribute("priority")?.lowercased() ?? "") { isFailure = false }
        if !settings.severities.isEmpty && !settings.severities.contains(record.attribute("severity")?.lowercased() ?? "") { isFailure = false }
        if !settings.kinds.isEmpty && !settings.kinds.contains(kind ?? "") { isFailure = false }

        let opened = record.opened ?? firstActivity
        let detected = record.detected ?? opened
        let impactStart = record.impactStart ?? min(opened, record.detected ?? opened)
        var isOpen = record.resolvedLast == nil
        if let reopened = record.reopenedLast, let resolved = record.resolvedLast, reopened > resolved { isOpen = true }

        var end: Int64? = record.recovered ?? record.resolvedLast
        if let reopened = record.reopenedLast {
            if let current = end, reopened <= current {
                // The reopen came before the outage ended: nothing changes.
            } else if let resolved = record.resolvedLast, resolved >= reopened {
                end = resolved
            } else {
                end = nil
            }
        }

        var issues: [String] = []
        var hasOutage = true
        if let end, end < impactStart {
            issues.append("recovered_before_impact_start")
            hasOutage = false
        }
        if !isOpen, let resolved = record.resolvedLast, resolved < opened { issues.append("resolved_before_opened") }
        if let explicitDetected = record.detected, let explicitImpact = record.impactStart, explicitDetected < explicitImpact {
            issues.append("detected_before_impact_start")
        }
        if let acknowledged = record.acknowledged, acknowledged < detected { issues.append("acknowledged_before_detected") }
        if let end, end < detected { issues.append("recovered_before_detected") }
        if let closed = record.closed, closed < opened { issues.append("closed_before_opened") }

        let service = record.attribute("service") ?? (isMaintenance ? "" : "(no service)")
        return Facts(
            record: record, service: service, isMaintenance: isMaintenance, isFailure: isFailure,
            opened: opened, impactStart: impactStart, impactStartExplicit: record.impactStart != nil,
            detected: detected, detectedExplicit: record.detected != nil, acknowledged: record.acknowledged,
            isOpen: isOpen, resolved: isOpen ? nil : record.resolvedLast, end: end, hasOutage: hasOutage,
            issues: issues, parent: record.attribute("parent"), reason: record.attribute("reason"),
            detectedBy: record.attribute("detected_by"))
    }

    /// A failure episode of one service.
    struct Episode {
        var members: [Int]  // indexes into the service's outage list
        var start: Int64
        var end: Int64  // clipped to T
        var isOngoing: Bool
        var downtimeMicroseconds: Int64  // in E, outside maintenance
        var reason: String
    }

    /// Computes the whole report.
    func report() -> ModelReport {
        // W = [W0, W1); without --to, W1 is the as-of time or else the data's latest time, and
        // it belongs to the window (W0 ≤ t ≤ W1), so the last event is inside it.
        let w0 = settings.windowStart ?? earliest ?? 0
        let isEndInclusive = settings.windowEnd == nil
        let w1 = max(w0, settings.windowEnd ?? settings.asOf ?? latest ?? w0)
        let t = max(w0, min(settings.asOf ?? settings.now, w1))
        func inW(_ instant: Int64) -> Bool { w0 <= instant && (instant < w1 || (isEndInclusive && instant == w1)) }
        func sampleInW(start: Int64, end: Int64) -> Bool { settings.samplesByStart ? inW(start) : inW(end) }

        var all: [Facts] = []
        var recordsWithoutLifecycle = 0
        for id in recordOrder {
            guard let record = records[id] else { continue }
            if let facts = facts(of: record) { all.append(facts) } else { recordsWithoutLifecycle += 1 }
        }
        var issues: [String: [String]] = [:]
        for facts in all {
            for issue in facts.issues { issues[issue, default: []].append(facts.record.id) }
        }
        let globalMaintenance = all.filter { $0.isMaintenance && $0.service.isEmpty }
        let serviceNames = Set(all.map(\.service).filter { !$0.isEmpty }).sorted()

        var services: [ModelService] = []
        var reasonsByName: [String: ModelReason] = [:]
        for name in serviceNames {
            let maintenance = globalMaintenance + all.filter { $0.isMaintenance && $0.service == name }
            let failures = all.filter { $0.isFailure && $0.service == name }
            let (service, reasons) = measure(
                name, failures: failures, maintenance: maintenance, w0: w0, t: t, inW: inW, sampleInW: sampleInW)
            services.append(service)
            for reason in reasons {
                var pooled = reasonsByName[reason.reason] ?? ModelReason(reason: reason.reason)
                pooled.episodes += reason.episodes
                pooled.downtimeMicroseconds += reason.downtimeMicroseconds
                pooled.mttrSamples += reason.mttrSamples
                reasonsByName[reason.reason] = pooled
            }
        }

        var total = ModelService(service: "all services")
        for service in services {
            total.eligibleMicroseconds += service.eligibleMicroseconds
            total.downtimeMicroseconds += service.downtimeMicroseconds
            total.failures += service.failures
            total.incidents += service.incidents
            total.openIncidents += service.openIncidents
            total.ongoingOutages += service.ongoingOutages
            total.mtbsi += service.mtbsi
            total.mttr += service.mttr
            total.mttd += service.mttd
            total.mtta += service.mtta
            total.timeToResolve += service.timeToResolve
            total.openAge += service.openAge
            total.detection.merge(service.detection, uniquingKeysWith: +)
            total.unmappedDetection.merge(service.unmappedDetection, uniquingKeysWith: +)
        }
        let uptimes = services.compactMap(\.uptimePercent)
        total.uptimePercent = uptimes.isEmpty ? nil : uptimes.reduce(0, +) / Double(uptimes.count)
        if total.failures > 0 {
            total.mttfSeconds = Double(total.eligibleMicroseconds - total.downtimeMicroseconds) / 1_000_000 / Double(total.failures)
        }
        let pooled = Self.finish(Array(reasonsByName.values), totalEpisodes: total.failures, totalDowntime: total.downtimeMicroseconds)
        total.reasons = pooled

        return ModelReport(
            windowStart: w0, windowEnd: w1, isWindowEndInclusive: isEndInclusive, asOf: t, services: services, total: total, reasons: pooled,
            issues: issues, recordsWithoutLifecycle: recordsWithoutLifecycle,
            rowsRead: rowsRead, rowsUsed: rowsUsed, skipped: skipped)
    }

    /// Shares and the sort order of a reason list.
    static func finish(_ reasons: [ModelReason], totalEpisodes: Int, totalDowntime: Int64) -> [ModelReason] {
        var result = reasons
        for index in result.indices {
            result[index].episodeShare = totalEpisodes == 0 ? nil : Double(result[index].episodes) / Double(totalEpisodes)
            result[index].downtimeShare = totalDowntime == 0 ? nil : Double(result[index].downtimeMicroseconds) / Double(totalDowntime)
        }
        return result.sorted {
            if $0.downtimeMicroseconds != $1.downtimeMicroseconds { return $0.downtimeMicroseconds > $1.downtimeMicroseconds }
            if $0.episodes != $1.episodes { return $0.episodes > $1.episodes }
            return $0.reason < $1.reason
        }
    }

    /// One service: bitmap over grid cells, episodes, samples and reasons.
    private func measure(
        _ name: String, failures: [Facts], maintenance: [Facts], w0: Int64, t: Int64,
        inW: (Int64) -> Bool, sampleInW: (_ start: Int64, _ end: Int64) -> Bool
    ) -> (ModelService, [ModelReason]) {
        var service = ModelService(service: name)
        let outages = failures.filter(\.hasOutage)
        func interval(_ facts: Facts) -> (start: Int64, end: Int64) {
            (facts.impactStart, min(facts.end ?? t, t))
        }
        let maintenanceIntervals = maintenance.filter(\.hasOutage).map(interval)
        let outageIntervals = outages.map(interval)

        // The bitmap: one bit per cell of `cell` microseconds, the greatest common divisor of
        // the distances from W0 of every instant that bounds an interval (1 s for whole-second
        // data, 60 s for whole-minute data: a per-second bitmap, coarsened when it can be).
        // Every bound except T lies on the grid, so a cell is wholly covered or not at all;
        // the last cell may be cut short by T.
        var cell: Int64 = 0
        var base = w0
        for (start, end) in outageIntervals + maintenanceIntervals {
            for instant in [start, end] where instant != t {
                cell = gcd(cell, abs(instant - w0))
            }
            base = min(base, start)
        }
        if cell == 0 { cell = max(t - base, 1) }
        let cellCount = Int((t - base + cell - 1) / cell)
        precondition(cellCount <= 5_000_000, "the reference model's grid is too fine: \(cellCount) cells")
        func cellStart(_ index: Int) -> Int64 { base + Int64(index) * cell }
        func cellEnd(_ index: Int) -> Int64 { min(cellStart(index) + cell, t) }
        func covers(_ interval: (start: Int64, end: Int64), _ index: Int) -> Bool {
            interval.start <= cellStart(index) && cellStart(index) < interval.end
        }
        /// The cells an interval covers: those starting in [start, end).
        func cells(_ interval: (start: Int64, end: Int64)) -> Range<Int> {
            let first = Int((interval.start - base) / cell)
            let last = Int((interval.end - base + cell - 1) / cell)
            return first..<max(first, min(last, cellCount))
        }
        var failed = [Bool](repeating: false, count: cellCount)
        var maintained = [Bool](repeating: false, count: cellCount)
        for interval in outageIntervals {
            for index in cells(interval) {
                assert(covers(interval, index))
                failed[index] = true
            }
        }
        for interval in maintenanceIntervals {
            for index in cells(interval) { maintained[index] = true }
        }
        func inE(_ index: Int) -> Bool { cellStart(index) >= w0 }
        for index in 0..<cellCount where inE(index) && !maintained[index] {
            let length = cellEnd(index) - cellStart(index)
            service.eligibleMicroseconds += length
            if failed[index] { service.downtimeMicroseconds += length }
        }
        if service.eligibleMicroseconds > 0 {
            service.uptimePercent = 100 * (1 - Double(service.downtimeMicroseconds) / Double(service.eligibleMicroseconds))
        }

        // Runs of failed cells: the union of the outages, touching ones joined.
        var runOfCell = [Int?](repeating: nil, count: cellCount)
        var runs: [(start: Int64, end: Int64)] = []
        for index in 0..<cellCount where failed[index] {
            if index > 0 && failed[index - 1] {
                runs[runs.count - 1].end = cellEnd(index)
            } else {
                runs.append((cellStart(index), cellEnd(index)))
            }
            runOfCell[index] = runs.count - 1
        }
        // Groups: one per run, plus one per instant of zero-length outages lying outside every run.
        var groupStarts = runs.map(\.start)
        var groupEnds = runs.map(\.end)
        var groupOfOutage = [Int](repeating: -1, count: outages.count)
        for (index, outage) in outageIntervals.enumerated() {
            if outage.start < outage.end {
                groupOfOutage[index] = runOfCell[Int((outage.start - base) / cell)]!
            } else if let run = runs.firstIndex(where: { $0.start <= outage.start && outage.start <= $0.end }) {
                groupOfOutage[index] = run
            } else if let point = groupStarts.indices.first(where: { $0 >= runs.count && groupStarts[$0] == outage.start }) {
                groupOfOutage[index] = point
            } else {
                groupStarts.append(outage.start)
                groupEnds.append(outage.start)
                groupOfOutage[index] = groupStarts.count - 1
            }
        }
        // Union-find over groups: the merge gap, then parent links.
        var parentOf = Array(groupStarts.indices)
        func find(_ group: Int) -> Int {
            var root = group
            while parentOf[root] != root { root = parentOf[root] }
            return root
        }
        func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parentOf[max(ra, rb)] = min(ra, rb) }
        }
        let byStart = groupStarts.indices.sorted { (groupStarts[$0], groupEnds[$0]) < (groupStarts[$1], groupEnds[$1]) }
        var previous: Int? = nil
        var maxEnd = Int64.min
        for group in byStart {
            if let previous, groupStarts[group] - maxEnd <= settings.mergeGap { union(previous, group) }
            maxEnd = max(maxEnd, groupEnds[group])
            previous = group
        }
        let outageIndexByID = Dictionary(outages.enumerated().map { ($1.record.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, facts) in outages.enumerated() {
            if let parent = facts.parent, let parentIndex = outageIndexByID[parent] {
                union(groupOfOutage[index], groupOfOutage[parentIndex])
            }
        }
        var membersByRoot: [Int: [Int]] = [:]
        for index in outages.indices { membersByRoot[find(groupOfOutage[index]), default: []].append(index) }
        var downtimeByRoot: [Int: Int64] = [:]
        for index in 0..<cellCount where inE(index) && !maintained[index] && failed[index] {
            if let run = runOfCell[index] { downtimeByRoot[find(run), default: 0] += cellEnd(index) - cellStart(index) }
        }
        var episodes: [Episode] = []
        for (root, members) in membersByRoot.sorted(by: { $0.key < $1.key }) {
            let downtime = downtimeByRoot[root] ?? 0
            let byStartThenOrder = members.sorted {
                (outageIntervals[$0].start, outages[$0].record.order) < (outageIntervals[$1].start, outages[$1].record.order)
            }
            let reason = byStartThenOrder.lazy.compactMap { outages[$0].reason }.first ?? "unknown"
            episodes.append(Episode(
                members: members,
                start: members.map { outageIntervals[$0].start }.min()!,
                end: members.map { outageIntervals[$0].end }.max()!,
                isOngoing: members.contains { outages[$0].end == nil },
                downtimeMicroseconds: downtime, reason: reason))
        }

        // Counts.
        service.failures = episodes.filter { inW($0.start) }.count
        if service.failures > 0 {
            service.mttfSeconds = Double(service.eligibleMicroseconds - service.downtimeMicroseconds) / 1_000_000 / Double(service.failures)
        }
        service.incidents = failures.filter { inW($0.opened) }.count
        for failure in failures where inW(failure.opened) {
            guard let value = failure.detectedBy else {
                service.detection["missing", default: 0] += 1
                continue
            }
            let source = settings.detectionSources[ReferenceModel.normalize(value)] ?? "unmapped"
            service.detection[source, default: 0] += 1
            if source == "unmapped" { service.unmappedDetection[value, default: 0] += 1 }
        }
        service.openIncidents = failures.filter(\.isOpen).count
        service.ongoingOutages = outages.filter { $0.end == nil }.count
        service.openAge = failures.filter(\.isOpen).map { t - $0.opened }

        // MTBSI.
        let starts = episodes.map(\.start).sorted()
        for k in starts.indices.dropFirst() where inW(starts[k]) { service.mtbsi.append(starts[k] - starts[k - 1]) }

        // MTTR: per family (parent links only) or per episode.
        var groups: [[Int]]
        if settings.mttrPerEpisode {
            groups = episodes.map(\.members)
        } else {
            var family = Array(outages.indices)
            func root(_ i: Int) -> Int {
                var r = i
                while family[r] != r { r = family[r] }
                return r
            }
            for (index, facts) in outages.enumerated() {
                if let parent = facts.parent, let parentIndex = outageIndexByID[parent] {
                    let (a, b) = (root(index), root(parentIndex))
                    if a != b { family[max(a, b)] = min(a, b) }
                }
            }
            groups = Dictionary(grouping: outages.indices, by: root).values.map { $0 }
        }
        for members in groups {
            let sample: (start: Int64, end: Int64)?
            switch settings.mttr {
            case "resolve":
                if members.contains(where: { outages[$0].isOpen }) {
                    sample = nil
                } else {
                    sample = (members.map { outages[$0].impactStart }.min()!, members.map { outages[$0].resolved! }.max()!)
                }
            case "repair":
                // Members recovered before their detection are skipped: the contract says so
                // when detected is explicit (recovered_before_detected); when detected defaults to
                // opened, a recovery before the opening would give a negative repair time, which
                // is no sample either (the contract is silent; a repair time is never negative).
                let usable = members.filter { member in
                    !outages[member].issues.contains("recovered_before_detected")
                        && !(outages[member].end.map { $0 < outages[member].detected } ?? false)
                }
                if usable.isEmpty || usable.contains(where: { outages[$0].end == nil }) {
                    sample = nil
                } else {
                    sample = (usable.map { outages[$0].detected }.min()!, usable.map { outages[$0].end! }.max()!)
                }
            default:
                if members.contains(where: { outages[$0].end == nil }) {
                    sample = nil
                } else {
                    sample = (members.map { outages[$0].impactStart }.min()!, members.map { outages[$0].end! }.max()!)
                }
            }
            // A group whose last resolution comes before its first impact (resolved before it
            // was opened) gives a negative time, which is no sample.
            if let sample, sample.start <= sample.end, sampleInW(sample.start, sample.end) { service.mttr.append(sample.end - sample.start) }
        }

        // MTTD, MTTA, time to resolve: per failure record.
        for facts in failures {
            if facts.detectedExplicit && facts.impactStartExplicit && !facts.issues.contains("detected_before_impact_start")
                && sampleInW(facts.impactStart, facts.detected)
            {
                service.mttd.append(facts.detected - facts.impactStart)
            }
            if let acknowledged = facts.acknowledged, !facts.issues.contains("acknowledged_before_detected"),
                sampleInW(facts.detected, acknowledged)
            {
                service.mtta.append(acknowledged - facts.detected)
            }
            if let resolved = facts.resolved, !facts.issues.contains("resolved_before_opened"),
                sampleInW(facts.opened, resolved)
            {
                service.timeToResolve.append(resolved - facts.opened)
            }
        }

        // Reasons.
        var reasons: [String: ModelReason] = [:]
        for episode in episodes {
            var reason = reasons[episode.reason] ?? ModelReason(reason: episode.reason)
            if inW(episode.start) { reason.episodes += 1 }
            reason.downtimeMicroseconds += episode.downtimeMicroseconds
            if !episode.isOngoing && sampleInW(episode.start, episode.end) {
                reason.mttrSamples.append(episode.end - episode.start)
            }
            reasons[episode.reason] = reason
        }
        let listed = reasons.values.filter { $0.episodes > 0 || $0.downtimeMicroseconds > 0 || !$0.mttrSamples.isEmpty }
        service.reasons = Self.finish(listed, totalEpisodes: service.failures, totalDowntime: service.downtimeMicroseconds)
        return (service, service.reasons)
    }

    private func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
