/// How every input row was used: `rowsRead == rowsUsed + rowsSkipped`, always.
///
/// A row is a CSV data record (not the header, not a blank line) or a JSON object. Skipped rows
/// are grouped by reason (a ``ParseError/Kind`` identifier such as `invalid_timestamp`), each with
/// its count and the first few locations.
public struct InputAccounting: Sendable, Hashable, Codable {
    /// Rows read from every input.
    public var rowsRead: Int = 0
    /// Rows folded into a record.
    public var rowsUsed: Int = 0
    /// Skipped rows by reason.
    public var skipped: [String: Skip] = [:]

    /// Rows skipped, over all reasons.
    public var rowsSkipped: Int { skipped.values.reduce(0) { $0 + $1.count } }

    /// The rows skipped for one reason.
    public struct Skip: Sendable, Hashable, Codable {
        /// How many rows.
        public var count: Int
        /// The first few of them (`path:line:column`), in input order.
        public var firstLocations: [String]
        /// The first message, in full.
        public var firstMessage: String

        enum CodingKeys: String, CodingKey {
            case count
            case firstLocations = "first_locations"
            case firstMessage = "first_message"
        }
    }

    enum CodingKeys: String, CodingKey {
        case rowsRead = "rows_read"
        case rowsUsed = "rows_used"
        case rowsSkipped = "rows_skipped"
        case skipped
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rowsRead = try container.decode(Int.self, forKey: .rowsRead)
        rowsUsed = try container.decode(Int.self, forKey: .rowsUsed)
        skipped = try container.decode([String: Skip].self, forKey: .skipped)
    }

    /// Encodes the counts, `rows_skipped` included, and the skips by reason.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rowsRead, forKey: .rowsRead)
        try container.encode(rowsUsed, forKey: .rowsUsed)
        try container.encode(rowsSkipped, forKey: .rowsSkipped)
        try container.encode(skipped, forKey: .skipped)
    }

    /// How many locations a skip keeps.
    static let locationsKept = 5

    public init() {}

    /// Records a skipped row (already counted in `rowsRead`).
    mutating func skip(_ error: ParseError) {
        let reason = error.kind.identifier
        var entry = skipped[reason] ?? Skip(count: 0, firstLocations: [], firstMessage: error.description)
        entry.count += 1
        if entry.firstLocations.count < InputAccounting.locationsKept {
            entry.firstLocations.append(error.location.description)
        }
        skipped[reason] = entry
    }

    /// Adds `lines` to the line numbers of the locations kept (`path:line:column`, and the message
    /// that starts with one): for a part of a file read from a later line, numbered from 1.
    mutating func shiftLines(in path: String, by lines: Int) {
        guard lines != 0 else { return }
        let prefix = path + ":"
        func shifted(_ text: String) -> String {
            guard text.hasPrefix(prefix) else { return text }
            let rest = text.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let line = Int(digits) else { return text }
            return prefix + String(line + lines) + rest.dropFirst(digits.count)
        }
        for (reason, entry) in skipped {
            var entry = entry
            entry.firstLocations = entry.firstLocations.map(shifted)
            entry.firstMessage = shifted(entry.firstMessage)
            skipped[reason] = entry
        }
    }

    mutating func merge(_ other: InputAccounting) {
        rowsRead += other.rowsRead
        rowsUsed += other.rowsUsed
        for (reason, entry) in other.skipped {
            if var mine = skipped[reason] {
                mine.count += entry.count
                mine.firstLocations = Array((mine.firstLocations + entry.firstLocations).prefix(InputAccounting.locationsKept))
                skipped[reason] = mine
            } else {
                skipped[reason] = entry
            }
        }
    }
}
