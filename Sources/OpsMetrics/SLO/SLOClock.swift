/// Which interval of a record an objective times.
///
/// - ``response``: opened → first acknowledged.
/// - ``firstResponse``: opened → the first response to the requester (`first_response`, where
///   an export has it: a help desk's first public reply, Jira Service Management's "Time to first
///   response").
/// - ``resolution``: opened → resolved (see ``ReopenRule`` for records resolved more than once).
///
/// A struct with static members rather than an enum, so clocks can be added without breaking
/// clients' `switch` statements.
public struct SLOClock: Sendable, Hashable, CustomStringConvertible {
    /// The clock's name as objectives spell it: `response`, `first_response` or `resolution`.
    public let name: String

    private init(name: String) { self.name = name }

    /// Opened → first acknowledgement.
    public static let response = SLOClock(name: "response")
    /// Opened → first response to the requester.
    public static let firstResponse = SLOClock(name: "first_response")
    /// Opened → resolution.
    public static let resolution = SLOClock(name: "resolution")

    /// Every clock, in a stable order.
    public static let all: [SLOClock] = [.response, .firstResponse, .resolution]

    /// The clock called `name` (`response`, `first_response`, `resolution`), or `nil`.
    public init?(named name: String) {
        guard let clock = Self.all.first(where: { $0.name == name }) else { return nil }
        self = clock
    }

    public var description: String { name }
}
