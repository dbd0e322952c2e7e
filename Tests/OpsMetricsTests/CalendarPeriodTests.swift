// Calendar periods in a report time zone: boundaries, labels, daylight-saving days, and an
// oracle check of day starts against Foundation's Calendar.
import Foundation
import Testing

@testable import OpsMetrics

@Suite("Calendar periods")
struct CalendarPeriodTests {
    static func zone(_ name: String) -> ZoneRule {
        guard let rule = ZoneRule.named(name) else {
            Issue.record("time zone \(name) is unknown to this system")
            return .utc
        }
        return rule
    }

    static func micros(_ text: String) -> Int64 { at(text).microsecondsSinceEpoch }

    /// The periods meeting `[from, to)` as (label, start, end) text.
    static func periods(_ unit: CalendarUnit, _ zone: ZoneRule, _ from: String, _ to: String) -> [String] {
        let calendar = CalendarPeriods(unit: unit, zone: zone)
        let bounds = calendar.periods(from: micros(from), to: micros(to), limit: 1000) ?? []
        return bounds.map {
            "\(calendar.label(ofPeriodStarting: $0.firstDay)) \(Timestamp(microsecondsSinceEpoch: $0.start)) \(Timestamp(microsecondsSinceEpoch: $0.end))"
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let unit: CalendarUnit
        let zone: String
        let from: String
        let to: String
        let expected: [String]
        var testDescription: String { "\(unit.rawValue) in \(zone) from \(from)" }
    }

    static let cases: [Case] = [
        Case(unit: .day, zone: "UTC", from: "2024-05-01T10:00:00Z", to: "2024-05-03T00:00:00Z", expected: [
            "2024-05-01 2024-05-01T00:00:00Z 2024-05-02T00:00:00Z",
            "2024-05-02 2024-05-02T00:00:00Z 2024-05-03T00:00:00Z",
        ]),
        // Weeks start on Monday; 2024-12-30 starts ISO week 1 of 2025.
        Case(unit: .week, zone: "UTC", from: "2024-12-29T23:59:59Z", to: "2025-01-06T00:00:01Z", expected: [
            "2024-W52 2024-12-23T00:00:00Z 2024-12-30T00:00:00Z",
            "2025-W01 2024-12-30T00:00:00Z 2025-01-06T00:00:00Z",
            "2025-W02 2025-01-06T00:00:00Z 2025-01-13T00:00:00Z",
        ]),
        // 2020 has 53 ISO weeks: Monday 2020-12-28 is in week 53.
        Case(unit: .week, zone: "UTC", from: "2021-01-03T12:00:00Z", to: "2021-01-04T00:00:00Z", expected: [
            "2020-W53 2020-12-28T00:00:00Z 2021-01-04T00:00:00Z",
        ]),
        // Before 1970: Wednesday 1969-12-31 is in the week of Monday 1969-12-29.
        Case(unit: .week, zone: "UTC", from: "1969-12-31T00:00:00Z", to: "1970-01-01T00:00:00Z", expected: [
            "1970-W01 1969-12-29T00:00:00Z 1970-01-05T00:00:00Z",
        ]),
        Case(unit: .month, zone: "UTC", from: "2024-01-31T00:00:00Z", to: "2024-03-01T00:00:00Z", expected: [
            "2024-01 2024-01-01T00:00:00Z 2024-02-01T00:00:00Z",
            "2024-02 2024-02-01T00:00:00Z 2024-03-01T00:00:00Z",
        ]),
        Case(unit: .quarter, zone: "UTC", from: "2024-03-31T00:00:00Z", to: "2024-07-01T00:00:01Z", expected: [
            "2024-Q1 2024-01-01T00:00:00Z 2024-04-01T00:00:00Z",
            "2024-Q2 2024-04-01T00:00:00Z 2024-07-01T00:00:00Z",
            "2024-Q3 2024-07-01T00:00:00Z 2024-10-01T00:00:00Z",
        ]),
        Case(unit: .year, zone: "UTC", from: "2023-12-31T23:00:00Z", to: "2024-01-01T00:00:00Z", expected: [
            "2023 2023-01-01T00:00:00Z 2024-01-01T00:00:00Z",
        ]),
        // Berlin springs forward on 2024-03-31 (a 23-hour day) and falls back on 2024-10-27 (25 hours).
        Case(unit: .day, zone: "Europe/Berlin", from: "2024-03-30T23:00:00Z", to: "2024-04-01T00:00:00Z", expected: [
            "2024-03-31 2024-03-30T23:00:00Z 2024-03-31T22:00:00Z",
            "2024-04-01 2024-03-31T22:00:00Z 2024-04-01T22:00:00Z",
        ]),
        Case(unit: .day, zone: "Europe/Berlin", from: "2024-10-26T22:00:00Z", to: "2024-10-27T23:00:00Z", expected: [
            "2024-10-27 2024-10-26T22:00:00Z 2024-10-27T23:00:00Z",
        ]),
        Case(unit: .week, zone: "Europe/Berlin", from: "2024-03-28T12:00:00Z", to: "2024-04-02T00:00:00Z", expected: [
            "2024-W13 2024-03-24T23:00:00Z 2024-03-31T22:00:00Z",
            "2024-W14 2024-03-31T22:00:00Z 2024-04-07T22:00:00Z",
        ]),
        Case(unit: .month, zone: "Europe/Berlin", from: "2024-03-31T21:59:59Z", to: "2024-03-31T22:00:01Z", expected: [
            "2024-03 2024-02-29T23:00:00Z 2024-03-31T22:00:00Z",
            "2024-04 2024-03-31T22:00:00Z 2024-04-30T22:00:00Z",
        ]),
        // Havana springs forward at midnight: 2024-03-10 has no 00:00 and begins at 01:00 CDT.
        // It falls back at 01:00 CDT on 2024-11-03, so that midnight happens twice: the first counts.
        Case(unit: .day, zone: "America/Havana", from: "2024-03-09T12:00:00Z", to: "2024-03-10T12:00:00Z", expected: [
            "2024-03-09 2024-03-09T05:00:00Z 2024-03-10T05:00:00Z",
            "2024-03-10 2024-03-10T05:00:00Z 2024-03-11T04:00:00Z",
        ]),
        Case(unit: .day, zone: "America/Havana", from: "2024-11-03T04:30:00Z", to: "2024-11-03T05:30:00Z", expected: [
            "2024-11-03 2024-11-03T04:00:00Z 2024-11-04T05:00:00Z",
        ]),
        Case(unit: .day, zone: "+05:30", from: "2024-05-01T18:29:59Z", to: "2024-05-01T18:30:01Z", expected: [
            "2024-05-01 2024-04-30T18:30:00Z 2024-05-01T18:30:00Z",
            "2024-05-02 2024-05-01T18:30:00Z 2024-05-02T18:30:00Z",
        ]),
    ]

    @Test("periods, boundaries and labels", arguments: cases)
    func boundaries(_ c: Case) {
        #expect(Self.periods(c.unit, Self.zone(c.zone), c.from, c.to) == c.expected)
    }

    @Test("an empty range has no periods, and too many periods give nil")
    func limits() {
        let calendar = CalendarPeriods(unit: .day, zone: .utc)
        #expect(calendar.periods(from: 10, to: 10, limit: 5)?.isEmpty == true)
        #expect(calendar.periods(from: Self.micros("2024-01-01T00:00:00Z"), to: Self.micros("2024-01-06T00:00:00Z"), limit: 5)?.count == 5)
        #expect(calendar.periods(from: Self.micros("2024-01-01T00:00:00Z"), to: Self.micros("2024-01-06T00:00:01Z"), limit: 5) == nil)
    }

    @Test("day starts agree with Foundation's Calendar in zones with daylight saving")
    func dayStartsAgreeWithFoundation() {
        var rng = SplitMix64(seed: SplitMix64.configuredSeed)
        for name in ["Europe/Berlin", "America/New_York", "America/Havana", "Australia/Lord_Howe", "Asia/Kolkata"] {
            let rule = Self.zone(name)
            var calendar = Calendar(identifier: .gregorian)
            guard let timeZone = TimeZone(identifier: name) else { continue }
            calendar.timeZone = timeZone
            let periods = CalendarPeriods(unit: .day, zone: rule)
            for _ in 0..<300 {
                // 1971 ... 2037, whole seconds.
                let seconds = 31_536_000 + Int64(rng.next() % 2_100_000_000)
                let expected = calendar.startOfDay(for: Date(timeIntervalSince1970: Double(seconds)))
                let first = periods.localDay(containing: seconds * 1_000_000)
                let start = periods.start(ofLocalDay: first)
                #expect(start == Int64(expected.timeIntervalSince1970) * 1_000_000,
                        "\(name) at \(seconds) s (seed \(SplitMix64.configuredSeed))")
                #expect(start <= seconds * 1_000_000 && seconds * 1_000_000 < periods.start(ofLocalDay: first + 1))
            }
        }
    }
}
