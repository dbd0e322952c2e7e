// Random small incident logs for the reference-model property tests: a few services, overlapping
// incidents, open, reopened and backwards ones, maintenance (per service and global), parent links,
// missing detected/acknowledged, in record form or event form, with a random window and as-of.
import OpsMetrics

/// One random case: CSV rows (without the header) and the configuration to report them with.
struct RandomIncidentLog {
    var header: String
    var rows: [String]
    var configuration: ReportConfiguration

    /// The CSV text of `rows` under the header.
    func csv(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    /// What the case is, for failure messages.
    var summary: String {
        func text(_ t: Timestamp?) -> String { t.map { "\($0)" } ?? "-" }
        let c = configuration
        return "from \(text(c.windowStart)) to \(text(c.windowEnd)) as-of \(text(c.asOf)) mttr \(c.mttrDefinition.name)"
            + "\(c.mttrPerEpisode ? " per episode" : "")\(c.samplesByStart ? " samples by start" : "")"
            + " merge gap \(c.episodeMergeGapMicroseconds / 1_000_000) s"
    }

    /// 2024-05-01T00:00:00Z in seconds since the epoch.
    static let base: Int64 = 1_714_521_600

    /// RFC 3339 text of `base + seconds` (0 ≤ seconds < 30 days).
    static func stamp(_ seconds: Int64) -> String {
        precondition(seconds >= 0 && seconds < 30 * 86_400)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = 1 + seconds / 86_400
        let rest = seconds % 86_400
        return "2024-05-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    static func timestamp(_ seconds: Int64) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: (base + seconds) * 1_000_000)
    }

    /// A random log drawn from `rng`.
    static func make(using rng: inout SplitMix64) -> RandomIncidentLog {
        func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
        func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
        let unit: Int64 = chance(85) ? 60 : 1  // whole minutes mostly, sometimes whole seconds
        let span: Int64 = unit == 60 ? 86_400 : 4 * 3600
        /// A random duration of 0...`limit` seconds, in whole units.
        func upTo(_ limit: Int64) -> Int64 { Int64(rng.next() % UInt64(limit / unit + 1)) * unit }

        let eventForm = chance(50)
        var rows: [String] = []
        var ids: [String] = []
        var allTimes: [Int64] = []
        let recordCount = 1 + Int(rng.next() % 10)
        for index in 0..<recordCount {
            let id = "R\(index)"
            let isMaintenance = chance(12)
            var service = pick(["api", "api", "db", "web", ""])
            if isMaintenance { service = chance(50) ? "" : pick(["api", "db", "web"]) }
            let kind = isMaintenance ? pick(["maintenance", "Maintenance"]) : (chance(70) ? "incident" : "")
            let reason = isMaintenance ? "" : (chance(70) ? pick(["deploy", "config", "capacity", "network"]) : "")
            let detectedBy = chance(60) ? pick(["Phone", "monitoring", "E-mail", "Self service", "alert", "Nagios-prod", "carrier pigeon"]) : ""
            var parent = ""
            if !isMaintenance && !ids.isEmpty && chance(25) { parent = chance(90) ? pick(ids) : "NOPE-1" }
            ids.append(id)

            // Times, in seconds after `base`.
            let impact = upTo(span)
            let detected = impact + upTo(1800)
            let opened = detected + upTo(1200)
            let acknowledged = opened + upTo(1800)
            var recovered = impact + upTo(3 * 3600)
            var resolved = max(recovered, opened) + upTo(3600)
            var closed = resolved + upTo(3600)
            var events: [(field: String, time: Int64)] = []
            let backwards = !isMaintenance && chance(8)
            if backwards {
                switch rng.next() % 3 {
                case 0: recovered = max(0, impact - unit - upTo(3600))
                case 1: resolved = max(0, opened - unit - upTo(3600))
                default: closed = max(0, opened - unit - upTo(3600))
                }
            }
            if chance(85) || isMaintenance { events.append(("opened", opened)) }
            if chance(50) { events.append(("impact_start", impact)) }
            if !isMaintenance {
                if chance(50) { events.append(("detected", backwards && chance(30) ? max(0, impact - unit) : detected)) }
                if chance(60) { events.append(("acknowledged", backwards && chance(30) ? max(0, opened - unit) : acknowledged)) }
            }
            if chance(50) || isMaintenance { events.append(("recovered", recovered)) }
            let isResolved = isMaintenance || chance(80)
            if isResolved { events.append(("resolved", resolved)) }
            if isResolved && !isMaintenance && !backwards && chance(15) {
                let reopened = resolved + upTo(7200)
                events.append(("reopened", reopened))
                if chance(50) { events.append(("resolved", reopened + upTo(7200))) }
            }
            if chance(20) { events.append(("closed", closed)) }
            if events.isEmpty { events.append(("opened", opened)) }
            let notesOnly = eventForm && !isMaintenance && chance(4)
            if eventForm && chance(10) { events.append(("status", opened + upTo(3600))) }
            if eventForm && chance(10) { events.append(("note", upTo(span))) }
            if notesOnly { events = [("note", opened)] }
            allTimes += events.map(\.time)

            let attributes = [service, kind, reason, parent, detectedBy]
            if eventForm {
                // One row per event; the attributes ride on a random non-empty subset of them.
                let carrier = Int(rng.next() % UInt64(events.count))
                for (position, event) in events.enumerated() {
                    let name = event.field == "impact_start" ? pick(["impact_started", "start"]) : event.field
                    let spelled = name == "acknowledged" && chance(30) ? "ack" : name
                    let withAttributes = position == carrier || chance(40)
                    let values = withAttributes ? attributes : attributes.map { _ in "" }
                    rows.append(([id, stamp(event.time), spelled] + values).joined(separator: ","))
                }
            } else {
                // One row, or the columns split over two rows (a resolution after a reopen always
                // goes to a second row, since a row has one `resolved` column).
                var first: [String: Int64] = [:]
                var second: [String: Int64] = [:]
                let split = chance(25)
                for event in events {
                    let toSecond = first[event.field] != nil || (split && !first.isEmpty && chance(50))
                    if toSecond && second[event.field] == nil {
                        second[event.field] = event.time
                    } else if first[event.field] == nil {
                        first[event.field] = event.time
                    }
                }
                for columns in [first, second] where !columns.isEmpty {
                    let times = recordColumns.map { columns[$0].map(stamp) ?? "" }
                    rows.append(([id] + attributes + times).joined(separator: ","))
                }
            }
        }

        // Window, as-of and definitions.
        var configuration = ReportConfiguration()
        let earliest = allTimes.min() ?? 0
        let latest = allTimes.max() ?? 0
        if chance(25) {
            if chance(40) { configuration.asOf = timestamp(earliest + upTo(latest - earliest + 3600)) }
        } else {
            let from = upTo(span + 3 * 3600)  // may start before the first incident or after most
            let start = max(0, from - 3 * 3600)
            let end = start + unit + upTo(span + 6 * 3600)
            configuration.windowStart = timestamp(start)
            configuration.windowEnd = timestamp(end)
            if chance(60) { configuration.asOf = timestamp(max(0, start - 3600) + upTo(end - start + 3 * 3600)) }
        }
        configuration.mttrDefinition = pick([.recover, .recover, .recover, .resolve, .repair])
        configuration.mttrPerEpisode = chance(25)
        configuration.samplesByStart = chance(20)
        if chance(15) { configuration.episodeMergeGapMicroseconds = upTo(5400) * 1_000_000 }
        if chance(30) { configuration.detectionMap = ["nagios prod": .monitoring, "PHONE": .monitoring] }
        let header = eventForm
            ? "id,timestamp,event,service,kind,reason,parent,source"
            : (["id", "service", "kind", "reason", "parent", "source"] + recordColumns).joined(separator: ",")
        return RandomIncidentLog(header: header, rows: rows, configuration: configuration)
    }

    /// The time columns of record-form logs.
    static let recordColumns = ["opened", "impact_start", "detected", "acknowledged", "recovered", "resolved", "reopened", "closed"]
}
