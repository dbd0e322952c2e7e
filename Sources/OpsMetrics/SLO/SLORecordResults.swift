/// Every verdict of an ``SLOReport``: by objective (in configuration order), then by record id.
///
/// A collection of ``SLORecordResult`` stored as columns of integers (about 35 bytes a verdict)
/// and built one element at a time as it is read, so a report over millions of records holds
/// no string per verdict.
public struct SLORecordResults: RandomAccessCollection, Sendable {
    /// The log's record ids (record `r` has id `r + 1`).
    let ids: ByteInterner
    /// Service names by service id, `(no service)` at 0.
    let serviceNames: [String]
    /// Objective names and targets (microseconds), by objective index.
    let objectiveNames: [String]
    let targets: [Int64]

    /// One entry per verdict, in collection order.
    var record: [UInt32] = []
    var service: [UInt32] = []
    var objective: [UInt16] = []
    var verdict: [SLOVerdict.Code] = []
    var start: [Int64] = []
    /// The stop, or ``running``.
    var stop: [Int64] = []
    var elapsed: [Int64] = []

    /// The ``stop`` of a clock still running at the as-of time.
    static let running = Int64.min

    init(ids: ByteInterner, serviceNames: [String], objectiveNames: [String], targets: [Int64]) {
        self.ids = ids
        self.serviceNames = serviceNames
        self.objectiveNames = objectiveNames
        self.targets = targets
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { record.count }

    public subscript(position: Int) -> SLORecordResult {
        let objective = Int(objective[position])
        return SLORecordResult(
            id: ids.string(record[position] + 1), service: serviceNames[Int(service[position])], objective: objectiveNames[objective],
            verdict: verdict[position].verdict, start: Timestamp(microsecondsSinceEpoch: start[position]),
            stop: stop[position] == Self.running ? nil : Timestamp(microsecondsSinceEpoch: stop[position]),
            businessElapsedMicroseconds: elapsed[position], remainingMicroseconds: remaining(position))
    }

    /// Target minus elapsed: time left when positive, time over when negative.
    func remaining(_ position: Int) -> Int64 {
        targets[Int(objective[position])] - elapsed[position]
    }

    mutating func append(record: Int, service: UInt32, objective: Int, verdict: SLOVerdict.Code, start: Int64, stop: Int64?, elapsed: Int64) {
        self.record.append(UInt32(record))
        self.service.append(service)
        self.objective.append(UInt16(objective))
        self.verdict.append(verdict)
        self.start.append(start)
        self.stop.append(stop ?? Self.running)
        self.elapsed.append(elapsed)
    }

    /// Appends the entries of `other`, a collection over the same log and objectives.
    mutating func append(contentsOf other: SLORecordResults) {
        record += other.record
        service += other.service
        objective += other.objective
        verdict += other.verdict
        start += other.start
        stop += other.stop
        elapsed += other.elapsed
    }
}

extension SLOVerdict {
    /// A verdict as one byte, for ``SLORecordResults``' columns.
    enum Code: UInt8, Sendable {
        case met, breached, pending

        var verdict: SLOVerdict {
            switch self {
            case .met: .met
            case .breached: .breached
            case .pending: .pending
            }
        }
    }
}
