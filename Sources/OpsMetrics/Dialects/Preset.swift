/// Everything needed to read one ITSM tool's export as it comes: which column feeds which field,
/// what its statuses and activities mean, how it writes times and nulls.
///
/// ```swift
/// var configuration = ReportConfiguration()
/// configuration.preset = Preset.named("servicenow")
/// let log = try IncidentLog(contentsOfFile: "incident_event_log.csv", configuration: configuration)
/// ```
///
/// A preset is a default, never a constraint: everything set on the ``ReportConfiguration``
/// itself wins over it (`columnMap` over ``columns``, `statusMap` and `eventMap` entries over the
/// preset's for the same value, `timeFormat` over ``timeFormat``), and the generic column aliases
/// still apply to the fields a preset does not name. Its columns are *preferences*: a listed
/// column that the input lacks is simply not used (unlike `--map`, which requires its column).
///
/// Every preset in ``all`` says what it assumes and how it was checked (``verified``): against a
/// real export (the public datasets named there), or only against the tool's documented field
/// names. The article *Presets* lists them all with their column maps.
public struct Preset: Sendable, Hashable, CustomStringConvertible {
    /// The preset's name, as `--preset` takes it (`servicenow`).
    public let name: String
    /// The tool and export it reads, in one line.
    public let summary: String
    /// Canonical field name → the columns (CSV header texts, JSON keys, or display labels) that
    /// may feed it, in order of preference. Matched like any column name (case-insensitively,
    /// ignoring spaces, `_`, `-` and `.`).
    public let columns: [String: [String]]
    /// Status value → event (see ``ReportConfiguration/statusMap``).
    public let statusMap: [String: String]
    /// Event value → event (see ``ReportConfiguration/eventMap``).
    public let eventMap: [String: String]
    /// Priority value → the priority name objectives use (`1 - Critical` → `P1`), so that an
    /// objective for `P1` matches the export's spelling (see ``SLOConfiguration/priorityAliases``).
    public let priorityMap: [String: String]
    /// `detected_by` value → detection source, for the export's own spellings (see
    /// ``ReportConfiguration/detectionMap``).
    public let detectionMap: [String: DetectionSource]
    /// The export's timestamp layout; `nil` for RFC 3339 / ISO 8601 or epoch numbers. RFC 3339
    /// values are read even when a layout is set.
    public let timeFormat: TimeFormat?
    /// Null spellings used by the export, added to ``ReportConfiguration/nullValues``.
    public let nullValues: [String]
    /// The CSV delimiter, when the export does not use a comma.
    public let delimiter: UInt8?
    /// What the preset takes for granted about the export and how it reads it.
    public let assumptions: [String]
    /// How the preset was checked: which real export it was run on, or that it was not.
    public let verified: String

    /// Header columns that identify the export: every group needs one of its columns present.
    let signature: [[String]]
    /// Columns never matched by the generic aliases (they hold something else under a common name).
    let ignoredColumns: [String]
    /// For nested JSON payloads (REST API objects, DevLake raw tables): the expander that turns one
    /// object into event rows. `nil` for flat rows.
    let expander: NestedPayload?

    init(
        name: String, summary: String, columns: [String: [String]], statusMap: [String: String] = [:],
        eventMap: [String: String] = [:], priorityMap: [String: String] = [:], detectionMap: [String: DetectionSource] = [:], timeFormat: String? = nil, nullValues: [String] = [], delimiter: UInt8? = nil,
        signature: [[String]], ignoredColumns: [String] = [], expander: NestedPayload? = nil,
        assumptions: [String], verified: String
    ) {
        self.name = name
        self.summary = summary
        self.columns = columns
        self.statusMap = statusMap
        self.eventMap = eventMap
        self.priorityMap = priorityMap
        self.detectionMap = detectionMap
        // Catalog patterns are constants, checked by the tests; a bad one is a programmer error.
        self.timeFormat = timeFormat.map { pattern in
            do { return try TimeFormat(pattern) } catch { preconditionFailure("preset \(name): \(error)") }
        }
        self.nullValues = nullValues
        self.delimiter = delimiter
        self.signature = signature
        self.ignoredColumns = ignoredColumns
        self.expander = expander
        self.assumptions = assumptions
        self.verified = verified
    }

    public var description: String { name }

    /// The preset with this name (case-insensitive), if any.
    public static func named(_ name: String) -> Preset? {
        let key = name.lowercased()
        return all.first { $0.name == key }
    }

    /// The names of every preset, for help texts and errors.
    public static var names: [String] { all.map(\.name) }
}

/// What the header of an input says about its preset.
package enum PresetDetection: Sendable, Hashable {
    /// One preset fits best; `columns` are the header columns that identified it.
    case matched(Preset, columns: [String])
    /// Several presets fit equally well.
    case ambiguous([Preset])
    /// No preset's signature is complete.
    case none
}

extension Preset {
    /// Finds the preset whose signature the columns satisfy.
    ///
    /// - Parameters:
    ///   - header: The CSV header or the JSON keys of the first objects.
    ///   - nestedKeys: The keys of a nested payload, when the rows wrap one (a DevLake raw table's
    ///     `data` column, a REST response's `issues` array).
    /// - Returns: The preset with the most signature groups among those whose groups are all
    ///   present; ``PresetDetection/ambiguous(_:)`` on a tie.
    package static func detect(header: [String], nestedKeys: [String] = []) -> PresetDetection {
        let present = Set((header + nestedKeys).map(Field.normalize))
        var best: [(preset: Preset, columns: [String])] = []
        var bestScore = 0
        for preset in all {
            var columns: [String] = []
            var complete = true
            for group in preset.signature {
                guard let hit = group.first(where: { present.contains(Field.normalize($0)) }) else {
                    complete = false
                    break
                }
                columns.append(hit)
            }
            guard complete, !preset.signature.isEmpty else { continue }
            if preset.signature.count > bestScore {
                best = [(preset, columns)]
                bestScore = preset.signature.count
            } else if preset.signature.count == bestScore {
                best.append((preset, columns))
            }
        }
        switch best.count {
        case 0: return .none
        case 1: return .matched(best[0].preset, columns: best[0].columns)
        default: return .ambiguous(best.map(\.preset))
        }
    }
}
