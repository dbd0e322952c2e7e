// `--fail-under` / `--fail-over`: the syntax, usage errors, the boundary, exit status 2, and the
// library's evaluation against an exact reference on random reports.
import Foundation
@testable import OpsMetrics
import Testing
@testable import opsmetrics_cli

@Suite("thresholds")
struct ThresholdTests {
    /// api: down 10:00–10:00:01 (1 s) in a window of 1,000 s → uptime exactly 99.9%; MTTR 1 s.
    /// web: outages of 1 h, 3 h and 1 h (MTTR mean 1h 40m, p90 2h 36m), the last one still open
    /// (recovered, not resolved).
    static let log = """
    id,service,opened,recovered,resolved
    A1,api,2024-05-01T00:00:00Z,2024-05-01T00:00:01Z,2024-05-01T00:00:01Z
    W1,web,2024-05-01T00:00:00Z,2024-05-01T01:00:00Z,2024-05-01T01:00:00Z
    W2,web,2024-05-01T02:00:00Z,2024-05-01T05:00:00Z,2024-05-01T05:00:00Z
    W3,web,2024-05-01T06:00:00Z,2024-05-01T07:00:00Z,

    """
    static let window = ["--from", "2024-05-01T00:00:00Z", "--to", "2024-05-01T00:16:40Z"]  // 1,000 s
    static let longWindow = ["--from", "2024-05-01", "--to", "2024-05-02"]

    /// Runs `report` once per argument list, on the same input file.
    static func runs(_ lists: [[String]], window: [String] = longWindow) throws -> [CommandLineToolTests.Run] {
        try CommandLineToolTests.withFiles(["log.csv": log]) { directory in
            lists.map { CommandLineToolTests.run(["report"] + window + $0 + [directory.appendingPathComponent("log.csv").path]) }
        }
    }

    static func run(_ extra: [String], window: [String] = longWindow) throws -> CommandLineToolTests.Run {
        try runs([extra], window: window)[0]
    }

    // MARK: Parsing

    struct ParseCase: Sendable, CustomTestStringConvertible {
        let item: String
        let metric: ReliabilityMetric
        let limit: Double
        let scope: ReliabilityThreshold.Scope
        var testDescription: String { item }
    }

    static let parseCases: [ParseCase] = [
        ParseCase(item: "uptime=99.9%", metric: .uptime, limit: 0.999, scope: .eachService),
        ParseCase(item: "uptime=100%", metric: .uptime, limit: 1, scope: .eachService),
        ParseCase(item: "uptime=.5%", metric: .uptime, limit: 0.005, scope: .eachService),
        ParseCase(item: "mttr=4h", metric: .mttr(), limit: 14_400, scope: .eachService),
        ParseCase(item: "p90(mttr)=8h", metric: .mttr(.p90), limit: 28_800, scope: .eachService),
        ParseCase(item: "mean(mttd)=1h30m", metric: .mttd(), limit: 5400, scope: .eachService),
        ParseCase(item: "max(open_age)=1.5d", metric: .openAge(.max), limit: 129_600, scope: .eachService),
        ParseCase(item: "n(mttr)=3", metric: .mttr(.n), limit: 3, scope: .eachService),
        ParseCase(item: "ttr=250ms", metric: .timeToResolve(), limit: 0.25, scope: .eachService),
        ParseCase(item: "downtime=0", metric: .downtime, limit: 0, scope: .eachService),
        ParseCase(item: "open=20", metric: .openIncidents, limit: 20, scope: .eachService),
        ParseCase(item: "checkout:mttr=2h", metric: .mttr(), limit: 7200, scope: .service("checkout")),
        ParseCase(item: "eu:checkout:failures=2", metric: .failures, limit: 2, scope: .service("eu:checkout")),
        ParseCase(item: "all:p90(mttr)=8h", metric: .mttr(.p90), limit: 28_800, scope: .allServices),
        ParseCase(item: "\"all\":mtta=5m", metric: .mtta(), limit: 300, scope: .service("all")),
        ParseCase(item: "\"a,\"\"b\"\":c\":ongoing=1", metric: .ongoingOutages, limit: 1, scope: .service("a,\"b\":c")),
        ParseCase(item: "caf\u{E9}=1:mttf=7d", metric: .mttf, limit: 604_800, scope: .service("caf\u{E9}=1")),
    ]

    @Test("[SERVICE:]METRIC=LIMIT items parse to the library's thresholds", arguments: parseCases)
    func parsing(_ parse: ParseCase) throws {
        var options = ThresholdOptions()
        var parser = OptionParser(["--fail-over", parse.item])
        guard case .option(let option) = parser.next() else { Issue.record("no option"); return }
        #expect(try options.parse(option, &parser))
        #expect(options.thresholds.count == 1)
        let threshold = try #require(options.thresholds.first?.threshold)
        #expect(threshold == ReliabilityThreshold(metric: parse.metric, bound: .upper, limit: parse.limit, scope: parse.scope))
        #expect(options.thresholds.first?.source == "--fail-over '\(parse.item)'")
    }

    @Test("a list holds several items; the option repeats; --fail-under is a lower bound")
    func lists() throws {
        var options = ThresholdOptions()
        var parser = OptionParser(["--fail-over", "mttr=4h, p90(mttr)=8h,open=20", "--fail-under=uptime=99.9%"])
        while case .option(let option)? = parser.next() { _ = try options.parse(option, &parser) }
        #expect(options.thresholds.map(\.threshold.metric) == [.mttr(), .mttr(.p90), .openIncidents, .uptime])
        #expect(options.thresholds.map(\.threshold.bound) == [.upper, .upper, .upper, .lower])
        #expect(options.thresholds.map(\.source).last == "--fail-under 'uptime=99.9%'")
    }

    static let usageCases: [CommandLineToolTests.UsageCase] = [
        .init(arguments: ["report", "--fail-over", "mttr=4"],
              message: "Error: --fail-over 'mttr=4': mttr takes a duration with a unit such as 90s, 30m, 4h, 1h30m or 1.5d, not '4'"),
        .init(arguments: ["report", "--fail-under", "uptime=99.9"],
              message: "Error: --fail-under 'uptime=99.9': uptime takes a percentage from 0% to 100% such as 99.9%, not '99.9'"),
        .init(arguments: ["report", "--fail-under", "uptime=101%"],
              message: "Error: --fail-under 'uptime=101%': uptime takes a percentage from 0% to 100% such as 99.9%, not '101%'"),
        .init(arguments: ["report", "--fail-over", "open=2.5"],
              message: "Error: --fail-over 'open=2.5': open takes a whole number such as 20, not '2.5'"),
        .init(arguments: ["report", "--fail-over", "p90(mttr)=1.0000001s"],
              message: "Error: --fail-over 'p90(mttr)=1.0000001s': p90(mttr) takes a duration with a unit such as 90s, 30m, 4h, 1h30m or 1.5d, not '1.0000001s'"),
        .init(arguments: ["report", "--fail-over", "mttr"],
              message: "Error: --fail-over 'mttr': expected [SERVICE:]METRIC=LIMIT (e.g. mttr=4h,checkout:p90(mttr)=8h)"),
        .init(arguments: ["report", "--fail-over", "p99(mttr)=1h"],
              message: "Error: --fail-over 'p99(mttr)=1h': unknown metric 'p99(mttr)'; expected one of uptime, downtime, failures, incidents, open, ongoing, mttf, mttr, mttd, mtta, mtbsi, ttr, open_age, or STAT(NAME) with STAT one of mean, p50, p90, min, max, n (e.g. p90(mttr))"),
        .init(arguments: ["report", "--fail-under", ":uptime=99%"],
              message: "Error: --fail-under ':uptime=99%': no service before ':'; expected [SERVICE:]METRIC=LIMIT (e.g. uptime=99.9%)"),
        .init(arguments: ["report", "--fail-under", "\"web:uptime=99%"],
              message: "Error: --fail-under: '\"web:uptime=99%' has a quote that is not closed"),
        .init(arguments: ["report", "--fail-under", ","],
              message: "Error: --fail-under takes [SERVICE:]METRIC=LIMIT items, comma-separated (e.g. uptime=99.9%), not ','"),
        .init(arguments: ["report", "--fail-under"], message: "Error: option --fail-under needs a value"),
    ]

    @Test("a bad threshold is a usage error naming the flag, the metric and what was expected", arguments: usageCases)
    func usageErrors(_ usage: CommandLineToolTests.UsageCase) {
        let run = CommandLineToolTests.run(["report", "no-such-file.csv"] + usage.arguments.dropFirst())
        #expect(run.status == .usage)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "\(usage.message)\n\(Usage.reportSynopsis)\nSee 'opsmetrics report --help'.\n")
    }

    // MARK: Running

    @Test("no threshold, or none broken: the output is byte-identical and the status 0")
    func unchanged() throws {
        for format in ["table", "json"] {
            let runs = try Self.runs([["--format", format],
                                      ["--format", format, "--fail-under", "uptime=79%", "--fail-over", "mttr=1h40m,open=1,all:failures=4"]])
            let (base, passing) = (runs[0], runs[1])
            #expect(base.status == .success && base.stderr.isEmpty)
            #expect(passing.status == .success)
            #expect(passing.stderr.isEmpty)
            #expect(passing.stdout == base.stdout)
        }
    }

    @Test("a broken threshold: the full report, then every breach on stderr, exit 2")
    func broken() throws {
        let runs = try Self.runs([[], ["--fail-over", "mttr=1h,p90(mttr)=2h,open=0", "--fail-over", "web:failures=1", "--fail-under", "all:uptime=90%"]])
        let (base, run) = (runs[0], runs[1])
        #expect(run.status == .thresholdBroken)
        #expect(run.status.code == 2)
        #expect(run.stdout == base.stdout)
        #expect(run.stderr == "opsmetrics: threshold broken: web: mttr 1h 40m (6000 s) is over the limit 1h 0m (3600 s) (--fail-over 'mttr=1h')\n"
            + "opsmetrics: threshold broken: web: p90(mttr) 2h 36m (9360 s) is over the limit 2h 0m (7200 s) (--fail-over 'p90(mttr)=2h')\n"
            + "opsmetrics: threshold broken: web: open 1 is over the limit 0 (--fail-over 'open=0')\n"
            + "opsmetrics: threshold broken: web: failures 3 is over the limit 1 (--fail-over 'web:failures=1')\n"
            + "opsmetrics: threshold broken: all services: uptime 89.58275462962963% is under the limit 90% (--fail-under 'all:uptime=90%')\n")
    }

    @Test("a value equal to its limit passes; one microsecond or one part in a million past it fails")
    func boundary() throws {
        // api: uptime exactly 99.9% (999 s of 1,000), MTTR exactly 1 s.
        let cases: [(arguments: [String], status: ExitCode)] = [
            (["--fail-under", "api:uptime=99.9%"], .success),
            (["--fail-under", "api:uptime=99.9000001%"], .thresholdBroken),
            (["--fail-over", "api:mttr=1s"], .success),
            (["--fail-over", "api:mttr=999.999ms"], .thresholdBroken),
            (["--fail-over", "api:mttr=0.999999s"], .thresholdBroken),
            (["--fail-over", "api:failures=1"], .success),
            (["--fail-over", "api:failures=0"], .thresholdBroken),
        ]
        for (arguments, status) in cases {
            let run = try Self.run(arguments, window: Self.window)
            #expect(run.status == status, "\(arguments)")
        }
    }

    @Test("a named service with no record warns and passes; a metric with no value passes")
    func missing() throws {
        let run = try Self.run(["--fail-over", "checkout:mttr=1s", "--fail-over", "mttd=1s", "--fail-under", "mttf=30d"])
        // No detected column: MTTD has no sample. MTTF of each service is under 30 days, so
        // that one is broken for both services.
        #expect(run.status == .thresholdBroken)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "opsmetrics: warning: --fail-over 'checkout:mttr=1s': no service 'checkout' in the report (no record of it in the window); nothing checked")
        #expect(lines.count == 3)
        #expect(lines.dropFirst().allSatisfy { $0.contains(": mttf ") })
        #expect(!run.stderr.contains("mttd "))
    }

    @Test("a failed write exits 1, whatever the thresholds")
    func writeFailure() throws {
        let run = try Self.run(["--fail-over", "open=0", "--output", "/nonexistent-directory/report.txt"])
        #expect(run.status == .failure)
        #expect(!run.stderr.contains("threshold broken"))
    }

    // MARK: Reference

    /// Whether `value` breaks the bound, by exact arithmetic: uptime as whole microseconds
    /// against a decimal limit, everything else as microseconds or counts.
    static func referenceBreaks(row: [String: Any], pooled: Bool, metric: String, bound: ReliabilityThreshold.Bound,
                                limitDecimal: (digits: Int64, scale: Int64)) -> Bool {
        func micros(_ any: Any?) -> Int64? { (any as? NSNumber).map { Int64(($0.doubleValue * 1e6).rounded()) } }
        let (p, q) = (Int128(limitDecimal.digits), Int128(limitDecimal.scale))  // limit = p / q
        switch metric {
        case "uptime" where !pooled:
            guard let eligible = micros(row["eligible_seconds"]), let down = micros(row["downtime_seconds"]), eligible > 0 else { return false }
            // (E − D) / E vs p / q.
            let lhs = Int128(eligible - down) * q, rhs = p * Int128(eligible)
            return bound == .lower ? lhs < rhs : lhs > rhs
        case "uptime":
            guard let percent = (row["uptime_percent"] as? NSNumber)?.doubleValue else { return false }
            let limit = Double(limitDecimal.digits) / Double(limitDecimal.scale)
            return bound == .lower ? percent / 100 < limit : percent / 100 > limit
        case "failures", "open":
            let count = Int128((row[metric == "open" ? "open_incidents" : "failures"] as? Int) ?? 0)
            return bound == .lower ? count * q < p : count * q > p
        default:  // mttr statistics, limit in seconds
            let statistics = row["mttr"] as? [String: Any]
            let key = metric == "mttr" ? "mean_seconds" : "p90_seconds"
            guard let value = micros(statistics?[key]) else { return false }
            let lhs = Int128(value) * q, rhs = p * 1_000_000
            return bound == .lower ? lhs < rhs : lhs > rhs
        }
    }

    @Test("the library's breaches match an exact reference on random reports and limits")
    func reference() throws {
        var rng = SplitMix64(seed: SplitMix64.configuredSeed)
        var checked = 0
        var broken = 0
        for _ in 0..<200 {
            let case_ = RandomIncidentLog.make(using: &rng)
            let report = try report(case_.csv(case_.rows), configuration: case_.configuration)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try JSONRendering.render(report).utf8)) as? [String: Any])
            let services = try #require(json["services"] as? [[String: Any]])
            let total = try #require(json["total"] as? [String: Any])
            for (name, metric) in [("uptime", ReliabilityMetric.uptime), ("failures", .failures), ("open", .openIncidents),
                                   ("mttr", .mttr()), ("p90(mttr)", .mttr(.p90))] {
                // A limit near a row's value: the value itself, or a step of one part in 10^6 off it.
                let rows = services + [total]
                let index = Int(rng.next() % UInt64(rows.count))
                let row = rows[index]
                let pooled = index == services.count
                var limit: (digits: Int64, scale: Int64)
                switch name {
                case "uptime":
                    let percent = (row["uptime_percent"] as? NSNumber)?.doubleValue ?? 99.9
                    limit = (Int64((percent * 10_000).rounded()) + Int64(rng.next() % 3) - 1, 1_000_000)
                case "failures", "open":
                    limit = (Int64(rng.next() % 4), 1)
                default:
                    let key = name == "mttr" ? "mean_seconds" : "p90_seconds"
                    let seconds = ((row["mttr"] as? [String: Any])?[key] as? NSNumber)?.doubleValue ?? 3600
                    limit = (Int64((seconds * 1e6).rounded()) + Int64(rng.next() % 3) - 1, 1_000_000)
                }
                let limitValue = Double(limit.digits) / Double(limit.scale)
                for bound in [ReliabilityThreshold.Bound.lower, .upper] {
                    let scope: ReliabilityThreshold.Scope = pooled ? .allServices : .service(row["service"] as? String ?? "")
                    let threshold = ReliabilityThreshold(metric: metric, bound: bound, limit: limitValue, scope: scope)
                    let expected = Self.referenceBreaks(row: row, pooled: pooled, metric: name, bound: bound, limitDecimal: limit)
                    let breaches = threshold.breaches(in: report)
                    #expect(breaches.isEmpty == !expected, "\(name) \(bound) \(limit) on \(row["service"] ?? "?"): \(case_.summary) seed \(SplitMix64.configuredSeed)")
                    checked += 1
                    if expected { broken += 1 }
                }
            }
        }
        // The cases reach both outcomes.
        #expect(broken > 100 && checked - broken > 100, "\(broken) of \(checked) broken")
    }
}
