/// A lifecycle event of an incident (DEFINITIONS section 1), and the record field it sets.
///
/// | event | sets | fold |
/// |---|---|---|
/// | opened | opened | first (earliest) |
/// | impact_started | impact_start | first |
/// | detected | detected | first |
/// | acknowledged | acknowledged | first |
/// | recovered | recovered (impact end) | last (latest) |
/// | resolved | resolved | last; the first resolution is kept too |
/// | reopened | reopen time | last; a reopen after the last resolution makes the record open |
/// | closed | closed | last |
/// | first_response | first response (a first reply to the requester) | first |
/// | status | the status attribute | counts as activity (it can supply `opened`) |
/// | note | nothing | notes alone make no incident |
enum EventKind: UInt8, CaseIterable, Sendable, Hashable {
    case opened, impactStarted, detected, acknowledged, recovered, resolved, reopened, closed, firstResponse, status, note

    var name: String {
        switch self {
        case .opened: "opened"
        case .impactStarted: "impact_started"
        case .detected: "detected"
        case .acknowledged: "acknowledged"
        case .recovered: "recovered"
        case .resolved: "resolved"
        case .reopened: "reopened"
        case .closed: "closed"
        case .firstResponse: "first_response"
        case .status: "status"
        case .note: "note"
        }
    }

    /// Accepted spellings, normalized as `Field.normalize` does.
    var spellings: [String] {
        switch self {
        case .opened: ["opened", "open", "create", "created", "trigger", "triggered"]
        case .impactStarted: ["impactstarted", "impactstart", "start", "started"]
        case .detected: ["detected", "detect"]
        case .acknowledged: ["acknowledged", "acknowledge", "ack", "acked"]
        case .recovered: ["recovered", "recover", "mitigated", "mitigate"]
        case .resolved: ["resolved", "resolve"]
        case .reopened: ["reopened", "reopen"]
        case .closed: ["closed", "close"]
        case .firstResponse: ["firstresponse", "firstresponded", "firstreply", "firstreplied", "responded", "replied"]
        case .status: ["status", "statuschange", "statuschanged"]
        case .note: ["note", "comment"]
        }
    }

    /// Every accepted spelling, for error messages.
    static let expectedList = "one of opened, impact_started, detected, acknowledged, recovered, resolved, reopened, closed, first_response, status, note (or an alias)"

    /// Matches a value's bytes case-insensitively, ignoring spaces, `_` and `-`. No allocation.
    static func matching(_ bytes: Span<UInt8>) -> EventKind? {
        var normalized: (UInt64, UInt64) = (0, 0)  // up to 16 significant bytes, packed
        var count = 0
        for index in bytes.indices {
            let byte = bytes[index]
            switch byte {
            case ASCII.space, 0x5F, ASCII.minus, ASCII.tab: continue
            default: break
            }
            if count == 16 { return nil }
            let lower = UInt64(ASCII.lowercased(byte))
            if count < 8 { normalized.0 |= lower << (8 * UInt64(count)) } else { normalized.1 |= lower << (8 * UInt64(count - 8)) }
            count += 1
        }
        for entry in table where entry.key == normalized && entry.length == count {
            return entry.kind
        }
        return nil
    }

    private struct Entry: Sendable {
        var key: (UInt64, UInt64)
        var length: Int
        var kind: EventKind
    }

    private static let table: [Entry] = EventKind.allCases.flatMap { kind in
        kind.spellings.map { spelling in
            var key: (UInt64, UInt64) = (0, 0)
            for (i, byte) in spelling.utf8.enumerated() {
                if i < 8 { key.0 |= UInt64(byte) << (8 * UInt64(i)) } else { key.1 |= UInt64(byte) << (8 * UInt64(i - 8)) }
            }
            return Entry(key: key, length: spelling.utf8.count, kind: kind)
        }
    }
}
