/// What makes a record's ``IncidentFacts``: the failure filter, and the labels that spell maintenance.
struct FactRules: Sendable {
    let filter: ResolvedFailureFilter
    /// The label ids that spell `maintenance` (in any case).
    let maintenanceKinds: Set<UInt32>

    init(log: IncidentLog, configuration: ReportConfiguration) {
        filter = ResolvedFailureFilter(configuration.failureFilter, labels: log.labels)
        maintenanceKinds = Set((0..<log.labels.count).map { UInt32($0 + 1) }.filter {
            log.labels.string($0).lowercased() == "maintenance"
        })
    }

    /// The facts of record `index`, a failure only if the filter admits it; `nil` without a lifecycle.
    func facts(index: Int, state: IncidentState) -> IncidentFacts? {
        guard var fact = IncidentFacts(index: index, state: state, maintenanceKinds: maintenanceKinds) else { return nil }
        fact.isFailure = fact.isFailure && (filter.admitsAll || filter.admits(state))
        return fact
    }
}

extension IncidentLog {
    /// The log's records cut into `count` contiguous ranges of log indices, as even as can be.
    func ranges(_ count: Int) -> [Range<Int>] {
        (0..<count).map { k in states.count * k / count..<states.count * (k + 1) / count }
    }
}
