/// Counts and statistics of one objective over a group of records (all, or one service).
public struct SLOSummary: Sendable, Hashable {
    /// The objective's name.
    public var objective: String
    /// The service, or `nil` for the objective over every service.
    public var service: String?
    /// The calendar period's label (`2024-05`, `2024-W19`; see ``SLOReport/summaries(by:zone:worstBreachCount:)``),
    /// or `nil` for the whole report window.
    public var period: String? = nil
    /// Clocks stopped within the target.
    public var met: Int
    /// Clocks stopped late or running past the target.
    public var breached: Int
    /// Clocks running within the target.
    public var pending: Int
    /// `met / (met + breached)`, from 0 to 1; `nil` when both are 0. Pending clocks are not counted.
    public var compliance: Double?
    /// Median business elapsed time of the stopped clocks (met and breached), in microseconds,
    /// nearest rank; `nil` when none stopped.
    public var p50ElapsedMicroseconds: Int64?
    /// 90th percentile of the same, nearest rank; `nil` when none stopped.
    public var p90ElapsedMicroseconds: Int64?
    /// The ids of the breaches furthest over the target, worst first (ties by id).
    public var worstBreaches: [String]
}
