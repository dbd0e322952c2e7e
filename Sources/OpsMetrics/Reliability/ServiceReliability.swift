/// The reliability of one service (or of all services together) over a report's window.
///
/// Times are measured inside the effective window `[W0, T)`, where `T` is the as-of time:
/// time after `T` has not happened yet and is neither up nor down. Durations are in seconds.
public struct ServiceReliability: Sendable, Hashable, Codable {
    /// The service name (`(no service)` for records without one; `all services` for the total).
    public var service: String
    /// `|[W0, T)| − |maintenance ∩ [W0, T)|`, in seconds.
    public var eligibleSeconds: Double
    /// `|(∪ outages) ∩ [W0, T) − maintenance|`, in seconds: overlapping and touching incidents count once.
    public var downtimeSeconds: Double
    /// `100 × (1 − downtime / eligible)`; `nil` when nothing was eligible. For all services
    /// together, the mean of the services' uptimes (each service weighs the same).
    public var uptimePercent: Double?
    /// Failure episodes (unique failures) that started in the window.
    public var failures: Int
    /// Failure records (every record the failure filter keeps) opened in the window.
    public var incidents: Int
    /// Failure records still unresolved at the as-of time (reported apart, never in the means).
    public var openIncidents: Int
    /// Failure records whose outage is still going on at the as-of time.
    public var ongoingOutages: Int
    /// Mean time between unique failures: `(eligible − downtime) / failures`, in seconds; `nil`
    /// with no failures.
    public var mttfSeconds: Double?
    /// Time between the starts of consecutive failure episodes.
    public var mtbsi: DurationStatistics
    /// Mean time to recovery, by the report's MTTR definition.
    public var mttr: DurationStatistics
    /// Mean time to detect: `detected − impact_start`, where both are in the data.
    public var mttd: DurationStatistics
    /// Mean time to acknowledge: `acknowledged − detected` (`detected` defaults to `opened`).
    public var mtta: DurationStatistics
    /// Time to resolve: `resolved − opened` (ticket view).
    public var timeToResolve: DurationStatistics
    /// Age at the as-of time of the open incidents: `T − opened`.
    public var openAge: DurationStatistics
    /// Failure episodes by reason, largest downtime share first.
    public var reasons: [ReasonBreakdown]
    /// The failure records opened in the window (``incidents``) by who found them.
    public var detectedBy: DetectionCounts

    enum CodingKeys: String, CodingKey {
        case service
        case eligibleSeconds = "eligible_seconds"
        case downtimeSeconds = "downtime_seconds"
        case uptimePercent = "uptime_percent"
        case failures
        case incidents
        case openIncidents = "open_incidents"
        case ongoingOutages = "ongoing_outages"
        case mttfSeconds = "mttf_seconds"
        case mtbsi, mttr, mttd, mtta
        case timeToResolve = "time_to_resolve"
        case openAge = "open_age"
        case reasons
        case detectedBy = "detected_by"
    }

    /// Encodes every key, with JSON `null` for a missing value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(service, forKey: .service)
        try container.encode(eligibleSeconds, forKey: .eligibleSeconds)
        try container.encode(downtimeSeconds, forKey: .downtimeSeconds)
        try container.encode(uptimePercent, forKey: .uptimePercent)
        try container.encode(failures, forKey: .failures)
        try container.encode(incidents, forKey: .incidents)
        try container.encode(openIncidents, forKey: .openIncidents)
        try container.encode(ongoingOutages, forKey: .ongoingOutages)
        try container.encode(mttfSeconds, forKey: .mttfSeconds)
        try container.encode(mtbsi, forKey: .mtbsi)
        try container.encode(mttr, forKey: .mttr)
        try container.encode(mttd, forKey: .mttd)
        try container.encode(mtta, forKey: .mtta)
        try container.encode(timeToResolve, forKey: .timeToResolve)
        try container.encode(openAge, forKey: .openAge)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(detectedBy, forKey: .detectedBy)
    }
}

/// Failure episodes that share a reason (cause, category, close code; empty → `unknown`).
///
/// An episode's reason is that of its earliest-starting record with a reason.
public struct ReasonBreakdown: Sendable, Hashable, Codable {
    /// The reason.
    public var reason: String
    /// Episodes with this reason that started in the window.
    public var episodes: Int
    /// `episodes` over all episodes that started in the window (0...1); `nil` when there were none.
    public var episodeShare: Double?
    /// The downtime of these episodes in the window, in seconds.
    public var downtimeSeconds: Double
    /// `downtime` over all downtime (0...1); `nil` when there was none.
    public var downtimeShare: Double?
    /// Episode duration (start of impact to recovery of the last record), for episodes ending in the window.
    public var mttr: DurationStatistics

    enum CodingKeys: String, CodingKey {
        case reason, episodes
        case episodeShare = "episode_share"
        case downtimeSeconds = "downtime_seconds"
        case downtimeShare = "downtime_share"
        case mttr
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reason, forKey: .reason)
        try container.encode(episodes, forKey: .episodes)
        try container.encode(episodeShare, forKey: .episodeShare)
        try container.encode(downtimeSeconds, forKey: .downtimeSeconds)
        try container.encode(downtimeShare, forKey: .downtimeShare)
        try container.encode(mttr, forKey: .mttr)
    }
}
