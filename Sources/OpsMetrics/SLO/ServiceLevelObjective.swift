/// A target for one clock of the records an objective matches, in business time.
///
/// A record matches when each non-empty set of values contains the record's value (compared
/// ASCII-case-insensitively; priorities after ``SLOConfiguration/priorityAliases``). The
/// priority is the record's **last** priority, so a ticket whose priority changed is held to the
/// objective of its final priority, timed from when it was opened (ServiceNow's "retroactive
/// start").
///
/// ```swift
/// let p1 = ServiceLevelObjective(name: "P1 resolution", priorities: ["P1"], clock: .resolution,
///                                targetMicroseconds: 4 * 3_600_000_000, calendar: .twentyFourSeven)
/// ```
public struct ServiceLevelObjective: Sendable, Hashable {
    /// The objective's name in reports.
    public var name: String
    /// Priorities matched (empty: any).
    public var priorities: Set<String>
    /// Severities matched (empty: any).
    public var severities: Set<String>
    /// Services matched (empty: any).
    public var services: Set<String>
    /// Kinds matched (empty: any).
    public var kinds: Set<String>
    /// What is timed.
    public var clock: SLOClock
    /// The target, in microseconds of business time; more than this is a breach.
    public var targetMicroseconds: Int64
    /// When business time runs.
    public var calendar: BusinessCalendar
    /// Statuses during which the clock is paused (compared ASCII-case-insensitively).
    public var pauseStatuses: Set<String>

    /// An objective; see the properties.
    public init(
        name: String, priorities: Set<String> = [], severities: Set<String> = [], services: Set<String> = [],
        kinds: Set<String> = [], clock: SLOClock, targetMicroseconds: Int64, calendar: BusinessCalendar = .twentyFourSeven,
        pauseStatuses: Set<String> = []
    ) {
        self.name = name
        self.priorities = priorities
        self.severities = severities
        self.services = services
        self.kinds = kinds
        self.clock = clock
        self.targetMicroseconds = targetMicroseconds
        self.calendar = calendar
        self.pauseStatuses = pauseStatuses
    }
}
