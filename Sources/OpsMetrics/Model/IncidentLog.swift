/// Incidents folded from event logs: the accumulator between reading and reporting.
///
/// An `IncidentLog` holds one small state per incident (first-of and last-of times, versioned
/// attributes), never the events themselves, so its memory grows with the number of incidents
/// and not with the number of events. Logs read from separate files, chunks or shards combine
/// with ``merge(_:)``, which is associative: merging logs equals reading their inputs one after
/// the other.
///
/// ```swift
/// var log = try IncidentLog(contentsOfFile: "incidents.csv", configuration: configuration)
/// log.merge(try IncidentLog(contentsOfFile: "more.ndjson", configuration: configuration))
/// let report = ReliabilityReport(log: log, configuration: configuration)
/// ```
public struct IncidentLog: Sendable {
    var ids = ByteInterner()
    var services = ByteInterner()
    var labels = ByteInterner()
    /// One state per interned id, at index `id - 1`.
    var states = IncidentStates()
    /// Every resolution and reopen time of the records that have a reopen or two distinct
    /// resolution times, by record index (see `ResolutionHistory`).
    var resolutionHistories: [Int: ResolutionHistory] = [:]
    /// First and last time per record and status, only when `ReportConfiguration.keepsStatusTimes`
    /// is set (see `StatusTimes`).
    var statusTimes: StatusTimes?
    /// Every status observation in order, only when `ReportConfiguration.keepsStatusHistory` is
    /// set (see `StatusHistory`).
    var statusHistory: StatusHistory?
    /// The earliest and latest timestamps folded, in microseconds (the span of the data).
    var earliest = Int64.max
    var latest = Int64.min
    /// How every input row was used.
    public internal(set) var accounting = InputAccounting()
    /// The names of the inputs read, in order.
    public internal(set) var inputs: [String] = []

    /// An empty log.
    public init() {}

    /// The number of distinct record ids seen (including ids seen only as a parent).
    public var recordCount: Int { states.count }

    /// The time of the latest event folded; `nil` for a log with none.
    public var latestEventTime: Timestamp? { latest == Int64.min ? nil : Timestamp(microsecondsSinceEpoch: latest) }

    /// The index of the record with id `bytes`, adding an empty state if new; nil if not UTF-8.
    mutating func index(of bytes: Span<UInt8>) -> Int? {
        guard let id = ids.intern(bytes) else { return nil }
        let index = Int(id) - 1
        if index == states.count { states.appendEmpty() }
        return index
    }

    mutating func noteTime(_ t: Int64) {
        earliest = min(earliest, t)
        latest = max(latest, t)
    }

    /// Folds `other` into this log, as if its inputs had been read after this log's.
    ///
    /// - Complexity: O(records and distinct values of `other`).
    public mutating func merge(_ other: consuming IncidentLog) {
        if inputs.isEmpty && states.isEmpty && accounting.rowsRead == 0 {
            self = other  // nothing read yet: take the other log as it is
            return
        }
        let known = states.count
        let idOfOther = ids.interning(other.ids)  // new ids in the other's order, so their states append in order below
        other.ids = ByteInterner()  // mapped: released before this log's states grow
        FreedMemory.release()
        let serviceOfOther = services.interning(other.services)
        let labelOfOther = labels.interning(other.labels)
        let histories = other.resolutionHistories
        let recordsWithHistory = histories.keys.sorted()  // walked in step with the records, not looked up at each
        var nextWithHistory = 0
        func idsOfOther(_ attribute: Attribute) -> [UInt32] {
            switch attribute {
            case .service: serviceOfOther
            case .parent: idOfOther
            default: labelOfOther
            }
        }
        var first = 0  // the other's index of the first record its table still holds
        var segments = 0
        var (sources, targets) = ([Int](), [Int]())
        // The other's states go a segment at a time, each released once merged. A record this
        // log has not seen, and with no resolution history, is copied column by column.
        while !other.states.isEmpty {
            segments += 1
            if segments % FreedMemory.segmentsBetweenReleases == 0 { FreedMemory.release() }
            sources.removeAll(keepingCapacity: true)
            targets.removeAll(keepingCapacity: true)
            let size = Swift.min(other.states.count, LazyColumn<Int64>.segmentSize)  // the records of its first segment
            for local in 0..<size {
                let index = first + local
                let target = Int(idOfOther[index + 1]) - 1
                if target == states.count { states.appendEmpty() }
                var theirHistory: ResolutionHistory? = nil
                if nextWithHistory < recordsWithHistory.count && recordsWithHistory[nextWithHistory] == index {
                    theirHistory = histories[index]
                    nextWithHistory += 1
                }
                if target >= known && theirHistory == nil {
                    sources.append(local)
                    targets.append(target)
                    continue
                }
                let state = other.states[local]
                var remapped: AttributeValues<UInt32> = .init(repeating: 0)
                for attribute in Attribute.allCases {
                    remapped[attribute.rawValue] = idsOfOther(attribute)[Int(state[attribute])]
                }
                mergeResolutionHistory(record: target, mine: states[target], theirs: state, theirHistory: theirHistory)
                states.merge(state, attributes: remapped, into: target)
            }
            states.copy(sources, of: other.states, to: targets, ids: idsOfOther)
            first += size
            other.states.dropFirstSegment()
        }
        if other.statusTimes != nil || other.statusHistory != nil {
            let indexOfOther = idOfOther.dropFirst().map { Int($0) - 1 }
            mergeStatusTimes(of: other, recordOfOther: indexOfOther)
            if let theirs = other.statusHistory {
                var mine = statusHistory ?? StatusHistory()
                mine.append(theirs, recordOfOther: indexOfOther, labelOfOther: labelOfOther)
                statusHistory = mine
            }
        }
        earliest = min(earliest, other.earliest)
        latest = max(latest, other.latest)
        accounting.merge(other.accounting)
        inputs += other.inputs
    }
}
