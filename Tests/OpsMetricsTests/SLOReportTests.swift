import Testing

@testable import OpsMetrics

/// The clock rules of <doc:ServiceLevelObjectives>, hand-computed on `Mon-Fri 09:00-17:00 UTC`
/// (the page's worked example is `workedExample`).
@Suite struct SLOReportTests {
    static let hour: Int64 = 3_600_000_000
    static let minute: Int64 = 60_000_000

    static let csv = """
        id,timestamp,event,status,priority,service
        A,2024-06-10T16:00:00Z,opened,New,P1,web
        A,2024-06-10T16:10:00Z,acknowledged,Active,,
        A,2024-06-10T16:30:00Z,note,Awaiting customer,,
        A,2024-06-11T09:30:00Z,note,Active,,
        A,2024-06-11T11:00:00Z,resolved,Resolved,,
        B,2024-06-07T15:00:00Z,opened,New,P1,db
        B,2024-06-10T12:00:00Z,resolved,Resolved,,
        C,2024-06-10T09:00:00Z,opened,New,P3,web
        C,2024-06-10T10:00:00Z,note,Active,P1,
        D,2024-06-11T15:00:00Z,opened,New,p1,web
        E,2024-06-10T09:00:00Z,opened,New,P1,web
        E,2024-06-10T10:00:00Z,resolved,Resolved,,
        E,2024-06-10T14:00:00Z,reopened,Active,,
        E,2024-06-10T15:00:00Z,resolved,Resolved,,
        F,2024-06-10T09:00:00Z,opened,New,P2,web

        """

    static func report(_ rule: ReopenRule = .clockResumes, aliases: [String: String] = [:], csv: String = csv) throws -> SLOReport {
        var configuration = ReportConfiguration()
        configuration.keepsStatusHistory = true
        configuration.asOf = at("2024-06-12T00:00:00Z")
        let log = try readLog(csv, configuration: configuration)
        let office = try BusinessCalendar(specification: "Mon-Fri 09:00-17:00 UTC")
        let objectives = [
            ServiceLevelObjective(name: "P1 resolution", priorities: ["P1"], clock: .resolution, targetMicroseconds: 4 * hour,
                calendar: office, pauseStatuses: ["awaiting customer"]),
            ServiceLevelObjective(name: "P1 response", priorities: ["P1"], clock: .response, targetMicroseconds: 15 * minute, calendar: office),
            ServiceLevelObjective(name: "P4 resolution", priorities: ["P4"], clock: .resolution, targetMicroseconds: 24 * hour, calendar: office),
        ]
        return SLOReport(log: log, configuration: configuration, slo: SLOConfiguration(objectives: objectives, reopenRule: rule, priorityAliases: aliases))
    }

    static func result(_ report: SLOReport, _ objective: String, _ id: String) throws -> SLORecordResult {
        try #require(report.records.first { $0.objective == objective && $0.id == id })
    }

    @Test("a record without an opened event starts its clocks at its earliest lifecycle or status event, as every metric does")
    func openedDefaultsToTheFirstEvent() throws {
        let csv = """
            id,timestamp,event,status,priority
            G,2024-06-10T10:00:00Z,status,Assigned,P1
            G,2024-06-10T11:00:00Z,acknowledged,Active,
            G,2024-06-10T13:30:00Z,resolved,Resolved,

            """
        let report = try Self.report(csv: csv)
        let g = try Self.result(report, "P1 resolution", "G")
        #expect(g.start == at("2024-06-10T10:00:00Z") && g.businessElapsedMicroseconds == 3 * Self.hour + 30 * Self.minute && g.verdict == .met)
        let response = try Self.result(report, "P1 response", "G")
        #expect(response.businessElapsedMicroseconds == Self.hour && response.verdict == .breached)
        #expect(report.unmeasurable.isEmpty)
    }

    @Test func workedExample() throws {
        let report = try Self.report()
        // A: 16:00-16:30 Monday, paused until Tuesday 09:30, then 09:30-11:00: 2 h, met with 2 h left.
        let a = try Self.result(report, "P1 resolution", "A")
        #expect(a.verdict == .met && a.businessElapsedMicroseconds == 2 * Self.hour && a.remainingMicroseconds == 2 * Self.hour)
        // B: Friday 15:00-17:00 and Monday 09:00-12:00: 5 h, breached by 1 h.
        let b = try Self.result(report, "P1 resolution", "B")
        #expect(b.verdict == .breached && b.businessElapsedMicroseconds == 5 * Self.hour && b.remainingMicroseconds == -Self.hour)
        // C: P3 at open, P1 since 10:00; held to P1 from opened (Monday 09:00), running at
        // Wednesday 00:00: 16 h, breached by 12 h.
        let c = try Self.result(report, "P1 resolution", "C")
        #expect(c.verdict == .breached && c.stop == nil && c.businessElapsedMicroseconds == 16 * Self.hour)
        // D: opened Tuesday 15:00, running: 2 h, pending with 2 h left ("p1" matches "P1").
        let d = try Self.result(report, "P1 resolution", "D")
        #expect(d.verdict == .pending && d.businessElapsedMicroseconds == 2 * Self.hour && d.remainingMicroseconds == 2 * Self.hour)
        // E: 09:00-10:00, resolved until the 14:00 reopen, 14:00-15:00: the clock resumes, 2 h.
        let e = try Self.result(report, "P1 resolution", "E")
        #expect(e.verdict == .met && e.businessElapsedMicroseconds == 2 * Self.hour && e.stop == at("2024-06-10T15:00:00Z"))
        #expect(report.records.filter { $0.objective == "P1 resolution" }.map(\.id) == ["A", "B", "C", "D", "E"])
        let summary = try #require(report.summaries.first { $0.objective == "P1 resolution" && $0.service == nil })
        #expect(summary.met == 2 && summary.breached == 2 && summary.pending == 1 && summary.compliance == 0.5)
        #expect(summary.worstBreaches == ["C", "B"])
        // Stopped clocks A 2 h, B 5 h, E 2 h: nearest-rank p50 = 2 h, p90 = 5 h.
        #expect(summary.p50ElapsedMicroseconds == 2 * Self.hour && summary.p90ElapsedMicroseconds == 5 * Self.hour)
        let web = try #require(report.summaries.first { $0.objective == "P1 resolution" && $0.service == "web" })
        #expect(web.met == 2 && web.breached == 1 && web.pending == 1 && web.worstBreaches == ["C"])
        #expect(report.unmatchedObjectives == ["P4 resolution"])
    }

    @Test func responseClock() throws {
        let report = try Self.report()
        // A acknowledged after 10 min: met. B never acknowledged: Friday 15:00 to Wednesday 00:00 is 18 h, breached.
        let a = try Self.result(report, "P1 response", "A")
        #expect(a.verdict == .met && a.businessElapsedMicroseconds == 10 * Self.minute)
        let b = try Self.result(report, "P1 response", "B")
        #expect(b.verdict == .breached && b.stop == nil && b.businessElapsedMicroseconds == 18 * Self.hour)
    }

    @Test func reopenAsNewMeasurement() throws {
        let e = try Self.result(try Self.report(.newMeasurement), "P1 resolution", "E")
        #expect(e.verdict == .met && e.businessElapsedMicroseconds == Self.hour && e.start == at("2024-06-10T14:00:00Z"))
    }

    @Test func reopenedAndStillOpenRuns() throws {
        let csv = """
            id,timestamp,event,priority
            R,2024-06-10T09:00:00Z,opened,P1
            R,2024-06-10T10:00:00Z,resolved,
            R,2024-06-11T09:00:00Z,reopened,

            """
        // 1 h before the resolution; paused until Tuesday 09:00; running to Wednesday 00:00: 1 h + 8 h.
        let r = try Self.result(try Self.report(csv: csv), "P1 resolution", "R")
        #expect(r.verdict == .breached && r.stop == nil && r.businessElapsedMicroseconds == 9 * Self.hour)
    }

    @Test func prioritiesSpelledDifferently() throws {
        let csv = """
            id,timestamp,event,priority
            S,2024-06-10T09:00:00Z,opened,1 - Critical
            S,2024-06-10T10:00:00Z,resolved,

            """
        #expect(try Self.report(csv: csv).unmatchedObjectives == ["P1 resolution", "P1 response", "P4 resolution"])
        let mapped = try Self.report(aliases: ["1 - critical": "P1"], csv: csv)
        #expect(mapped.unmatchedObjectives == ["P4 resolution"])
        #expect(try Self.result(mapped, "P1 resolution", "S").businessElapsedMicroseconds == Self.hour)
    }

    /// The first-response clock stops at the earliest first response, from a `first_response`
    /// column (record form) or event (event form); in office hours, 1 h target. G: opened Mon
    /// 16:30, replied Tue 09:15: 30 + 15 = 45 min, met. H: opened Mon 10:00, replied 11:30 and
    /// (a later row) 12:00: the earlier counts, 1 h 30 min, breached. As of Wed 09:01, I (no
    /// reply, opened Tue 16:00) has run 61 min, breached; J (opened Tue 16:30) 31 min, pending.
    /// The acknowledgement (response clock) plays no part.
    @Test func firstResponseClock() throws {
        let csv = """
            id,timestamp,event,priority,service,first_response
            G,2024-06-10T16:30:00Z,opened,P1,web,2024-06-11T09:15:00Z
            G,2024-06-10T16:35:00Z,acknowledged,,,
            H,2024-06-10T10:00:00Z,opened,P1,web,
            H,2024-06-10T11:30:00Z,first_response,,,
            H,2024-06-10T12:00:00Z,first reply,,,
            I,2024-06-11T16:00:00Z,opened,P1,web,
            J,2024-06-11T16:30:00Z,opened,P1,web,

            """
        var configuration = ReportConfiguration()
        configuration.asOf = at("2024-06-12T09:01:00Z")
        let log = try readLog(csv, configuration: configuration)
        let office = try BusinessCalendar(specification: "Mon-Fri 09:00-17:00 UTC")
        let objective = ServiceLevelObjective(name: "P1 first response", priorities: ["P1"], clock: .firstResponse,
                                              targetMicroseconds: Self.hour, calendar: office)
        let report = SLOReport(log: log, configuration: configuration, slo: SLOConfiguration(objectives: [objective]))
        let g = try Self.result(report, "P1 first response", "G")
        #expect(g.verdict == .met && g.businessElapsedMicroseconds == 45 * Self.minute && g.stop == at("2024-06-11T09:15:00Z"))
        let h = try Self.result(report, "P1 first response", "H")
        #expect(h.verdict == .breached && h.businessElapsedMicroseconds == 90 * Self.minute)
        let i = try Self.result(report, "P1 first response", "I")
        #expect(i.verdict == .breached && i.stop == nil && i.businessElapsedMicroseconds == 61 * Self.minute)
        let j = try Self.result(report, "P1 first response", "J")
        #expect(j.verdict == .pending && j.businessElapsedMicroseconds == 31 * Self.minute)
        #expect(SLOClock(named: "first_response") == .firstResponse)
    }
}
