// Property tests against the reference model: random small logs (RandomIncidentLog) are read by
// the library and by the slow model, and every number must agree. The same rows shuffled, and the
// rows split into two logs joined with IncidentLog.merge, must give the same report.
//
// Replay a failure with OPSMETRICS_SEED=<seed> swift test --filter ReferenceModel
import Foundation
import OpsMetrics
import Testing

/// Reads CSV text with the library, pushing it in random chunks.
private func libraryLog(_ text: String, name: String, configuration: ReportConfiguration, rng: inout SplitMix64) throws -> IncidentLog {
    var reader = try EventLogReader(name: name, format: .csv, configuration: configuration)
    let bytes = Array(text.utf8)
    var start = 0
    let chunk = rng.next() % 3 == 0 ? 1 + Int(rng.next() % 97) : bytes.count
    while start < bytes.count {
        let end = min(bytes.count, start + chunk)
        try reader.push(bytes[start..<end])
        start = end
    }
    return try reader.finish()
}

/// Reads CSV text with the reference model.
private func referenceReport(_ text: String, configuration: ReportConfiguration) -> ModelReport {
    var model = ReferenceModel(configuration: configuration)
    model.read(csv: text)
    return model.report()
}

/// Whether two model reports have the same metrics (samples compared as multisets, record
/// issues by count: the order of first ids follows the input order).
private func sameMetrics(_ a: ModelReport, _ b: ModelReport) -> Bool {
    func normalized(_ service: ModelService) -> ModelService {
        var copy = service
        for keyPath in [\ModelService.mtbsi, \.mttr, \.mttd, \.mtta, \.timeToResolve, \.openAge] { copy[keyPath: keyPath].sort() }
        return copy
    }
    return a.windowStart == b.windowStart && a.windowEnd == b.windowEnd && a.asOf == b.asOf
        && a.services.map(normalized) == b.services.map(normalized) && normalized(a.total) == normalized(b.total)
        && a.reasons == b.reasons && a.issues.mapValues(\.count) == b.issues.mapValues(\.count)
        && a.recordsWithoutLifecycle == b.recordsWithoutLifecycle
}

@Suite("Reference model properties")
struct ReferenceModelPropertyTests {
    static let caseCount = 200
    /// Stop reporting a property after this many failing cases.
    static let failuresShown = 3

    @Test("the library agrees with the reference model on random logs, in any row order and when merged")
    func randomLogs() throws {
        var rng = SplitMix64()
        let seed = String(rng.seed, radix: 16)
        var failures: [String: Int] = [:]
        func fail(_ property: String, _ index: Int, _ log: RandomIncidentLog, _ rows: [String], _ details: [String]) {
            failures[property, default: 0] += 1
            guard failures[property]! <= Self.failuresShown else { return }
            Issue.record("""
                \(property): OPSMETRICS_SEED=0x\(seed) case \(index) (\(log.summary))
                \(log.csv(rows))
                \(details.prefix(20).joined(separator: "\n"))
                """)
        }

        for index in 0..<Self.caseCount {
            let log = RandomIncidentLog.make(using: &rng)
            let configuration = log.configuration

            // 1. Library vs model.
            let text = log.csv(log.rows)
            let report = ReliabilityReport(log: try libraryLog(text, name: "random.csv", configuration: configuration, rng: &rng), configuration: configuration)
            let model = referenceReport(text, configuration: configuration)
            let disagreements = differences(library: report, model: model)
            if !disagreements.isEmpty { fail("library vs model", index, log, log.rows, disagreements) }

            // 2. Order independence: the rows shuffled give the same report, unless the
            //    definitions themselves make the order matter for this log (ties broken by the
            //    order rows were read), which the model tells.
            var shuffled = log.rows
            shuffled.shuffle(using: &rng)
            let shuffledText = log.csv(shuffled)
            let shuffledReport = ReliabilityReport(
                log: try libraryLog(shuffledText, name: "random.csv", configuration: configuration, rng: &rng), configuration: configuration)
            let shuffledModel = referenceReport(shuffledText, configuration: configuration)
            let shuffledDisagreements = differences(library: shuffledReport, model: shuffledModel)
            if !shuffledDisagreements.isEmpty { fail("library vs model (shuffled rows)", index, log, shuffled, shuffledDisagreements) }
            if sameMetrics(model, shuffledModel) {
                let changed = metricDifferences(report, shuffledReport)
                if !changed.isEmpty { fail("order independence", index, log, shuffled, changed) }
            }

            // 3. Merge: rows split into two inputs (each row once, each part in its order) and
            //    merged equal reading the two parts one after the other.
            var partA: [String] = []
            var partB: [String] = []
            for row in shuffled {
                if rng.next() % 2 == 0 { partA.append(row) } else { partB.append(row) }
            }
            var merged = try libraryLog(log.csv(partA), name: "a.csv", configuration: configuration, rng: &rng)
            merged.merge(try libraryLog(log.csv(partB), name: "b.csv", configuration: configuration, rng: &rng))
            let mergedReport = ReliabilityReport(log: merged, configuration: configuration)
            let concatenated = ReliabilityReport(
                log: try libraryLog(log.csv(partA + partB), name: "ab.csv", configuration: configuration, rng: &rng),
                configuration: configuration)
            let mergeDifferences = metricDifferences(mergedReport, concatenated)
            if !mergeDifferences.isEmpty { fail("merge", index, log, partA + ["-- merged with --"] + partB, mergeDifferences) }
        }
        let summary = failures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value) of \(Self.caseCount)" }
        #expect(failures.isEmpty, "OPSMETRICS_SEED=0x\(seed): \(summary.joined(separator: "; "))")
    }
}
