// The preset catalog. Each entry says what it assumes and how it was checked; the DocC article
// Presets.md lists the same facts for people, and PresetCatalogTests keeps the two honest (every
// preset is documented, every time format compiles, every real dataset named here is tested).

extension Preset {
    /// Every preset, in the order `--help` lists them.
    public static let all: [Preset] = [
        .serviceNow, .bpic2013, .helpdesk, .jira, .pagerDuty, .opsgenie, .github, .zendesk, .ivanti, .requestTracker,
    ]

    /// ServiceNow: the incident audit (event) log and incident list exports.
    static let serviceNow = Preset(
        name: "servicenow",
        summary: "ServiceNow incidents: the audit/event log (one row per update) and list exports",
        columns: [
            "id": ["number", "Number"],
            "timestamp": ["sys_updated_at", "sys_updated_on", "Updated"],
            "status": ["incident_state", "Incident state", "state", "State"],
            "opened": ["opened_at", "Opened"],
            "resolved": ["resolved_at", "Resolved"],
            "closed": ["closed_at", "Closed"],
            "service": ["business_service", "Business service", "cmdb_ci", "Configuration item"],
            "priority": ["priority", "Priority"],
            "severity": ["severity", "Severity", "impact", "Impact"],
            "reason": ["closed_code", "close_code", "Close code", "Resolution code"],
            "parent": ["parent_incident", "Parent Incident"],
            "reopen_count": ["reopen_count", "Reopen count"],
            "detected_by": ["contact_type", "Contact type"],
        ],
        statusMap: [
            "Resolved": "resolved", "Closed": "closed", "Canceled": "closed", "Cancelled": "closed",
            // Stored state values, when a list is exported without display values.
            "6": "resolved", "7": "closed", "8": "closed",
        ],
        priorityMap: ["1 - Critical": "P1", "2 - High": "P2", "3 - Moderate": "P3", "4 - Low": "P4", "5 - Planning": "P5"],
        timeFormat: "d/M/yyyy H:mm",
        nullValues: ["?"],
        signature: [["number"], ["opened_at", "Opened", "sys_created_on"], ["incident_state", "Incident state", "state"]],
        assumptions: [
            "Event log: each row is an update at sys_updated_at; its incident_state becomes an event (Resolved → resolved, Closed and Canceled → closed), so every resolution of a reopened incident is kept, the first one too.",
            "resolved_at and closed_at repeat the final values on every row (also on rows written before the resolution); they are read as the last resolution and close, which the fold's max makes harmless.",
            "reopen_count (reopens so far) is a counter: the largest value is the reopen count and the first row showing it the last reopen.",
            "Times are day-first d/M/yyyy H:mm without a zone (read in --tz, UTC by default); RFC 3339 values, as in list exports, are read too.",
            "`?` means no value. The service is business_service, else cmdb_ci (the event log has almost none: most incidents land in '(no service)'; try --map service=assignment_group for teams); the reason is closed_code.",
            "An incident closed without ever being resolved stays open, as the contract says (13 in the UCI log).",
            "contact_type is who found it: Phone, Email, Self service, IVR, Walk-in and Chat are users; Monitoring, Event and Alert (Event Management) are monitoring; the UCI log's Direct opening (17 rows, 4 incidents) is left unmapped (listed in the report; --detection-map 'Direct opening=user' if your desk opens tickets for callers).",
        ],
        verified: "Run on the UCI 'Incident management process enriched event log' (ServiceNow audit log; 141,712 rows, 24,918 incidents): incident, resolution and reopen counts and hand-checked durations are asserted against the dataset's SOURCE.md. List exports: from ServiceNow's documented field names and labels only, not checked on a real list export."
    )

    /// BPI Challenge 2013: Volvo IT Belgium's incident log (VINST), event form.
    static let bpic2013 = Preset(
        name: "bpic2013",
        summary: "BPI Challenge 2013 Volvo IT incident log (VINST): one row per status change",
        columns: [
            "id": ["SR Number", "SR_Number"],
            "timestamp": ["Change Date+Time", "Change_Date_Time"],
            "status": ["Sub Status", "Sub_Status"],
            "service": ["Product"],
            "severity": ["SR Latest Impact", "Impact"],
        ],
        statusMap: [
            "Resolved": "resolved", "In Call": "resolved",
            "Closed": "closed", "Cancelled": "closed",
            // Work (again): after a Completed sub-status this is a push-back, i.e. a reopen.
            "In Progress": "reopened", "Assigned": "reopened", "Awaiting Assignment": "reopened",
            "Wait": "reopened", "Wait - User": "reopened", "Wait - Vendor": "reopened",
            "Wait - Customer": "reopened", "Wait - Implementation": "reopened",
        ],
        signature: [["SR Number"], ["Change Date+Time"], ["Sub Status"]],
        assumptions: [
            "Each row is a status change at Change Date+Time (ISO 8601 with a fixed +01:00 offset); the file starts with a BOM.",
            "The sub-status decides: Resolved and In Call (solved during the call) resolve, Closed and Cancelled close; every work or wait sub-status after a resolution is a push-back and reopens the incident (514 cases).",
            "The service is the Product; the severity the latest impact (Low, Medium, High, Major). There is no reason column.",
        ],
        verified: "Run on VINST-new.csv (IBM's enriched copy of the BPIC 2013 incidents log; 65,533 rows, 7,554 cases): case, resolution and reopen counts and hand-checked durations are asserted against the dataset's SOURCE.md."
    )

    /// The "Helpdesk" process-mining log (an Italian software company's ticketing), XES → CSV.
    static let helpdesk = Preset(
        name: "helpdesk",
        summary: "Helpdesk ticketing event log (XES exported to CSV: case:concept:name, concept:name, time:timestamp)",
        columns: [
            "id": ["case:concept:name", "Case ID"],
            "event": ["concept:name", "Activity"],
            "timestamp": ["time:timestamp", "Complete Timestamp"],
        ],
        eventMap: [
            "Insert ticket": "opened", "Assign seriousness": "opened",
            "Take in charge ticket": "acknowledged",
            "Resolve ticket": "resolved", "RESOLVED": "resolved",
            "Closed": "closed", "INVALID": "closed", "DUPLICATE": "closed",
            "Wait": "status", "Require upgrade": "status", "VERIFIED": "status",
            "Create SW anomaly": "note", "Resolve SW anomaly": "note", "Schedule intervention": "note",
        ],
        signature: [["case:concept:name"], ["concept:name"], ["time:timestamp"]],
        assumptions: [
            "Each row is an activity of a ticket. Insert ticket and Assign seriousness open it (the first of them counts), Take in charge ticket acknowledges, Resolve ticket and RESOLVED resolve, Closed, INVALID and DUPLICATE close; Wait, Require upgrade and VERIFIED are status changes; the software-anomaly and intervention activities are notes.",
            "Exact duplicate rows fold idempotently (the fold keeps first and last times). There is no service, priority or reason: the report has one '(no service)' row.",
            "An activity not in this list is an unknown_event error rather than a silent guess: add it with --event-map.",
        ],
        verified: "Run on helpdesk.csv (the published 'Helpdesk' log; 21,348 rows, 4,580 tickets): ticket and resolution counts and hand-checked durations are asserted against the dataset's SOURCE.md."
    )

    /// Jira: the REST API issue JSON with its changelog, and the CSV export.
    static let jira = Preset(
        name: "jira",
        summary: "Jira issues: REST API JSON with changelog (also inside DevLake raw tables) and the CSV export",
        columns: [
            "id": ["Issue key", "key"],
            "opened": ["Created", "created"],
            "resolved": ["Resolved", "resolutiondate"],
            "status": ["Status"],
            "priority": ["Priority"],
            "kind": ["Issue Type"],
            "service": ["Component/s", "Project key"],
            "reason": ["Resolution"],
        ],
        statusMap: [
            "Done": "resolved", "Resolved": "resolved", "Closed": "resolved",
            "完成": "resolved", "已完成": "resolved", "已关闭": "resolved", "已解决": "resolved",
        ],
        // Jira's default priority scheme; a site with its own scheme maps it with --priority-map.
        priorityMap: ["Highest": "P1", "High": "P2", "Medium": "P3", "Low": "P4", "Lowest": "P5"],
        timeFormat: "d/MMM/yy h:mm a",
        signature: [["Issue key", "key"], ["Issue id", "fields"]],
        ignoredColumns: ["Issue id", "id"],
        expander: .jira,
        assumptions: [
            "REST JSON (`/rest/api/2/search` pages, single issues, NDJSON, or DevLake's _raw_jira_api_issues table with the issue in its `data` column): opened = fields.created, the status history comes from changelog.histories; a move into a done status (Done, Resolved, Closed and their Chinese names) resolves, a move out of one reopens, and fields.resolutiondate is the last resolution. Moves between two done statuses (workflow migrations) change nothing.",
            "Attributes: status = fields.status.name, priority = fields.priority.name, kind = fields.issuetype.name, service = the first component, else the project key; reason = fields.resolution.name.",
            "CSV export: Issue key, Created, Resolved (empty while unresolved: Jira clears it on reopen), Status, Priority, Issue Type, the first Component/s and Resolution; repeated column names take the first; times d/MMM/yy h:mm a in --tz (Jira writes the exporting user's zone); a BOM is skipped.",
            "A changelog cut short by the API (total > histories) keeps what is there.",
        ],
        verified: "REST JSON: run on 33 real Jira Cloud issues with 522 changelog histories (DevLake's e2e raw table, devlake-jira-merico): resolutions against DevLake's expected lead times and the 15 reopens in SOURCE.md. CSV export: from Jira's documented export columns with a fixture written here, not checked on a real export."
    )

    /// PagerDuty: the incidents CSV download, the REST API incident JSON and DevLake's raw table.
    static let pagerDuty = Preset(
        name: "pagerduty",
        summary: "PagerDuty incidents: the incidents CSV (created_on/resolved_on) and the REST API JSON",
        columns: [
            "id": ["incident_number", "Incident Number"],
            "opened": ["created_on", "Created On", "created_at"],
            "resolved": ["resolved_on", "Resolved On"],
            "acknowledged": ["acknowledged_on", "first_acknowledged_on", "Acknowledged On"],
            "timestamp": ["last_status_change_at"],
            "status": ["status", "Status"],
            "service": ["service_name", "Service Name"],
            "severity": ["urgency", "Urgency"],
            "priority": ["priority_name", "Priority"],
        ],
        statusMap: ["resolved": "resolved", "acknowledged": "acknowledged", "triggered": "status"],
        detectionMap: ["email": .monitoring],
        signature: [["incident_number", "Incident Number"], ["created_on", "created_at", "Created On"], ["urgency", "Urgency"]],
        ignoredColumns: ["service", "id", "type", "assignments", "acknowledgements"],
        expander: .pagerDuty,
        assumptions: [
            "CSV: one row per incident; created_on opens, acknowledged_on acknowledges, resolved_on resolves; the service is service_name and the severity the urgency.",
            "A row with a status and last_status_change_at (the REST list as a flat table) is a status event at that time: resolved resolves, acknowledged acknowledges.",
            "REST JSON (`/incidents` pages, NDJSON, or DevLake's _raw_pagerduty_incidents `data` column): created_at opens; acknowledgements[].at and acknowledge log entries acknowledge; a resolve log entry (or, without one, last_status_change_at of a resolved incident) resolves. An incident that went back to triggered after an acknowledgement keeps its first acknowledgement.",
            "Nested objects written as Python reprs (a pandas dump) are not read: such a `service` column is ignored.",
            "REST JSON: detected_by is the channel type of the first trigger log entry: web_trigger, website and mobile (a person in PagerDuty) are users; api, events_api, nagios and email (an email integration: an alert mailed by a tool) are monitoring.",
        ],
        verified: "REST JSON: run on the 3 real incidents of DevLake's PagerDuty e2e table (incident-tool-api-samples), checked against DevLake's expected resolution and lead time. The pandas dump of GET /incidents: run on the real 3-incident file. The incidents CSV download: from PagerDuty's documented column names with a fixture written here, not checked on a real export."
    )

    /// Opsgenie: the Incident API JSON.
    static let opsgenie = Preset(
        name: "opsgenie",
        summary: "Opsgenie incidents: Incident API v1 JSON (impactStartDate/impactEndDate) and flat exports of it",
        columns: [
            "id": ["tinyId", "Tiny ID"],
            "opened": ["createdAt", "Created At"],
            "impact_start": ["impactStartDate", "Impact Start Date"],
            "recovered": ["impactEndDate", "Impact End Date"],
            "timestamp": ["updatedAt", "Updated At"],
            "status": ["status", "Status"],
            "priority": ["priority", "Priority"],
        ],
        statusMap: ["resolved": "resolved", "closed": "closed"],
        signature: [["tinyId", "Tiny ID"], ["impactStartDate", "Impact Start Date"]],
        ignoredColumns: ["id"],
        expander: .opsgenie,
        assumptions: [
            "createdAt opens, impactStartDate starts the impact and impactEndDate ends it; a resolved or closed incident is resolved at updatedAt (as DevLake reads it).",
            "The service is the first of impactedServices (an id: Opsgenie's incident JSON has no service name); --map service=... if your export has one.",
            "Fractions of 2 or 3 digits (`.49Z`, `.346Z`) are both read.",
        ],
        verified: "Run on the 2 real incidents of DevLake's Opsgenie e2e table (incident-tool-api-samples), checked against DevLake's expected resolution dates and lead times."
    )

    /// GitHub issues (REST v3), e.g. as an incident tracker.
    static let github = Preset(
        name: "github",
        summary: "GitHub issues: REST v3 issue JSON (pull requests are left out)",
        columns: [
            "id": ["number"],
            "opened": ["created_at"],
            "resolved": ["closed_at"],
            "status": ["state"],
        ],
        signature: [["number"], ["html_url"], ["state"], ["created_at"]],
        ignoredColumns: ["id"],
        expander: .github,
        assumptions: [
            "created_at opens an issue and closed_at resolves it (GitHub has no separate resolution); an open issue has no closed_at.",
            "Pull requests (objects with a pull_request member) are not incidents: they are counted as skipped rows with the reason excluded_by_preset.",
            "The service is the repository (owner/name, from repository_url or html_url); the reason the first label.",
        ],
        verified: "Run on 42 real items (26 issues, 16 pull requests) of panjf2000/ants from DevLake's GitHub e2e table (incident-tool-api-samples), checked against DevLake's expected lead times."
    )

    /// Zendesk tickets (the ticket export / Fivetran ticket table).
    static let zendesk = Preset(
        name: "zendesk",
        summary: "Zendesk tickets: the ticket table (id, created_at, updated_at, status, priority, type)",
        columns: [
            "id": ["id", "Id", "Ticket ID"],
            "opened": ["created_at", "Created at"],
            "timestamp": ["updated_at", "Updated at"],
            "status": ["status", "Status"],
            "priority": ["priority", "Priority"],
            "kind": ["type", "Type"],
            "service": ["group_name", "Group"],
            "detected_by": ["via_channel", "Via"],
        ],
        statusMap: ["solved": "resolved", "closed": "resolved"],
        priorityMap: ["urgent": "P1", "high": "P2", "normal": "P3", "low": "P4"],
        timeFormat: "yyyy-MM-dd HH:mm:ss[.S]",
        signature: [["id"], ["created_at", "Created at"], ["updated_at", "Updated at"], ["via_channel", "requester_id", "Requester"]],
        assumptions: [
            "One row per ticket: created_at opens; the status applies at updated_at, so a solved or closed ticket is resolved at its last update (the ticket table has no solve time: this can be later than the real solve; Zendesk closes only solved tickets, so closed counts as resolved).",
            "Times yyyy-MM-dd HH:mm:ss without a zone (UTC by Zendesk's and Fivetran's convention); RFC 3339 values are read too.",
            "detected_by is via_channel: web, email, chat, voice, sms and mobile are users; api is read as monitoring (an integration), which a ticket created by another app through the API is too: --detection-map api=user if your API tickets come from people.",
            "Deleted tickets are not mapped (they stay status changes, hence open). The field-history table (one row per field change) is not read by this preset: it needs a filter on field_name.",
        ],
        verified: "Run on Fivetran's dbt_zendesk seed ticket table (zendesk-fivetran-seeds: Zendesk's exact schema, semi-synthetic rows). Not checked on a real customer export."
    )

    /// Ivanti Service Manager (HEAT) / LANDESK incident exports.
    static let ivanti = Preset(
        name: "ivanti",
        summary: "Ivanti Service Manager (HEAT, LANDESK) incident exports: IncidentNumber, CreatedDateTime, ...",
        columns: [
            "id": ["IncidentNumber", "Incident Number", "Incident ID"],
            "opened": ["CreatedDateTime", "Created Date Time", "Created On"],
            "resolved": ["ResolvedDateTime", "Resolved Date Time", "Resolved On"],
            "closed": ["ClosedDateTime", "Closed Date Time", "Closed On"],
            "acknowledged": ["FirstResponseDateTime", "First Response Date Time"],
            "status": ["Status"],
            "priority": ["Priority"],
            "severity": ["Impact"],
            "service": ["Service"],
            "reason": ["CauseCode", "Cause Code", "Category"],
            "kind": ["TypeOfIncident", "Type Of Incident"],
            "parent": ["ParentIncidentNumber", "Parent Incident Number"],
        ],
        signature: [["IncidentNumber", "Incident Number"], ["CreatedDateTime", "Created Date Time"]],
        ignoredColumns: ["RecId"],
        assumptions: [
            "One row per incident (record form) with Ivanti's business-object field names or their spaced display labels.",
            "No fixed time layout: RFC 3339 is read as it is, and a locale layout (3/14/2024 2:05 PM) is detected from the data only when a value proves the day/month order; otherwise --time-format is required.",
        ],
        verified: "Not checked on a real export: written from Ivanti's documented Incident business-object field names, with a fixture written here."
    )

    /// Request Tracker (Best Practical RT) search results.
    static let requestTracker = Preset(
        name: "rt",
        summary: "Request Tracker (RT) ticket search results: id, Queue, Status, Created, Resolved",
        columns: [
            "id": ["id", "ID"],
            "opened": ["Created"],
            "resolved": ["Resolved"],
            "acknowledged": ["Started"],
            "status": ["Status"],
            "service": ["Queue"],
            "priority": ["Priority"],
        ],
        nullValues: ["Not set"],
        signature: [["id"], ["Queue"], ["Status"], ["Created"]],
        ignoredColumns: ["Subject"],
        assumptions: [
            "One row per ticket (the spreadsheet export of a search is tab-separated: use a .tsv name or --delimiter tab). Created opens, Started (work began) acknowledges, Resolved resolves; the service is the Queue.",
            "RT writes `Not set` for a missing date. Times yyyy-MM-dd HH:mm:ss in the exporting user's zone: pass --tz.",
        ],
        verified: "Not checked on a real export: written from RT's documented ticket fields, with a fixture written here."
    )
}
