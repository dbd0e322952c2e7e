// A seeded event log in the shape of the benchmark log (Benchmarks/Sources/LogGenerator), small
// enough for tests, written both as CSV and as NDJSON from the same rows.

/// Event-form rows (`id,timestamp,event,service,priority,reason`): alerts and tickets, impact
/// started before opening, aliases, notes, never-resolved, reopened and moved incidents; offsets
/// and 0, 3 or 6 fractional digits; service names and reasons with commas, quotes and UTF-8; 5% of
/// rows late; the last incidents cut off mid-way (still open at the end).
struct GeneratedEventLog {
    struct Row {
        var id: Int
        /// Microseconds since the epoch, truncated to what is printed.
        var time: Int64
        var event: String
        var service: String?
        var priority: String?
        var reason: String?
        var offsetMinutes: Int64
        var zulu: Bool
        var fractionDigits: Int
        /// NDJSON: write non-ASCII as `\uXXXX`.
        var asciiEscapes: Bool
        /// NDJSON: write the keys in reverse order.
        var reversedKeys: Bool
    }

    static let services = ["checkout", "search", "Payments, EU", "Login \"SSO\"", "検索, JP", "Café, Crème & Co", "ledger", "Доставка, RU"]
    static let reasons = ["network", "deploy", "dependency, upstream", "disk \"full\"", "certificate expiry – TLS"]
    static let offsets: [(minutes: Int64, zulu: Bool)] = [(0, true), (0, false), (120, false), (-300, false), (330, false), (-210, false)]

    var rows: [Row] = []

    /// Exactly `events` rows drawn from `seed`.
    init(events: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        func below(_ n: Int64) -> Int64 { Int64(rng.next() % UInt64(n)) }
        func chance(_ percent: Int64) -> Bool { below(100) < percent }
        let second: Int64 = 1_000_000
        var pending: [(arrival: Int64, sequence: Int, row: Row)] = []
        var clock: Int64 = 1_704_067_200 * second  // 2024-01-01T00:00:00Z
        var id = 0
        func add(_ event: String, _ time: Int64, service: String?, priority: String? = nil, reason: String? = nil) {
            let digits = [0, 3, 3, 6][Int(below(4))]
            let unit: Int64 = digits == 0 ? second : digits == 3 ? 1000 : 1
            let printed = time - time % unit
            let offset = GeneratedEventLog.offsets[Int(below(Int64(GeneratedEventLog.offsets.count)))]
            let row = Row(id: id, time: printed, event: event, service: service, priority: priority, reason: reason,
                          offsetMinutes: offset.minutes, zulu: offset.zulu, fractionDigits: digits,
                          asciiEscapes: chance(33), reversedKeys: chance(10))
            let arrival = chance(5) ? printed + second + below(7200 * second) : printed
            pending.append((arrival, pending.count, row))
        }
        while pending.count < events + events / 10 {
            id += 1
            clock += second + below(180 * second)
            let service = GeneratedEventLog.services[Int(below(Int64(GeneratedEventLog.services.count)))]
            let priority = "P\(1 + below(4))"
            let reason = chance(25) ? nil : GeneratedEventLog.reasons[Int(below(Int64(GeneratedEventLog.reasons.count)))]
            let outage = (4 * second) << min(rng.next().trailingZeroBitCount, 10)
            if chance(15) {
                add(chance(10) ? "triggered" : "opened", clock, service: service, priority: priority)
                add("resolved", clock + outage, service: service, reason: reason)
                continue
            }
            let impact = chance(30) ? clock - second - below(max(outage / 2, second)) : clock
            if impact < clock { add("impact_started", impact, service: service) }
            add("opened", clock, service: service, priority: priority)
            var latest = clock
            if chance(95) {
                latest = clock + second + below(600 * second)
                add(chance(10) ? "ack" : "acknowledged", latest, service: chance(30) ? nil : service)
            }
            if chance(5) {
                let note = clock + second + below(3600 * second)
                add("note", note, service: chance(50) ? nil : service)
                latest = max(latest, note)
            }
            let recovered = impact + outage
            add(chance(10) ? "mitigated" : "recovered", recovered, service: service)
            latest = max(latest, recovered)
            if chance(3) { continue }  // never resolved
            let finalService = chance(2) ? GeneratedEventLog.services[Int(below(Int64(GeneratedEventLog.services.count)))] : service
            let resolved = latest + second + below(7200 * second)
            add(chance(5) ? "Resolved" : "resolved", resolved, service: finalService, reason: reason)
            if chance(3) {
                let reopened = resolved + 60 * second + below(1800 * second)
                add("reopened", reopened, service: finalService)
                add("resolved", reopened + 60 * second + below(1800 * second), service: finalService, reason: reason)
            }
        }
        pending.sort { ($0.arrival, $0.sequence) < ($1.arrival, $1.sequence) }
        rows = pending.prefix(events).map(\.row)
    }

    /// The rows as CSV with a header.
    var csv: String {
        func field(_ value: String?) -> String {
            guard let value else { return "" }
            guard value.contains(where: { $0 == "," || $0 == "\"" }) else { return value }
            var quoted = "\""
            for character in value {
                if character == "\"" { quoted += "\"" }
                quoted.append(character)
            }
            return quoted + "\""
        }
        var text = "id,timestamp,event,service,priority,reason\n"
        for row in rows {
            text += "INC\(row.id),\(GeneratedEventLog.timestamp(row)),\(row.event),\(field(row.service)),\(field(row.priority)),\(field(row.reason))\n"
        }
        return text
    }

    /// The rows as NDJSON, absent values as `null`.
    var ndjson: String {
        func hex4(_ value: UInt32) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 4 - digits.count) + digits
        }
        func string(_ value: String?, asciiOnly: Bool) -> String {
            guard let value else { return "null" }
            var out = "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where asciiOnly && scalar.value > 0xFFFF:
                    let v = scalar.value - 0x10000
                    out += "\\u" + hex4(0xD800 + (v >> 10)) + "\\u" + hex4(0xDC00 + (v & 0x3FF))
                case _ where asciiOnly && scalar.value > 0x7F: out += "\\u" + hex4(scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        var text = ""
        for row in rows {
            var members = [
                "\"id\":\"INC\(row.id)\"", "\"timestamp\":\"\(GeneratedEventLog.timestamp(row))\"", "\"event\":\"\(row.event)\"",
                "\"service\":" + string(row.service, asciiOnly: row.asciiEscapes), "\"priority\":" + string(row.priority, asciiOnly: false),
                "\"reason\":" + string(row.reason, asciiOnly: false),
            ]
            if row.reversedKeys { members.reverse() }
            text += "{" + members.joined(separator: ",") + "}\n"
        }
        return text
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff|.ffffff](Z|±HH:MM)` in the row's offset.
    static func timestamp(_ row: Row) -> String {
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let local = row.time + row.offsetMinutes * 60_000_000
        let seconds = local / 1_000_000
        let days = seconds / 86_400
        // Howard Hinnant's civil_from_days (days >= 0 here).
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let secondOfDay = seconds % 86_400
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        switch row.fractionDigits {
        case 3: text += "." + pad(local % 1_000_000 / 1000, 3)
        case 6: text += "." + pad(local % 1_000_000, 6)
        default: break
        }
        if row.zulu { return text + "Z" }
        let magnitude = abs(row.offsetMinutes)
        return text + (row.offsetMinutes < 0 ? "-" : "+") + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
    }
}
