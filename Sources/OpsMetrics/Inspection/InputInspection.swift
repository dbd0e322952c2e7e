/// What `opsmetrics inspect FILE` finds out about an export before a report is run: its format,
/// preset, column mapping, timestamp dialect, row and incident counts, the problems it sees, and
/// the command line that reads it.
///
/// Privacy: the inspection holds column *names*, counts, record ids, timestamps and the values of
/// the fields the report itself uses (status, event). It never holds the values of other columns
/// (callers, assignees, `opened_by`, free text), so its output can be pasted into a ticket.
package struct InputInspection: Sendable, Codable {
    package var schemaVersion = 1
    package var input: String
    package var format: String
    /// Bytes looked at, and whether that was the whole input.
    package var bytesRead: Int
    package var complete: Bool
    /// The preset's name, or `nil`; and how it was chosen (`given`, `detected`, `none`).
    package var preset: String?
    package var presetSource: String
    package var presetEvidence: [String]
    /// Column (header text or JSON key) → canonical field, in input order; `nil` for unused columns.
    package var columns: [ColumnUse]
    /// How timestamps are read.
    package var timestamps: TimestampDialect
    package var rows: InputAccounting
    package var records: LogSummary
    package var problems: [Problem]
    /// The command that runs the report on this input.
    package var command: String

    package struct ColumnUse: Sendable, Codable {
        package var column: String
        package var field: String?
    }

    package struct TimestampDialect: Sendable, Codable {
        /// `rfc3339` (RFC 3339 / ISO 8601 or epoch numbers), or a ``TimeFormat`` pattern.
        package var layout: String
        /// `default`, `given`, `preset` or `detected`.
        package var source: String
        /// Why a detected layout was chosen.
        package var evidence: String?
        /// The zone of zone-less values.
        package var zone: String
        /// The columns holding times.
        package var columns: [String]
    }

    package struct Problem: Sendable, Codable {
        /// A stable identifier (`missing_field`, `negative_duration`, `rows_out_of_order`, ...).
        package var code: String
        package var message: String
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case input, format
        case bytesRead = "bytes_read"
        case complete, preset
        case presetSource = "preset_source"
        case presetEvidence = "preset_evidence"
        case columns, timestamps, rows, records, problems, command
    }

    /// Inspects one file.
    ///
    /// - Parameters:
    ///   - path: The file, or `-` for standard input.
    ///   - configuration: Options given on the command line (`--preset`, `--map`, `--tz`, ...).
    ///   - detectPreset: Whether to detect the preset from the header (no `--preset`).
    ///   - maxBytes: How much of the file to fold for the counts.
    /// - Throws: ``OpsMetricsError`` when the file cannot be read.
    package static func inspect(
        path: String, configuration given: ReportConfiguration, detectPreset: Bool, maxBytes: Int = 64 << 20
    ) throws(OpsMetricsError) -> InputInspection {
        var input = try InputSource(opening: path)
        return try inspect(&input, configuration: given, detectPreset: detectPreset, maxBytes: maxBytes)
    }

    /// Inspects an opened input (a file, a pipe or standard input: a stream's sampled bytes are
    /// kept for the fold).
    package static func inspect(
        _ input: inout InputSource, configuration given: ReportConfiguration, detectPreset: Bool, maxBytes: Int = 64 << 20
    ) throws(OpsMetricsError) -> InputInspection {
        let path = input.path
        var problems: [Problem] = []
        let sample = try InputSample.read(&input, configuration: given, maxBytes: 8 << 20, maxRows: 20_000)
        var dialect: InputDialect
        do {
            dialect = try InputDialect.resolve(sample: sample, configuration: given, detectPreset: detectPreset)
        } catch {
            problems.append(Problem(code: error.message.hasPrefix("cannot tell day from month") ? "ambiguous_dates" : "ambiguous_preset",
                                    message: error.message))
            // Keep what can be kept: the time layout cannot, the preset was the ambiguity or fine.
            dialect = (try? InputDialect.resolve(sample: sample, configuration: given, detectPreset: false))
                ?? InputDialect(configuration: given, presetSource: given.preset == nil ? "none" : "given", presetEvidence: [],
                                timeDetection: nil, timeColumns: [], notes: [])
        }
        var configuration = dialect.configuration
        configuration.skipInvalidRows = true

        // The column mapping, as the reader will make it.
        var columns: [ColumnUse] = []
        let nested = configuration.preset?.expander != nil && !sample.nestedKeys.isEmpty
        var mapping = (try? ColumnMapping(configuration: configuration)) ?? ColumnMapping()
        let unmatched = mapping.mapHeader(sample.header)
        for (column, name) in sample.header.enumerated() {
            if nested {
                let payload = sample.format.isJSON || Field.normalize(name) == "data"
                columns.append(ColumnUse(column: name, field: payload ? "(nested payload, read by the \(configuration.preset?.name ?? "") preset)" : nil))
            } else {
                columns.append(ColumnUse(column: name, field: mapping.fieldOfColumn[column]?.name))
            }
        }
        if !nested {
            for override in unmatched {
                problems.append(Problem(code: "missing_column", message: "--map \(override) names no column of the input"))
            }
            if !mapping.has(.id) {
                problems.append(Problem(code: "missing_field", message: "no column for the record id (map one with --map id=COLUMN)"))
            }
            if !mapping.has(.timestamp) && !RowFolder.lifecycleFields.contains(where: mapping.has) {
                problems.append(Problem(code: "missing_field", message: "no time column: map a timestamp (event form) or opened/resolved/... (record form)"))
            }
            if mapping.has(.timestamp) && !mapping.has(.event) && !mapping.has(.status) {
                problems.append(Problem(code: "missing_field", message: "a timestamp column without an event or status column: every row is plain activity"))
            }
            if !mapping.has(.service) {
                problems.append(Problem(code: "no_service", message: "no service column: every incident is in '(no service)' (--map service=COLUMN)"))
            }
        }

        // Timestamps.
        let layout = configuration.effectiveTimeFormat
        var timestamps = TimestampDialect(
            // REST payloads carry RFC 3339 times, which are read as such under any layout.
            layout: nested ? "rfc3339" : layout?.pattern ?? "rfc3339",
            source: given.timeFormat != nil ? "given" : layout == nil ? "default" : configuration.timeFormat != nil ? "detected" : "preset",
            evidence: nil, zone: configuration.zone.identifier, columns: dialect.timeColumns)
        switch dialect.timeDetection {
        case .detected(_, let evidence)?: timestamps.evidence = evidence
        case .unrecognized(let example)?:
            problems.append(Problem(code: "unrecognized_dates",
                                    message: "no known layout reads the time value \"\(example)\"; give one with --time-format"))
        default: break
        }
        // A zone-less layout read as UTC: worth a reminder, since exports usually write local time.
        if let layout, !layout.hasOffset, configuration.zone == .utc, !nested, !sample.rows.isEmpty {
            problems.append(Problem(code: "zone_assumed", message: "times carry no zone and are read as UTC; pass --tz ZONE if they are local times"))
        }

        // Rows out of order within a record (informational: the fold takes any order).
        if !nested, let idColumn = mapping.fieldOfColumn.firstIndex(of: .id), let timeColumn = mapping.fieldOfColumn.firstIndex(of: .timestamp) {
            var last: [String: Int64] = [:]
            var outOfOrder = 0
            var firstIDs: [String] = []
            for row in sample.rows where idColumn < row.count && timeColumn < row.count {
                guard let id = row[idColumn], let text = row[timeColumn]?.trimmingBlanks,
                    let time = (layout?.parse(text, zone: configuration.zone) ?? Timestamp(parsing: text, zone: configuration.zone))
                else { continue }
                if let previous = last[id], time.microsecondsSinceEpoch < previous {
                    outOfOrder += 1
                    if firstIDs.count < 5 && !firstIDs.contains(id) { firstIDs.append(id) }
                }
                last[id] = max(last[id] ?? .min, time.microsecondsSinceEpoch)
            }
            if outOfOrder > 0 {
                problems.append(Problem(code: "rows_out_of_order",
                                        message: "\(outOfOrder) of the first \(sample.rows.count) rows are earlier than an earlier row of their record (e.g. \(firstIDs.joined(separator: ", "))); the fold takes rows in any order, but check the export"))
            }
        }

        // Fold what fits in the budget.
        let (prefix, isComplete) = try input.prefix(maxBytes: maxBytes)
        let format = configuration.inputFormat ?? InputFormat(pathExtensionOf: path) ?? .csv
        let bytes = isComplete ? prefix : InputInspection.wholeRecords(prefix, format: format)
        var log = IncidentLog()
        do {
            var reader = try EventLogReader(name: path, format: format, configuration: configuration)
            if bytes.isEmpty && !prefix.isEmpty {
                // Not one whole record in the budget: what the reader makes of the start still
                // tells why (NUL bytes, a record over the limit).
                try reader.push(prefix)
                problems.append(Problem(code: "no_whole_record", message: "the first \(prefix.count) bytes hold no whole record (--sample-mib for more)"))
            }
            try reader.push(bytes)
            log = try reader.finish()
        } catch let error as ParseError {
            problems.append(Problem(code: error.kind.identifier, message: "reading stops: \(error.description)"))
        } catch let error as ConfigurationError {
            problems.append(Problem(code: "configuration", message: error.message))
        } catch {
            problems.append(Problem(code: "error", message: "\(error)"))
        }
        for (reason, skip) in log.accounting.skipped.sorted(by: { $0.key < $1.key }) {
            problems.append(Problem(code: reason, message: "\(skip.count) \(skip.count == 1 ? "row" : "rows") skipped: \(skip.firstMessage)"))
        }
        let report = ReliabilityReport(log: log, configuration: configuration)
        for issue in report.dataQuality.recordIssues {
            problems.append(Problem(code: "negative_duration",
                                    message: "\(issue.count) records with \(issue.issue.replacing("_", with: " ")) (\(issue.effect); e.g. \(issue.firstIDs.joined(separator: ", ")))"))
        }
        let closedUnresolved = log.states.indices.filter { index in
            let state = log.states[index]
            return state.rows > 0 && state.closed != IncidentState.noLatest && state.resolvedLast == IncidentState.noLatest
        }
        if !closedUnresolved.isEmpty {
            let ids = closedUnresolved.prefix(5).map { log.ids.string(UInt32($0 + 1)) }
            problems.append(Problem(code: "closed_without_resolution",
                                    message: "\(closedUnresolved.count) records are closed but never resolved, so they count as open (e.g. \(ids.joined(separator: ", ")))"))
        }

        // The command that reads it.
        var command = ["opsmetrics", "report"]
        if let preset = configuration.preset { command += ["--preset", preset.name] }
        if let format = configuration.timeFormat { command += ["--time-format", format.pattern] }
        if configuration.zone != .utc { command += ["--tz", configuration.zone.identifier] }
        for (field, column) in configuration.columnMap.sorted(by: { $0.key < $1.key }) { command += ["--map", "\(field)=\(column)"] }
        for (value, event) in given.statusMap.sorted(by: { $0.key < $1.key }) { command += ["--status-map", "\(value)=\(event)"] }
        for (value, event) in given.eventMap.sorted(by: { $0.key < $1.key }) { command += ["--event-map", "\(value)=\(event)"] }
        if let inputFormat = given.inputFormat { command += ["--input-format", inputFormat.name] }
        command.append(path)

        return InputInspection(
            input: path, format: format.name, bytesRead: prefix.count, complete: isComplete,
            preset: configuration.preset?.name, presetSource: dialect.presetSource, presetEvidence: dialect.presetEvidence,
            columns: columns, timestamps: timestamps, rows: log.accounting, records: log.summary, problems: problems,
            command: command.map(InputInspection.shellQuoted).joined(separator: " "))
    }

    /// The bytes up to the last complete record of a cut input: the last line break for CSV and
    /// NDJSON, the last complete element for a JSON array (closed again).
    static func wholeRecords(_ bytes: [UInt8], format: InputFormat) -> [UInt8] {
        let firstByte = bytes.first { $0 != ASCII.space && $0 != ASCII.newline && $0 != ASCII.tab && $0 != ASCII.carriageReturn && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if format.isJSON && firstByte == ASCII.leftBracket {
            var index = bytes.count - 1
            while index > 0 {
                if bytes[index] == ASCII.comma {
                    var before = index - 1
                    while before > 0, bytes[before] == ASCII.space || bytes[before] == ASCII.newline || bytes[before] == ASCII.carriageReturn || bytes[before] == ASCII.tab { before -= 1 }
                    if bytes[before] == ASCII.rightBrace { return Array(bytes[...before]) + [ASCII.rightBracket] }
                }
                index -= 1
            }
            return []
        }
        // A CSV record may also end at a lone CR (old Mac OS line endings).
        let csv = !format.isJSON
        guard let end = bytes.lastIndex(where: { $0 == ASCII.newline || (csv && $0 == ASCII.carriageReturn) }) else { return [] }
        return Array(bytes[...end])
    }

    /// An argument as a POSIX shell reads it back.
    static func shellQuoted(_ argument: String) -> String {
        let safe = argument.utf8.allSatisfy { byte in
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, ASCII.minus, ASCII.period, ASCII.slash, 0x5F, ASCII.equals, ASCII.colon, ASCII.plus, ASCII.comma: true
            default: false
            }
        }
        if safe && !argument.isEmpty { return argument }
        return "'" + argument.replacing("'", with: "'\\''") + "'"
    }
}
