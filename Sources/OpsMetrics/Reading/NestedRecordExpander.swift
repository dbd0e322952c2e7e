// NestedRecordExpander: REST API payloads (Jira issues with their changelog, PagerDuty incidents
// with log entries, Opsgenie incidents, GitHub issues) into the flat rows the fold reads.
//
// DESIGN
//
// The readers are flat: a row is a set of canonical fields. A Jira issue is not: its status
// history is an array of histories, each with an array of items. Rather than teaching the reader
// paths and arrays, a preset names an expander, and the reader hands it one nested object at a
// time (a JSON array element, an NDJSON line, or the `data` column of a DevLake raw table). The
// expander reads the object as a `JSONTree` and returns one or more records, each a list of flat
// rows: a record row (id, opened, resolved, attributes) and one event row per history entry. The
// reader folds a record's rows into a scratch log and merges it only when every row folded, so a
// record is all or nothing, like a flat row.
//
// This path allocates (a tree per object, a string per value). It is meant for API exports of
// thousands of objects, not for the streaming CSV hot path, which never comes here.

/// Turns one nested JSON object (a REST API payload) into flat rows for the fold.
struct NestedRecordExpander: Sendable {
    /// Which tool's payload shape.
    typealias Kind = NestedPayload

    /// One flat row: canonical field → value text.
    typealias Row = [(field: Field, value: String)]

    /// What one record of the payload becomes.
    enum Record: Sendable {
        /// Rows to fold, the first being the record row.
        case rows([Row])
        /// Not an incident for this preset (a GitHub pull request): counted as skipped, with why.
        case excluded(String)
    }

    let kind: Kind
    /// Status → event (the preset's and the configuration's), to tell done statuses from others.
    let statusMap: ValueMap

    /// The records in `object`: the object itself, or the objects of the array a REST page wraps
    /// them in (`issues`, `incidents`, `data`, `items`).
    func records(in object: JSONTree) -> [Record] {
        if identity(of: object) == nil {
            for key in ["issues", "incidents", "data", "items"] {
                // A page of records, possibly empty (the last page of a paginated export).
                if case .array(let elements)? = object[key], elements.allSatisfy({ if case .object = $0 { true } else { false } }) {
                    return elements.map(record)
                }
            }
        }
        return [record(object)]
    }

    /// The record id the tool uses, if the object has one.
    private func identity(of object: JSONTree) -> String? {
        switch kind {
        case .jira: object["key"]?.text ?? object["id"]?.text
        case .pagerDuty: object["incident_number"]?.text ?? object["id"]?.text
        case .opsgenie: object["tinyId"]?.text ?? object["id"]?.text
        case .github: object["number"]?.text
        }
    }

    private func record(_ object: JSONTree) -> Record {
        guard let id = identity(of: object) else { return .rows([[]]) }  // the fold reports the missing id
        switch kind {
        case .jira: return jira(object, id: id)
        case .pagerDuty: return pagerDuty(object, id: id)
        case .opsgenie: return opsgenie(object, id: id)
        case .github: return github(object, id: id)
        }
    }

    // MARK: Jira

    private func jira(_ issue: JSONTree, id: String) -> Record {
        let fields = issue["fields"] ?? .null
        var record: Row = [(.id, id)]
        func add(_ field: Field, _ value: String?) {
            if let value, !value.isEmpty { record.append((field, value)) }
        }
        add(.opened, fields["created"]?.text)
        add(.resolved, fields["resolutiondate"]?.text)
        let created = fields["created"]?.text
        let current = fields.at("status", "name")?.text
        if created == nil { add(.status, current) }
        add(.priority, fields.at("priority", "name")?.text)
        add(.kind, fields.at("issuetype", "name")?.text)
        add(.service, fields["components"]?.elements.first?["name"]?.text ?? fields.at("project", "key")?.text)
        add(.reason, fields.at("resolution", "name")?.text)
        add(.parent, fields.at("parent", "key")?.text)
        var rows = [record]
        // The status at creation is the earliest change's "from" (the current one without a change):
        // a row at the creation time, so the status history starts when the issue did, not at the
        // resolution date the record row is stamped with.
        var earliest: (instant: Timestamp, from: String?)?
        for history in issue.at("changelog", "histories")?.elements ?? [] {
            guard let time = history["created"]?.text else { continue }
            for item in history["items"]?.elements ?? [] where item["field"]?.text?.lowercased() == "status" {
                guard let to = item["toString"]?.text else { continue }
                if let instant = Timestamp(parsing: time), earliest.map({ instant < $0.instant }) ?? true {
                    earliest = (instant, item["fromString"]?.text)
                }
                let wasDone = item["fromString"]?.text.map(isDone) ?? false
                let isDoneNow = isDone(to)
                // Done to done (a workflow migration) is no resolution: a note keeps the fold's status
                // map from reading the new done status as one, and still records the status.
                let event = isDoneNow ? (wasDone ? "note" : "resolved") : (wasDone ? "reopened" : "status")
                rows.append([(.id, id), (.timestamp, time), (.event, event), (.status, to)])
            }
        }
        if let created, let status = earliest == nil ? current : earliest?.from, !status.isEmpty {
            rows.insert([(.id, id), (.timestamp, created), (.event, "note"), (.status, status)], at: 1)
        }
        return .rows(rows)
    }

    /// Whether a status means done (it maps to resolved or closed).
    private func isDone(_ status: String) -> Bool {
        let bytes = Array(status.utf8)
        let event = statusMap.event(of: bytes.span, 0..<bytes.count)
        return event == .resolved || event == .closed
    }

    // MARK: PagerDuty

    private func pagerDuty(_ incident: JSONTree, id: String) -> Record {
        var record: Row = [(.id, id)]
        func add(_ field: Field, _ value: String?) {
            if let value, !value.isEmpty { record.append((field, value)) }
        }
        let entries = incident["log_entries"]?.elements ?? []
        add(.opened, incident["created_at"]?.text)
        // The current status is no status history: with log entries, the statuses come from them
        // at their own times (triggered, acknowledged, resolved), so an incident acknowledged and
        // then escalated back to triggered still reached Acknowledged.
        if entries.isEmpty { add(.status, incident["status"]?.text) }
        add(.service, incident.at("service", "summary")?.text)
        add(.severity, incident["urgency"]?.text)
        add(.priority, incident.at("priority", "summary")?.text ?? incident.at("priority", "name")?.text)
        // Who triggered it: the channel of the earliest trigger log entry (web_trigger, api, email, ...).
        let triggers = entries.filter { $0["type"]?.text == "trigger_log_entry" }
        let firstTrigger = triggers.min { ($0["created_at"]?.text ?? "") < ($1["created_at"]?.text ?? "") }
        add(.detectedBy, firstTrigger?.at("channel", "type")?.text)
        var rows = [record]
        for acknowledgement in incident["acknowledgements"]?.elements ?? [] {
            if let at = acknowledgement["at"]?.text { rows.append([(.id, id), (.timestamp, at), (.event, "acknowledged")]) }
        }
        var resolvedByLog = false
        var latest: (instant: Timestamp, status: String)?  // the last status the log entries show
        for entry in entries {
            guard let time = entry["created_at"]?.text else { continue }
            let status: String
            switch entry["type"]?.text {
            case "trigger_log_entry", "unacknowledge_log_entry":
                status = "triggered"
                rows.append([(.id, id), (.timestamp, time), (.event, "status"), (.status, status)])
            case "acknowledge_log_entry":
                status = "acknowledged"
                rows.append([(.id, id), (.timestamp, time), (.event, "acknowledged"), (.status, status)])
            case "resolve_log_entry":
                status = "resolved"
                rows.append([(.id, id), (.timestamp, time), (.event, "resolved"), (.status, status)])
                resolvedByLog = true
            default: continue
            }
            if let instant = Timestamp(parsing: time), latest.map({ instant >= $0.instant }) ?? true { latest = (instant, status) }
        }
        // An acknowledged incident whose acknowledgement timed out is triggered again by an
        // escalation, which no log entry names as a status: the current status at its last change
        // says so (a move back, reported as one by the flow by stage).
        if let latest, let current = incident["status"]?.text?.lowercased(), current != latest.status,
            current == "triggered" || current == "acknowledged",
            let time = incident["last_status_change_at"]?.text, let changed = Timestamp(parsing: time), changed >= latest.instant
        {
            rows.append([(.id, id), (.timestamp, time), (.event, "status"), (.status, current)])
        }
        if !resolvedByLog, incident["status"]?.text == "resolved",
            let time = incident["resolved_at"]?.text ?? incident["last_status_change_at"]?.text
        {
            rows.append([(.id, id), (.timestamp, time), (.event, "resolved")])
        }
        return .rows(rows)
    }

    // MARK: Opsgenie

    private func opsgenie(_ incident: JSONTree, id: String) -> Record {
        var record: Row = [(.id, id)]
        func add(_ field: Field, _ value: String?) {
            if let value, !value.isEmpty { record.append((field, value)) }
        }
        let status = incident["status"]?.text?.lowercased()
        add(.opened, incident["createdAt"]?.text)
        add(.impactStart, incident["impactStartDate"]?.text)
        add(.recovered, incident["impactEndDate"]?.text)
        add(.status, incident["status"]?.text)
        add(.priority, incident["priority"]?.text)
        add(.service, incident["impactedServices"]?.elements.first?.text)
        let updated = incident["updatedAt"]?.text
        if status == "resolved" { add(.resolved, updated) }
        if status == "closed" {
            add(.resolved, incident["impactEndDate"]?.text ?? updated)
            add(.closed, updated)
        }
        return .rows([record])
    }

    // MARK: GitHub

    private func github(_ issue: JSONTree, id: String) -> Record {
        if issue["pull_request"] != nil { return .excluded("a pull request, not an issue") }
        var record: Row = [(.id, id)]
        func add(_ field: Field, _ value: String?) {
            if let value, !value.isEmpty { record.append((field, value)) }
        }
        add(.opened, issue["created_at"]?.text)
        add(.resolved, issue["closed_at"]?.text)
        add(.status, issue["state"]?.text)
        add(.reason, issue["labels"]?.elements.first?["name"]?.text)
        add(.service, NestedRecordExpander.repository(issue["repository_url"]?.text ?? issue["html_url"]?.text))
        return .rows([record])
    }

    /// `owner/name` from `https://api.github.com/repos/owner/name` or `https://github.com/owner/name/...`.
    static func repository(_ url: String?) -> String? {
        guard let url else { return nil }
        let parts = url.split(separator: "/").map(String.init)
        if let repos = parts.firstIndex(of: "repos"), repos + 2 < parts.count { return parts[repos + 1] + "/" + parts[repos + 2] }
        if let host = parts.firstIndex(of: "github.com"), host + 2 < parts.count { return parts[host + 1] + "/" + parts[host + 2] }
        return nil
    }
}

extension JSONTree {
    /// A tree for a JSON row the scanner split into top-level members: scalars are taken as they
    /// are (strings already unescaped), nested values parsed from their raw bytes.
    static func object(members: [JSONObjectScanner.Member], in buffer: [UInt8]) -> JSONTree? {
        var pairs: [Member] = []
        pairs.reserveCapacity(members.count)
        for member in members {
            let key = String(decoding: buffer[member.keyStart..<member.keyEnd], as: UTF8.self)
            let raw = buffer[member.valueStart..<member.valueEnd]
            let value: JSONTree
            switch member.kind {
            case .string: value = .string(String(decoding: raw, as: UTF8.self))
            case .number: value = .number(String(decoding: raw, as: UTF8.self))
            case .bool: value = .bool(raw.first == 0x74)
            case .null: value = .null
            case .object, .array:
                guard let parsed = JSONTree.parse(raw) else { return nil }
                value = parsed
            }
            pairs.append(Member(key: key, value: value))
        }
        return .object(pairs)
    }
}

extension NestedRecordExpander {
    /// Folds one record's rows into `log`, all or nothing: into a scratch log first, merged only
    /// when every row folded.
    ///
    /// - Returns: Whether any row was used (`false`: every time was after the as-of time).
    /// - Throws: The first row's `ScanError`; its index points into the scratch buffer, so the
    ///   caller relocates it to the record.
    static func fold(_ rows: [Row], folder: RowFolder, mapping: ColumnMapping, into log: inout IncidentLog) throws(ScanError) -> Bool {
        // The scratch log keeps status tables exactly when the log it merges into does: the flow by
        // status reads them, and a scratch log without a table dropped every history (issue 18).
        var scratch = log.emptyKeepingTables()
        var memo = FoldMemo()  // for `scratch` only
        var used = false
        var view = RowView()
        for row in rows {
            var bytes: [UInt8] = []
            view.clear()
            for (field, value) in row {
                let start = bytes.count
                bytes.append(contentsOf: value.utf8)
                view.set(field, start: start, end: bytes.count)
            }
            if try folder.fold(view, in: bytes.span, mapping: mapping, into: &scratch, memo: &memo) == .used { used = true }
        }
        if used {
            // Rows of one record count as one row; the scratch log's row counter is per fold.
            for index in scratch.states.indices where scratch.states[index].rows > 0 { scratch.states.setRowCount(1, of: index) }
            scratch.inputs = []
            log.merge(scratch)
        }
        return used
    }

    /// The mapping expanded rows are read with: every canonical field by its own name.
    static func canonicalMapping() -> ColumnMapping {
        var mapping = ColumnMapping()
        _ = mapping.mapHeader(Field.allCases.map(\.name))
        return mapping
    }
}
