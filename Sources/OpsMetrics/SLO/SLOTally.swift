/// The counts of one group of verdicts (one objective, over every service or one), gathered one
/// verdict at a time, and the ``SLOSummary`` they make.
struct SLOTally {
    var met = 0
    var breached = 0
    var pending = 0
    /// Business elapsed time of the stopped clocks, for the percentiles.
    var stopped: [Int64] = []
    /// Positions of the worst breaches so far, worst first: furthest over the target, then
    /// earliest position (the verdicts of one objective are in id order).
    var worst: [Int] = []

    mutating func add(_ position: Int, of results: SLORecordResults, keepingWorst count: Int) {
        switch results.verdict[position] {
        case .met: met += 1
        case .breached:
            breached += 1
            let remaining = results.remaining(position)
            // Later positions lose ties, so one goes in only ahead of a strictly better one.
            if worst.count < count || (count > 0 && remaining < results.remaining(worst[worst.count - 1])) {
                let at = worst.firstIndex { remaining < results.remaining($0) } ?? worst.count
                worst.insert(position, at: at)
                if worst.count > count { worst.removeLast() }
            }
        case .pending: pending += 1
        }
        if results.stop[position] != SLORecordResults.running { stopped.append(results.elapsed[position]) }
    }

    func summary(objective: String, service: String?, ids: (Int) -> String) -> SLOSummary {
        var samples = stopped
        var selection = RankSelection()
        func rank(_ p: Int) -> Int64? {
            guard !samples.isEmpty else { return nil }
            let k = (p * samples.count + 99) / 100  // nearest rank: ceil(p/100 × n), 1-based
            return selection.value(atRank: max(1, k) - 1, in: &samples)
        }
        let p50 = rank(50)
        let p90 = rank(90)
        return SLOSummary(
            objective: objective, service: service, met: met, breached: breached, pending: pending,
            compliance: met + breached == 0 ? nil : Double(met) / Double(met + breached),
            p50ElapsedMicroseconds: p50, p90ElapsedMicroseconds: p90, worstBreaches: worst.map(ids))
    }

    /// Builds an objective's summary rows from the positions of some of its verdicts.
    struct Rows {
        let results: SLORecordResults
        let worst: Int
        /// Each service id's place in name order.
        private let serviceRank: [Int]

        init(results: SLORecordResults, worst: Int) {
            self.results = results
            self.worst = worst
            var rank = [Int](repeating: 0, count: results.serviceNames.count)
            for (place, id) in results.serviceNames.indices.sorted(by: { results.serviceNames[$0] < results.serviceNames[$1] }).enumerated() {
                rank[id] = place
            }
            serviceRank = rank
        }

        /// The objective over every service, then one row per service in name order.
        func rows(objective: Int, positions: some Sequence<Int>) -> [SLOSummary] {
            var all = SLOTally()
            var byService: [Int: SLOTally] = [:]
            for position in positions {
                all.add(position, of: results, keepingWorst: worst)
                byService[Int(results.service[position]), default: SLOTally()].add(position, of: results, keepingWorst: worst)
            }
            let name = results.objectiveNames[objective]
            let id = { (position: Int) in results.ids.string(results.record[position] + 1) }
            return [all.summary(objective: name, service: nil, ids: id)]
                + byService.keys.sorted { serviceRank[$0] < serviceRank[$1] }.map {
                    byService[$0, default: SLOTally()].summary(objective: name, service: results.serviceNames[$0], ids: id)
                }
        }
    }
}
