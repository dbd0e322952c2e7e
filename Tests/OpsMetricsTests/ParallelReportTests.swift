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
