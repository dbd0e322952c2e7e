/// A record's times and attributes at the as-of time, with DEFINITIONS section 1's defaults
/// applied: `opened` falls back to the first activity, `impact_start` to `min(opened, detected)`,
/// `detected` to `opened`, `recovered` to `resolved`. Times are microseconds since the epoch.
struct IncidentFacts: Sendable {
    /// The record's index in the log.
    var index: Int32
    var service: UInt32
    var reason: UInt32
    /// The parent record's index, when the parent is a record of the log; -1 for none.
    private var parentIndex: Int32
    /// The `detected_by` label id, 0 for none.
    var detectedBy: UInt32
    // The four flags below share a byte, which keeps the value at 72 bytes.
    private var flags: UInt8 = 0
    var issues: RecordIssues
    var opened: Int64
    var impactStart: Int64
    var detected: Int64
    // Optional times are stored with a sentinel (`Int64.min`) to keep the value small.
    private var acknowledgedTime: Int64
    private var recoveredTime: Int64
    private var resolvedTime: Int64

    private static let none = Int64.min

    var isMaintenance: Bool {
        get { flag(0) }
        set { setFlag(0, newValue) }
    }
    var isFailure: Bool {
        get { flag(1) }
        set { setFlag(1, newValue) }
    }
    /// `impact_start` was in the data (not a default).
    var hasImpactStart: Bool {
        get { flag(2) }
        set { setFlag(2, newValue) }
    }
    /// `detected` was in the data.
    var hasDetected: Bool {
        get { flag(3) }
        set { setFlag(3, newValue) }
    }

    private func flag(_ bit: UInt8) -> Bool { flags & (1 << bit) != 0 }
    private mutating func setFlag(_ bit: UInt8, _ value: Bool) {
        flags = value ? flags | (1 << bit) : flags & ~(1 << bit)
    }

    var acknowledged: Int64? { acknowledgedTime == Self.none ? nil : acknowledgedTime }
    /// The end of impact; `nil` while the outage goes on at the as-of time.
    var recovered: Int64? { recoveredTime == Self.none ? nil : recoveredTime }
    /// The full (last) resolution; `nil` while the record is open (never resolved, or reopened since).
    var resolved: Int64? { resolvedTime == Self.none ? nil : resolvedTime }
    var parent: Int? { parentIndex < 0 ? nil : Int(parentIndex) }

    /// Whether the record has a usable outage interval `[impactStart, recovered ?? T)`.
    var hasOutage: Bool { !issues.contains(.recoveredBeforeImpactStart) }

    /// The effective view of `state`, or `nil` for a record with no lifecycle event (only
    /// notes, or only named as a parent).
    /// - Parameter maintenanceKinds: The label ids that spell `maintenance` (in any case).
    init?(index: Int, state: IncidentState, maintenanceKinds: Set<UInt32>) {
        guard state.rows > 0, state.firstActivity != IncidentState.noEarliest else { return nil }
        func given(_ t: Int64) -> Int64? {
            t == IncidentState.noEarliest || t == IncidentState.noLatest ? nil : t
        }
        self.index = Int32(truncatingIfNeeded: index)
        service = state[.service]
        let opened = given(state.opened) ?? state.firstActivity
        self.opened = opened
        let detected = given(state.detected) ?? opened
        self.detected = detected
        let impactStart = given(state.impactStart) ?? min(opened, detected)
        self.impactStart = impactStart
        acknowledgedTime = given(state.acknowledged) ?? Self.none
        let reopened = given(state.lastReopen)
        var resolved = given(state.resolvedLast)
        if let r = reopened, let last = resolved, r > last { resolved = nil }
        var recovered = given(state.recovered) ?? given(state.resolvedLast)
        if let r = reopened, let end = recovered, r > end {
            // Reopened after the impact ended: the outage resumed, and ends only at a later resolution.
            recovered = resolved
        }
        resolvedTime = resolved ?? Self.none
        recoveredTime = recovered ?? Self.none
        reason = state[.reason]
        detectedBy = state[.detectedBy]
        let parent = Int(state[.parent]) - 1
        parentIndex = parent < 0 || parent == index ? -1 : Int32(truncatingIfNeeded: parent)
        issues = RecordIssues()
        isMaintenance = maintenanceKinds.contains(state[.kind])
        isFailure = !isMaintenance
        hasDetected = given(state.detected) != nil
        hasImpactStart = given(state.impactStart) != nil
        if let end = recovered, end < impactStart { issues.insert(.recoveredBeforeImpactStart) }
        if let end = resolved, end < opened { issues.insert(.resolvedBeforeOpened) }
        if hasDetected && hasImpactStart && detected < impactStart { issues.insert(.detectedBeforeImpactStart) }
        if let ack = acknowledged, ack < detected { issues.insert(.acknowledgedBeforeDetected) }
        // Against the effective detection time: a recovery before the ticket was even opened
        // gives no repair time, and says so rather than dropping the sample in silence.
        if let end = recovered, end < detected { issues.insert(.recoveredBeforeDetected) }
        if let closed = given(state.closed), closed < opened { issues.insert(.closedBeforeOpened) }
    }
}

/// The issues of one record, as a bit set (no allocation per record).
struct RecordIssues: Sendable, Hashable, Sequence {
    private var bits: UInt8 = 0

    func contains(_ issue: RecordIssueKind) -> Bool { bits & (1 << issue.rawValue) != 0 }
    mutating func insert(_ issue: RecordIssueKind) { bits |= 1 << issue.rawValue }

    func makeIterator() -> some IteratorProtocol<RecordIssueKind> {
        RecordIssueKind.allCases.lazy.filter { self.contains($0) }.makeIterator()
    }
}

/// A contradiction in a record's times, and what it keeps the record out of.
enum RecordIssueKind: UInt8, CaseIterable, Sendable, Hashable {
    case recoveredBeforeImpactStart, resolvedBeforeOpened, detectedBeforeImpactStart
    case acknowledgedBeforeDetected, recoveredBeforeDetected, closedBeforeOpened

    var identifier: String {
        switch self {
        case .recoveredBeforeImpactStart: "recovered_before_impact_start"
        case .resolvedBeforeOpened: "resolved_before_opened"
        case .detectedBeforeImpactStart: "detected_before_impact_start"
        case .acknowledgedBeforeDetected: "acknowledged_before_detected"
        case .recoveredBeforeDetected: "recovered_before_detected"
        case .closedBeforeOpened: "closed_before_opened"
        }
    }

    var effect: String {
        switch self {
        case .recoveredBeforeImpactStart: "left out of downtime, failures and MTTR"
        case .resolvedBeforeOpened: "left out of time to resolve"
        case .detectedBeforeImpactStart: "left out of MTTD"
        case .acknowledgedBeforeDetected: "left out of MTTA"
        case .recoveredBeforeDetected: "left out of MTTR (repair)"
        case .closedBeforeOpened: "reported only"
        }
    }
}
