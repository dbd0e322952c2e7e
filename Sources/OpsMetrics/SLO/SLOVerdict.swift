/// The outcome of one objective for one record at the as-of time.
///
/// - ``met``: the clock stopped with business elapsed time at most the target;
/// - ``breached``: the clock stopped later than the target, or is still running and already past it;
/// - ``pending``: the clock is still running and within the target.
public struct SLOVerdict: Sendable, Hashable, CustomStringConvertible {
    /// `met`, `breached` or `pending`.
    public let name: String

    private init(name: String) { self.name = name }

    /// Stopped within the target.
    public static let met = SLOVerdict(name: "met")
    /// Stopped late, or running past the target.
    public static let breached = SLOVerdict(name: "breached")
    /// Running, within the target.
    public static let pending = SLOVerdict(name: "pending")

    public var description: String { name }
}
