import Testing

@testable import OpsMetrics

/// Status and event maps, and the reopen counter, in the fold (RowFolder).
@Suite("Value maps and the reopen counter")
struct ValueMapTests {
    static let serviceNowMap = ["Resolved": "resolved", "Closed": "closed"]

    static func configuration(status: [String: String] = [:], event: [String: String] = [:]) -> ReportConfiguration {
        var configuration = ReportConfiguration()
        configuration.statusMap = status
        configuration.eventMap = event
        configuration.windowStart = at("2024-01-01T00:00:00Z")
        configuration.windowEnd = at("2025-01-01T00:00:00Z")
        return configuration
    }

    @Test("a status map turns status rows into lifecycle events, case-insensitively")
    func statusMap() throws {
        let text = """
        number,state,updated
        A,New,2024-01-01T10:00:00Z
        A,Active,2024-01-01T10:30:00Z
        A,resolved,2024-01-01T12:00:00Z
        A,RESOLVED,2024-01-01T13:00:00Z
        A,Closed,2024-01-06T13:00:00Z

        """
        var configuration = Self.configuration(status: Self.serviceNowMap)
        configuration.columnMap = ["timestamp": "updated"]
        let log = try readLog(text, configuration: configuration)
        let state = log.states[0]
        #expect(state.firstActivity == at("2024-01-01T10:00:00Z").microsecondsSinceEpoch)
        #expect(state.resolvedFirst == at("2024-01-01T12:00:00Z").microsecondsSinceEpoch)
        #expect(state.resolvedLast == at("2024-01-01T13:00:00Z").microsecondsSinceEpoch)
        #expect(state.closed == at("2024-01-06T13:00:00Z").microsecondsSinceEpoch)
        let result = ReliabilityReport(log: log, configuration: configuration)
        #expect(result.total.timeToResolve.meanSeconds == 10_800.0)
        #expect(result.total.openIncidents == 0)
    }

    @Test("without a status map, the same rows are only status changes: the record stays open")
    func noStatusMap() throws {
        let text = "number,state,timestamp\nA,Resolved,2024-01-01T12:00:00Z\n"
        let result = try report(text, configuration: Self.configuration())
        #expect(result.total.openIncidents == 1)
    }

    @Test("an explicit status event is mapped too")
    func explicitStatusEvent() throws {
        let text = "id,event,status,timestamp\nA,opened,,2024-01-01T10:00:00Z\nA,status,Closed,2024-01-01T12:00:00Z\n"
        let log = try readLog(text, configuration: Self.configuration(status: Self.serviceNowMap))
        #expect(log.states[0].closed == at("2024-01-01T12:00:00Z").microsecondsSinceEpoch)
    }

    @Test("an event map translates activities before the built-in spellings")
    func eventMap() throws {
        let text = """
        case,activity,time
        T1,Assign seriousness,2024-01-01T10:00:00Z
        T1,Take in charge ticket,2024-01-01T10:05:00Z
        T1,Wait,2024-01-01T11:00:00Z
        T1,Resolve ticket,2024-01-01T12:00:00Z
        T1,closed,2024-01-02T12:00:00Z

        """
        var configuration = Self.configuration(event: [
            "assign seriousness": "opened", "Take in charge ticket": "ack", "Wait": "status", "Resolve Ticket": "resolved",
        ])
        configuration.columnMap = ["id": "case", "event": "activity", "timestamp": "time"]
        let state = try readLog(text, configuration: configuration).states[0]
        #expect(state.opened == at("2024-01-01T10:00:00Z").microsecondsSinceEpoch)
        #expect(state.acknowledged == at("2024-01-01T10:05:00Z").microsecondsSinceEpoch)
        #expect(state.resolvedLast == at("2024-01-01T12:00:00Z").microsecondsSinceEpoch)
        #expect(state.closed == at("2024-01-02T12:00:00Z").microsecondsSinceEpoch, "built-in spelling still works")
    }

    @Test("an unmapped event value stays an error, and says that the event map was consulted")
    func unknownEvent() throws {
        var configuration = Self.configuration(event: ["Resolve ticket": "resolved"])
        configuration.columnMap = ["event": "activity"]
        let text = "id,activity,timestamp\nT1,Require upgrade,2024-01-01T10:00:00Z\n"
        #expect {
            _ = try readLog(text, configuration: configuration)
        } throws: { error in
            guard let error = error as? ParseError else { return false }
            return error.kind == .unknownEvent && error.field == "activity"
                && error.expected.hasSuffix("or a value of the event map") && error.found == "\"Require upgrade\""
        }
    }

    @Test("an event mapped to note has no lifecycle effect")
    func mappedToNote() throws {
        var configuration = Self.configuration(event: ["Create SW anomaly": "note"])
        configuration.columnMap = ["event": "activity"]
        let text = "id,activity,timestamp\nT1,Create SW anomaly,2024-01-01T10:00:00Z\n"
        let result = ReliabilityReport(log: try readLog(text, configuration: configuration), configuration: configuration)
        #expect(result.dataQuality.recordsWithoutLifecycle == 1)
        #expect(result.total.incidents == 0)
    }

    @Test("a map target that is no event is a configuration error")
    func badTarget() {
        #expect(throws: ConfigurationError.self) {
            _ = try EventLogReader(name: "x", format: .csv, configuration: Self.configuration(status: ["Resolved": "done"]))
        }
        #expect(throws: ConfigurationError.self) {
            _ = try EventLogReader(name: "x", format: .csv, configuration: Self.configuration(event: ["a": "close", "A": "resolved"]))
        }
    }

    // MARK: Reopen counter

    /// ServiceNow's INC0000715 (from the UCI log): resolved at 3/3 08:36, reopened 4/3 12:42,
    /// resolved 10/3 12:16, reopened 12:47, resolved 15:36, closed 24/3 18:50.
    static let reopenedIncident = [
        "INC0000715,New,0,2024-03-01T13:03:00Z",
        "INC0000715,Active,0,2024-03-01T14:10:00Z",
        "INC0000715,Resolved,0,2024-03-03T08:36:00Z",
        "INC0000715,Active,1,2024-03-04T12:42:00Z",
        "INC0000715,Active,1,2024-03-10T12:16:00Z",
        "INC0000715,Resolved,1,2024-03-10T12:16:00Z",
        "INC0000715,Active,2,2024-03-10T12:47:00Z",
        "INC0000715,Active,2,2024-03-10T12:47:00Z",
        "INC0000715,Active,2,2024-03-10T15:36:00Z",
        "INC0000715,Resolved,2,2024-03-10T15:36:00Z",
        "INC0000715,Closed,2,2024-03-24T18:50:00Z",
    ]

    @Test("the reopen counter: count = the largest value, last reopen = the first row that shows it; any row order")
    func reopenCounter() throws {
        var generator = SplitMix64(seed: SplitMix64.configuredSeed)
        for round in 0..<20 {
            var rows = Self.reopenedIncident
            if round > 0 { rows.shuffle(using: &generator) }
            let text = "number,incident_state,reopen_count,sys_updated_at\n" + rows.joined(separator: "\n") + "\n"
            var configuration = Self.configuration(status: Self.serviceNowMap)
            configuration.columnMap = ["status": "incident_state", "timestamp": "sys_updated_at"]
            let log = try readLog(text, configuration: configuration)
            let state = log.states[0]
            #expect(state.reopenCounter == 2, "seed \(SplitMix64.configuredSeed)")
            #expect(state.lastReopen == at("2024-03-10T12:47:00Z").microsecondsSinceEpoch, "seed \(SplitMix64.configuredSeed)")
            #expect(state.resolvedFirst == at("2024-03-03T08:36:00Z").microsecondsSinceEpoch)
            let facts = try #require(IncidentFacts(index: 0, state: state, maintenanceKinds: []))
            #expect(facts.resolved == at("2024-03-10T15:36:00Z").microsecondsSinceEpoch, "resolved again after the last reopen")
        }
    }

    @Test("a reopen counted after the last resolution leaves the record open")
    func reopenCounterOpen() throws {
        let text = """
        number,incident_state,reopen_count,sys_updated_at
        A,New,0,2024-01-01T10:00:00Z
        A,Resolved,0,2024-01-01T11:00:00Z
        A,Active,1,2024-01-01T12:00:00Z

        """
        var configuration = Self.configuration(status: Self.serviceNowMap)
        configuration.columnMap = ["status": "incident_state", "timestamp": "sys_updated_at"]
        let result = ReliabilityReport(log: try readLog(text, configuration: configuration), configuration: configuration)
        #expect(result.total.openIncidents == 1)
    }

    @Test("merging logs folds the counter like reading them one after the other")
    func reopenCounterMerge() throws {
        var configuration = Self.configuration(status: Self.serviceNowMap)
        configuration.columnMap = ["status": "incident_state", "timestamp": "sys_updated_at"]
        let header = "number,incident_state,reopen_count,sys_updated_at\n"
        let rows = Self.reopenedIncident
        var merged = try readLog(header + rows[6...].joined(separator: "\n"), configuration: configuration)
        merged.merge(try readLog(header + rows[..<6].joined(separator: "\n"), configuration: configuration))
        #expect(merged.states[0].reopenCounter == 2)
        #expect(merged.states[0].lastReopen == at("2024-03-10T12:47:00Z").microsecondsSinceEpoch)
    }

    @Test("a reopen count that is not a whole number is invalid_number")
    func reopenCounterInvalid() throws {
        let text = "id,timestamp,reopen_count\nA,2024-01-01T10:00:00Z,1.5\n"
        #expect {
            _ = try readLog(text)
        } throws: { error in
            (error as? ParseError)?.description
                == "test.csv:2:24: error: invalid number in field 'reopen_count': expected a whole number of reopens (0 to 1000000), found \"1.5\""
        }
    }
}
