import Foundation
@testable import OpsMetrics
import Testing
@testable import opsmetrics_cli

/// Who found each failure: `detected_by` through the detection maps, in every output format.
/// The counts themselves are checked against hand-computed values (Fixtures/valid/detected-by)
/// and the reference model (on random logs with a `source` column).
@Suite("Detection source")
struct DetectionSourceTests {
    /// api: a phone call, an alert and a Nagios value no built-in spelling names; db: a ticket
    /// with no value and one from the portal, plus a maintenance record (never counted).
    static let log = """
    id,service,kind,contact_type,opened,resolved
    A,api,incident,Phone,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z
    B,api,incident,alert,2024-05-01T03:00:00Z,2024-05-01T03:30:00Z
    C,api,incident,Nagios-prod,2024-05-01T05:00:00Z,2024-05-01T06:00:00Z
    D,db,incident,,2024-05-01T07:00:00Z,2024-05-01T08:00:00Z
    E,db,incident,Self-Service,2024-05-01T09:00:00Z,2024-05-01T09:30:00Z
    M,db,maintenance,monitoring,2024-05-01T10:00:00Z,2024-05-01T11:00:00Z

    """

    static let window = ["--from", "2024-05-01", "--to", "2024-05-02"]

    static func run(_ options: [String], files: [String: String] = ["log.csv": log]) throws -> CommandLineToolTests.Run {
        try CommandLineToolTests.withFiles(files) { directory in
            let paths = options.map { $0.hasPrefix("@") ? directory.appendingPathComponent(String($0.dropFirst())).path : $0 }
            return CommandLineToolTests.run(["report"] + window + paths + [directory.appendingPathComponent("log.csv").path])
        }
    }

    static func json(_ options: [String]) throws -> [String: Any] {
        let run = try run(["--format", "json"] + options)
        #expect(run.status == .success, "\(run.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static func detection(_ report: [String: Any], service: String) -> [String: Int] {
        let rows = (report["services"] as? [[String: Any]] ?? []) + [report["total"] as? [String: Any] ?? [:]]
        let row = rows.first { $0["service"] as? String == service }
        return (row?["detected_by"] as? [String: Any] ?? [:]).filter { $0.key != "monitoring_share" }.compactMapValues { $0 as? Int }
    }

    @Test("built-in spellings: case, spaces, dashes and underscores do not matter; an unknown value is unmapped; the maps override in order")
    func classification() {
        var configuration = ReportConfiguration()
        let builtIn = DetectionClassifier(configuration: configuration)
        #expect(["Phone", "E-mail", "self service", "SELF_SERVICE", "Walk-in", "web_trigger"].allSatisfy { builtIn.classify($0) == .user })
        #expect(["Monitoring", "ALERT", "Event Management", "events_api", "Zabbix"].allSatisfy { builtIn.classify($0) == .monitoring })
        #expect(builtIn.classify("Direct opening") == .unmapped)
        let monitoring = Set(DetectionSource.builtInSpellings[.monitoring] ?? [])
        let user = Set(DetectionSource.builtInSpellings[.user] ?? [])
        #expect(monitoring.isDisjoint(with: user) && !monitoring.isEmpty && !user.isEmpty)
        #expect((monitoring.union(user)).allSatisfy { Field.normalize($0) == $0 }, "spellings are stored normalized")

        configuration.preset = Preset.named("pagerduty")
        #expect(DetectionClassifier(configuration: configuration).classify("email") == .monitoring, "the preset's map over the built-in")
        configuration.detectionMap = ["E-MAIL": .user, "direct opening": .user]
        let mapped = DetectionClassifier(configuration: configuration)
        #expect(mapped.classify("email") == .user, "the configuration's map over the preset's")
        #expect(mapped.classify("Direct-Opening") == .user && mapped.classify("DirectOpening") == .user)
        #expect(mapped.classify("Direct openings") == .unmapped)
    }

    @Test("a record's facts stay 72 bytes with detected_by")
    func factsSize() {
        #expect(MemoryLayout<IncidentFacts>.stride == 72)
    }

    @Test("JSON: counts per service and in total, unmapped values listed; --detection-map and a mapping file's detection_map map them")
    func json() throws {
        let plain = try Self.json([])
        #expect(Self.detection(plain, service: "api") == ["monitoring": 1, "user": 1, "unmapped": 1, "missing": 0])
        #expect(Self.detection(plain, service: "db") == ["monitoring": 0, "user": 1, "unmapped": 0, "missing": 1])
        #expect(Self.detection(plain, service: "all services") == ["monitoring": 1, "user": 2, "unmapped": 1, "missing": 1])
        let quality = plain["data_quality"] as? [String: Any]
        #expect(quality?["unmapped_detection_sources"] as? [String: Int] == ["Nagios-prod": 1])
        let total = (plain["total"] as? [String: Any])?["detected_by"] as? [String: Any]
        #expect(total?["monitoring_share"] as? Double == 1.0 / 3)

        let mapped = try Self.json(["--detection-map", "nagios prod=monitoring"])
        #expect(Self.detection(mapped, service: "all services") == ["monitoring": 2, "user": 2, "unmapped": 0, "missing": 1])
        #expect((mapped["data_quality"] as? [String: Any])?["unmapped_detection_sources"] as? [String: Int] == [:])

        let file = try Self.run(["--format", "json", "--mapping", "@map.json"],
                                files: ["log.csv": Self.log, "map.json": #"{"detection_map": {"Nagios-prod": "monitoring", "phone": "monitoring"}}"#])
        let fromFile = try #require(JSONSerialization.jsonObject(with: Data(file.stdout.utf8)) as? [String: Any])
        #expect(Self.detection(fromFile, service: "api") == ["monitoring": 3, "user": 0, "unmapped": 0, "missing": 0])
    }

    @Test("a detection map to anything but monitoring or user is a usage error (64), on the command line and in a mapping file")
    func badMaps() throws {
        let option = try Self.run(["--detection-map", "Phone=customer"])
        #expect(option.status == .usage)
        #expect(option.stderr.hasPrefix("Error: --detection-map takes VALUE=monitoring or VALUE=user, e.g. --detection-map 'Direct opening=user', not 'Phone=customer'\n"))
        #expect(try Self.run(["--detection-map", "=user"]).status == .usage)
        let file = try Self.run(["--mapping", "@map.json"], files: ["log.csv": Self.log, "map.json": #"{"detection_map": {"Phone": "people"}}"#])
        #expect(file.status == .usage)
        #expect(file.stderr.contains("maps 'Phone' to 'people'; expected monitoring or user"))
    }

    @Test("table, CSV and Markdown show the counts and the share; a log without a source keeps its table as it was")
    func textFormats() throws {
        let table = try Self.run([]).stdout
        #expect(table.contains("detected by (failure records opened in the window)"))
        #expect(table.contains("all services           1     2         1        1          33.3%"), "\(table)")
        #expect(table.contains("detected_by values not mapped to monitoring or user: Nagios-prod (1); map them with --detection-map VALUE=monitoring|user"))

        let csv = try Self.run(["--format", "csv"]).stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(csv[0].suffix(5) == ["detected_by_monitoring", "detected_by_user", "detected_by_unmapped", "detected_by_missing", "monitoring_share"])
        #expect(csv[2].suffix(5) == ["0", "1", "0", "1", "0"], "db: the portal ticket is a user's, so the share is 0")
        #expect(csv[3].suffix(5) == ["1", "2", "1", "1", "0.3333333333333333"])

        let markdown = try Self.run(["--format", "markdown"]).stdout
        #expect(markdown.contains("| **all services** | 1 | 2 | 1 | 1 | 33.33 |"))
        #expect(markdown.contains("[^detected]: By monitoring"))

        let without = try Self.run([], files: ["log.csv": CommandLineToolTests.sample])
        #expect(!without.stdout.contains("detected by") && !without.stdout.contains("detected_by") && without.status == .success)
    }

    @Test("prometheus: a sample per service and source, the share where one is known, none from a log without a source; promtool accepts it")
    func prometheus() throws {
        let text = try Self.run(["--format", "prometheus"]).stdout
        let exposition = try Exposition.parse(text)
        #expect(exposition.value("opsmetrics_detected_incidents", ["service": "api", "source": "monitoring"]) == 1)
        #expect(exposition.value("opsmetrics_detected_incidents", ["service": "api", "source": "unmapped"]) == 1)
        #expect(exposition.value("opsmetrics_detected_incidents", ["service": "db", "source": "missing"]) == 1)
        #expect(exposition["opsmetrics_detected_incidents"]?.samples.count == 8)
        #expect(exposition.value("opsmetrics_monitoring_detection_ratio", ["service": "api"]) == 0.5)
        #expect(exposition.value("opsmetrics_monitoring_detection_ratio", ["service": "db"]) == 0)
        let without = try Self.run(["--format", "prometheus"], files: ["log.csv": CommandLineToolTests.sample]).stdout
        #expect(!without.contains("opsmetrics_detected") && !without.contains("opsmetrics_monitoring_detection"))
        if PrometheusTests.promtool != nil {
            let check = try PrometheusTests.promtoolCheck(text)
            #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
        }
    }

    @Test("trends: each period's counts are those of a report over the period's window")
    func trends() throws {
        let run = try Self.run(["--format", "json", "--period", "day", "--as-of", "2024-05-02"])
        let trend = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let api = try #require((trend["services"] as? [[String: Any]])?.first { $0["service"] as? String == "api" })
        let day = try #require((api["periods"] as? [[String: Any]])?.first)
        #expect((day["detected_by"] as? [String: Any])?["monitoring_share"] as? Double == 0.5)
        let table = try Self.run(["--period", "day", "--as-of", "2024-05-02"]).stdout
        #expect(table.contains("by monitoring") && table.contains("50.0%"))
    }
}
