import Testing
@testable import OpsMetrics

/// The folding rules of DEFINITIONS section 1, checked through the report.
@Suite("Folding events into incidents")
struct FoldingTests {
    static func window(_ from: String, _ to: String) -> ReportConfiguration {
        var configuration = ReportConfiguration()
        configuration.windowStart = at(from)
        configuration.windowEnd = at(to)
        return configuration
    }

    @Test("a reopened record that is resolved again: counted once, resolved at the last resolution")
    func reopenedAndResolved() throws {
        let text = """
        id,timestamp,event,service
        A,2024-01-01T10:00:00Z,opened,web
        A,2024-01-01T11:00:00Z,resolved,web
        A,2024-01-01T12:00:00Z,reopened,web
        A,2024-01-01T13:00:00Z,resolved,web

        """
        let result = try report(text, configuration: Self.window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"))
        let web = try #require(result.services.first)
        #expect(web.incidents == 1)
        #expect(web.openIncidents == 0)
        #expect(web.timeToResolve.count == 1)
        #expect(web.timeToResolve.meanSeconds == seconds("2024-01-01T10:00:00Z", "2024-01-01T13:00:00Z"))
        // The fix did not hold: the outage runs from impact start to the full resolution.
        #expect(web.mttr.meanSeconds == 10_800)
        #expect(web.downtimeSeconds == 3 * 3600)
        #expect(web.failures == 1)
    }

    @Test("a reopen after the last resolution makes the record open and its outage ongoing")
    func reopenedAndOpen() throws {
        let text = """
        id,timestamp,event,service
        A,2024-01-01T12:00:00Z,reopened,web
        A,2024-01-01T10:00:00Z,opened,web
        A,2024-01-01T11:00:00Z,resolved,web

        """
        var configuration = Self.window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")
        configuration.asOf = at("2024-01-01T18:00:00Z")
        let web = try #require(try report(text, configuration: configuration).services.first)
        #expect(web.openIncidents == 1)
        #expect(web.ongoingOutages == 1)
        #expect(web.openAge.meanSeconds == 28_800)
        #expect(web.timeToResolve.count == 0)
        #expect(web.mttr.count == 0)
        #expect(web.downtimeSeconds == 8 * 3600)
        #expect(web.eligibleSeconds == 18 * 3600, "time after the as-of time is not counted")
    }

    @Test("rows in any order fold to the same report")
    func orderIndependence() throws {
        let rows = [
            "A,2024-01-01T10:00:00Z,opened,web,P1,",
            "A,2024-01-01T10:05:00Z,detected,web,,",
            "A,2024-01-01T09:58:00Z,impact_started,web,,",
            "A,2024-01-01T10:07:00Z,ack,web,,",
            "A,2024-01-01T10:40:00Z,mitigated,web,,disk",
            "A,2024-01-01T11:00:00Z,resolve,web,,",
            "B,2024-01-01T10:20:00Z,trigger,web,P2,",
            "B,2024-01-01T10:50:00Z,resolved,web,,net",
            "C,2024-01-01T12:00:00Z,note,api,,",
        ]
        let header = "id,timestamp,event,service,priority,reason\n"
        let configuration = Self.window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")
        let expected = try report(header + rows.joined(separator: "\n"), configuration: configuration)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20 {
            let shuffled = rows.shuffled(using: &generator)
            #expect(try report(header + shuffled.joined(separator: "\n"), configuration: configuration) == expected)
        }
        let web = try #require(expected.services.first { $0.service == "web" })
        #expect(web.downtimeSeconds == seconds("2024-01-01T09:58:00Z", "2024-01-01T10:50:00Z"))
        #expect(web.mttd.meanSeconds == 420)
        #expect(web.mtta.meanSeconds == 120)
        #expect(web.mttr.count == 2)
        #expect(expected.dataQuality.recordsWithoutLifecycle == 1, "C has only a note")
        #expect(!expected.services.contains { $0.service == "api" })
    }

    @Test("an attribute takes the last non-empty value by event time; ties go to the row read later")
    func attributeVersions() throws {
        let text = """
        id,timestamp,event,service,reason
        A,2024-01-01T10:00:00Z,opened,web,first
        A,2024-01-01T12:00:00Z,resolved,,latest
        A,2024-01-01T11:00:00Z,status,api,middle
        B,2024-01-01T10:00:00Z,opened,web,x
        B,2024-01-01T10:00:00Z,status,web,y

        """
        let result = try report(text, configuration: Self.window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"))
        // A: service from the latest row that has one (11:00, api); reason from 12:00.
        let api = try #require(result.services.first { $0.service == "api" })
        #expect(api.incidents == 1)
        #expect(api.reasons.map(\.reason) == ["latest"])
        let web = try #require(result.services.first { $0.service == "web" })
        #expect(web.reasons.map(\.reason) == ["y"])
    }

    @Test("a child joins its parent's episode and MTTR family; an absent parent changes nothing")
    func parentFolding() throws {
        let text = """
        id,service,impact_start,recovered,parent
        P,web,2024-01-01T10:00:00Z,2024-01-01T11:00:00Z,
        C,web,2024-01-01T13:00:00Z,2024-01-01T13:30:00Z,P
        X,web,2024-01-01T15:00:00Z,2024-01-01T15:10:00Z,PRB-404

        """
        let web = try #require(try report(text, configuration: Self.window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")).services.first)
        #expect(web.failures == 2)
        #expect(web.incidents == 3)
        #expect(web.downtimeSeconds == 3600 + 1800 + 600)
        #expect(web.mttr.count == 2)
        // Family P+C: 10:00 → 13:30; X alone: 10 minutes.
        #expect(web.mttr.maxSeconds == 12_600)
        #expect(web.mttr.minSeconds == 600)
    }

    @Test("maintenance is removed from eligible time and downtime, and is never a failure")
    func maintenance() throws {
        let text = """
        id,service,kind,impact_start,recovered
        M1,web,Maintenance,2024-01-01T00:00:00Z,2024-01-01T02:00:00Z
        M2,,maintenance,2024-01-01T05:00:00Z,2024-01-01T06:00:00Z
        A,web,incident,2024-01-01T01:00:00Z,2024-01-01T03:00:00Z
        B,api,,2024-01-01T05:30:00Z,2024-01-01T07:00:00Z

        """
        let result = try report(text, configuration: Self.window("2024-01-01T00:00:00Z", "2024-01-01T10:00:00Z"))
        let web = try #require(result.services.first { $0.service == "web" })
        #expect(web.eligibleSeconds == 7 * 3600)
        #expect(web.downtimeSeconds == 3600)
        #expect(web.failures == 1)
        let api = try #require(result.services.first { $0.service == "api" })
        #expect(api.eligibleSeconds == 9 * 3600)
        #expect(api.downtimeSeconds == 3600)
        #expect(result.services.count == 2, "global maintenance creates no service")
    }

    @Test("contradicting times are reported and left out of what they break")
    func recordIssues() throws {
        let text = """
        id,service,opened,impact_start,detected,acknowledged,recovered,resolved
        A,web,2024-01-01T10:00:00Z,2024-01-01T10:00:00Z,,,2024-01-01T09:00:00Z,2024-01-01T09:30:00Z
        B,web,2024-01-01T10:00:00Z,2024-01-01T10:10:00Z,2024-01-01T10:05:00Z,2024-01-01T09:00:00Z,2024-01-01T11:00:00Z,2024-01-01T11:00:00Z

        """
        let result = try report(text, configuration: Self.window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"))
        let issues = Dictionary(uniqueKeysWithValues: result.dataQuality.recordIssues.map { ($0.issue, $0.firstIDs) })
        #expect(issues["recovered_before_impact_start"] == ["A"])
        #expect(issues["resolved_before_opened"] == ["A"])
        #expect(issues["detected_before_impact_start"] == ["B"])
        #expect(issues["acknowledged_before_detected"] == ["B"])
        let web = try #require(result.services.first)
        #expect(web.failures == 1)
        #expect(web.downtimeSeconds == 50 * 60)
        #expect(web.mttd.count == 0)
        #expect(web.mtta.count == 0)
        #expect(web.timeToResolve.count == 1)
    }

    @Test("zero samples give null, never 0 or infinity")
    func nullStatistics() throws {
        let text = "id,service,opened\nA,web,2024-01-01T10:00:00Z\n"
        var configuration = Self.window("2024-01-01T00:00:00Z", "2024-01-01T12:00:00Z")
        configuration.failureFilter.priorities = ["P1"]
        let web = try #require(try report(text, configuration: configuration).services.first)
        #expect(web.failures == 0)
        #expect(web.mttfSeconds == nil)
        #expect(web.uptimePercent == 100)
        #expect(web.mttr == DurationStatistics(microseconds: []))
        #expect(web.mttr.meanSeconds == nil && web.mttr.p90Seconds == nil && web.mttr.count == 0)
    }

    @Test("merging logs read apart equals reading them one after the other")
    func mergeEqualsConcatenation() throws {
        let header = "id,timestamp,event,service,reason\n"
        let first = "A,2024-01-01T10:00:00Z,opened,web,\nB,2024-01-01T10:10:00Z,opened,api,\n"
        let second = "A,2024-01-01T11:00:00Z,resolved,web,disk\nB,2024-01-01T10:40:00Z,resolved,,net\nC,2024-01-01T12:00:00Z,opened,web,\n"
        let configuration = Self.window("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")
        let whole = try readLog(header + first + second, configuration: configuration)
        var merged = try readLog(header + first, configuration: configuration)
        merged.merge(try readLog(header + second, configuration: configuration))
        let a = ReliabilityReport(log: whole, configuration: configuration)
        var b = ReliabilityReport(log: merged, configuration: configuration)
        #expect(b.meta.inputs == ["test.csv", "test.csv"])
        b.meta.inputs = a.meta.inputs
        #expect(a == b)
    }
}
