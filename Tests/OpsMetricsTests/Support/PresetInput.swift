import Foundation
import Testing

@testable import OpsMetrics

/// The repository's `Fixtures/` folder.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// A file read the way the CLI reads it: a sample decides the preset (unless given) and the time
/// layout, then the whole file is folded.
struct DialectRead {
    let dialect: InputDialect
    let log: IncidentLog

    init(path: String, preset: String? = nil, configure: (inout ReportConfiguration) -> Void = { _ in }) throws {
        var configuration = ReportConfiguration()
        if let preset {
            let named = Preset.named(preset)
            try #require(named != nil, "no preset \(preset)")
            configuration.preset = named
        }
        configure(&configuration)
        let sample = try InputSample.read(path: path, configuration: configuration)
        dialect = try InputDialect.resolve(sample: sample, configuration: configuration, detectPreset: preset == nil)
        log = try IncidentLog(contentsOfFile: path, configuration: dialect.configuration)
    }

    /// A fixture under `Fixtures/presets/`.
    init(fixture name: String, preset: String? = nil, configure: (inout ReportConfiguration) -> Void = { _ in }) throws {
        try self.init(path: fixturesDirectory.appendingPathComponent("presets/\(name)").path, preset: preset, configure: configure)
    }

    var summary: LogSummary { log.summary }

    /// Each incident's times by id, in seconds since the epoch where given.
    var incidents: [String: (opened: Int64, resolved: Int64?, firstResolved: Int64?)] {
        var result: [String: (opened: Int64, resolved: Int64?, firstResolved: Int64?)] = [:]
        for entry in log.incidentTimes() { result[entry.id] = (entry.opened, entry.resolved, entry.firstResolved) }
        return result
    }

    /// Seconds from opened to the last resolution of a resolved incident.
    func timeToResolve(_ id: String) -> Double? {
        guard let incident = incidents[id], let resolved = incident.resolved else { return nil }
        return Double(resolved - incident.opened) / 1_000_000
    }

    /// The state of one record.
    func state(_ id: String) -> IncidentState? {
        let bytes = Array(id.utf8)
        guard let interned = log.ids.lookup(bytes.span) else { return nil }
        return log.states[Int(interned) - 1]
    }

    /// An attribute's text for a record (`nil` when unset).
    func attribute(_ id: String, _ attribute: Attribute) -> String? {
        guard let value = state(id)?[attribute], value != 0 else { return nil }
        return attribute == .service ? log.services.string(value) : log.labels.string(value)
    }

    /// The report over the log, with the configuration it was read with.
    var report: ReliabilityReport { ReliabilityReport(log: log, configuration: dialect.configuration) }
}

/// Microseconds since the epoch of an RFC 3339 time.
func micros(_ text: String) -> Int64 { at(text).microsecondsSinceEpoch }
