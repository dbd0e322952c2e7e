import Foundation
import Testing
@testable import OpsMetrics

/// Random damage to real fixtures, through the whole pipeline (reader, fold, report): no input
/// may crash or trap, a strict read either succeeds or throws a located `ParseError`, and a
/// lenient read always accounts for every row.
@Suite("Hostile input")
struct HostileInputTests {
    static let fixtures: [(name: String, bytes: [UInt8], format: InputFormat)] = {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/valid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            guard !name.hasSuffix(".expected.json"), let format = InputFormat(pathExtensionOf: name),
                  let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
            return (name, Array(data), format)
        }
    }()

    static let interesting: [UInt8] = Array(",;\"\n\r\t{}[]:\\ -+TZ0123456789.".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]

    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            guard !result.isEmpty else { break }
            let index = Int.random(in: 0..<result.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: result[index] = interesting.randomElement(using: &generator) ?? 0
            case 1: result.remove(at: index)
            case 2: result.insert(interesting.randomElement(using: &generator) ?? 0, at: index)
            case 3: result.removeSubrange(index..<min(result.count, index + Int.random(in: 1...40, using: &generator)))
            default: result = Array(result[..<index])  // truncated input
            }
        }
        return result
    }

    @Test("mutated fixtures never crash; errors are located; lenient reads account for every row")
    func mutatedFixtures() throws {
        try #require(!Self.fixtures.isEmpty)
        var generator = SplitMix64(seed: SplitMix64.configuredSeed)
        let seed = generator.seed
        for iteration in 0..<600 {
            let fixture = Self.fixtures[iteration % Self.fixtures.count]
            let input = Self.mutate(fixture.bytes, using: &generator)
            var configuration = ReportConfiguration()
            for chunkSize in [nil, 3] {
                configuration.skipInvalidRows = false
                do {
                    let log = try readLog(bytes: input, format: fixture.format, name: fixture.name, configuration: configuration, chunkSize: chunkSize)
                    _ = ReliabilityReport(log: log, configuration: configuration)
                } catch let error as ParseError {
                    #expect(error.location.line >= 1 && error.location.column >= 1, "seed \(seed) iteration \(iteration)")
                    #expect(error.description.hasPrefix("\(fixture.name):\(error.location.line):\(error.location.column): error: "))
                }
                configuration.skipInvalidRows = true
                do {
                    let log = try readLog(bytes: input, format: fixture.format, name: fixture.name, configuration: configuration, chunkSize: chunkSize)
                    let accounting = ReliabilityReport(log: log, configuration: configuration).meta.inputAccounting
                    #expect(accounting.rowsRead == accounting.rowsUsed + accounting.rowsSkipped, "seed \(seed) iteration \(iteration)")
                } catch is ParseError {
                    // Structural damage (a broken header, JSON framing) still ends a lenient read.
                }
            }
        }
    }

    @Test("arbitrary bytes never crash the reader", arguments: [InputFormat.csv, .ndjson, .json])
    func randomBytes(_ format: InputFormat) {
        var generator = SplitMix64(seed: SplitMix64.configuredSeed)
        for _ in 0..<300 {
            let count = Int.random(in: 0..<300, using: &generator)
            let input = (0..<count).map { _ in
                Bool.random(using: &generator) ? (Self.interesting.randomElement(using: &generator) ?? 0) : UInt8.random(in: 0...255, using: &generator)
            }
            var configuration = ReportConfiguration()
            configuration.skipInvalidRows = Bool.random(using: &generator)
            if let log = try? readLog(bytes: Array("id,opened\n".utf8) + input, format: format, configuration: configuration) {
                _ = ReliabilityReport(log: log, configuration: configuration)
            }
        }
    }

    @Test("extreme but valid times do not overflow")
    func extremeTimes() throws {
        let text = "id,opened,resolved\nA,0000-01-01T00:00:00Z,9999-12-31T23:59:59.999999Z\nB,-62167219200,99999999999\n"
        let report = try report(text)
        #expect(report.total.timeToResolve.count == 2)
        #expect(report.total.uptimePercent != nil)
    }
}
