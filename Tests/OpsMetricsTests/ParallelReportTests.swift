import Testing
@testable import OpsMetrics

/// A report computed on several threads (the log's facts built in parts, the services analysed
/// concurrently) is the one-thread report, bit for bit, whatever the schedule.
@Suite("Report on several threads")
struct ParallelReportTests {
    static let seed = SplitMix64.configuredSeed
    static let generated = GeneratedEventLog(events: 10_000, seed: seed)

    /// The generated log under the default definitions and under others (per-episode MTTR,
    /// samples by start, a merge gap, a failure filter).
    static let configurations: [ReportConfiguration] = {
        var other = ReportConfiguration()
        other.mttrDefinition = .repair
        other.mttrPerEpisode = true
        other.samplesByStart = true
        other.episodeMergeGapMicroseconds = 300_000_000
        other.failureFilter.priorities = ["P1", "P2"]
        return [ReportConfiguration(), other]
    }()

    /// The report of `log` on `threads` threads, however few its records.
    func report(_ log: IncidentLog, _ configuration: ReportConfiguration, threads: Int) -> ReliabilityReport {
        var configuration = configuration
        configuration.threads = threads
        return ReliabilityReport(log: log, configuration: configuration, minimumParallelRecords: 0)
    }

    @Test("the generated log's report on 2 and 8 threads is the one-thread report", arguments: [2, 8])
    func generatedLog(threads: Int) throws {
        for configuration in Self.configurations {
            let log = try readLog(Self.generated.csv, configuration: configuration)
            let one = report(log, configuration, threads: 1)
            #expect(one.services.count == GeneratedEventLog.services.count)
            let many = report(log, configuration, threads: threads)
            #expect(many == one, "seed \(Self.seed): \(metricDifferences(one, many).prefix(5))")
        }
    }

    @Test("the public initializer gives the one-thread report")
    func publicInitializer() throws {
        let log = try readLog(Self.generated.csv)
        #expect(ReliabilityReport(log: log, configuration: ReportConfiguration()) == report(log, ReportConfiguration(), threads: 1))
    }

    @Test("a report that consumes its log (states released segment by segment) is the report of the log kept")
    func consumingReport() throws {
        // Over three segments of states (16,384 records each), so facts are made across segment ends.
        let generated = GeneratedEventLog(events: 140_000, seed: Self.seed)
        for configuration in Self.configurations.suffix(1) {  // the one with every definition changed
            let kept = try readLog(generated.csv, configuration: configuration)
            #expect(kept.states.count > 2 * LazyColumn<Int64>.segmentSize)
            let expected = ReliabilityReport(log: kept, configuration: configuration)
            // A log owned by the report alone is consumed.
            var owned = try readLog(generated.csv, configuration: configuration)
            let unique = owned.states.isUniquelyReferenced()
            #expect(unique)
            #expect(ReliabilityReport(consuming: owned, configuration: configuration) == expected)
            // A log whose states another copy shares is read as it is, and the copy stays whole.
            let copy = kept
            #expect(ReliabilityReport(consuming: copy, configuration: configuration) == expected)
            #expect(kept.states.count > 0 && ReliabilityReport(log: kept, configuration: configuration) == expected)
        }
    }

    @Test("random small logs: the consuming report is the report")
    func consumingRandomLogs() throws {
        var rng = SplitMix64()
        for index in 0..<200 {
            let random = RandomIncidentLog.make(using: &rng)
            let log = try readLog(random.csv(random.rows), configuration: random.configuration)
            let expected = ReliabilityReport(log: log, configuration: random.configuration)
            let owned = try readLog(random.csv(random.rows), configuration: random.configuration)
            #expect(ReliabilityReport(consuming: owned, configuration: random.configuration) == expected,
                    "OPSMETRICS_SEED=0x\(String(rng.seed, radix: 16)) case \(index): \(random.summary)")
        }
    }

    @Test("random small logs (maintenance without a service, parents, notes only, issues) on 2, 3 and 8 threads")
    func randomLogs() throws {
        var rng = SplitMix64()
        for index in 0..<200 {
            let random = RandomIncidentLog.make(using: &rng)
            let log = try readLog(random.csv(random.rows), configuration: random.configuration)
            let one = report(log, random.configuration, threads: 1)
            for threads in [2, 3, 8] {
                let many = report(log, random.configuration, threads: threads)
                #expect(many == one, "OPSMETRICS_SEED=0x\(String(rng.seed, radix: 16)) case \(index), \(threads) threads: \(random.summary)")
            }
        }
    }
}

/// SLO verdicts computed on several threads (the records cut into runs in id order) are the
/// one-thread verdicts, in the same order, with the same summaries.
@Suite("SLOs on several threads")
struct ParallelSLOTests {
    static let generated = GeneratedEventLog(events: 10_000, seed: SplitMix64.configuredSeed)

    static func objectives() throws -> [ServiceLevelObjective] {
        let hour: Int64 = 3_600_000_000
        let office = try BusinessCalendar(specification: "Mon-Fri 09:00-17:00 Europe/London")
        return [
            ServiceLevelObjective(name: "P1 resolution", priorities: ["P1"], clock: .resolution, targetMicroseconds: 4 * hour, calendar: office),
            ServiceLevelObjective(name: "P1 response", priorities: ["P1"], clock: .response, targetMicroseconds: hour / 4, calendar: office),
            ServiceLevelObjective(name: "all resolution", clock: .resolution, targetMicroseconds: 8 * hour, calendar: .twentyFourSeven),
            ServiceLevelObjective(name: "P9 resolution", priorities: ["P9"], clock: .resolution, targetMicroseconds: hour, calendar: office),
        ]
    }

    @Test("the generated log's SLO report on 2, 3 and 8 threads is the one-thread report", arguments: [2, 3, 8])
    func generatedLog(threads: Int) throws {
        let log = try readLog(Self.generated.csv)
        for rule in [ReopenRule.clockResumes, .newMeasurement] {
            let slo = SLOConfiguration(objectives: try Self.objectives(), reopenRule: rule)
            func report(threads: Int) -> SLOReport {
                var configuration = ReportConfiguration()
                configuration.threads = threads
                return SLOReport(log: log, configuration: configuration, slo: slo, minimumParallelRecords: 0)
            }
            let one = report(threads: 1)
            let many = report(threads: threads)
            #expect(one.records.count > 1_000 && one.unmatchedObjectives == ["P9 resolution"])
            #expect(Array(many.records) == Array(one.records))
            #expect(many.summaries == one.summaries && many.unmatchedObjectives == one.unmatchedObjectives && many.unmeasurable == one.unmeasurable)
        }
    }
}
