extension IncidentLog {
    /// The log as a state file: everything it folded, so that logs written apart (a month, a
    /// shard) can be merged later without reading their events again (see <doc:StateFiles>).
    ///
    /// Reading the bytes back (``init(stateFile:path:)``) gives the same log: merging state files
    /// in the order their inputs would have been read gives the report of reading those inputs at
    /// once, every number equal.
    public func stateFileBytes() -> [UInt8] {
        var writer = StateWriter()
        for interner in [ids, services, labels] {
            writer.append(UInt64(interner.count))
            for id in 0..<interner.count { writer.append(bytes: interner.bytes(UInt32(id + 1))) }
        }
        writer.append(UInt64(states.count))
        writer.reserve(states.count * 8 * 26)  // at most: 26 columns of up to 8 bytes
        var columns = states.inStateFileForm()  // forEachColumn is only mutating by its signature
        columns.forEachColumn({ column in IncidentLog.write(column.isAllocated, count: states.count, { column[$0] }, to: &writer) },
                              { column in IncidentLog.write(column.isAllocated, count: states.count, { column[$0] }, to: &writer) })
        writer.append(UInt64(resolutionHistories.count))
        for record in resolutionHistories.keys.sorted() {
            let history = resolutionHistories[record]!
            writer.append(UInt64(record))
            writer.append(UInt64(history.resolutions.count))
            for t in history.resolutions { writer.append(t) }
            writer.append(UInt64(history.reopenEvents.count))
            for t in history.reopenEvents { writer.append(t) }
            writer.append(UInt64(history.counterReopens.count))
            for (count, t) in history.counterReopens.sorted(by: { $0.key < $1.key }) {
                writer.append(count)
                writer.append(t)
            }
        }
        writer.append(statusTimes != nil)
        if let statusTimes {
            writer.append(UInt64(statusTimes.spans.count))
            for (key, span) in statusTimes.spans.sorted(by: { $0.key < $1.key }) {
                writer.append(key)
                writer.append(span.first)
                writer.append(span.last)
            }
        }
        writer.append(statusHistory != nil)
        if let statusHistory {
            writer.append(UInt64(statusHistory.count))
            for i in 0..<statusHistory.count {
                writer.append(statusHistory.records[i])
                writer.append(statusHistory.times[i])
                writer.append(statusHistory.statuses[i])
            }
        }
        writer.append(earliest)
        writer.append(latest)
        writer.append(UInt64(accounting.rowsRead))
        writer.append(UInt64(accounting.rowsUsed))
        writer.append(UInt64(accounting.skipped.count))
        for (reason, skip) in accounting.skipped.sorted(by: { $0.key < $1.key }) {
            writer.append(reason)
            writer.append(UInt64(skip.count))
            writer.append(skip.firstMessage)
            writer.append(UInt64(skip.firstLocations.count))
            for location in skip.firstLocations { writer.append(location) }
        }
        writer.append(UInt64(inputs.count))
        for input in inputs { writer.append(input) }
        return writer.finish()
    }

    /// Reads a state file written by ``stateFileBytes()``.
    ///
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - path: The file's name, for messages.
    /// - Throws: `.invalidState` for anything but an intact state file of this version: another
    ///   file, a truncated or corrupted one (its checksum), another version, or values that do not
    ///   fit together. Never a log that would give a wrong report.
    public init(stateFile bytes: [UInt8], path: String) throws(OpsMetricsError) {
        do throws(StateReader.Failure) {
            var reader = try StateReader(bytes)
            self.init()
            try read(&reader)
            guard reader.isAtEnd else { throw reader.failure("unexpected bytes after the last section") }
        } catch {
            throw .invalidState(path: path, offset: error.offset, reason: error.reason)
        }
    }

    /// Reads a state file from `path` (`-` for standard input; a pipe or FIFO works as a file does).
    public init(contentsOfStateFile path: String) throws(OpsMetricsError) {
        var input = try InputSource(opening: path)
        // The magic first, so a CSV given by mistake is refused without reading all of it.
        let (head, _) = try input.prefix(maxBytes: StateFileFormat.magic.count)
        let bytes = head == StateFileFormat.magic ? try input.prefix(maxBytes: Int.max - 1).bytes : head
        try self.init(stateFile: bytes, path: path)
    }

    /// Writes a column: whether it is allocated, then, if it is, the value of each of `count` records.
    private static func write<T: FixedWidthInteger>(_ isAllocated: Bool, count: Int, _ value: (Int) -> T, to writer: inout StateWriter) {
        writer.append(isAllocated)
        guard isAllocated else { return }
        writer.append(count: count, value)
    }

    private mutating func read(_ reader: inout StateReader) throws(StateReader.Failure) {
        for which in 0..<3 {
            let count = try reader.readCount(itemSize: 8, what: "strings")
            var interner = ByteInterner()
            interner.reserveCapacity(count)
            for expected in 0..<count {
                let start = reader.offset
                let value = try reader.readBytes(what: "a string")
                guard let id = interner.intern(value.span), Int(id) == expected + 1 else {
                    throw StateReader.Failure(offset: start, reason: "a string that is not text, or repeated")
                }
            }
            switch which {
            case 0: ids = interner
            case 1: services = interner
            default: labels = interner
            }
        }
        let count = try reader.readCount(itemSize: 0, what: "records")
        guard count == ids.count else { throw reader.failure("\(count) records for \(ids.count) ids") }
        for _ in 0..<count { states.appendEmpty() }
        // Numbers: rows, reopen count, reopen counter, then the attributes in `Attribute` order.
        let attributeLimits = Attribute.allCases.map { attribute in
            switch attribute {
            case .service: services.count
            case .parent: ids.count
            default: labels.count
            }
        }
        var numberColumn = 0
        try states.forEachColumn({ (column: inout TimeColumn) throws(StateReader.Failure) in
            guard try reader.readFlag() else { return }
            for record in 0..<count { column.set(try IncidentLog.readTime(&reader, sentinelsAllowed: true), at: record) }
        }, { (column: inout LazyColumn<UInt32>) throws(StateReader.Failure) in
            let limit = numberColumn >= 3 ? attributeLimits[numberColumn - 3] : Int(UInt32.max)
            numberColumn += 1
            guard try reader.readFlag() else { return }
            for record in 0..<count {
                let value = try reader.read(UInt32.self)
                guard value <= limit else { throw StateReader.Failure(offset: reader.offset - 4, reason: "a value id \(value) past the \(limit) strings") }
                column.set(value, at: record)
            }
        })
        if let failure = states.leaveStateFileForm() {
            throw reader.failure(failure)
        }
        for _ in 0..<(try reader.readCount(itemSize: 32, what: "resolution histories")) {
            let record = try readRecord(&reader)
            var history = ResolutionHistory()
            for _ in 0..<(try reader.readCount(itemSize: 8, what: "resolutions")) { history.insert(.resolved, at: try IncidentLog.readTime(&reader)) }
            for _ in 0..<(try reader.readCount(itemSize: 8, what: "reopens")) { history.insert(.reopened, at: try IncidentLog.readTime(&reader)) }
            for _ in 0..<(try reader.readCount(itemSize: 12, what: "reopen counters")) {
                let value = try reader.read(UInt32.self)
                history.noteCounter(value, at: try IncidentLog.readTime(&reader))
            }
            resolutionHistories[record] = history
        }
        if try reader.readFlag() {
            var times = StatusTimes()
            for _ in 0..<(try reader.readCount(itemSize: 24, what: "status times")) {
                let key = try reader.read(UInt64.self)
                guard Int(key >> 32) < count, isLabel(UInt32(truncatingIfNeeded: key)) else {
                    throw StateReader.Failure(offset: reader.offset - 8, reason: "a status time of an unknown record or status")
                }
                times.note(key: key, StatusTimes.Span(first: try IncidentLog.readTime(&reader), last: try IncidentLog.readTime(&reader)))
            }
            statusTimes = times
        }
        if try reader.readFlag() {
            var history = StatusHistory()
            for _ in 0..<(try reader.readCount(itemSize: 16, what: "status observations")) {
                let record = Int(try reader.read(UInt32.self))
                let t = try IncidentLog.readTime(&reader)
                let status = try reader.read(UInt32.self)
                guard record < count, isLabel(status) else {
                    throw StateReader.Failure(offset: reader.offset - 16, reason: "a status observation of an unknown record or status")
                }
                history.note(record: record, status: status, at: t)
            }
            statusHistory = history
        }
        earliest = try IncidentLog.readTime(&reader, sentinelsAllowed: true)
        latest = try IncidentLog.readTime(&reader, sentinelsAllowed: true)
        accounting.rowsRead = Int(clamping: try reader.read(UInt64.self))
        accounting.rowsUsed = Int(clamping: try reader.read(UInt64.self))
        guard accounting.rowsUsed <= accounting.rowsRead else { throw reader.failure("more rows used (\(accounting.rowsUsed)) than read (\(accounting.rowsRead))") }
        var unaccounted = accounting.rowsRead - accounting.rowsUsed  // the skips must add up to it
        for _ in 0..<(try reader.readCount(itemSize: 32, what: "skip reasons")) {
            let reason = try reader.readString(what: "a skip reason")
            guard accounting.skipped[reason] == nil else { throw reader.failure("the skip reason '\(reason)' twice") }
            let skipped = try reader.read(UInt64.self)
            guard skipped <= UInt64(unaccounted) else { throw reader.failure("more rows skipped than read and not used") }
            unaccounted -= Int(skipped)
            let message = try reader.readString(what: "a skip message")
            var locations: [String] = []
            for _ in 0..<(try reader.readCount(itemSize: 8, what: "skip locations")) { locations.append(try reader.readString(what: "a location")) }
            accounting.skipped[reason] = InputAccounting.Skip(count: Int(skipped), firstLocations: locations, firstMessage: message)
        }
        guard unaccounted == 0 else {
            throw reader.failure("the row counts do not add up: \(accounting.rowsRead) read, \(accounting.rowsUsed) used, \(accounting.rowsSkipped) skipped")
        }
        for _ in 0..<(try reader.readCount(itemSize: 8, what: "inputs")) { inputs.append(try reader.readString(what: "an input name")) }
    }

    /// A record index, checked against the records read.
    private func readRecord(_ reader: inout StateReader) throws(StateReader.Failure) -> Int {
        let record = try reader.read(UInt64.self)
        guard record < UInt64(states.count) else { throw StateReader.Failure(offset: reader.offset - 8, reason: "record \(record) past the \(states.count) records") }
        return Int(record)
    }

    /// Whether `id` names a label read (1...count).
    private func isLabel(_ id: UInt32) -> Bool {
        id >= 1 && Int(id) <= labels.count
    }

    /// A time in microseconds within the years a timestamp may have (or a column's "none" marker,
    /// `Int64.min` or `Int64.max`, when `sentinelsAllowed`), so no later arithmetic can overflow.
    private static func readTime(_ reader: inout StateReader, sentinelsAllowed: Bool = false) throws(StateReader.Failure) -> Int64 {
        let t = try reader.read(Int64.self)
        guard TimestampParser.supportedRange.contains(t) || (sentinelsAllowed && (t == .min || t == .max)) else {
            throw StateReader.Failure(offset: reader.offset - 8, reason: "a time of \(t) µs, outside the years 0000 to 9999")
        }
        return t
    }
}
