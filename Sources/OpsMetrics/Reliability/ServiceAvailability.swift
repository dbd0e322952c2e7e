/// One service's failure outages and maintenance up to the as-of time, before any window clips
/// them (DEFINITIONS section 2): what its eligible time and downtime in a window come from.
///
/// The report measures one window with it; the error budgets measure the budget's window and
/// each burn window with the same sets, so a budget's downtime is the report's downtime.
struct ServiceAvailability: Sendable {
    /// The union of the failures' outages, each clipped at the as-of time.
    var outages: IntervalSet
    /// The union of the maintenance outages (the service's own and those without a service),
    /// each clipped at the as-of time.
    var maintenance: IntervalSet

    /// Eligible time (`measured` less maintenance) and downtime (the outages within `measured`,
    /// less maintenance), in microseconds.
    func measure(over measured: Interval) -> (eligible: Int64, downtime: Int64) {
        let maintenance = maintenance.clipped(to: measured)
        return (measured.durationMicroseconds - maintenance.totalMicroseconds,
                outages.clipped(to: measured).subtracting(maintenance).totalMicroseconds)
    }
}

extension ServiceAvailability {
    /// Each service's availability (the services the report has, by name) and the report's
    /// clock: the report's eligible time and downtime in any window ending at its as-of time,
    /// without its episodes and samples.
    ///
    /// Each record's outage is the report's (``IncidentFacts`` and
    /// ``ReliabilityReport/outage(of:clock:)``), gathered by service in parts of the log on
    /// several threads, without keeping the facts.
    static func perService(log: IncidentLog, configuration: ReportConfiguration)
        -> (clock: ReportClock, services: [(name: String, availability: ServiceAvailability)]) {
        let clock = ReportClock(log: log, configuration: configuration)
        let rules = FactRules(log: log, configuration: configuration)
        let threads = ReliabilityReport.threads(log: log, configuration: configuration,
                                                minimumParallelRecords: ReliabilityReport.minimumParallelRecords)
        let serviceCount = log.services.count + 1
        // Per part: each service id's failure outages and maintenance, and the shared maintenance (at `serviceCount`).
        let parts = ConcurrentJobs.map(log.ranges(threads), order: Array(0..<threads), threads: threads) { _, range in
            var outages = [[Interval]](repeating: [], count: serviceCount)
            var maintenance = [[Interval]](repeating: [], count: serviceCount + 1)
            var hasFacts = [Bool](repeating: false, count: serviceCount)
            for index in range {
                guard let fact = rules.facts(index: index, state: log.states[index]) else { continue }
                let service = Int(fact.service)
                if fact.isMaintenance && service == 0 {
                    if let outage = ReliabilityReport.outage(of: fact, clock: clock) { maintenance[serviceCount].append(outage) }
                    continue
                }
                hasFacts[service] = true
                guard fact.isFailure || fact.isMaintenance, let outage = ReliabilityReport.outage(of: fact, clock: clock) else { continue }
                if fact.isMaintenance { maintenance[service].append(outage) } else { outages[service].append(outage) }
            }
            return (outages: outages, maintenance: maintenance, hasFacts: hasFacts)
        }
        let shared = parts.flatMap { $0.maintenance[serviceCount] }
        let ids = (0..<serviceCount).filter { id in parts.contains { $0.hasFacts[id] } }
        let availabilities = ConcurrentJobs.map(ids, order: Array(ids.indices), threads: threads) { _, id in
            ServiceAvailability(outages: IntervalSet(parts.flatMap { $0.outages[id] }),
                                maintenance: IntervalSet(shared + parts.flatMap { $0.maintenance[id] }))
        }
        let services = zip(ids, availabilities).map { id, availability in
            (name: id == 0 ? "(no service)" : log.services.string(UInt32(id)), availability: availability)
        }
        return (clock, services.sorted { $0.name < $1.name })
    }
}
