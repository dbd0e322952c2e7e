/// How a resolution clock treats a record that was resolved, then reopened.
///
/// - ``clockResumes`` (the default, ITIL practice: one resolution clock per ticket): the clock
///   runs from opened to the last resolution, paused from each resolution to the reopen after
///   it. A reopened ticket keeps the time it already used.
/// - ``newMeasurement`` (Jira Service Management's new cycle, reporting the last one): only the
///   last cycle counts, from the last reopen to the resolution after it.
///
/// See <doc:ServiceLevelObjectives>.
public struct ReopenRule: Sendable, Hashable, CustomStringConvertible {
    /// `resumes` or `new`, as the `--reopen` option spells it.
    public let name: String

    private init(name: String) { self.name = name }

    /// One clock across reopens; the time between a resolution and the reopen does not count.
    public static let clockResumes = ReopenRule(name: "resumes")
    /// Each reopen starts a new measurement; the last one is reported.
    public static let newMeasurement = ReopenRule(name: "new")

    /// The rule called `name` (`resumes` or `new`), or `nil`.
    public init?(named name: String) {
        switch name {
        case "resumes": self = .clockResumes
        case "new": self = .newMeasurement
        default: return nil
        }
    }

    public var description: String { name }
}
