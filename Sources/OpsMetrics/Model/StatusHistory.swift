/// One stay of a record in one status: from the first row that showed the status to the next
/// row of the record that showed a different one.
struct StatusStay: Sendable, Hashable {
    /// The status, a label id (`IncidentLog.labels`).
    var status: UInt32
    /// When the stay began, in microseconds.
    var start: Int64
    /// When the next status was first seen, in microseconds; `nil`: still in it at the end of the data.
    var end: Int64?
}

/// Every status each record was seen in, in order: what time in status and paused SLO clocks
/// need (``StatusTimes`` keeps only the first and last time per status, for the diagram).
///
/// A row of a record that carries a status is one observation (time, status). The observations
/// are kept as read, 16 bytes each, and ordered only when ``stays(count:)`` is asked: by time,
/// rows at the same time in input order. Consecutive observations of the same status are one
/// stay; two different statuses at the same time give a stay of zero length, kept so that a visit
/// is never lost. The table exists only when ``ReportConfiguration/keepsStatusHistory`` is set.
///
/// Merging appends the other log's observations after this one's, so logs merged in input order
/// (file parts, nested payload records) order ties as one pass over the input does.
struct StatusHistory: Sendable {
    /// Record index, time (microseconds) and status label id of each observation, in input order.
    private(set) var records: [UInt32] = []
    private(set) var times: [Int64] = []
    private(set) var statuses: [UInt32] = []

    init() {}

    /// The number of observations.
    var count: Int { records.count }

    /// Notes that `record` was seen in `status` (a label id, not 0) at `t`.
    mutating func note(record: Int, status: UInt32, at t: Int64) {
        records.append(UInt32(truncatingIfNeeded: record))
        times.append(t)
        statuses.append(status)
    }

    /// The stays of every record, `result[record]`, in time order.
    func stays(count: Int) -> [[StatusStay]] {
        // Group the observations by record (a counting sort keeps input order within a record),
        // then order each record's by time with a stable sort.
        var starts = [Int](repeating: 0, count: count + 1)
        for record in records where Int(record) < count { starts[Int(record) + 1] += 1 }
        for i in 0..<count { starts[i + 1] += starts[i] }
        var next = starts
        var order = [Int](repeating: 0, count: starts[count])
        for (i, record) in records.enumerated() where Int(record) < count {
            order[next[Int(record)]] = i
            next[Int(record)] += 1
        }
        var result = [[StatusStay]](repeating: [], count: count)
        for record in 0..<count where starts[record + 1] > starts[record] {
            var observations = Array(order[starts[record]..<starts[record + 1]])
            if observations.count > 1 {
                // Stable: ties keep input order (the indices grow within a record).
                observations.sort { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
            }
            var stays: [StatusStay] = []
            for i in observations {
                if let last = stays.last, last.status == statuses[i] { continue }
                if !stays.isEmpty { stays[stays.count - 1].end = times[i] }
                stays.append(StatusStay(status: statuses[i], start: times[i], end: nil))
            }
            result[record] = stays
        }
        return result
    }

    /// Appends `other`'s observations: `recordOfOther[i]` is this log's index of the other's
    /// record `i`, `labelOfOther[l]` this log's id of the other's label `l`.
    mutating func append(_ other: StatusHistory, recordOfOther: [Int], labelOfOther: [UInt32]) {
        records.reserveCapacity(records.count + other.count)
        for i in 0..<other.count {
            let record = Int(other.records[i])
            let label = Int(other.statuses[i])
            guard record < recordOfOther.count, label < labelOfOther.count, labelOfOther[label] != 0 else { continue }
            note(record: recordOfOther[record], status: labelOfOther[label], at: other.times[i])
        }
    }
}
