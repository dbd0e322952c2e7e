import Foundation
import Testing

@testable import OpsMetrics

/// The calendar engine against the minute-walk reference (`Support/BusinessTimeReference.swift`)
/// on random tickets × random calendars: nights, weekends, spans past midnight, holidays, pauses
/// that straddle non-working time, and the 2024 daylight-saving changes of New York, London and
/// Sydney. Replay a failure with OPSMETRICS_SEED=<seed> swift test --filter BusinessTimeReference
@Suite struct BusinessTimeReferenceTests {
    /// 2024 offset changes (UTC seconds): New York 03-10 and 11-03, London 03-31 and 10-27,
    /// Sydney 04-07 (2024-04-06T16:00Z) and 10-06 (2024-10-05T16:00Z).
    static let zones: [(name: String, changes: [Int64])] = [
        ("America/New_York", [1_710_054_000, 1_730_613_600]),
        ("Europe/London", [1_711_846_800, 1_729_990_800]),
        ("Australia/Sydney", [1_712_419_200, 1_728_144_000]),
    ]

    @Test func randomTicketsOnRandomCalendarsMatchTheMinuteWalk() throws {
        let seed = SplitMix64.configuredSeed
        var random = SplitMix64(seed: seed)
        var failures: [String] = []
        var nonTrivial = 0
        for index in 0..<300 {
            let zone = Self.zones[Int.random(in: 0..<Self.zones.count, using: &random)]
            guard let rule = ZoneRule.named(zone.name) else {
                Issue.record("zone \(zone.name) unknown")
                return
            }
            // A calendar: 1-9 spans on random weekdays, half-hour aligned, some past midnight,
            // some starting inside the small hours where the clocks change.
            var spans: [(weekday: Int, start: Int, end: Int)] = []
            for _ in 0..<Int.random(in: 1...9, using: &random) {
                let start = Int.random(in: 0..<48, using: &random) * 30
                let length = Int.random(in: 1...32, using: &random) * 30
                spans.append((Int.random(in: 0...6, using: &random), start, min(start + length, 2880)))
            }
            // A ticket near an offset change (or anywhere in 2024), whole minutes, up to 4 days.
            let anchor = Bool.random(using: &random)
                ? zone.changes[Int.random(in: 0..<zone.changes.count, using: &random)] / 60
                : Int64.random(in: 28_401_120...28_925_280, using: &random)
            let startMinute = anchor + Int64.random(in: -3 * 1440...1440, using: &random)
            let endMinute = startMinute + Int64.random(in: 0...(4 * 1440), using: &random)
            var pauses: [(start: Int64, end: Int64)] = []
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let from = Int64.random(in: (startMinute - 600)...(endMinute + 60), using: &random)
                pauses.append((from, from + Int64.random(in: 1...(2 * 1440), using: &random)))
            }
            // Holidays: a few local dates around the ticket.
            var holidays = Holidays()
            var holidayDates: Set<[Int]> = []
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = try #require(TimeZone(identifier: zone.name))
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                let minute = Int64.random(in: (startMinute - 1440)...(endMinute + 1440), using: &random)
                let parts = gregorian.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(minute * 60)))
                let date = [parts.year ?? 0, parts.month ?? 0, parts.day ?? 0]
                holidayDates.insert(date)
                holidays.insert(year: date[0], month: date[1], day: date[2])
            }
            let calendar = BusinessCalendar(
                name: "random", hours: WorkingHours(spans: spans.map { WorkingHours.Span(weekday: $0.weekday, startMinute: $0.start, endMinute: $0.end) }),
                holidays: holidays, zone: rule)
            let reference = BusinessTimeReference(spans: spans, holidays: holidayDates, zoneIdentifier: zone.name)
            let expected = reference.businessMinutes(from: startMinute, to: endMinute, pauses: pauses) * 60_000_000
            let pauseSet = IntervalSet(pauses.map { Interval(start: Self.minute($0.start), end: Self.minute($0.end)) })
            let actual = calendar.businessMicroseconds(from: Self.minute(startMinute), to: Self.minute(endMinute), excluding: pauseSet)
            // The laid-out timeline the SLO report uses: over a range holding the ticket, or
            // (one case in four) one it reaches out of, which must fall back to the walk.
            let margin = Int64.random(in: 0...(3 * 1440), using: &random) * 60_000_000
            let lower = Self.minute(startMinute).microsecondsSinceEpoch - (index % 4 == 0 ? -margin : margin)
            let timeline = BusinessTimeline(calendar: calendar, from: lower, to: Self.minute(endMinute).microsecondsSinceEpoch + margin)
            let laidOut = timeline.businessMicroseconds(
                from: Self.minute(startMinute).microsecondsSinceEpoch, to: Self.minute(endMinute).microsecondsSinceEpoch, excluding: pauseSet)
            if expected > 0 { nonTrivial += 1 }
            if laidOut != expected {
                failures.append("OPSMETRICS_SEED=0x\(String(seed, radix: 16)) case \(index): timeline gives \(Double(laidOut) / 60e6) min, expected \(expected / 60_000_000)")
            }
            if actual != expected {
                failures.append(
                    "OPSMETRICS_SEED=0x\(String(seed, radix: 16)) case \(index): \(zone.name) spans \(spans) holidays \(holidayDates) "
                        + "ticket [\(startMinute), \(endMinute)) min pauses \(pauses): expected \(expected / 60_000_000) min, got \(Double(actual) / 60e6) min")
            }
            // The deadline for the reference's own elapsed time lands where the walk reaches it.
            if expected > 0, failures.isEmpty {
                let deadline = try #require(
                    calendar.deadline(after: expected, from: Self.minute(startMinute), excluding: pauseSet, searchingUntil: Self.minute(endMinute + 1)))
                let deadlineMinute = deadline.microsecondsSinceEpoch / 60_000_000
                #expect(deadline.microsecondsSinceEpoch % 60_000_000 == 0 && deadlineMinute <= endMinute)
                #expect(reference.businessMinutes(from: startMinute, to: deadlineMinute, pauses: pauses) * 60_000_000 == expected)
                #expect(reference.businessMinutes(from: startMinute, to: deadlineMinute - 1, pauses: pauses) * 60_000_000 < expected)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3).joined(separator: "\n"))")
        // The generator must produce real work, or the comparison proves nothing.
        #expect(nonTrivial >= 100)
    }

    static func minute(_ value: Int64) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: value * 60_000_000)
    }
}
