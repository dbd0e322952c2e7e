// Field-by-field comparison of a library report with the reference model's, and of the metric
// parts of two library reports. Each returns readable differences; empty means they agree.
import OpsMetrics

/// Differences between the library's report and the reference model's.
///
/// Durations are compared at microsecond rounding (both sides round to the microsecond); ratios
/// (uptime, MTTF, shares) with a relative tolerance of 1e-9.
func differences(library: ReliabilityReport, model: ModelReport) -> [String] {
    var out: [String] = []
    func check<T: Equatable>(_ what: String, _ actual: T, _ expected: T) {
        if actual != expected { out.append("\(what): library \(actual), model \(expected)") }
    }
    func seconds(_ what: String, _ actual: Double, _ microseconds: Int64) {
        let expected = Double(microseconds) / 1_000_000
        if abs(actual - expected) > 0.5e-6 { out.append("\(what): library \(actual) s, model \(expected) s") }
    }
    func ratio(_ what: String, _ actual: Double?, _ expected: Double?) {
        switch (actual, expected) {
        case (nil, nil): return
        case (let a?, let e?) where abs(a - e) <= 1e-9 * max(abs(e), 1e-300): return
        default: out.append("\(what): library \(actual.map { "\($0)" } ?? "nil"), model \(expected.map { "\($0)" } ?? "nil")")
        }
    }
    func stats(_ what: String, _ actual: DurationStatistics, _ samples: [Int64]) {
        let expected = ModelStats(microseconds: samples)
        let got = ModelStats(actual)
        if got != expected {
            out.append("\(what): library \(got), model \(expected) (samples \(samples.sorted().map { Double($0) / 1_000_000 }))")
        }
    }
    func reasons(_ what: String, _ actual: [ReasonBreakdown], _ expected: [ModelReason]) {
        check("\(what) reasons", actual.map(\.reason), expected.map(\.reason))
        for (a, e) in zip(actual, expected) where a.reason == e.reason {
            let prefix = "\(what) reason \(e.reason)"
            check("\(prefix) episodes", a.episodes, e.episodes)
            ratio("\(prefix) episode_share", a.episodeShare, e.episodeShare)
            seconds("\(prefix) downtime", a.downtimeSeconds, e.downtimeMicroseconds)
            ratio("\(prefix) downtime_share", a.downtimeShare, e.downtimeShare)
            stats("\(prefix) mttr", a.mttr, e.mttrSamples)
        }
    }
    func service(_ a: ServiceReliability, _ e: ModelService) {
        let what = e.service
        check("\(what) name", a.service, e.service)
        seconds("\(what) eligible", a.eligibleSeconds, e.eligibleMicroseconds)
        seconds("\(what) downtime", a.downtimeSeconds, e.downtimeMicroseconds)
        ratio("\(what) uptime_percent", a.uptimePercent, e.uptimePercent)
        check("\(what) failures", a.failures, e.failures)
        check("\(what) incidents", a.incidents, e.incidents)
        check("\(what) open_incidents", a.openIncidents, e.openIncidents)
        check("\(what) ongoing_outages", a.ongoingOutages, e.ongoingOutages)
        ratio("\(what) mttf", a.mttfSeconds, e.mttfSeconds)
        stats("\(what) mtbsi", a.mtbsi, e.mtbsi)
        stats("\(what) mttr", a.mttr, e.mttr)
        stats("\(what) mttd", a.mttd, e.mttd)
        stats("\(what) mtta", a.mtta, e.mtta)
        stats("\(what) time_to_resolve", a.timeToResolve, e.timeToResolve)
        stats("\(what) open_age", a.openAge, e.openAge)
        reasons(what, a.reasons, e.reasons)
        let counts = a.detectedBy
        check("\(what) detected_by", ["monitoring": counts.monitoring, "user": counts.user, "unmapped": counts.unmapped, "missing": counts.missing].filter { $0.value > 0 },
              e.detection)
        let known = (e.detection["monitoring"] ?? 0) + (e.detection["user"] ?? 0)
        ratio("\(what) detected_by monitoring_share", counts.monitoringShare, known > 0 ? Double(e.detection["monitoring"] ?? 0) / Double(known) : nil)
    }

    check("window_start", library.meta.windowStart.microsecondsSinceEpoch, model.windowStart)
    check("window_end", library.meta.windowEnd.microsecondsSinceEpoch, model.windowEnd)
    check("window_end_inclusive", library.meta.windowEndInclusive, model.isWindowEndInclusive)
    check("as_of", library.meta.asOf.microsecondsSinceEpoch, model.asOf)
    check("services", library.services.map(\.service), model.services.map(\.service))
    for (a, e) in zip(library.services, model.services) where a.service == e.service { service(a, e) }
    service(library.total, model.total)
    reasons("report", library.reasons, model.reasons)
    check("unmapped_detection_sources", library.dataQuality.unmappedDetectionSources, model.total.unmappedDetection)

    let accounting = library.meta.inputAccounting
    check("rows_read", accounting.rowsRead, model.rowsRead)
    check("rows_used", accounting.rowsUsed, model.rowsUsed)
    check("skipped", accounting.skipped.mapValues(\.count), model.skipped)
    check("records_without_lifecycle", library.dataQuality.recordsWithoutLifecycle, model.recordsWithoutLifecycle)
    check("record issues", library.dataQuality.recordIssues.map(\.issue).sorted(), model.issues.keys.sorted())
    for issue in library.dataQuality.recordIssues {
        guard let ids = model.issues[issue.issue] else { continue }
        check("\(issue.issue) count", issue.count, ids.count)
        if !Set(issue.firstIDs).isSubset(of: ids) || Set(issue.firstIDs).count != issue.firstIDs.count {
            out.append("\(issue.issue) first_ids: library \(issue.firstIDs), model \(ids)")
        }
    }
    return out
}

/// Differences between the metric parts of two library reports (not the input accounting's
/// locations nor the order of first ids, which depend on the order of the rows).
func metricDifferences(_ a: ReliabilityReport, _ b: ReliabilityReport) -> [String] {
    var out: [String] = []
    if a.meta.windowStart != b.meta.windowStart || a.meta.windowEnd != b.meta.windowEnd || a.meta.asOf != b.meta.asOf {
        out.append("window or as-of: \(a.meta.windowStart)..\(a.meta.windowEnd)@\(a.meta.asOf) vs \(b.meta.windowStart)..\(b.meta.windowEnd)@\(b.meta.asOf)")
    }
    if a.services != b.services { out.append("services: \(a.services) vs \(b.services)") }
    if a.total != b.total { out.append("total: \(a.total) vs \(b.total)") }
    if a.reasons != b.reasons { out.append("reasons: \(a.reasons) vs \(b.reasons)") }
    let issuesA = a.dataQuality.recordIssues.map { "\($0.issue)=\($0.count)" }.sorted()
    let issuesB = b.dataQuality.recordIssues.map { "\($0.issue)=\($0.count)" }.sorted()
    if issuesA != issuesB { out.append("record issues: \(issuesA) vs \(issuesB)") }
    if a.dataQuality.recordsWithoutLifecycle != b.dataQuality.recordsWithoutLifecycle {
        out.append("records_without_lifecycle: \(a.dataQuality.recordsWithoutLifecycle) vs \(b.dataQuality.recordsWithoutLifecycle)")
    }
    let accountingA = a.meta.inputAccounting
    let accountingB = b.meta.inputAccounting
    if accountingA.rowsRead != accountingB.rowsRead || accountingA.rowsUsed != accountingB.rowsUsed
        || accountingA.skipped.mapValues(\.count) != accountingB.skipped.mapValues(\.count)
    {
        out.append("input accounting: \(accountingA.rowsRead)/\(accountingA.rowsUsed) vs \(accountingB.rowsRead)/\(accountingB.rowsUsed)")
    }
    return out
}

extension ModelStats {
    /// The library's statistics in the model's shape.
    init(_ statistics: DurationStatistics) {
        self.init(microseconds: [])
        count = statistics.count
        mean = statistics.meanSeconds
        p50 = statistics.p50Seconds
        p90 = statistics.p90Seconds
        min = statistics.minSeconds
        max = statistics.maxSeconds
    }
}
