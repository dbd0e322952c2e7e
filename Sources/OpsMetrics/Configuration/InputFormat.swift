/// The syntax of an input: CSV with a header row, NDJSON, or a JSON array of objects.
///
/// A struct with static members rather than an enum, so formats can be added without breaking
/// a client's `switch`.
public struct InputFormat: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `csv`, `json` or `ndjson`.
    public let name: String

    private init(_ name: String) { self.name = name }

    /// Comma-separated values with a header row (RFC 4180; the delimiter is configurable).
    public static let csv = InputFormat("csv")
    /// A top-level JSON array of objects, one object per row.
    public static let json = InputFormat("json")
    /// Newline-delimited JSON: one object per line.
    public static let ndjson = InputFormat("ndjson")

    /// Every format, for help texts.
    public static let all: [InputFormat] = [.csv, .json, .ndjson]

    /// The format with this name (`csv`, `tsv` (CSV with tabs), `json`, `ndjson`, `jsonl`), if any.
    public init?(name: String) {
        switch Field.normalize(name) {
        case "csv", "tsv": self = .csv
        case "json": self = .json
        case "ndjson", "jsonl", "jsonlines": self = .ndjson
        default: return nil
        }
    }

    /// The format a path's extension names (`.csv`, `.tsv`, `.json`, `.ndjson`, `.jsonl`), if any.
    public init?(pathExtensionOf path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(name: String(path[path.index(after: dot)...]))
    }

    public var description: String { name }

    /// Whether a path names a tab-separated file (`.tsv`), read as CSV with tabs.
    static func isTabSeparated(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".tsv")
    }

    /// JSON and NDJSON share one scanner, which accepts both shapes.
    var isJSON: Bool { self != .csv }
}
