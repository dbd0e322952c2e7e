import OpsMetrics

/// Reads `text` through an `EventLogReader`, pushing it in chunks of `chunkSize` bytes
/// (all at once when `nil`).
func readLog(
    _ text: String, format: InputFormat = .csv, name: String = "test.csv",
    configuration: ReportConfiguration = ReportConfiguration(), chunkSize: Int? = nil
) throws -> IncidentLog {
    try readLog(bytes: Array(text.utf8), format: format, name: name, configuration: configuration, chunkSize: chunkSize)
}

func readLog(
    bytes: [UInt8], format: InputFormat = .csv, name: String = "test.csv",
    configuration: ReportConfiguration = ReportConfiguration(), chunkSize: Int? = nil
) throws -> IncidentLog {
    var reader = try EventLogReader(name: name, format: format, configuration: configuration)
    let size = max(1, chunkSize ?? bytes.count)
    var offset = 0
    while offset < bytes.count {
        try reader.push(bytes[offset..<min(offset + size, bytes.count)])
        offset += size
    }
    return try reader.finish()
}

/// The report of `text` read with `configuration`.
func report(_ text: String, format: InputFormat = .csv, configuration: ReportConfiguration = ReportConfiguration()) throws -> ReliabilityReport {
    ReliabilityReport(log: try readLog(text, format: format, configuration: configuration), configuration: configuration)
}

/// A timestamp from RFC 3339 text; traps on a typo (tests only).
func at(_ text: String) -> Timestamp {
    guard let value = Timestamp(parsing: text) else { preconditionFailure("bad test timestamp \(text)") }
    return value
}

/// Whole seconds between two RFC 3339 times.
func seconds(_ from: String, _ to: String) -> Double {
    Double(at(to).microsecondsSinceEpoch - at(from).microsecondsSinceEpoch) / 1_000_000
}
