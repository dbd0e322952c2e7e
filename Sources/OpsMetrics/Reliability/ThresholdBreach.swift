/// One row of a report that breaks a ``ReliabilityThreshold``.
public struct ThresholdBreach: Sendable, Hashable {
    /// The threshold broken.
    public var threshold: ReliabilityThreshold
    /// The row's service (`all services` for the all-services row).
    public var service: String
    /// Whether the row is the all-services row.
    public var isAllServices: Bool
    /// The row's value, in the metric's unit.
    public var value: Double
}
