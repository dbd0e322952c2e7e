/// One objective's verdict for one record.
public struct SLORecordResult: Sendable, Hashable {
    /// The record's id.
    public var id: String
    /// The record's service, `(no service)` when it has none.
    public var service: String
    /// The objective's name.
    public var objective: String
    /// Met, breached or pending.
    public var verdict: SLOVerdict
    /// When the clock started (opened, or the last reopen under ``ReopenRule/newMeasurement``).
    public var start: Timestamp
    /// When it stopped; `nil` while it runs at the as-of time.
    public var stop: Timestamp?
    /// Business time used, in microseconds: up to the stop, or to the as-of time while running.
    public var businessElapsedMicroseconds: Int64
    /// Target minus elapsed, in microseconds: time left when positive, time over when negative.
    public var remainingMicroseconds: Int64
}
