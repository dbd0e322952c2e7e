/// Which interval "MTTR" measures. The field uses the name for different things, so every
/// output names the one it used, e.g. `MTTR (impact start → recovered)`.
public struct MTTRDefinition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `recover`, `resolve` or `repair`.
    public let name: String
    /// The interval in words, as printed beside the number.
    public let interval: String

    private init(_ name: String, _ interval: String) {
        self.name = name
        self.interval = interval
    }

    /// Mean time to recovery (default): `recovered − impact_start`, the outage as users saw it.
    public static let recover = MTTRDefinition("recover", "impact start → recovered")
    /// Mean time to resolve: `resolved − impact_start`, until the incident was fully resolved
    /// (the last resolution of a reopened incident).
    public static let resolve = MTTRDefinition("resolve", "impact start → resolved")
    /// Mean time to repair: `recovered − detected`, the time the responders worked on it.
    public static let repair = MTTRDefinition("repair", "detected → recovered")

    public static let all: [MTTRDefinition] = [.recover, .resolve, .repair]

    /// The definition with this name, if any.
    public init?(name: String) {
        guard let match = MTTRDefinition.all.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    public var description: String { "\(name) (\(interval))" }
}
