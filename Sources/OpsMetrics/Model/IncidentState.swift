/// An attribute of a record: the last non-empty value wins, "last" by the time of the row that
/// carried it (ties go to the row read later).
enum Attribute: Int, CaseIterable, Sendable {
    case service, status, priority, severity, reason, parent, kind, detectedBy

    /// The field that carries the attribute.
    var field: Field {
        switch self {
        case .service: .service
        case .status: .status
        case .priority: .priority
        case .severity: .severity
        case .reason: .reason
        case .parent: .parent
        case .kind: .kind
        case .detectedBy: .detectedBy
        }
    }
}

/// One value per ``Attribute``, by its raw value: label or service ids, or their versions.
typealias AttributeValues<Value> = [8 of Value]

/// What is folded for one incident or ticket: first-of and last-of times and versioned attributes.
///
/// A log keeps these by field (`IncidentStates`, which does the folding); this is one record's
/// state read from there. Every field folds with `min` or `max` (or a versioned last-wins), see
/// `EventKind` and `IncidentStates`. Times are microseconds since the epoch; `Int64.max` marks a missing first-of time and
/// `Int64.min` a missing last-of time.
struct IncidentState: Sendable {
    static let noEarliest = Int64.max
    static let noLatest = Int64.min

    var opened = noEarliest
    var impactStart = noEarliest
    var detected = noEarliest
    var acknowledged = noEarliest
    /// The first response to the requester (`first_response`), for the SLO clock of that name.
    var firstResponse = noEarliest
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
    var attributes: AttributeValues<UInt32> = .init(repeating: 0)
    /// The row time each attribute value came with.
    var versions: AttributeValues<Int64> = .init(repeating: Int64.min)

    /// The time of the last reopen, from `reopened` events or the reopen counter.
    var lastReopen: Int64 {
        reopenCounterTime == IncidentState.noEarliest ? reopenedLast : max(reopenedLast, reopenCounterTime)
    }

    subscript(_ attribute: Attribute) -> UInt32 { attributes[attribute.rawValue] }
}
