// The report's JSON writer (`ReliabilityReport.jsonBytes()`) against Foundation's JSONEncoder
// with the CLI's options: byte-identical on every golden fixture and on seeded random reports
// (random strings with quotes, backslashes, slashes, control characters and UTF-8; random
// doubles of every magnitude, nil, integers; random dynamic keys).
import Foundation
@testable import OpsMetrics
@testable import opsmetrics_cli
import Testing

@Suite("Report JSON writer")
struct ReportJSONWriterTests {
    static func encoderBytes(_ report: ReliabilityReport) throws -> [UInt8] {
        Array(try JSONRendering.render(report).utf8)
    }

    static func fixtureReport(_ fixture: GoldenFixture) throws -> ReliabilityReport {
        let expected = try fixture.expected()
        let configuration = try GoldenFixture.configuration(expected["configuration"] as? [String: Any] ?? [:])
        let log = try IncidentLog(contentsOfFile: try fixture.inputPath(expected), configuration: configuration)
        return ReliabilityReport(log: log, configuration: configuration)
    }

    @Test(arguments: GoldenFixture.all)
    func fixtureIsByteIdentical(_ fixture: GoldenFixture) throws {
        let report = try Self.fixtureReport(fixture)
        let written = try #require(report.jsonBytes())
        #expect(written == (try Self.encoderBytes(report)))
    }

    @Test("Random reports are byte-identical (seeded)")
    func randomReports() throws {
        let seed = SplitMix64.configuredSeed
        var rng = SplitMix64(seed: seed)
        let base = try Self.fixtureReport(try #require(GoldenFixture.all.first))
        for round in 0..<200 {
            let report = Self.randomReport(from: base, using: &rng)
            let written = try #require(report.jsonBytes())
            let expected = try Self.encoderBytes(report)
            let lines = (String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false),
                         String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false))
            let first = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(written == expected, "seed \(seed) round \(round): first difference at line \(first?.offset ?? -1): \(first.map { "\($0.element.0) vs \($0.element.1)" } ?? "length")")
            if written != expected { return }
        }
    }

    @Test("A NaN is left to JSONEncoder, which refuses it")
    func nonFiniteNumber() throws {
        var report = try Self.fixtureReport(try #require(GoldenFixture.all.first))
        report.total.downtimeSeconds = .nan
        #expect(report.jsonBytes() == nil)
        #expect(throws: (any Error).self) { try JSONRendering.render(report) }
    }

    static func randomString(using rng: inout SplitMix64) -> String {
        let pieces = ["a", "Z", "svc-1", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}",
                      "é", "日本", "🚀", "\u{2028}", " ", "_", "10", "2", "0", "A_b", ""]
        let count = Int(rng.next() % 6)
        return (0..<count).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
    }

    static func randomDouble(using rng: inout SplitMix64) -> Double {
        switch rng.next() % 8 {
        case 0: return Double(Int64(bitPattern: rng.next()) % 1_000_000)
        case 1: return Double(rng.next() % 10_000_000_000) / 1_000_000
        case 2: return Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)  // any finite magnitude
        case 3: return -Double(rng.next() % 1000) / 7
        case 4: return 0
        case 5: return 1e-7 * Double(rng.next() % 100)
        case 6: return 1e16 * Double(rng.next() % 100)
        default: return Double(rng.next() % 100) / 3
        }
    }

    static func randomStatistics(using rng: inout SplitMix64) -> DurationStatistics {
        var statistics = DurationStatistics(microseconds: [])
        statistics.count = Int(rng.next() % 1000)
        func optional(_ rng: inout SplitMix64) -> Double? { rng.next() % 4 == 0 ? nil : randomDouble(using: &rng) }
        statistics.meanSeconds = optional(&rng)
        statistics.p50Seconds = optional(&rng)
        statistics.p90Seconds = optional(&rng)
        statistics.minSeconds = optional(&rng)
        statistics.maxSeconds = optional(&rng)
        return statistics
    }

    static func randomService(from base: ServiceReliability, using rng: inout SplitMix64) -> ServiceReliability {
        var service = base
        service.service = randomString(using: &rng)
        service.eligibleSeconds = randomDouble(using: &rng)
        service.downtimeSeconds = randomDouble(using: &rng)
        service.uptimePercent = rng.next() % 3 == 0 ? nil : randomDouble(using: &rng)
        service.failures = Int(rng.next() % 100_000)
        service.incidents = Int(rng.next() % 100_000)
        service.openIncidents = Int(rng.next() % 10)
        service.ongoingOutages = Int(rng.next() % 10)
        service.mttfSeconds = rng.next() % 3 == 0 ? nil : randomDouble(using: &rng)
        service.mtbsi = randomStatistics(using: &rng)
        service.mttr = randomStatistics(using: &rng)
        service.mttd = randomStatistics(using: &rng)
        service.mtta = randomStatistics(using: &rng)
        service.timeToResolve = randomStatistics(using: &rng)
        service.openAge = randomStatistics(using: &rng)
        service.reasons = (0..<Int(rng.next() % 3)).map { _ in
            ReasonBreakdown(reason: randomString(using: &rng), episodes: Int(rng.next() % 50),
                            episodeShare: rng.next() % 3 == 0 ? nil : randomDouble(using: &rng),
                            downtimeSeconds: randomDouble(using: &rng),
                            downtimeShare: rng.next() % 3 == 0 ? nil : randomDouble(using: &rng),
                            mttr: randomStatistics(using: &rng))
        }
        return service
    }

    static func randomReport(from base: ReliabilityReport, using rng: inout SplitMix64) -> ReliabilityReport {
        var report = base
        report.services = (0..<Int(rng.next() % 4)).map { _ in randomService(from: base.total, using: &rng) }
        report.total = randomService(from: base.total, using: &rng)
        report.reasons = report.total.reasons
        report.meta.windowStart = Timestamp(microsecondsSinceEpoch: Int64(rng.next() % 4_000_000_000_000_000))
        report.meta.windowEndInclusive = rng.next() % 2 == 0
        report.meta.windowSource = randomString(using: &rng)
        report.meta.inputs = (0..<Int(rng.next() % 3)).map { _ in randomString(using: &rng) }
        let keys = ["a", "B", "a_b", "ab", "a10", "a9", "a09", "A", "_x", "x_", "mttr", "mtta", "é", "z"]
        report.meta.definitions = [:]
        for _ in 0..<Int(rng.next() % 6) {
            report.meta.definitions[keys[Int(rng.next() % UInt64(keys.count))]] = randomString(using: &rng)
        }
        var accounting = report.meta.inputAccounting
        accounting.skipped = [:]
        for _ in 0..<Int(rng.next() % 4) {
            accounting.skipped[keys[Int(rng.next() % UInt64(keys.count))]] = InputAccounting.Skip(
                count: Int(rng.next() % 9), firstLocations: [randomString(using: &rng)], firstMessage: randomString(using: &rng))
        }
        report.meta.inputAccounting = accounting
        report.dataQuality.recordIssues = (0..<Int(rng.next() % 3)).map { _ in
            RecordIssue(issue: randomString(using: &rng), effect: randomString(using: &rng), count: Int(rng.next() % 9),
                        firstIDs: (0..<Int(rng.next() % 3)).map { _ in randomString(using: &rng) })
        }
        report.dataQuality.recordsWithoutLifecycle = Int(rng.next() % 9)
        return report
    }
}
