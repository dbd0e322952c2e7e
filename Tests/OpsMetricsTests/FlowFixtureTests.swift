// Golden flow fixtures: every Fixtures/valid/<name>.flow-expected.json holds hand-computed flow
// numbers (the arithmetic in its "_worked" field) for the input <name>.csv, or the file its
// "input" field names, read with its "configuration". Each case checks every number in
// "expected" against the report's JSON form, and the flow invariants.
import Foundation
import OpsMetrics
import Testing

struct FlowFixture: Sendable, CustomTestStringConvertible {
    let name: String
    var testDescription: String { name }

    static let suffix = ".flow-expected.json"

    static let all: [FlowFixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: GoldenFixture.directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { FlowFixture(name: String($0.dropLast(suffix.count))) }
    }()

    func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: GoldenFixture.directory.appendingPathComponent(name + Self.suffix))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError("\(name)\(Self.suffix) is not a JSON object")
        }
        return object
    }

    /// The reading and flow configurations its "configuration" object describes.
    static func configurations(_ object: [String: Any]) throws -> (ReportConfiguration, FlowConfiguration) {
        var configuration = try GoldenFixture.configuration(object)
        var flow = FlowConfiguration()
        if let name = object["period"] as? String {
            guard let unit = CalendarUnit(rawValue: name) else { throw FixtureError("bad period \(name)") }
            flow.period = unit
        }
        if let name = object["zone"] as? String {
            guard let zone = ZoneRule.named(name) else { throw FixtureError("bad zone \(name)") }
            flow.zone = zone
        }
        if let name = object["by"] as? String {
            guard let grouping = FlowGrouping(rawValue: name) else { throw FixtureError("bad by \(name)") }
            flow.seriesBy = grouping
        }
        if let stages = object["stages"] as? String {
            flow.stages = try StageMap(parsing: stages)
            configuration.keepsStatusTimes = true
        }
        if let kind = object["missing_kind"] as? String { flow.workKinds.missingKind = WorkClass(rawValue: kind) }
        return (configuration, flow)
    }
}

@Suite("Golden flow fixtures")
struct FlowFixtureTests {
    @Test("there are flow fixtures for the worked cases")
    func present() {
        let names = Set(FlowFixture.all.map(\.name))
        for name in ["flow-daily", "flow-daily-week", "flow-reopened", "flow-workflow", "flow-dst", "flow-dst-week"] {
            #expect(names.contains(name), "missing \(name)")
        }
    }

    @Test("the flow report matches the hand-computed numbers", arguments: FlowFixture.all)
    func matches(_ fixture: FlowFixture) throws {
        let object = try fixture.expected()
        let input = (object["input"] as? String) ?? fixture.name + ".csv"
        let path = GoldenFixture.directory.appendingPathComponent(input).path
        let (configuration, flow) = try FlowFixture.configurations(object["configuration"] as? [String: Any] ?? [:])
        let log = try IncidentLog(contentsOfFile: path, configuration: configuration)
        let report = try FlowReport(log: log, configuration: configuration, flow: flow)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let actual = try JSONSerialization.jsonObject(with: encoder.encode(report))
        let mismatches = jsonMismatches(expected: object["expected"] ?? [:], actual: actual, path: "")
        #expect(mismatches.isEmpty, "\(fixture.name):\n\(mismatches.joined(separator: "\n"))")
        #expect(flowInvariantViolations(report).isEmpty, "\(flowInvariantViolations(report))")
    }
}
