/// Which input column (CSV header name, JSON key) feeds which canonical field.
///
/// Matching is case-insensitive and ignores spaces, `_`, `-` and `.` (see `Field.aliases`).
/// When several columns match one field, the one spelled as the canonical name wins, then the
/// first. An explicit override (`--map field=column`) replaces the matching for its field.
/// A preset's columns are preferences: they win over the aliases when present and are ignored when
/// absent; a preset's ignored columns are never matched by an alias.
struct ColumnMapping: Sendable {
    /// The field of each CSV column, or `nil` for an ignored column.
    private(set) var fieldOfColumn: [Field?] = []
    /// The header text of the column each field comes from, for messages.
    private(set) var labels: [String?] = Array(repeating: nil, count: Field.allCases.count)

    /// The overrides, keyed by field: the normalized column name.
    private let overrides: [Field: String]
    /// A preset's candidate columns per field, normalized, in order of preference.
    private let candidates: [Field: [String]]
    /// Normalized column names that no alias may match.
    private let ignored: Set<String>

    /// Validates the overrides: each key must be a canonical field name or alias.
    init(overrides: [String: String], preset: Preset? = nil) throws(ConfigurationError) {
        var byField: [Field: String] = [:]
        for (name, column) in overrides {
            guard let field = Field.named(name) else {
                throw ConfigurationError("unknown field '\(name)' in --map; expected one of \(Field.allCases.map(\.name).joined(separator: ", "))")
            }
            byField[field] = Field.normalize(column)
        }
        self.overrides = byField
        var candidates: [Field: [String]] = [:]
        for (name, columns) in preset?.columns ?? [:] {
            // Catalog entries name canonical fields; the catalog tests check every one.
            guard let field = Field.named(name) else { continue }
            candidates[field] = columns.map(Field.normalize)
        }
        self.candidates = candidates
        self.ignored = Set((preset?.ignoredColumns ?? []).map(Field.normalize))
    }

    /// A mapping by the aliases alone.
    init() {
        overrides = [:]
        candidates = [:]
        ignored = []
    }

    /// The field a column or key name feeds, by the overrides first, then by the aliases.
    /// A column named by an override feeds only that field.
    func field(forColumn name: String) -> (field: Field, rank: Int)? {
        let key = Field.normalize(name)
        if let (field, _) = overrides.first(where: { $0.value == key }) { return (field, -2_000) }
        for field in Field.allCases where overrides[field] == nil {
            if let rank = candidates[field]?.firstIndex(of: key) { return (field, -1_000 + rank) }
        }
        if ignored.contains(key) { return nil }
        for field in Field.allCases where overrides[field] == nil {
            if let rank = field.aliases.firstIndex(of: key) { return (field, rank) }
        }
        return nil
    }

    /// Maps a CSV header. Returns the names of the overrides that matched no column.
    mutating func mapHeader(_ names: [String]) -> [String] {
        fieldOfColumn = Array(repeating: nil, count: names.count)
        labels = Array(repeating: nil, count: Field.allCases.count)
        var bestRank = Array(repeating: Int.max, count: Field.allCases.count)
        var columnOfField = Array(repeating: -1, count: Field.allCases.count)
        for (column, name) in names.enumerated() {
            guard let (field, rank) = field(forColumn: name), rank < bestRank[field.rawValue] else { continue }
            if columnOfField[field.rawValue] >= 0 { fieldOfColumn[columnOfField[field.rawValue]] = nil }
            bestRank[field.rawValue] = rank
            columnOfField[field.rawValue] = column
            fieldOfColumn[column] = field
            labels[field.rawValue] = name
        }
        return overrides.filter { columnOfField[$0.key.rawValue] < 0 }.map { "\($0.key.name)=\($0.value)" }.sorted()
    }

    /// Whether one of `names` is a preset candidate or an override for `field`.
    func hasCandidate(in names: [String], for field: Field) -> Bool {
        let keys = Set(names.map(Field.normalize))
        if let override = overrides[field] { return keys.contains(override) }
        return candidates[field]?.contains(where: keys.contains) ?? false
    }

    /// Records the key text a JSON field came from, for messages.
    mutating func noteLabel(_ name: String, for field: Field) {
        if labels[field.rawValue] == nil { labels[field.rawValue] = name }
    }

    /// The label (header text) of a field, or its canonical name.
    func label(_ field: Field) -> String { labels[field.rawValue] ?? field.name }

    /// Whether any column feeds `field`.
    func has(_ field: Field) -> Bool { labels[field.rawValue] != nil }
}
