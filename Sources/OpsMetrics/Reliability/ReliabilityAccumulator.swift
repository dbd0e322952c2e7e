/// The numbers of one service (or a pool of services) before they are summarized: exact
/// microsecond totals and raw samples. `merge` pools two of them (associative), which is how
/// the total over all services is made.
struct ReliabilityAccumulator: Sendable {
    var eligible: Int64 = 0
    var downtime: Int64 = 0
    var failures = 0
    var incidents = 0
    var openIncidents = 0
    var ongoingOutages = 0
    /// The uptime ratio of each pooled service that had eligible time.
    var uptimes: [Double] = []
    var mtbsi: [Int64] = []
    var mttr: [Int64] = []
    var mttd: [Int64] = []
    var mtta: [Int64] = []
    var timeToResolve: [Int64] = []
    var openAge: [Int64] = []
    var reasons: [String: ReasonAccumulator] = [:]
    var detection = DetectionCounts()
    /// Failure records opened in the window whose `detected_by` no map names, by value.
    var unmappedDetection: [String: Int] = [:]

    struct ReasonAccumulator: Sendable {
        var episodes = 0
        var downtime: Int64 = 0
        var durations: [Int64] = []

        /// Counts one failure episode of this reason.
        ///
        /// - Parameters:
        ///   - startingInWindow: Whether the episode started in the window (it counts in `episodes`).
        ///   - downtime: Its downtime in the window, less maintenance, in microseconds.
        ///   - duration: Its MTTR sample in microseconds, `nil` when it has none.
        mutating func add(startingInWindow: Bool, downtime: Int64, duration: Int64?) {
            if startingInWindow { episodes += 1 }
            self.downtime += downtime
            if let duration { durations.append(duration) }
        }

        mutating func merge(_ other: ReasonAccumulator) {
            episodes += other.episodes
            downtime += other.downtime
            durations += other.durations
        }
    }

    /// Makes room for `count` samples in each sample array (MTBSI, MTTR, MTTD, MTTA, time to
    /// resolve, open age), so that merging up to that many does not copy them to grow.
    ///
    /// Each of these arrays holds at most one sample per failure record, so the number of
    /// records pooled is a bound that always suffices.
    mutating func reserveSamples(_ count: Int) {
        mtbsi.reserveCapacity(count)
        mttr.reserveCapacity(count)
        mttd.reserveCapacity(count)
        mtta.reserveCapacity(count)
        timeToResolve.reserveCapacity(count)
        openAge.reserveCapacity(count)
    }

    mutating func merge(_ other: ReliabilityAccumulator) {
        eligible += other.eligible
        downtime += other.downtime
        failures += other.failures
        incidents += other.incidents
        openIncidents += other.openIncidents
        ongoingOutages += other.ongoingOutages
        uptimes += other.uptimes
        mtbsi += other.mtbsi
        mttr += other.mttr
        mttd += other.mttd
        mtta += other.mtta
        timeToResolve += other.timeToResolve
        openAge += other.openAge
        for (reason, entry) in other.reasons { reasons[reason, default: ReasonAccumulator()].merge(entry) }
        detection.merge(other.detection)
        unmappedDetection.merge(other.unmappedDetection, uniquingKeysWith: +)
    }

    /// The summary. A single service's uptime is its own ratio; a pool's is the mean of its services'.
    ///
    /// Mutating only to find the percentiles in place: the sample arrays are permuted (see
    /// ``DurationStatistics/init(permuting:)``), their contents unchanged, so the accumulator
    /// can still be merged afterwards. The statistics of the sample arrays (and of each
    /// reason's durations) are independent jobs: a large pool spreads them over `threads`
    /// threads, the largest first.
    mutating func summary(service name: String, pooled: Bool, threads: Int = 1) -> ServiceReliability {
        let seconds = { (micros: Int64) in Double(micros) / 1_000_000 }
        let uptime: Double?
        if pooled {
            uptime = uptimes.isEmpty ? nil : 100 * uptimes.reduce(0, +) / Double(uptimes.count)
        } else {
            uptime = eligible > 0 ? 100 * (1 - Double(downtime) / Double(eligible)) : nil
        }
        // The sample arrays moved out (each then has one owner, and is permuted in place), their
        // statistics computed, and the permuted arrays moved back.
        let reasonIndices = Array(reasons.indices)
        var samples = [mtbsi, mttr, mttd, mtta, timeToResolve, openAge] + reasonIndices.map { reasons[$0].value.durations }
        (mtbsi, mttr, mttd, mtta, timeToResolve, openAge) = ([], [], [], [], [], [])
        for index in reasonIndices { reasons.values[index].durations = [] }
        var computed: [(statistics: DurationStatistics, samples: [Int64])]
        if threads > 1 {
            let order = samples.indices.sorted { (samples[$0].count, $1) > (samples[$1].count, $0) }
            computed = ConcurrentJobs.map(consume samples, order: order, threads: threads) { _, samples in
                (statistics: DurationStatistics(permuting: &samples), samples: samples)
            }
        } else {
            // One service's few small arrays: in place, without the scheduling (a fifth of the
            // report's time with 200,000 services).
            // Each array is swapped out of `samples` first: iterating over `samples` would leave
            // it a second reference, and the first swap of the selection would copy the array.
            computed = []
            computed.reserveCapacity(samples.count)
            for index in samples.indices {
                var array: [Int64] = []
                swap(&array, &samples[index])
                computed.append((statistics: DurationStatistics(permuting: &array), samples: array))
            }
        }
        let statistics = computed.map(\.statistics)
        for (k, index) in reasonIndices.enumerated() { reasons.values[index].durations = computed[6 + k].samples }
        (mtbsi, mttr, mttd, mtta, timeToResolve, openAge) = (computed[0].samples, computed[1].samples, computed[2].samples,
                                                             computed[3].samples, computed[4].samples, computed[5].samples)
        computed = []

        let totalEpisodes = reasons.values.reduce(0) { $0 + $1.episodes }
        var breakdown: [ReasonBreakdown] = []
        breakdown.reserveCapacity(reasons.count)
        for (k, index) in reasonIndices.enumerated() {
            let (reason, entry) = (reasons[index].key, reasons[index].value)
            breakdown.append(ReasonBreakdown(
                reason: reason, episodes: entry.episodes,
                episodeShare: totalEpisodes > 0 ? Double(entry.episodes) / Double(totalEpisodes) : nil,
                downtimeSeconds: seconds(entry.downtime),
                downtimeShare: downtime > 0 ? Double(entry.downtime) / Double(downtime) : nil,
                mttr: statistics[6 + k]))
        }
        breakdown.sort {
            ($0.downtimeSeconds, $0.episodes, $1.reason) > ($1.downtimeSeconds, $1.episodes, $0.reason)
        }
        return ServiceReliability(
            service: name,
            eligibleSeconds: seconds(eligible),
            downtimeSeconds: seconds(downtime),
            uptimePercent: uptime,
            failures: failures,
            incidents: incidents,
            openIncidents: openIncidents,
            ongoingOutages: ongoingOutages,
            mttfSeconds: failures > 0 ? seconds(eligible - downtime) / Double(failures) : nil,
            mtbsi: statistics[0],
            mttr: statistics[1],
            mttd: statistics[2],
            mtta: statistics[3],
            timeToResolve: statistics[4],
            openAge: statistics[5],
            reasons: breakdown,
            detectedBy: detection)
    }
}
