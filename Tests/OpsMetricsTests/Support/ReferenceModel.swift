// The slow, obviously-correct reference model of the reliability report (an oracle, like
// rust-csv's NFA beside its DFA). It shares no code with the library: it has its own CSV and JSON
// reading (Foundation's JSONSerialization), its own ISO 8601 parsing (ISO8601DateFormatter), its
// own folding of rows into records, and it measures time on a bitmap of grid cells instead of
// with interval sets. It follows the project's metric definitions (DEFINITIONS.md and the lead's
// decisions where it is silent), restated in the comments where they matter.
//
// Only public library types are used, to take the configuration in (`ReportConfiguration`).
import Foundation
import OpsMetrics

/// The reference model: rows in, a `ModelReport` out.
///
/// Build one with the report's configuration, feed it rows with ``read(csv:)`` or
/// ``read(json:)`` (in input order; call them several times for several inputs), then call
/// ``report()`` (in ReferenceModel+Metrics.swift).
struct ReferenceModel {
    /// The parts of `ReportConfiguration` the model reads, in microseconds.
    struct Settings {
        var windowStart: Int64?
        var windowEnd: Int64?
        var asOf: Int64?
        var now: Int64 = Int64.max
        /// `recover`, `resolve` or `repair`.
        var mttr = "recover"
        var mttrPerEpisode = false
        var samplesByStart = false
        var mergeGap: Int64 = 0
        var priorities: Set<String> = []
        var severities: Set<String> = []
        var kinds: Set<String> = []
        var nullValues: [String] = ["?", "-", "null", "n/a", "none", "nan"]
        /// `detected_by` value (lower case, without spaces, `_`, `-` and `.`) → `monitoring` or `user`.
        var detectionSources = ReferenceModel.builtInDetectionSources

        init() {}

        init(_ configuration: ReportConfiguration) {
            windowStart = configuration.windowStart?.microsecondsSinceEpoch
            windowEnd = configuration.windowEnd?.microsecondsSinceEpoch
            asOf = configuration.asOf?.microsecondsSinceEpoch
            now = configuration.now.microsecondsSinceEpoch
            mttr = configuration.mttrDefinition.name
            mttrPerEpisode = configuration.mttrPerEpisode
            samplesByStart = configuration.samplesByStart
            mergeGap = configuration.episodeMergeGapMicroseconds
            priorities = Set(configuration.failureFilter.priorities.map { $0.lowercased() })
            severities = Set(configuration.failureFilter.severities.map { $0.lowercased() })
            kinds = Set(configuration.failureFilter.kinds.map { $0.lowercased() })
            nullValues = configuration.nullValues.map { $0.lowercased() }
            for (value, source) in configuration.detectionMap { detectionSources[ReferenceModel.normalize(value)] = source.rawValue }
        }

        /// Events later than this are not known yet: `min(asOf ?? now, --to)`.
        var cutoff: Int64 { min(asOf ?? now, windowEnd ?? Int64.max) }
    }

    /// One incident, ticket or maintenance record, as folded from its rows.
    struct Record {
        var id: String
        /// The position of the record's first row among all rows read (input order).
        var order: Int
        var opened: Int64?
        var impactStart: Int64?
        var detected: Int64?
        var acknowledged: Int64?
        var recovered: Int64?
        var resolvedFirst: Int64?
        var resolvedLast: Int64?
        var reopenedLast: Int64?
        var reopenCount = 0
        var closed: Int64?
        /// The earliest lifecycle or status event (notes do not count).
        var firstActivity: Int64?
        /// Attribute name → (value, row time, row number); the latest row time wins, ties the later row.
        var attributes: [String: (value: String, version: Int64, row: Int)] = [:]

        func attribute(_ name: String) -> String? { attributes[name]?.value }
    }

    let settings: Settings
    /// Records by id, and the ids in order of first appearance.
    private(set) var records: [String: Record] = [:]
    private(set) var recordOrder: [String] = []
    /// The earliest and latest times folded (the span of the data).
    private(set) var earliest: Int64?
    private(set) var latest: Int64?
    private(set) var rowsRead = 0
    private(set) var rowsUsed = 0
    private(set) var skipped: [String: Int] = [:]
    private var rowNumber = 0
    private let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()
    private let fractionalFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    init(settings: Settings) {
        self.settings = settings
    }

    init(configuration: ReportConfiguration) {
        self.init(settings: Settings(configuration))
    }

    // MARK: Columns and event names (from DEFINITIONS.md section 1)

    /// Lower case, without spaces, `_`, `-` and `.`.
    static func normalize(_ name: String) -> String {
        String(name.lowercased().filter { !" _-.\t".contains($0) })
    }

    /// Column name (normalized) → canonical field. The canonical names and the aliases the
    /// definitions list.
    static let columnAliases: [String: String] = {
        var table: [String: String] = [:]
        let canonical = ["id", "timestamp", "event", "opened", "impact_start", "detected", "acknowledged", "recovered",
                         "resolved", "reopened", "closed", "status", "priority", "severity", "reason", "parent",
                         "kind", "service", "detected_by"]
        for name in canonical { table[normalize(name)] = name }
        let aliases: [(String, String)] = [
            ("incident", "id"), ("number", "id"), ("ticket", "id"), ("key", "id"), ("issue key", "id"),
            ("case id", "id"), ("time", "timestamp"), ("ts", "timestamp"), ("occurred_at", "timestamp"),
            ("event_time", "timestamp"), ("event_type", "event"), ("action", "event"), ("state", "status"),
            ("business_service", "service"), ("component", "service"), ("application", "service"),
            ("cause", "reason"), ("category", "reason"), ("close_code", "reason"), ("root_cause", "reason"),
            ("source", "detected_by"), ("contact_type", "detected_by"), ("channel", "detected_by"),
            ("detection_source", "detected_by"), ("detection method", "detected_by"),
        ]
        for (alias, field) in aliases { table[normalize(alias)] = field }
        return table
    }()

    /// The record-form time columns and the event each sets.
    static let lifecycleColumns: [(column: String, event: String)] = [
        ("opened", "opened"), ("impact_start", "impact_started"), ("detected", "detected"),
        ("acknowledged", "acknowledged"), ("recovered", "recovered"), ("resolved", "resolved"),
        ("reopened", "reopened"), ("closed", "closed"),
    ]

    /// Event spelling (normalized) → canonical event kind.
    static let eventSpellings: [String: String] = {
        let spellings: [(String, [String])] = [
            ("opened", ["opened", "open", "create", "created", "trigger", "triggered"]),
            ("impact_started", ["impact_started", "start"]),
            ("detected", ["detected", "detect"]),
            ("acknowledged", ["acknowledged", "ack"]),
            ("recovered", ["recovered", "mitigated"]),
            ("resolved", ["resolved", "resolve"]),
            ("reopened", ["reopened", "reopen"]),
            ("closed", ["closed"]),
            ("status", ["status"]),
            ("note", ["note"]),
        ]
        var table: [String: String] = [:]
        for (kind, names) in spellings {
            for name in names { table[normalize(name)] = kind }
        }
        return table
    }()

    static let attributeNames = ["service", "status", "priority", "severity", "reason", "parent", "kind", "detected_by"]

    /// The built-in detection spellings (normalized), as the DetectionSource article lists them.
    static let builtInDetectionSources: [String: String] = {
        let monitoring = "monitoring monitor alert alerting alarm event eventmanagement integration automated automatic auto api eventsapi system nagios icinga zabbix prometheus alertmanager datadog newrelic dynatrace cloudwatch grafana splunk"
        let user = "user phone telephone call voice ivr email mail selfservice portal web webform website webtrigger chat virtualagent walkin sms mobile servicedesk"
        var table: [String: String] = [:]
        for name in monitoring.split(separator: " ") { table[String(name)] = "monitoring" }
        for name in user.split(separator: " ") { table[String(name)] = "user" }
        return table
    }()

    // MARK: Reading

    /// Reads CSV text with a header row. Fields may be double-quoted (no line breaks inside).
    mutating func read(csv text: String) {
        var header: [String?]? = nil
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let cells = Self.splitCSVLine(line)
            guard let columns = header else {
                header = cells.map { Self.columnAliases[Self.normalize($0)] }
                continue
            }
            var row: [String: String] = [:]
            for (index, cell) in cells.enumerated() where index < columns.count {
                if let field = columns[index], row[field] == nil { row[field] = cell }
            }
            fold(row)
        }
    }

    /// Reads a JSON array of objects, or NDJSON (one object per line).
    mutating func read(json data: Data) {
        let objects: [Any]
        if let array = try? JSONSerialization.jsonObject(with: data) as? [Any] {
            objects = array
        } else {
            let text = String(decoding: data, as: UTF8.self)
            objects = text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8))
            }
        }
        for case let object as [String: Any] in objects {
            var row: [String: String] = [:]
            for (key, value) in object {
                guard let field = Self.columnAliases[Self.normalize(key)] else { continue }
                switch value {
                case let text as String: row[field] = text
                case is NSNull: continue
                case let number as NSNumber: row[field] = number.stringValue
                default: continue
                }
            }
            fold(row)
        }
    }

    /// Splits one CSV line at commas, honouring double quotes.
    static func splitCSVLine(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        cell.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        cells.append(cell)
        return cells
    }

    /// A value with surrounding blanks trimmed, or nil when empty or a null spelling.
    private func value(_ row: [String: String], _ field: String) -> String? {
        guard let raw = row[field] else { return nil }
        let trimmed = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        if trimmed.isEmpty || settings.nullValues.contains(trimmed.lowercased()) { return nil }
        return trimmed
    }

    /// Microseconds since the epoch of an RFC 3339 timestamp.
    func parseTime(_ text: String) -> Int64? {
        guard let date = formatter.date(from: text) ?? fractionalFormatter.date(from: text) else { return nil }
        return Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    private mutating func skip(_ reason: String) {
        skipped[reason, default: 0] += 1
    }

    /// Folds one row (canonical field → raw value).
    mutating func fold(_ row: [String: String]) {
        rowsRead += 1
        rowNumber += 1
        guard let id = value(row, "id") else { return skip("missing_field") }
        var events: [(kind: String, time: Int64)] = []
        var eventTime: Int64? = nil
        if let name = value(row, "event") {
            guard let kind = Self.eventSpellings[Self.normalize(name)] else { return skip("unknown_event") }
            guard let text = value(row, "timestamp") else { return skip("missing_field") }
            guard let time = parseTime(text) else { return skip("invalid_timestamp") }
            events.append((kind, time))
            eventTime = time
        } else if row["event"] != nil {
            return skip("missing_field")
        } else if let text = value(row, "timestamp") {
            guard let time = parseTime(text) else { return skip("invalid_timestamp") }
            events.append(("status", time))
            eventTime = time
        }
        for (column, kind) in Self.lifecycleColumns {
            guard let text = value(row, column) else { continue }
            guard let time = parseTime(text) else { return skip("invalid_timestamp") }
            events.append((kind, time))
        }
        if events.isEmpty { return skip("missing_field") }

        let kept = events.filter { $0.time <= settings.cutoff }
        if kept.isEmpty { return skip("after_as_of") }
        var rowTime = kept.map(\.time).max() ?? Int64.min
        if let eventTime, eventTime <= settings.cutoff { rowTime = eventTime }

        rowsUsed += 1
        if records[id] == nil {
            records[id] = Record(id: id, order: recordOrder.count)
            recordOrder.append(id)
        }
        var record = records[id]!
        for (kind, time) in kept {
            earliest = min(earliest ?? time, time)
            latest = max(latest ?? time, time)
            func first(_ old: Int64?) -> Int64 { min(old ?? time, time) }
            func last(_ old: Int64?) -> Int64 { max(old ?? time, time) }
            switch kind {
            case "opened": record.opened = first(record.opened)
            case "impact_started": record.impactStart = first(record.impactStart)
            case "detected": record.detected = first(record.detected)
            case "acknowledged": record.acknowledged = first(record.acknowledged)
            case "recovered": record.recovered = last(record.recovered)
            case "resolved":
                record.resolvedFirst = first(record.resolvedFirst)
                record.resolvedLast = last(record.resolvedLast)
            case "reopened":
                record.reopenedLast = last(record.reopenedLast)
                record.reopenCount += 1
            case "closed": record.closed = last(record.closed)
            default: break
            }
            if kind != "note" { record.firstActivity = first(record.firstActivity) }
        }
        for name in Self.attributeNames {
            guard let text = value(row, name) else { continue }
            if let old = record.attributes[name], old.version > rowTime { continue }
            record.attributes[name] = (text, rowTime, rowNumber)
        }
        records[id] = record
    }
}
