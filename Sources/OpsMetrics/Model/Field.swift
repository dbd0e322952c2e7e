/// A canonical field of an incident record or event (DEFINITIONS section 1).
///
/// Input columns (CSV headers, JSON keys) are matched to fields case-insensitively, ignoring
/// spaces, `_` and `-`, through the aliases below; `--map field=column` overrides the match.
enum Field: Int, CaseIterable, Sendable, Hashable {
    case id, timestamp, event
    case opened, impactStart, detected, acknowledged, recovered, resolved, reopened, closed, firstResponse
    case service, status, priority, severity, reason, parent, kind
    /// How the problem came to be known (`monitoring`, `Phone`, `Email`, ...): ServiceNow's
    /// `contact_type`, a PagerDuty trigger's channel. See <doc:DetectionSource>.
    case detectedBy
    /// Reopens so far (a counter repeated on every row, as in ServiceNow's `reopen_count`).
    case reopenCount

    /// The canonical name, as written in documentation, `--map` and JSON output.
    var name: String {
        switch self {
        case .id: "id"
        case .timestamp: "timestamp"
        case .event: "event"
        case .opened: "opened"
        case .impactStart: "impact_start"
        case .detected: "detected"
        case .acknowledged: "acknowledged"
        case .recovered: "recovered"
        case .resolved: "resolved"
        case .reopened: "reopened"
        case .closed: "closed"
        case .firstResponse: "first_response"
        case .service: "service"
        case .status: "status"
        case .priority: "priority"
        case .severity: "severity"
        case .reason: "reason"
        case .parent: "parent"
        case .kind: "kind"
        case .detectedBy: "detected_by"
        case .reopenCount: "reopen_count"
        }
    }

    /// Column names recognised for the field, in normalized form (lower case, no spaces, `_` or `-`).
    /// The canonical name comes first and wins over an alias when both columns are present.
    var aliases: [String] {
        switch self {
        case .id: ["id", "incident", "incidentid", "incidentnumber", "number", "ticket", "ticketid", "key", "issuekey", "caseid"]
        case .timestamp: ["timestamp", "time", "ts", "occurredat", "eventtime"]
        case .event: ["event", "eventtype", "action"]
        case .opened: ["opened", "openedat", "created", "createdat", "createdon"]
        case .impactStart: ["impactstart", "impactstarted", "impactstartedat", "impactstartdate", "startedat"]
        case .detected: ["detected", "detectedat"]
        case .acknowledged: ["acknowledged", "acknowledgedat", "ackedat"]
        case .recovered: ["recovered", "recoveredat", "mitigated", "mitigatedat", "impactend", "impactendedat", "impactenddate"]
        case .resolved: ["resolved", "resolvedat", "resolvedon"]
        case .reopened: ["reopened", "reopenedat"]
        case .closed: ["closed", "closedat", "closedon"]
        case .firstResponse: ["firstresponse", "firstresponseat", "firstrespondedat", "firstreplyat", "firstrepliedat"]
        case .service: ["service", "businessservice", "component", "application", "servicename"]
        case .status: ["status", "state"]
        case .priority: ["priority"]
        case .severity: ["severity"]
        case .reason: ["reason", "cause", "category", "closecode", "rootcause"]
        case .parent: ["parent", "parentid", "parentincident"]
        case .kind: ["kind", "type", "recordtype", "tickettype"]
        case .detectedBy: ["detectedby", "detectionsource", "detectionmethod", "source", "contacttype", "channel"]
        case .reopenCount: ["reopencount", "reopens", "timesreopened"]
        }
    }

    /// The lifecycle event a timestamp column sets, for record-form input.
    var lifecycleEvent: EventKind? {
        switch self {
        case .opened: .opened
        case .impactStart: .impactStarted
        case .detected: .detected
        case .acknowledged: .acknowledged
        case .recovered: .recovered
        case .resolved: .resolved
        case .reopened: .reopened
        case .closed: .closed
        case .firstResponse: .firstResponse
        default: nil
        }
    }

    /// The field for a canonical name or alias, matched after normalization.
    static func named(_ name: String) -> Field? {
        let key = normalize(name)
        return Field.allCases.first { $0.aliases.contains(key) }
    }

    /// Lower-cases ASCII letters and drops spaces, `_`, `-` and `.`: `"Impact Start"` → `"impactstart"`.
    static func normalize(_ name: String) -> String {
        String(decoding: name.utf8.compactMap { byte -> UInt8? in
            switch byte {
            case ASCII.space, 0x5F, ASCII.minus, ASCII.period, ASCII.tab: nil
            default: ASCII.lowercased(byte)
            }
        }, as: UTF8.self)
    }
}
