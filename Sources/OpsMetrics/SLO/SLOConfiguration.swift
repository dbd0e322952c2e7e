/// What an ``SLOReport`` measures: the objectives and the rules shared by all of them.
public struct SLOConfiguration: Sendable, Hashable {
    /// The objectives, in report order.
    public var objectives: [ServiceLevelObjective]
    /// How reopened records are timed; default ``ReopenRule/clockResumes``.
    public var reopenRule: ReopenRule
    /// Data priority → objective priority (`"1 - Critical": "P1"`), compared
    /// ASCII-case-insensitively, over the preset's ``Preset/priorityMap``. A record's priority
    /// matches an objective by its own spelling or by the name it maps to.
    public var priorityAliases: [String: String]
    /// How many breaches to list by id per summary row; default 5.
    public var worstBreachCount: Int

    /// A configuration; see the properties.
    public init(objectives: [ServiceLevelObjective], reopenRule: ReopenRule = .clockResumes, priorityAliases: [String: String] = [:], worstBreachCount: Int = 5) {
        self.objectives = objectives
        self.reopenRule = reopenRule
        self.priorityAliases = priorityAliases
        self.worstBreachCount = worstBreachCount
    }
}
