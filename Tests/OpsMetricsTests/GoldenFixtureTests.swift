// Golden fixtures: every Fixtures/valid/<name>.expected.json holds hand-computed numbers (with
// the arithmetic in its "_worked" field) for the input <name>.csv / .ndjson / .json, or the file
// its "input" field names. Each case reads the input with the library, checks every number in
// the expected file against the report's JSON form, and checks that the reference model agrees
// with the library on every service, the total, the reasons and the data quality.
import Foundation
import OpsMetrics
import Testing

/// One golden fixture: `<name>.expected.json` and its input.
struct GoldenFixture: Sendable, CustomTestStringConvertible {
    /// The expected file's name without `.expected.json`.
    let name: String

    var testDescription: String { name }

    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // OpsMetricsTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Fixtures/valid")

    static let suffix = ".expected.json"

    /// Every fixture in Fixtures/valid, by name.
    static let all: [GoldenFixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { GoldenFixture(name: String($0.dropLast(suffix.count))) }
    }()

    /// The expected file, parsed.
    func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name + Self.suffix))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError("\(name)\(Self.suffix) is not a JSON object")
        }
        return object
    }

    /// The input file: the expected file's "input", else `<name>.csv`, `.ndjson` or `.json`.
    func inputPath(_ expected: [String: Any]) throws -> String {
        if let input = expected["input"] as? String { return Self.directory.appendingPathComponent(input).path }
        for ext in ["csv", "ndjson", "json"] {
            let path = Self.directory.appendingPathComponent("\(name).\(ext)").path
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        throw FixtureError("no input file for \(name)")
    }

    /// The report configuration its "configuration" object describes.
    static func configuration(_ object: [String: Any]) throws -> ReportConfiguration {
        var configuration = ReportConfiguration()
        func time(_ key: String) throws -> Timestamp? {
            guard let text = object[key] as? String else { return nil }
            guard let value = Timestamp(parsing: text) else { throw FixtureError("bad \(key): \(text)") }
            return value
        }
        configuration.windowStart = try time("from")
        configuration.windowEnd = try time("to")
        configuration.asOf = try time("as_of")
        if let name = object["mttr"] as? String {
            guard let definition = MTTRDefinition(name: name) else { throw FixtureError("bad mttr: \(name)") }
            configuration.mttrDefinition = definition
        }
        configuration.mttrPerEpisode = (object["mttr_per"] as? String) == "episode"
        configuration.samplesByStart = (object["samples_by"] as? String) == "start"
        if let gap = object["merge_gap_seconds"] as? Int { configuration.episodeMergeGapMicroseconds = Int64(gap) * 1_000_000 }
        for (value, name) in object["detection_map"] as? [String: String] ?? [:] {
            guard let source = DetectionSource(named: name) else { throw FixtureError("bad detection_map source: \(name)") }
            configuration.detectionMap[value] = source
        }
        return configuration
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Reads a fixture input with the reference model.
func modelReport(path: String, configuration: ReportConfiguration) throws -> ModelReport {
    var model = ReferenceModel(configuration: configuration)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    if path.hasSuffix(".csv") {
        model.read(csv: String(decoding: data, as: UTF8.self))
    } else {
        model.read(json: data)
    }
    return model.report()
}

/// The differences between an expected JSON value and the actual one: every key of `expected`
/// (except those starting with `_`) must be in `actual` with an equal value. Numbers are equal
/// within half a microsecond or a relative 1e-9 (ratios); arrays must have the same length
/// (`record_issues` are matched by their `issue`, in any order).
func jsonMismatches(expected: Any, actual: Any?, path: String) -> [String] {
    switch expected {
    case let object as [String: Any]:
        guard let actualObject = actual as? [String: Any] else { return ["\(path): expected an object, found \(String(describing: actual))"] }
        return object.keys.sorted().filter { !$0.hasPrefix("_") }.flatMap { key in
            jsonMismatches(expected: object[key]!, actual: actualObject[key], path: path.isEmpty ? key : "\(path).\(key)")
        }
    case let array as [Any]:
        guard let actualArray = actual as? [Any] else { return ["\(path): expected an array, found \(String(describing: actual))"] }
        guard array.count == actualArray.count else {
            return ["\(path): expected \(array.count) elements, found \(actualArray.count): \(actualArray)"]
        }
        if path.hasSuffix("record_issues") {
            return array.flatMap { element -> [String] in
                let issue = (element as? [String: Any])?["issue"] as? String ?? "?"
                let match = actualArray.first { (($0 as? [String: Any])?["issue"] as? String) == issue }
                return jsonMismatches(expected: element, actual: match, path: "\(path)[\(issue)]")
            }
        }
        return zip(array, actualArray).enumerated().flatMap { index, pair in
            jsonMismatches(expected: pair.0, actual: pair.1, path: "\(path)[\(index)]")
        }
    case is NSNull:
        return actual is NSNull ? [] : ["\(path): expected null, found \(String(describing: actual))"]
    case let text as String:
        return (actual as? String) == text ? [] : ["\(path): expected \"\(text)\", found \(String(describing: actual))"]
    case let number as NSNumber:
        guard let actualNumber = actual as? NSNumber, !(actual is NSNull) else {
            return ["\(path): expected \(number), found \(String(describing: actual))"]
        }
        let (e, a) = (number.doubleValue, actualNumber.doubleValue)
        return abs(e - a) <= max(0.5e-6, 1e-9 * abs(e)) ? [] : ["\(path): expected \(e), found \(a)"]
    default:
        return ["\(path): unsupported expected value \(expected)"]
    }
}

@Suite("Golden fixtures")
struct GoldenFixtureTests {
    @Test("Fixtures/valid has fixtures") func fixturesExist() {
        #expect(GoldenFixture.all.count >= 15, "found \(GoldenFixture.all.map(\.name)) in \(GoldenFixture.directory.path)")
    }

    @Test(arguments: GoldenFixture.all)
    func fixture(_ fixture: GoldenFixture) throws {
        let expected = try fixture.expected()
        let configuration = try GoldenFixture.configuration(expected["configuration"] as? [String: Any] ?? [:])
        let path = try fixture.inputPath(expected)
        let log = try IncidentLog(contentsOfFile: path, configuration: configuration)
        let report = ReliabilityReport(log: log, configuration: configuration)

        // Every hand-computed number.
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report))
        let mismatches = jsonMismatches(expected: expected["report"] ?? [:], actual: encoded, path: "")
        #expect(mismatches.isEmpty, "library vs \(fixture.name)\(GoldenFixture.suffix):\n\(mismatches.joined(separator: "\n"))")

        // The reference model agrees with the library on everything.
        let model = try modelReport(path: path, configuration: configuration)
        let disagreements = differences(library: report, model: model)
        #expect(disagreements.isEmpty, "library vs reference model on \(fixture.name):\n\(disagreements.joined(separator: "\n"))")
    }

    @Test("CSV, NDJSON and a JSON array of the same rows give the same report")
    func formatsAgree() throws {
        let configuration = try GoldenFixture.configuration([
            "from": "2024-05-01T00:00:00Z", "to": "2024-05-02T00:00:00Z", "as_of": "2024-05-02T00:00:00Z",
        ])
        func report(_ file: String) throws -> ReliabilityReport {
            let path = GoldenFixture.directory.appendingPathComponent(file).path
            return ReliabilityReport(log: try IncidentLog(contentsOfFile: path, configuration: configuration), configuration: configuration)
        }
        let csv = try report("overlap-single-service.csv")
        for other in ["overlap-single-service-ndjson.ndjson", "overlap-single-service-array.json"] {
            let differences = metricDifferences(csv, try report(other))
            #expect(differences.isEmpty, "\(other) vs overlap-single-service.csv:\n\(differences.joined(separator: "\n"))")
        }
    }
}
