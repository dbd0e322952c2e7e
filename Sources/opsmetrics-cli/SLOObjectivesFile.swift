import Foundation
import OpsMetrics

/// Reads an objectives file (JSON; schema and example in `Fixtures/slo/objectives.json` and on the
/// ServiceLevelObjectives DocC page). Every mistake is a usage error naming the file, the key and
/// what was expected.
enum SLOObjectivesFile {
    /// What a file holds: response and resolution objectives, and an availability objective
    /// for error budgets (`"availability": {"objective": "99.9%", "services": {"payments": "99.95%"},
    /// "rolling": "30d"}`).
    struct Contents {
        var objectives: [ServiceLevelObjective] = []
        /// The default availability objective (a fraction), also the total's.
        var availability: Double?
        /// Service name → its own availability objective (a fraction).
        var serviceAvailability: [String: Double] = [:]
        /// The error budget's rolling window, in seconds.
        var rollingSeconds: Int64?
    }

    static func load(_ path: String) throws(UsageError) -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("\(path): cannot read the objectives file")
        }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw UsageError("\(path): expected a JSON object with \"calendars\" and \"objectives\", found text that is not JSON")
        }
        return try parse(root, path: path)
    }

    static func parse(_ root: Any, path: String) throws(UsageError) -> Contents {
        func fail(_ key: String, _ expected: String, _ found: Any?) -> UsageError {
            UsageError("\(path): key '\(key)': expected \(expected), found \(describe(found))")
        }
        guard let object = root as? [String: Any] else { throw fail("(top level)", "an object with \"calendars\" and \"objectives\"", root) }
        for key in object.keys where !["calendars", "objectives", "availability"].contains(key) {
            throw fail(key, "only \"calendars\", \"objectives\" and \"availability\"", key)
        }
        var contents = Contents()
        if let raw = object["availability"] {
            func percent(_ key: String, _ value: Any?) throws(UsageError) -> Double {
                let expected = "an availability above 0% and below 100% such as \"99.9%\""
                guard let text = value as? String, let fraction = SLOCommand.availability(text) else { throw fail(key, expected, value) }
                return fraction
            }
            guard let entry = raw as? [String: Any] else { throw fail("availability", "an object with \"objective\", \"services\" and \"rolling\"", raw) }
            for field in entry.keys where !["objective", "services", "rolling"].contains(field) {
                throw fail("availability.\(field)", "only \"objective\", \"services\" and \"rolling\"", field)
            }
            contents.availability = try percent("availability.objective", entry["objective"])
            if let services = entry["services"] {
                guard let map = services as? [String: Any] else { throw fail("availability.services", "an object of service name → availability", services) }
                for name in map.keys.sorted() { contents.serviceAvailability[name] = try percent("availability.services.\(name)", map[name]) }
            }
            if let rolling = entry["rolling"] {
                guard let text = rolling as? String, let seconds = SLOCommand.rollingSeconds(text) else {
                    throw fail("availability.rolling", "a window such as \"30d\", \"28d\" or \"24h\"", rolling)
                }
                contents.rollingSeconds = seconds
            }
        }
        var calendars: [String: BusinessCalendar] = ["24x7": .twentyFourSeven]
        if let raw = object["calendars"] {
            guard let entries = raw as? [String: Any] else { throw fail("calendars", "an object of named calendars", raw) }
            for name in entries.keys.sorted() {
                let key = "calendars.\(name)"
                guard let entry = entries[name] as? [String: Any] else { throw fail(key, "an object with \"hours\", \"zone\" and \"holidays\"", entries[name]) }
                for field in entry.keys where !["hours", "zone", "holidays"].contains(field) {
                    throw fail("\(key).\(field)", "only \"hours\", \"zone\" and \"holidays\"", field)
                }
                guard let hours = entry["hours"] as? String else { throw fail("\(key).hours", "working hours such as \"Mon-Fri 09:00-17:00\" or \"24x7\"", entry["hours"]) }
                var zone = "UTC"
                if let raw = entry["zone"] {
                    guard let text = raw as? String, ZoneRule.named(text) != nil else { throw fail("\(key).zone", "a time zone such as \"Europe/London\"", raw) }
                    zone = text
                }
                var holidays = Holidays()
                if let raw = entry["holidays"] {
                    guard let list = raw as? [Any] else { throw fail("\(key).holidays", "a list of dates \"YYYY-MM-DD\" or ranges \"YYYY-MM-DD..YYYY-MM-DD\"", raw) }
                    var lines = ""
                    for (i, item) in list.enumerated() {
                        guard let text = item as? String, !text.contains("\n"), let one = try? Holidays(parsing: text), one.count > 0 else {
                            throw fail("\(key).holidays[\(i)]", "a date \"YYYY-MM-DD\" or a range \"YYYY-MM-DD..YYYY-MM-DD\"", item)
                        }
                        lines += text + "\n"
                    }
                    holidays = (try? Holidays(parsing: lines)) ?? Holidays()
                }
                do {
                    calendars[name] = try BusinessCalendar(specification: hours + " " + zone, name: name, holidays: holidays)
                } catch {
                    throw UsageError("\(path): key '\(key).hours': \(error.message)")
                }
            }
        }
        if object["objectives"] == nil && contents.availability != nil { return contents }
        guard let list = object["objectives"] as? [Any], !list.isEmpty else { throw fail("objectives", "a non-empty list of objectives", object["objectives"]) }
        var objectives: [ServiceLevelObjective] = []
        for (i, raw) in list.enumerated() {
            let key = "objectives[\(i)]"
            guard let entry = raw as? [String: Any] else { throw fail(key, "an object", raw) }
            for field in entry.keys where !["name", "match", "clock", "target", "calendar", "pause_statuses"].contains(field) {
                throw fail("\(key).\(field)", "only name, match, clock, target, calendar and pause_statuses", field)
            }
            guard let clockName = entry["clock"] as? String, let clock = SLOClock(named: clockName) else {
                throw fail("\(key).clock", "\"response\", \"first_response\" or \"resolution\"", entry["clock"])
            }
            guard let targetText = entry["target"] as? String, let target = SLOCommand.target(targetText) else {
                throw fail("\(key).target", "a duration in s, m or h such as \"15m\" or \"4h\" (a business day is ambiguous: write 8h or 24h)", entry["target"])
            }
            var calendar = BusinessCalendar.twentyFourSeven
            if let raw = entry["calendar"] {
                guard let name = raw as? String, let found = calendars[name] else {
                    throw fail("\(key).calendar", "one of the calendars defined (\(calendars.keys.sorted().joined(separator: ", ")))", raw)
                }
                calendar = found
            }
            var match: [String: Set<String>] = [:]
            if let raw = entry["match"] {
                guard let fields = raw as? [String: Any] else { throw fail("\(key).match", "an object of priority, severity, service and kind", raw) }
                for (field, value) in fields {
                    guard ["priority", "severity", "service", "kind"].contains(field) else {
                        throw fail("\(key).match.\(field)", "only priority, severity, service and kind", field)
                    }
                    if let one = value as? String {
                        match[field] = [one]
                    } else if let many = value as? [String], !many.isEmpty {
                        match[field] = Set(many)
                    } else {
                        throw fail("\(key).match.\(field)", "a string or a non-empty list of strings", value)
                    }
                }
            }
            var pauses: Set<String> = []
            if let raw = entry["pause_statuses"] {
                guard let many = raw as? [String] else { throw fail("\(key).pause_statuses", "a list of statuses", raw) }
                pauses = Set(many)
            }
            let name = (entry["name"] as? String) ?? "\(match["priority"]?.sorted().joined(separator: "/") ?? "all") \(clock.name)"
            objectives.append(
                ServiceLevelObjective(
                    name: name, priorities: match["priority"] ?? [], severities: match["severity"] ?? [], services: match["service"] ?? [],
                    kinds: match["kind"] ?? [], clock: clock, targetMicroseconds: target, calendar: calendar, pauseStatuses: pauses))
        }
        contents.objectives = objectives
        return contents
    }

    static func describe(_ value: Any?) -> String {
        switch value {
        case nil: return "nothing"
        case let text as String: return "\"\(text)\""
        case let number as NSNumber: return "\(number)"
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        default: return "null"
        }
    }
}
