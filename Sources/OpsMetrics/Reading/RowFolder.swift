/// Turns one row (a `RowView` over the reader's buffer) into lifecycle events and attributes,
/// and folds them into an `IncidentLog`.
///
/// A row is all or nothing: every value is parsed and checked before anything is folded, so a
/// skipped row leaves no trace. Two shapes are accepted, and may be mixed in one row:
/// - event form: an `event` value (e.g. `resolved`) with a `timestamp`;
/// - record form: timestamp columns (`opened`, `resolved`, ...), each setting its event.
/// A row with a `timestamp` but no `event` column counts as a status event (activity).
///
/// Value maps translate what exports write into events: ``ReportConfiguration/eventMap`` turns an
/// event value (a help-desk activity such as `Resolve ticket`) into an event kind before the built-in
/// spellings are tried, and ``ReportConfiguration/statusMap`` turns the status of a status event
/// (a row with a time and a status, such as ServiceNow's `Resolved`) into a lifecycle event.
/// A `reopen_count` column (reopens so far) folds as a counter; see `IncidentStates.fold(attributes:version:reopens:into:)`.
struct RowFolder: Sendable {
    /// Events after this time (microseconds) are not known yet and are ignored.
    let cutoff: Int64
    let zone: ZoneRule
    /// The explicit layout of every timestamp, when configured.
    let timeFormat: TimeFormat?
    /// Null spellings, lower-cased.
    let nullValues: [[UInt8]]
    private let longestNull: Int
    /// Bit `b` of `nullFirstBytes[b >> 6]` is set when some null spelling starts with byte `b`
    /// (either case), so most values are cleared by one bit test.
    private let nullFirstBytes: [4 of UInt64]
    /// Status value → event, for status events.
    let statusMap: ValueMap
    /// Event value → event, tried before the built-in spellings.
    let eventMap: ValueMap
    /// The most distinct record ids a log may hold.
    let maxIncidents: Int

    init(configuration: ReportConfiguration) throws(ConfigurationError) {
        cutoff = configuration.cutoff
        zone = configuration.zone
        timeFormat = configuration.effectiveTimeFormat
        nullValues = configuration.effectiveNullValues.map { Array($0.utf8).map(ASCII.lowercased) }
        longestNull = nullValues.map(\.count).max() ?? 0
        var firstBytes: [4 of UInt64] = .init(repeating: 0)
        for null in nullValues {
            guard let first = null.first else { continue }
            for byte in [first, first >= 0x61 && first <= 0x7A ? first - 0x20 : first] {
                firstBytes[Int(byte >> 6)] |= 1 << UInt64(byte & 63)
            }
        }
        nullFirstBytes = firstBytes
        statusMap = try ValueMap(configuration.effectiveStatusMap, option: "status map")
        eventMap = try ValueMap(configuration.effectiveEventMap, option: "event map")
        maxIncidents = max(1, configuration.maxIncidents)
    }

    enum Outcome: Equatable {
        case used
        /// Every time in the row is after the as-of time; the row is skipped.
        case afterAsOf
    }

    static let timestampExpectation = "an RFC 3339 / ISO 8601 timestamp or epoch seconds/milliseconds"
    static let lifecycleFields: [Field] = [.opened, .impactStart, .detected, .acknowledged, .recovered, .resolved, .reopened, .closed, .firstResponse]
    /// The bits of `lifecycleFields` in a `RowView.fieldMask` (their raw values are consecutive,
    /// `opened` through `closed`), so a row in event form skips them with one test.
    static var lifecycleMask: UInt32 { (1 << UInt32(Field.firstResponse.rawValue + 1)) - (1 << UInt32(Field.opened.rawValue)) }

    /// Folds `row` into `log`.
    ///
    /// - Parameter memo: What earlier rows folded into the same `log` left to reuse (see `FoldMemo`):
    ///   a new one for a new log.
    func fold(_ row: RowView, in buffer: Span<UInt8>, mapping: ColumnMapping, into log: inout IncidentLog,
              memo: inout FoldMemo) throws(ScanError) -> Outcome {
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
            guard var kind = eventKind(buffer, eventRange, &memo) else {
                throw fault(.unknownEvent, .event, at: eventRange.lowerBound,
                            expected: eventMap.isEmpty ? EventKind.expectedList : EventKind.expectedList + ", or a value of the event map",
                            found: ParseError.excerpt(buffer, eventRange))
            }
            if kind == .status { kind = statusEvent(row, buffer) }
            guard let timeRange = value(row, .timestamp, buffer) else {
                throw fault(.missingField, .timestamp, at: row.range(.timestamp)?.lowerBound ?? row.recordStart,
                            expected: "the time of the '\(kind.name)' event", found: "an empty value")
            }
            let t = try parseTime(timeRange, .timestamp, buffer, mapping, &memo.dates)
            events[0] = (kind, t)
            eventCount = 1
            eventTime = t
        } else if mapping.has(.event) && row.range(.event) != nil {
            throw fault(.missingField, .event, at: row.range(.event)?.lowerBound ?? row.recordStart,
                        expected: EventKind.expectedList, found: "an empty value")
        } else if let timeRange = value(row, .timestamp, buffer) {
            let t = try parseTime(timeRange, .timestamp, buffer, mapping, &memo.dates)
            events[0] = (statusEvent(row, buffer), t)
            eventCount = 1
            eventTime = t
        }
        if row.hasAny(RowFolder.lifecycleMask) {
            for field in RowFolder.lifecycleFields {
                guard let range = value(row, field, buffer), let kind = field.lifecycleEvent else { continue }
                events[eventCount] = (kind, try parseTime(range, field, buffer, mapping, &memo.dates))
                eventCount += 1
            }
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
        let knownID = log.ids.lookup(idBytes)
        var newRecords = knownID == nil ? 1 : 0
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
        var attributes: AttributeValues<UInt32> = .init(repeating: 0)
        for attribute in Attribute.allCases {
            let field = attribute.field
            guard let range = value(row, field, buffer) else { continue }
            let bytes = buffer.extracting(range)
            let id: UInt32?
            switch attribute {
            case .service: id = RowFolder.intern(buffer, range, into: &log.services, memo: &memo.services)
            case .parent: id = log.index(of: bytes).map { UInt32($0 + 1) }
            default: id = RowFolder.intern(buffer, range, into: &log.labels, memo: &memo.labels)
            }
            guard let id else { throw RowFolder.textFault(bytes, field, at: range, buffer, mapping) }
            attributes[attribute.rawValue] = id
        }
        var reopens: UInt32 = 0
        if let range = value(row, .reopenCount, buffer) {
            guard let count = RowFolder.count(buffer, range) else {
                throw fault(.invalidNumber, .reopenCount, at: range.lowerBound, expected: "a whole number of reopens (0 to 1000000)",
                            found: ParseError.excerpt(buffer, range))
            }
            reopens = count
        }
        guard let index = knownID.map({ Int($0) - 1 }) ?? log.index(of: idBytes) else { throw RowFolder.textFault(idBytes, .id, at: idRange, buffer, mapping) }

        // The state is updated where it is stored, a column at a time; it is read whole only for
        // a resolution history.
        for i in 0..<kept {
            let (kind, t) = events[i]
            if log.states.needsResolutionHistory(for: kind, at: t, record: index) {
                log.noteResolutionHistory(kind, at: t, record: index, before: log.states[index])
            }
            log.states.apply(kind, at: t, to: index)
            log.noteTime(t)
        }
        if reopens > 0 { log.noteReopenCounter(reopens, at: rowTime, record: index, before: log.states[index]) }
        log.states.fold(attributes: attributes, version: rowTime, reopens: reopens, into: index)
        log.noteStatusTime(record: index, status: attributes[Attribute.status.rawValue], at: rowTime)
        return .used
    }

    /// The event `buffer[range]` names: by the event map, else by the built-in spellings; `nil`
    /// if neither knows it. Remembered in `memo` by the value's bytes.
    private func eventKind(_ buffer: Span<UInt8>, _ range: Range<Int>, _ memo: inout FoldMemo) -> EventKind? {
        let key = ShortValueMemo.Key(buffer, range)
        if let key, let known = memo.events.value(for: key) { return EventKind(rawValue: UInt8(known - 1)) }
        guard let kind = eventMap.event(of: buffer, range) ?? EventKind.matching(buffer.extracting(range)) else { return nil }
        if let key { memo.events.remember(UInt32(kind.rawValue) + 1, for: key) }
        return kind
    }

    /// The id of `buffer[range]` in `interner` (added if new), through `memo`; `nil` if new and not text.
    private static func intern(_ buffer: Span<UInt8>, _ range: Range<Int>, into interner: inout ByteInterner,
                               memo: inout ShortValueMemo) -> UInt32? {
        let key = ShortValueMemo.Key(buffer, range)
        if let key, let id = memo.value(for: key) { return id }
        guard let id = interner.intern(buffer.extracting(range)) else { return nil }
        if let key { memo.remember(id, for: key) }
        return id
    }

    /// The event of a status row: its status mapped by the status map, else a plain status event.
    private func statusEvent(_ row: RowView, _ buffer: Span<UInt8>) -> EventKind {
        guard !statusMap.isEmpty, let range = value(row, .status, buffer) else { return .status }
        return statusMap.event(of: buffer, range) ?? .status
    }

    /// A small unsigned decimal (at most 1,000,000), or `nil`.
    private static func count(_ buffer: Span<UInt8>, _ range: Range<Int>) -> UInt32? {
        guard range.count <= 7 else { return nil }
        var value: UInt32 = 0
        for i in range {
            guard ASCII.isDigit(buffer[i]) else { return nil }
            value = value &* 10 &+ UInt32(buffer[i] &- ASCII.zero)
        }
        return value <= 1_000_000 ? value : nil
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

    private func parseTime(_ range: Range<Int>, _ field: Field, _ buffer: Span<UInt8>, _ mapping: ColumnMapping,
                           _ dates: inout TimestampParser.DateMemo) throws(ScanError) -> Int64 {
        let bytes = buffer.extracting(range)
        let parsed = if let timeFormat {
            timeFormat.parse(bytes, zone: zone) ?? RowFolder.parseISO(bytes, zone: zone)
        } else {
            TimestampParser.parse(bytes, zone: zone, memo: &dates)
        }
        guard let t = parsed else {
            let expected = timeFormat.map { "a time in the layout '\($0.pattern)' (--time-format)" } ?? RowFolder.timestampExpectation
            let diagnosis = if let timeFormat { timeFormat.diagnosis(bytes, zone: zone) } else { TimestampParser.diagnosis(bytes, zone: zone) }
            let reason = diagnosis.map { " (\($0))" } ?? ""
            throw ScanError(kind: .invalidTimestamp, index: range.lowerBound, expected: expected,
                            found: ParseError.excerpt(buffer, range) + reason, field: mapping.label(field))
        }
        return t.microsecondsSinceEpoch
    }

    /// An RFC 3339 / ISO 8601 date-time (not an epoch number), read even when a layout is set.
    private static func parseISO(_ bytes: Span<UInt8>, zone: ZoneRule) -> Timestamp? {
        var start = 0
        while start < bytes.count, bytes[start] == ASCII.space || bytes[start] == ASCII.tab { start += 1 }
        guard bytes.count - start > 4, bytes[start + 4] == ASCII.minus else { return nil }
        return TimestampParser.parse(bytes, zone: zone)
    }

    /// The value range of `field` with surrounding spaces and tabs trimmed; `nil` when absent or null.
    ///
    /// Inlined so that an absent field (most of the ~20 asked per row) costs one bit test, not a
    /// call: measured 0.2 G fewer instructions on the 1M-row CSV log.
    @inline(__always)
    func value(_ row: RowView, _ field: Field, _ buffer: Span<UInt8>) -> Range<Int>? {
        guard let range = row.range(field) else { return nil }
        return trimmedValue(range, buffer)
    }

    /// `range` with surrounding spaces and tabs trimmed; `nil` when empty or a null spelling.
    private func trimmedValue(_ range: Range<Int>, _ buffer: Span<UInt8>) -> Range<Int>? {
        var range = range
        while range.lowerBound < range.upperBound, buffer[range.lowerBound] == ASCII.space || buffer[range.lowerBound] == ASCII.tab {
            range = (range.lowerBound + 1)..<range.upperBound
        }
        while range.lowerBound < range.upperBound, buffer[range.upperBound - 1] == ASCII.space || buffer[range.upperBound - 1] == ASCII.tab {
            range = range.lowerBound..<(range.upperBound - 1)
        }
        if range.isEmpty { return nil }
        let first = buffer[range.lowerBound]
        if range.count <= longestNull && nullFirstBytes[Int(first >> 6)] & (1 << UInt64(first & 63)) != 0 {
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
