import Foundation
import OpsMetrics

/// `--mapping FILE.json`: column, status and event maps (and optionally a time layout and null
/// spellings) kept in a file instead of repeated `--map` options.
///
/// ```json
/// {
///   "preset": "servicenow",
///   "columns": { "service": "assignment_group", "reason": "close_code" },
///   "status_map": { "Resolved": "resolved", "Closed": "closed" },
///   "event_map": { "Resolve ticket": "resolved" },
///   "detection_map": { "Direct opening": "user", "Nagios-prod": "monitoring" },
///   "time_format": "d/M/yyyy H:mm",
///   "null_values": ["?", "(empty)"]
/// }
/// ```
///
/// Every key is optional. The file's entries apply where they stand among the options: a later
/// `--map` or `--time-format` wins over the file, the file over an earlier one.
enum MappingFile {
    static let keys = ["preset", "columns", "status_map", "event_map", "detection_map", "time_format", "null_values"]

    static func apply(path: String, to configuration: inout ReportConfiguration) throws(UsageError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw UsageError("--mapping: cannot read '\(path)': \(error.localizedDescription)")
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw UsageError("--mapping: '\(path)' must hold a JSON object with the keys \(CommonOptions.list(keys))")
            }
            object = parsed
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError("--mapping: '\(path)' is not valid JSON: \(error.localizedDescription)")
        }
        for key in object.keys.sorted() where !keys.contains(key) {
            throw UsageError("--mapping: unknown key '\(key)' in '\(path)'; expected \(CommonOptions.list(keys))")
        }
        func strings(_ key: String) throws(UsageError) -> [String: String] {
            guard let value = object[key] else { return [:] }
            guard let map = value as? [String: String] else {
                throw UsageError("--mapping: '\(key)' in '\(path)' must map strings to strings")
            }
            return map
        }
        if let name = object["preset"] {
            guard let name = name as? String, let preset = Preset.named(name) else {
                throw UsageError("--mapping: 'preset' in '\(path)' must be one of \(CommonOptions.list(Preset.names))")
            }
            configuration.preset = preset
        }
        for (field, column) in try strings("columns") { configuration.columnMap[field] = column }
        for (value, event) in try strings("status_map") { configuration.statusMap[value] = event }
        for (value, event) in try strings("event_map") { configuration.eventMap[value] = event }
        for (value, name) in try strings("detection_map") {
            guard let source = DetectionSource(named: name) else {
                throw UsageError("--mapping: 'detection_map' in '\(path)' maps '\(value)' to '\(name)'; expected monitoring or user")
            }
            configuration.detectionMap[value] = source
        }
        if let pattern = object["time_format"] {
            guard let pattern = pattern as? String else { throw UsageError("--mapping: 'time_format' in '\(path)' must be a string") }
            do { configuration.timeFormat = try TimeFormat(pattern) } catch {
                throw UsageError("--mapping: \(error.message)")
            }
        }
        if let nulls = object["null_values"] {
            guard let nulls = nulls as? [String] else { throw UsageError("--mapping: 'null_values' in '\(path)' must be a list of strings") }
            configuration.nullValues += nulls
        }
    }
}
