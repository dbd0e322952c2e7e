/// The shape of a tool's nested REST payload, which a preset names for `NestedRecordExpander`
/// to flatten into rows.
enum NestedPayload: Sendable, Hashable {
    case jira, pagerDuty, opsgenie, github
}
