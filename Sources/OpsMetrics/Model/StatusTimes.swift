/// The first and last time each record was seen in each status: what the cumulative flow
/// diagram by status needs, and nothing more.
///
/// A status-history changelog can hold dozens of rows per record; the diagram only asks when a
/// record first reached each stage (a high-water mark) and whether it ever moved back, which
/// the first and last time per status answer whatever the row order: a record moved back from
/// stage `s` to an earlier stage `s′` exactly when some status of `s` was first seen before some
/// status of `s′` was last seen. Statuses, not stages, are stored, so the status → stage map is
/// applied when the report is computed and logs read apart merge whatever map is used later.
///
/// The table exists only when ``ReportConfiguration/keepsStatusTimes`` is set; otherwise the
/// fold keeps nothing per status. Entries fold with `min`/`max`, so merging is associative and
/// commutative.
struct StatusTimes: Sendable {
    /// First and last time (microseconds) a record was seen in one status.
    struct Span: Sendable, Hashable {
        var first: Int64
        var last: Int64
    }

    /// Spans by `record index << 32 | status label id`.
    private(set) var spans: [UInt64: Span] = [:]

    init() {}

    static func key(record: Int, status: UInt32) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: record)) << 32 | UInt64(status) }

    /// Notes that `record` was in `status` (a label id) at `t`.
    mutating func note(record: Int, status: UInt32, at t: Int64) {
        note(key: StatusTimes.key(record: record, status: status), Span(first: t, last: t))
    }

    mutating func note(key: UInt64, _ span: Span) {
        if let known = spans[key] {
            spans[key] = Span(first: min(known.first, span.first), last: max(known.last, span.last))
        } else {
            spans[key] = span
        }
    }

    /// The statuses of every record: `result[record]` lists (status label id, span), by label id.
    func byRecord(count: Int) -> [[(status: UInt32, span: Span)]] {
        var result = [[(status: UInt32, span: Span)]](repeating: [], count: count)
        for (key, span) in spans {
            let record = Int(key >> 32)
            guard record < count else { continue }
            result[record].append((UInt32(truncatingIfNeeded: key), span))
        }
        for index in result.indices where result[index].count > 1 {
            result[index].sort { $0.status < $1.status }
        }
        return result
    }
}

extension IncidentLog {
    /// Notes a status value seen on a row of `record` at `t`, in the status times and the status
    /// history when they are kept.
    mutating func noteStatusTime(record: Int, status: UInt32, at t: Int64) {
        guard status != 0 else { return }
        statusTimes?.note(record: record, status: status, at: t)
        statusHistory?.note(record: record, status: status, at: t)
    }

    /// An empty log that keeps the same per-status tables as this one (for a file part or a
    /// nested payload's scratch log, merged into this one later).
    func emptyKeepingTables() -> IncidentLog {
        var log = IncidentLog()
        if statusTimes != nil { log.statusTimes = StatusTimes() }
        if statusHistory != nil { log.statusHistory = StatusHistory() }
        return log
    }

    /// Folds the status times of `other` into this log's: `recordOfOther[i]` is this log's index
    /// of the other's record `i`; labels are interned into this log's table.
    mutating func mergeStatusTimes(of other: IncidentLog, recordOfOther: [Int]) {
        guard let theirs = other.statusTimes else { return }
        var mine = statusTimes ?? StatusTimes()
        var labelOfOther: [UInt32: UInt32] = [:]
        for (key, span) in theirs.spans {
            let record = Int(key >> 32)
            let label = UInt32(truncatingIfNeeded: key)
            guard record < recordOfOther.count else { continue }
            let own: UInt32
            if let known = labelOfOther[label] {
                own = known
            } else {
                own = labels.intern(other.labels.bytes(label).span) ?? 0
                labelOfOther[label] = own
            }
            guard own != 0 else { continue }
            mine.note(key: StatusTimes.key(record: recordOfOther[record], status: own), span)
        }
        statusTimes = mine
    }
}
