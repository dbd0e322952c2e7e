/// The ordered stages of a workflow and the statuses that belong to each: the axis of a
/// cumulative flow diagram by status.
///
/// Stages are listed from first (arrival) to last (done). Each stage names the statuses that
/// mean it; a status pattern ending in `*` matches every status that starts with it
/// (`Awaiting*` matches `Awaiting User Info` and `Awaiting Vendor`). Statuses are compared
/// case-insensitively, ignoring spaces, `_`, `-` and `.`; an exact pattern wins over a prefix,
/// and among prefixes the longest wins.
///
/// ```swift
/// let stages = try StageMap(parsing: "New,Active=Active|In Progress,Awaiting=Awaiting*,Resolved,Closed")
/// stages.stageNames       // ["New", "Active", "Awaiting", "Resolved", "Closed"]
/// StageMap.preset(named: "servicenow")?.stageNames  // the same five stages
/// ```
///
/// In a JSON file (`--stages stages.json`) the same map reads:
///
/// ```json
/// {"stages": [{"name": "New", "statuses": ["New"]},
///             {"name": "Awaiting", "statuses": ["Awaiting*", "On Hold"]}]}
/// ```
public struct StageMap: Sendable, Hashable, Codable {
    /// One stage: its name and the status patterns that mean it.
    public struct Stage: Sendable, Hashable, Codable {
        /// The stage's name, as printed.
        public var name: String
        /// Status names or `prefix*` patterns; empty means the stage's own name.
        public var statuses: [String]

        /// A stage named `name` for `statuses` (by default, the status spelled like the stage).
        public init(name: String, statuses: [String] = []) {
            self.name = name
            self.statuses = statuses
        }

        enum CodingKeys: String, CodingKey { case name, statuses }

        /// Decodes `{"name": …, "statuses": […]}`; a missing `statuses` means the stage's own name.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            statuses = try container.decodeIfPresent([String].self, forKey: .statuses) ?? []
        }
    }

    /// The stages, first to last.
    public private(set) var stages: [Stage]

    /// The stages' names, first to last.
    public var stageNames: [String] { stages.map(\.name) }

    /// A map of `stages`, first to last.
    ///
    /// - Throws: ``ConfigurationError`` when there are no stages, a stage has no name, two
    ///   stages share a name, or one status pattern is given to two stages.
    public init(stages: [Stage]) throws(ConfigurationError) {
        guard !stages.isEmpty else { throw ConfigurationError("a stage list needs at least one stage") }
        var names = Set<String>()
        var patterns: [String: String] = [:]
        for stage in stages {
            let name = stage.name.trimmingASCIISpaces()
            guard !name.isEmpty else { throw ConfigurationError("a stage has an empty name") }
            guard names.insert(Field.normalize(name)).inserted else { throw ConfigurationError("the stage '\(name)' is listed twice") }
            for pattern in (stage.statuses.isEmpty ? [name] : stage.statuses) {
                let key = Field.normalize(pattern)
                if let other = patterns[key], other != name {
                    throw ConfigurationError("the status '\(pattern)' is mapped to both '\(other)' and '\(name)'")
                }
                patterns[key] = name
            }
        }
        self.stages = stages.map { Stage(name: $0.name.trimmingASCIISpaces(), statuses: $0.statuses) }
    }

    /// Decodes `{"stages": [{"name": …, "statuses": […]}, …]}` and checks it as ``init(stages:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(stages: try container.decode([Stage].self, forKey: .stages))
    }

    enum CodingKeys: String, CodingKey { case stages }

    /// Parses the command-line form: stages separated by commas, first to last; each is a name
    /// (`Resolved`: the status of that name) or `name=status|status|prefix*`.
    ///
    /// - Throws: ``ConfigurationError`` for an empty stage or status, or as ``init(stages:)``.
    public init(parsing text: String) throws(ConfigurationError) {
        var stages: [Stage] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = String(part).trimmingASCIISpaces()
            guard !item.isEmpty else {
                throw ConfigurationError("empty stage in '\(text)'; expected NAME or NAME=STATUS|STATUS, separated by commas")
            }
            if let equals = item.firstIndex(of: "=") {
                let name = String(item[..<equals]).trimmingASCIISpaces()
                let statuses = item[item.index(after: equals)...].split(separator: "|", omittingEmptySubsequences: false)
                    .map { String($0).trimmingASCIISpaces() }
                guard !statuses.contains(where: \.isEmpty) else {
                    throw ConfigurationError("empty status in stage '\(item)'; expected NAME=STATUS|STATUS")
                }
                stages.append(Stage(name: name, statuses: statuses))
            } else {
                stages.append(Stage(name: item))
            }
        }
        try self.init(stages: stages)
    }

    /// The stage index (0 = first) of a status, or `nil` when no stage lists it.
    public func stage(of status: String) -> Int? {
        let key = Field.normalize(status)
        var best: (index: Int, length: Int)? = nil
        for (index, stage) in stages.enumerated() {
            for pattern in (stage.statuses.isEmpty ? [stage.name] : stage.statuses) {
                if pattern.hasSuffix("*") {
                    let prefix = Field.normalize(String(pattern.dropLast()))
                    if key.hasPrefix(prefix) && prefix.utf8.count > (best?.length ?? -1) {
                        best = (index, prefix.utf8.count)
                    }
                } else if Field.normalize(pattern) == key {
                    return index
                }
            }
        }
        return best?.index
    }

    // MARK: Presets

    /// Stage maps for well-known status vocabularies, by name (`servicenow`, `jira`, `zendesk`,
    /// `pagerduty`).
    public static func preset(named name: String) -> StageMap? {
        presets.first { $0.name == name.lowercased() }?.map
    }

    /// The names of the presets.
    public static var presetNames: [String] { presets.map(\.name) }

    private static let presets: [(name: String, map: StageMap)] = [
        ("servicenow", StageMap(unchecked: [
            Stage(name: "New", statuses: ["New", "Open"]),
            Stage(name: "Active", statuses: ["Active", "In Progress", "Work in Progress", "Assigned"]),
            Stage(name: "Awaiting", statuses: ["Awaiting*", "On Hold", "Pending*"]),
            Stage(name: "Resolved", statuses: ["Resolved"]),
            Stage(name: "Closed", statuses: ["Closed", "Cancelled", "Canceled"]),
        ])),
        ("jira", StageMap(unchecked: [
            Stage(name: "To Do", statuses: ["To Do", "Open", "Backlog", "New", "Selected for Development", "Reopened"]),
            Stage(name: "In Progress", statuses: ["In Progress", "In Review", "Review*", "Testing", "QA", "Blocked"]),
            Stage(name: "Done", statuses: ["Done", "Resolved", "Closed"]),
        ])),
        ("zendesk", StageMap(unchecked: [
            Stage(name: "New", statuses: ["new"]),
            Stage(name: "Open", statuses: ["open"]),
            Stage(name: "Pending", statuses: ["pending", "hold", "on-hold"]),
            Stage(name: "Solved", statuses: ["solved"]),
            Stage(name: "Closed", statuses: ["closed"]),
        ])),
        ("pagerduty", StageMap(unchecked: [
            Stage(name: "Triggered", statuses: ["triggered"]),
            Stage(name: "Acknowledged", statuses: ["acknowledged"]),
            Stage(name: "Resolved", statuses: ["resolved"]),
        ])),
    ]

    /// A preset, known to be valid.
    private init(unchecked stages: [Stage]) {
        self.stages = stages
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
