/// Turns one row (a `RowView` over the reader's buffer) into lifecycle events and attributes,
/// and folds them into an `IncidentLog`.
///
/// A row is all or nothing: every value is parsed and checked before anything is folded, so a
/// skipped row leaves no trace. Two shapes are accepted, and may be mixed in one row:
/// - event form: an `event` value (e.g. `resolved`) with a `timestamp`;
/// - record form: timestamp columns (`opened`, `resolved`, ...), each setting its event.
/// A row with a `timestamp` but no `event` column counts as a status event (activity).
struct RowFolder: Sendable {
    /// Events after this time (microseconds) are not known yet and are ignored.
    let cutoff: Int64
    let zone: ZoneRule
    /// Null spellings, lower-cased.
    let nullValues: [[UInt8]]
    private let longestNull: Int
    /// The most distinct record ids a log may hold.
    let maxIncidents: Int

    init(configuration: ReportConfiguration) {
        cutoff = configuration.cutoff
        zone = configuration.zone
        nullValues = configuration.nullValues.map { Array($0.utf8).map(ASCII.lowercased) }
        longestNull = nullValues.map(\.count).max() ?? 0
        maxIncidents = max(1, configuration.maxIncidents)
    }

    enum Outcome: Equatable {
        case used
        /// Every time in the row is after the as-of time; the row is skipped.
        case afterAsOf
    }

    static let timestampExpectation = "an RFC 3339 / ISO 8601 timestamp or epoch seconds/milliseconds"
    static let lifecycleFields: [Field] = [.opened, .impactStart, .detected, .acknowledged, .recovered, .resolved, .reopened, .closed]

    /// Folds `row` into `log`.
    func fold(_ row: RowView, in buffer: Span<UInt8>, mapping: ColumnMapping, into log: inout IncidentLog) throws(ScanError) -> Outcome {
        func fault(_ kind: ParseError.Kind, _ field: Field, at index: Int, expected: String, found: String) -> ScanError {
            ScanError(kind: kind, index: index, expected: expected, found: found, field: mapping.label(field))
        }
        guard let idRange = value(row, .id, buffer) else {
            throw fault(.missingField, .id, at: row.range(.id)?.lowerBound ?? row.recordStart,
                        expected: "a record id", found: "an empty value")
        }

        // Times: parse everything first.
        var events: [10 of (kind: EventKind, time: Int64)] = .init(repeating: (.note, 0))
        var eventCount = 0
        var eventTime: Int64? = nil
        if let eventRange = value(row, .event, buffer) {
            guard let kind = EventKind.matching(buffer.extracting(eventRange)) else {
                throw fault(.unknownEvent, .event, at: eventRange.lowerBound, expected: EventKind.expectedList,
                            found: ParseError.excerpt(buffer, eventRange))
            }
            guard let timeRange = value(row, .timestamp, buffer) else {
                throw fault(.missingField, .timestamp, at: row.range(.timestamp)?.lowerBound ?? row.recordStart,
                            expected: "the time of the '\(kind.name)' event", found: "an empty value")
            }
            let t = try parseTime(timeRange, .timestamp, buffer, mapping)
            events[0] = (kind, t)
            eventCount = 1
            eventTime = t
        } else if mapping.has(.event) && row.range(.event) != nil {
            throw fault(.missingField, .event, at: row.range(.event)?.lowerBound ?? row.recordStart,
                        expected: EventKind.expectedList, found: "an empty value")
        } else if let timeRange = value(row, .timestamp, buffer) {
            let t = try parseTime(timeRange, .timestamp, buffer, mapping)
            events[0] = (.status, t)
            eventCount = 1
            eventTime = t
        }
        for field in RowFolder.lifecycleFields {
            guard let range = value(row, field, buffer), let kind = field.lifecycleEvent else { continue }
            events[eventCount] = (kind, try parseTime(range, field, buffer, mapping))
            eventCount += 1
        }
        if eventCount == 0 {
            throw fault(.missingField, .timestamp, at: row.recordStart,
                        expected: "a time: an event with a timestamp, or one of opened, impact_start, detected, acknowledged, recovered, resolved, reopened, closed",
                        found: "none")
        }

        // Drop what happened after the as-of time. An attribute's version is the row's event time,
        // or in record form its latest time.
        var kept = 0
        var rowTime = Int64.min
        for i in 0..<eventCount where events[i].time <= cutoff {
            events[kept] = events[i]
            rowTime = max(rowTime, events[i].time)
            kept += 1
        }
        if kept == 0 { return .afterAsOf }
        if let eventTime, eventTime <= cutoff { rowTime = eventTime }

        // The record limit, before anything is interned: the id and a parent may be new records.
        let idBytes = buffer.extracting(idRange)
        var newRecords = log.ids.lookup(idBytes) == nil ? 1 : 0
        if let parentRange = value(row, .parent, buffer), log.ids.lookup(buffer.extracting(parentRange)) == nil,
           !RowFolder.same(buffer.extracting(parentRange), idBytes) {
            newRecords += 1
        }
        if newRecords > 0 && log.states.count + newRecords > maxIncidents {
            var error = fault(.limitExceeded, .id, at: idRange.lowerBound,
                              expected: "at most \(maxIncidents) distinct records (--max-incidents)", found: "more")
            error.stopsReading = true
            throw error
        }

        // Attributes: intern into locals first (a UTF-8 error must not leave a half-folded row).
        var attributes: [7 of UInt32] = .init(repeating: 0)
        for attribute in Attribute.allCases {
            let field = RowFolder.field(of: attribute)
            guard let range = value(row, field, buffer) else { continue }
            let bytes = buffer.extracting(range)
            let id: UInt32?
            switch attribute {
            case .service: id = log.services.intern(bytes)
            case .parent: id = log.index(of: bytes).map { UInt32($0 + 1) }
            default: id = log.labels.intern(bytes)
            }
            guard let id else { throw RowFolder.textFault(bytes, field, at: range, buffer, mapping) }
            attributes[attribute.rawValue] = id
        }
        guard let index = log.index(of: idBytes) else { throw RowFolder.textFault(idBytes, .id, at: idRange, buffer, mapping) }

        var state = log.states[index]
        for i in 0..<kept {
            state.apply(events[i].kind, at: events[i].time)
            log.noteTime(events[i].time)
        }
        for attribute in Attribute.allCases where attributes[attribute.rawValue] != 0 {
            state.set(attribute, attributes[attribute.rawValue], version: rowTime)
        }
        state.rows &+= 1
        log.states[index] = state
        return .used
    }

    /// Why a value the interner refused is no text: a NUL byte, or invalid UTF-8.
    private static func textFault(_ bytes: Span<UInt8>, _ field: Field, at range: Range<Int>, _ buffer: Span<UInt8>,
                                  _ mapping: ColumnMapping) -> ScanError {
        for i in bytes.indices where bytes[i] == 0 {
            return ScanError(kind: .nulByte, index: range.lowerBound + i,
                             expected: "text without NUL bytes (is this UTF-16? save or convert it as UTF-8)",
                             found: ParseError.excerpt(buffer, range), field: mapping.label(field))
        }
        return ScanError(kind: .invalidUTF8, index: range.lowerBound, expected: "UTF-8 text",
                         found: ParseError.excerpt(buffer, range), field: mapping.label(field))
    }

    private static func same(_ a: Span<UInt8>, _ b: Span<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where a[i] != b[i] { return false }
        return true
    }

    private static func field(of attribute: Attribute) -> Field {
        switch attribute {
        case .service: .service
        case .status: .status
        case .priority: .priority
        case .severity: .severity
        case .reason: .reason
        case .parent: .parent
        case .kind: .kind
        }
    }

    private func parseTime(_ range: Range<Int>, _ field: Field, _ buffer: Span<UInt8>, _ mapping: ColumnMapping) throws(ScanError) -> Int64 {
        guard let t = TimestampParser.parse(buffer.extracting(range), zone: zone) else {
            let reason = TimestampParser.diagnosis(buffer.extracting(range), zone: zone).map { " (\($0))" } ?? ""
            throw ScanError(kind: .invalidTimestamp, index: range.lowerBound, expected: RowFolder.timestampExpectation,
                            found: ParseError.excerpt(buffer, range) + reason, field: mapping.label(field))
        }
        return t.microsecondsSinceEpoch
    }

    /// The value range of `field` with surrounding spaces and tabs trimmed; `nil` when absent or null.
    func value(_ row: RowView, _ field: Field, _ buffer: Span<UInt8>) -> Range<Int>? {
        guard var range = row.range(field) else { return nil }
        while range.lowerBound < range.upperBound, buffer[range.lowerBound] == ASCII.space || buffer[range.lowerBound] == ASCII.tab {
            range = (range.lowerBound + 1)..<range.upperBound
        }
        while range.lowerBound < range.upperBound, buffer[range.upperBound - 1] == ASCII.space || buffer[range.upperBound - 1] == ASCII.tab {
            range = range.lowerBound..<(range.upperBound - 1)
        }
        if range.isEmpty { return nil }
        if range.count <= longestNull {
            for null in nullValues where null.count == range.count {
                var same = true
                for k in 0..<null.count where ASCII.lowercased(buffer[range.lowerBound + k]) != null[k] {
                    same = false
                    break
                }
                if same { return nil }
            }
        }
        return range
    }
}

extension ParseError {
    /// An excerpt of `buffer[range]`.
    static func excerpt(_ buffer: Span<UInt8>, _ range: Range<Int>) -> String {
        var bytes: [UInt8] = []
        for i in range.prefix(64) { bytes.append(buffer[i]) }
        return excerpt(bytes)
    }
}
