extension IncidentLog {
    /// Reads a whole file (or standard input, for the path `-`).
    ///
    /// The format comes from `configuration.inputFormat`, else from the path's extension
    /// (`.csv`, `.tsv`, `.json`, `.ndjson`, `.jsonl`), else CSV.
    ///
    /// - Throws: ``OpsMetricsError``: `.cannotOpen`, `.io`, `.parse`, or `.configuration`.
    public init(contentsOfFile path: String, configuration: ReportConfiguration) throws(OpsMetricsError) {
        var input = try InputSource(opening: path)
        try self.init(reading: &input, configuration: configuration)
    }

    /// Reads an opened input to its end (see ``init(contentsOfFile:configuration:)``); a stream
    /// starts with the bytes sampled from it.
    package init(reading input: inout InputSource, configuration: ReportConfiguration) throws(OpsMetricsError) {
        let threads = input.isStream ? 1 : configuration.threads > 0 ? configuration.threads : FileSyscalls.processorCount
        do {
            self = try IncidentLog(&input, configuration, threads: threads)
        } catch .parse(let error) where threads > 1 && error.kind == .limitExceeded {
            // A limit of the whole input (records) may be passed first in another part: read again in one.
            self = try IncidentLog(&input, configuration, threads: 1)
        }
        if threads > 1 && recordCount > configuration.maxIncidents {
            self = try IncidentLog(&input, configuration, threads: 1)  // throws at the record over the limit
        }
    }

    private init(_ input: inout InputSource, _ configuration: ReportConfiguration, threads: Int) throws(OpsMetricsError) {
        let format = configuration.inputFormat ?? InputFormat(pathExtensionOf: input.path) ?? .csv
        var reader: EventLogReader
        do { reader = try EventLogReader(name: input.path, format: format, configuration: configuration) } catch {
            throw .configuration(error)
        }
        try reader.read(&input, threads: threads, minimumPartBytes: configuration.minimumPartBytes)
        do { self = try reader.finish() } catch { throw .parse(error) }
    }
}
