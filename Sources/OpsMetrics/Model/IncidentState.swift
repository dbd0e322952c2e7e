/// An attribute of a record: the last non-empty value wins, "last" by the time of the row that
/// carried it (ties go to the row read later).
enum Attribute: Int, CaseIterable, Sendable {
    case service, status, priority, severity, reason, parent, kind

    init?(_ field: Field) {
        switch field {
        case .service: self = .service
        case .status: self = .status
        case .priority: self = .priority
        case .severity: self = .severity
        case .reason: self = .reason
        case .parent: self = .parent
        case .kind: self = .kind
        default: return nil
        }
    }
}

/// What is folded for one incident or ticket: first-of and last-of times and versioned attributes.
///
/// Every field folds with `min` or `max` (or a versioned last-wins), so folding is commutative
/// and associative: events may come in any order, and logs read apart can be merged.
/// Times are microseconds since the epoch; `Int64.max` marks a missing first-of time and
/// `Int64.min` a missing last-of time.
struct IncidentState: Sendable {
    static let noEarliest = Int64.max
    static let noLatest = Int64.min

    var opened = noEarliest
    var impactStart = noEarliest
    var detected = noEarliest
    var acknowledged = noEarliest
    var recovered = noLatest
    var resolvedFirst = noEarliest
    var resolvedLast = noLatest
    var reopenedLast = noLatest
    var closed = noLatest
    /// The earliest lifecycle or status event: `opened` when none was given.
    var firstActivity = noEarliest
    /// Input rows folded into this record (0 for an id seen only as somebody's parent).
    var rows: UInt32 = 0
    var reopenCount: UInt32 = 0
    /// The largest reopen counter (`reopen_count`) seen, and the earliest row time that carried
    /// it: the time of the last reopen.
    var reopenCounter: UInt32 = 0
    var reopenCounterTime = noEarliest
    /// Attribute values by `Attribute.rawValue`: interned ids, 0 for none. `parent` holds an
    /// incident index + 1; `service` a service id; the rest label ids.
    var attributes: [7 of UInt32] = .init(repeating: 0)
    /// The row time each attribute value came with.
    var versions: [7 of Int64] = .init(repeating: Int64.min)

    /// Folds one lifecycle event at time `t` (microseconds).
    mutating func apply(_ event: EventKind, at t: Int64) {
        switch event {
        case .opened: opened = min(opened, t)
        case .impactStarted: impactStart = min(impactStart, t)
        case .detected: detected = min(detected, t)
        case .acknowledged: acknowledged = min(acknowledged, t)
        case .recovered: recovered = max(recovered, t)
        case .resolved:
            resolvedFirst = min(resolvedFirst, t)
            resolvedLast = max(resolvedLast, t)
        case .reopened:
            reopenedLast = max(reopenedLast, t)
            reopenCount &+= 1
        case .closed: closed = max(closed, t)
        case .status, .note: break
        }
        if event != .note { firstActivity = min(firstActivity, t) }
    }

    /// Folds the rest of one input row, after its events: its attribute values (ids, 0 for none)
    /// and its reopen counter, all at the row's time `version`, and counts the row.
    mutating func fold(attributes values: [7 of UInt32], version: Int64, reopens: UInt32) {
        for attribute in Attribute.allCases where values[attribute.rawValue] != 0 {
            set(attribute, values[attribute.rawValue], version: version)
        }
        countReopens(reopens, at: version)
        rows &+= 1
    }

    /// Folds a reopen counter: `count` reopens had happened by the row at `t`. The record's last
    /// reopen is the first row that shows the largest count (a commutative fold: the largest count
    /// wins, then the earliest time).
    mutating func countReopens(_ count: UInt32, at t: Int64) {
        guard count > 0 else { return }
        if count > reopenCounter {
            reopenCounter = count
            reopenCounterTime = t
        } else if count == reopenCounter {
            reopenCounterTime = min(reopenCounterTime, t)
        }
    }

    /// The time of the last reopen, from `reopened` events or the reopen counter.
    var lastReopen: Int64 {
        reopenCounterTime == IncidentState.noEarliest ? reopenedLast : max(reopenedLast, reopenCounterTime)
    }

    /// Sets an attribute if `version` is not older than the value's current one.
    mutating func set(_ attribute: Attribute, _ value: UInt32, version: Int64) {
        let i = attribute.rawValue
        if version >= versions[i] {
            attributes[i] = value
            versions[i] = version
        }
    }

    subscript(_ attribute: Attribute) -> UInt32 { attributes[attribute.rawValue] }

    /// Folds another state of the same record, read later in input order.
    mutating func merge(_ other: IncidentState, attributes remapped: [7 of UInt32]) {
        opened = min(opened, other.opened)
        impactStart = min(impactStart, other.impactStart)
        detected = min(detected, other.detected)
        acknowledged = min(acknowledged, other.acknowledged)
        recovered = max(recovered, other.recovered)
        resolvedFirst = min(resolvedFirst, other.resolvedFirst)
        resolvedLast = max(resolvedLast, other.resolvedLast)
        reopenedLast = max(reopenedLast, other.reopenedLast)
        closed = max(closed, other.closed)
        firstActivity = min(firstActivity, other.firstActivity)
        rows &+= other.rows
        reopenCount &+= other.reopenCount
        countReopens(other.reopenCounter, at: other.reopenCounterTime)
        for attribute in Attribute.allCases where remapped[attribute.rawValue] != 0 {
            set(attribute, remapped[attribute.rawValue], version: other.versions[attribute.rawValue])
        }
    }
}
