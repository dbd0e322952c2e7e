// The cumulative flow: reopen handling, the resolution-history side table of the fold (order
// independence, associative merge), and a brute-force model checked on random logs.
import OpsMetrics
import Testing

@testable import OpsMetrics

@Suite("Cumulative flow")
struct CumulativeFlowTests {
    static func flow(_ text: String, from: String? = nil, to: String? = nil, asOf: String? = nil,
                     period: CalendarUnit = .day, chunkSize: Int? = nil) throws -> FlowReport {
        var configuration = ReportConfiguration()
        configuration.windowStart = from.map(at)
        configuration.windowEnd = to.map(at)
        configuration.asOf = asOf.map(at)
        var flow = FlowConfiguration()
        flow.period = period
        let log = try readLog(text, configuration: configuration, chunkSize: chunkSize)
        return try FlowReport(log: log, configuration: configuration, flow: flow)
    }

    /// "created/reopened/resolved/open_at_end" per period of the total.
    static func rows(_ report: FlowReport) -> [String] {
        report.total.periods.map { "\($0.period) \($0.created)/\($0.reopened)/\($0.resolved)/\($0.openAtEnd)" }
    }

    static let reopened = """
    id,service,event,timestamp
    A,web,opened,2024-05-01T10:00:00Z
    A,web,resolved,2024-05-01T12:00:00Z
    A,web,reopened,2024-05-02T09:00:00Z
    A,web,resolved,2024-05-03T10:00:00Z
    B,api,opened,2024-04-30T08:00:00Z
    B,api,resolved,2024-05-02T08:00:00Z
    B,api,resolved,2024-05-02T09:30:00Z
    C,api,opened,2024-05-03T07:00:00Z

    """

    @Test("a reopen is an arrival and the resolution after it a departure; a repeated resolution is not")
    func reopenCountsAgain() throws {
        let report = try Self.flow(Self.reopened, from: "2024-05-01T00:00:00Z", to: "2024-05-04T00:00:00Z")
        #expect(report.total.openAtStart == 1)  // B, opened on 04-30
        #expect(Self.rows(report) == ["2024-05-01 1/0/1/1", "2024-05-02 1/1/1/1", "2024-05-03 1/0/1/1"])
        #expect(report.total.created == 3 && report.total.reopened == 1 && report.total.resolved == 3)
        // Lead times (last resolution − opened): A 2d 0h = 172800 s, B 2d 1h 30m = 178200 s.
        #expect(report.total.leadTime.count == 2)
        #expect(report.total.leadTime.meanSeconds == 175_500)
        // C is open at the as-of time (the window end): 04T00 − 03T07 = 17 h.
        #expect(report.total.openAge.count == 1 && report.total.openAge.maxSeconds == 61_200)
        #expect(flowInvariantViolations(report).isEmpty)
    }

    @Test("rows in any order and any chunking give the same flow")
    func orderIndependent() throws {
        let lines = Self.reopened.split(separator: "\n").map(String.init)
        let reversed = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n"
        let expected = try Self.flow(Self.reopened, from: "2024-05-01T00:00:00Z", to: "2024-05-04T00:00:00Z")
        for text in [Self.reopened, reversed] {
            for chunk in [1, 7, nil] {
                let report = try Self.flow(text, from: "2024-05-01T00:00:00Z", to: "2024-05-04T00:00:00Z", chunkSize: chunk)
                #expect(report.total == expected.total)
                #expect(report.series == expected.series)
            }
        }
    }

    @Test("the history side table holds only records with a reopen or two resolution times")
    func historyOnlyWhereNeeded() throws {
        let log = try readLog(Self.reopened)
        func index(_ id: String) -> Int {
            let bytes = Array(id.utf8)
            return Int(log.ids.lookup(bytes.span) ?? 0) - 1
        }
        let a = index("A")
        #expect(Set(log.resolutionHistories.keys) == [a, index("B")])
        #expect(log.resolutionHistories[a]?.reopens == [at("2024-05-02T09:00:00Z").microsecondsSinceEpoch])
        #expect(log.resolutionHistories[a]?.resolutions.count == 2)
        // Record form repeating one resolved value on every row keeps no history.
        let repeated = try readLog("""
            id,opened,resolved,status
            X,2024-05-01T10:00:00Z,2024-05-02T10:00:00Z,New
            X,2024-05-01T10:00:00Z,2024-05-02T10:00:00Z,Active
            X,2024-05-01T10:00:00Z,2024-05-02T10:00:00Z,Resolved

            """)
        #expect(repeated.resolutionHistories.isEmpty)
    }

    @Test("a reopen and a resolution at the same instant leave the record resolved, as the fold does")
    func tieEndsResolved() throws {
        let report = try Self.flow("""
            id,event,timestamp
            A,opened,2024-05-01T10:00:00Z
            A,resolved,2024-05-01T11:00:00Z
            A,reopened,2024-05-01T12:00:00Z
            A,resolved,2024-05-01T12:00:00Z

            """, from: "2024-05-01T00:00:00Z", to: "2024-05-02T00:00:00Z")
        #expect(Self.rows(report) == ["2024-05-01 2/1/2/0"])
        let reliability = try OpsMetricsTests.report("""
            id,event,timestamp
            A,opened,2024-05-01T10:00:00Z
            A,resolved,2024-05-01T11:00:00Z
            A,reopened,2024-05-01T12:00:00Z
            A,resolved,2024-05-01T12:00:00Z

            """)
        #expect(reliability.total.openIncidents == 0)
    }

    @Test("a resolution before the opened time counts at the opened time and is reported")
    func resolvedBeforeOpened() throws {
        let report = try Self.flow("""
            id,opened,resolved
            A,2024-05-02T10:00:00Z,2024-05-01T10:00:00Z

            """, from: "2024-05-01T00:00:00Z", to: "2024-05-03T00:00:00Z")
        #expect(Self.rows(report) == ["2024-05-01 0/0/0/0", "2024-05-02 1/0/1/0"])
        #expect(report.total.leadTime.count == 0)
        #expect(report.dataQuality.recordIssues.map(\.issue) == ["resolved_before_opened"])
    }

    @Test("planned and unplanned arrivals by kind, and their share")
    func plannedUnplanned() throws {
        let text = """
            id,kind,opened
            A,incident,2024-05-01T01:00:00Z
            B,Service Request,2024-05-01T02:00:00Z
            C,story,2024-05-01T03:00:00Z
            D,,2024-05-01T04:00:00Z
            E,problem,2024-05-01T05:00:00Z

            """
        var configuration = ReportConfiguration()
        configuration.windowStart = at("2024-05-01T00:00:00Z")
        configuration.windowEnd = at("2024-05-02T00:00:00Z")
        var flow = FlowConfiguration()
        flow.period = .day
        let log = try readLog(text, configuration: configuration)
        var row = try #require(try FlowReport(log: log, configuration: configuration, flow: flow).total.periods.first)
        #expect([row.created, row.unplanned, row.planned, row.unclassified] == [5, 1, 2, 2])
        #expect(row.unplannedShare == 1.0 / 3.0)
        flow.workKinds.missingKind = .unplanned
        row = try #require(try FlowReport(log: log, configuration: configuration, flow: flow).total.periods.first)
        #expect([row.unplanned, row.planned, row.unclassified] == [2, 2, 1])
        #expect(row.unplannedShare == 0.5)
        #expect(WorkKindClassifier().classify("Sub-Task") == .planned)
        #expect(WorkKindClassifier().classify("BUG") == .unplanned)
    }

    @Test("Little's law: average WIP beside throughput × mean lead time")
    func littlesLaw() throws {
        // Over two days: A open for one day, B for half a day. WIP integral 1.5 record-days → L = 0.75;
        // λ = 2 / 2 days = 1 per day; W = (1 + 0.5) / 2 = 0.75 days; λW = 0.75; ratio 1.
        let report = try Self.flow("""
            id,opened,resolved
            A,2024-05-01T00:00:00Z,2024-05-02T00:00:00Z
            B,2024-05-02T06:00:00Z,2024-05-02T18:00:00Z

            """, from: "2024-05-01T00:00:00Z", to: "2024-05-03T00:00:00Z")
        let law = report.total.littlesLaw
        #expect(law.averageWIP == 0.75 && law.throughputPerDay == 1 && law.meanLeadTimeDays == 0.75)
        #expect(law.predictedWIP == 0.75 && law.ratio == 1)
        #expect(report.total.throughput.perDay == 1 && report.total.throughput.perPeriodMean == 1)
    }

    @Test("an empty log without a window has no periods; with a window, empty periods")
    func emptyLog() throws {
        let empty = try FlowReport(log: try readLog("id,opened\n"), configuration: ReportConfiguration(), flow: FlowConfiguration())
        #expect(empty.periods.isEmpty && empty.series.isEmpty && empty.total.periods.isEmpty)
        #expect(empty.total.leadTime.meanSeconds == nil && empty.total.littlesLaw.averageWIP == nil && empty.total.throughput.perDay == nil)
        let windowed = try Self.flow("id,opened\n", from: "2024-05-01T00:00:00Z", to: "2024-05-03T00:00:00Z")
        #expect(Self.rows(windowed) == ["2024-05-01 0/0/0/0", "2024-05-02 0/0/0/0"])
        #expect(windowed.total.littlesLaw.averageWIP == 0 && windowed.total.littlesLaw.ratio == nil)
    }

    @Test("too many periods is a configuration error")
    func periodLimit() throws {
        var flow = FlowConfiguration()
        flow.period = .day
        flow.periodLimit = 10
        var configuration = ReportConfiguration()
        configuration.windowStart = at("2024-01-01T00:00:00Z")
        configuration.windowEnd = at("2024-02-01T00:00:00Z")
        #expect(throws: ConfigurationError.self) {
            try FlowReport(log: IncidentLog(), configuration: configuration, flow: flow)
        }
    }

    // MARK: - Random logs against a brute-force model

    /// One random event-form log: records opened, resolved and reopened in random order, with
    /// duplicates, repeated resolutions, and events after the as-of time.
    struct RandomFlowLog {
        var rows: [String]
        var events: [String: [(kind: String, time: Int64)]]
        var services: [String: String]
        var from: Int64
        var to: Int64
        var asOf: Int64?

        static let base: Int64 = 1_714_521_600  // 2024-05-01T00:00:00Z

        static func make(_ rng: inout SplitMix64) -> RandomFlowLog {
            var rows: [String] = []
            var events: [String: [(kind: String, time: Int64)]] = [:]
            var services: [String: String] = [:]
            for index in 0..<(1 + Int(rng.next() % 12)) {
                let id = "R\(index)"
                let service = ["api", "db", "web"][Int(rng.next() % 3)]
                services[id] = service
                var t = Int64(rng.next() % (8 * 24)) * 3600  // whole hours in 8 days
                var list: [(kind: String, time: Int64)] = []
                if rng.next() % 10 != 0 { list.append(("opened", t)) }
                var kind = "resolved"
                for _ in 0..<Int(rng.next() % 5) {
                    t += Int64(rng.next() % 40) * 3600
                    list.append((kind, t))
                    if rng.next() % 4 == 0 { list.append((kind, t)) }  // the same event twice
                    if rng.next() % 5 != 0 { kind = kind == "resolved" ? "reopened" : "resolved" }  // sometimes repeated
                }
                if list.isEmpty { list.append(("resolved", t)) }
                list.shuffle(using: &rng)
                events[id] = list
                for event in list {
                    rows.append("\(id),\(service),\(event.kind),\(RandomIncidentLog.stamp(event.time))")
                }
            }
            rows.shuffle(using: &rng)
            let from = Int64(rng.next() % 4) * 86_400 + Int64(rng.next() % 2) * 43_200
            let to = from + (1 + Int64(rng.next() % 8)) * 86_400
            let asOf: Int64? = rng.next() % 3 == 0 ? from + Int64(rng.next() % UInt64(to - from + 1)) : nil
            return RandomFlowLog(rows: rows, events: events, services: services, from: from, to: to, asOf: asOf)
        }

        var csv: String { (["id,service,event,timestamp"] + rows).joined(separator: "\n") + "\n" }

        var configuration: ReportConfiguration {
            var configuration = ReportConfiguration()
            configuration.windowStart = Timestamp(secondsSinceEpoch: Self.base + from)
            configuration.windowEnd = Timestamp(secondsSinceEpoch: Self.base + to)
            configuration.asOf = asOf.flatMap { Timestamp(secondsSinceEpoch: Self.base + $0) }
            return configuration
        }

        /// The model: a record is open at instant `t` when it has been opened by then and the
        /// latest of its resolutions and reopens by then (an event before `opened` counting at
        /// `opened`; at one instant a resolution wins) is not a resolution. At each instant the
        /// opening arrives, then a reopen of a resolved record arrives, then a resolution of an
        /// open record departs. Times are seconds after `base`.
        func expected(periodStarts: [Int64], end: Int64) -> [String: [(created: Int, resolved: Int, open: Int)]] {
            let cutoff = min(asOf ?? Int64.max, to)
            var result: [String: [(created: Int, resolved: Int, open: Int)]] = [:]
            for (id, list) in events {
                let known = list.filter { $0.time <= cutoff }
                guard !known.isEmpty else { continue }
                let opened = known.filter { $0.kind == "opened" }.map(\.time).min() ?? known.map(\.time).min()!
                func isOpen(_ t: Int64) -> Bool {
                    guard t >= opened else { return false }
                    let changes = known.filter { $0.kind != "opened" && max($0.time, opened) <= t }
                    guard let latest = changes.map({ max($0.time, opened) }).max() else { return true }
                    return !changes.contains { max($0.time, opened) == latest && $0.kind == "resolved" }
                }
                let instants = Set(known.map { max($0.time, opened) }).sorted()
                var rows = result[services[id]!] ?? Array(repeating: (0, 0, 0), count: periodStarts.count)
                for t in instants where t >= from && t < end {
                    let p = (periodStarts.lastIndex { $0 <= t }) ?? 0
                    // At one instant: the opening, then reopens, then resolutions.
                    var state = t > opened && isOpen(t - 1)
                    if t == opened {
                        state = true
                        rows[p].created += 1
                    }
                    let atT = known.filter { $0.kind != "opened" && max($0.time, opened) == t }.map(\.kind)
                    if atT.contains("reopened") && !state {
                        state = true
                        rows[p].created += 1
                    }
                    if atT.contains("resolved") && state {
                        state = false
                        rows[p].resolved += 1
                    }
                    precondition(state == isOpen(t), "model disagrees with itself at \(t)")
                }
                for p in periodStarts.indices {
                    let periodEnd = p + 1 < periodStarts.count ? periodStarts[p + 1] : end
                    if isOpen(periodEnd - 1) { rows[p].open += 1 }
                }
                result[services[id]!] = rows
            }
            return result
        }
    }

    @Test("random logs: the flow equals a brute-force model, whether read whole or merged in any grouping")
    func randomLogsAgainstModel() throws {
        var rng = SplitMix64(seed: SplitMix64.configuredSeed)
        for index in 0..<150 {
            let log = RandomFlowLog.make(&rng)
            let configuration = log.configuration
            var flow = FlowConfiguration()
            flow.period = .day
            let whole = try readLog(log.csv, configuration: configuration)
            let report = try FlowReport(log: whole, configuration: configuration, flow: flow)
            let context = "case \(index), seed \(SplitMix64.configuredSeed):\n\(log.csv)from \(log.from) to \(log.to) as-of \(String(describing: log.asOf))"
            #expect(flowInvariantViolations(report).isEmpty, "\(context)")

            let starts = report.periods.map { $0.start.microsecondsSinceEpoch / 1_000_000 - RandomFlowLog.base }
            let end = min(log.to, (log.asOf ?? Int64.max - 1) + 1)
            let expected = log.expected(periodStarts: starts, end: end)
            for series in report.series {
                let actual = series.periods.map { ($0.created, $0.resolved, $0.openAtEnd) }
                let model = expected[series.name] ?? []
                #expect(actual.count == model.count && zip(actual, model).allSatisfy { $0 == $1 },
                        "\(series.name): \(actual) vs model \(model)\n\(context)")
            }

            // Merged in three parts, grouped either way, equals reading everything at once.
            let cut1 = Int(rng.next() % UInt64(log.rows.count + 1))
            let cut2 = cut1 + Int(rng.next() % UInt64(log.rows.count - cut1 + 1))
            let parts = [Array(log.rows[..<cut1]), Array(log.rows[cut1..<cut2]), Array(log.rows[cut2...])].map {
                (["id,service,event,timestamp"] + $0).joined(separator: "\n") + "\n"
            }
            let logs = try parts.map { try readLog($0, configuration: configuration) }
            var left = logs[0]
            left.merge(logs[1])
            left.merge(logs[2])
            var right = logs[1]
            right.merge(logs[2])
            var rightFirst = logs[0]
            rightFirst.merge(right)
            for merged in [left, rightFirst] {
                #expect(merged.resolutionHistories.count == whole.resolutionHistories.count, "\(context)")
                let mergedReport = try FlowReport(log: merged, configuration: configuration, flow: flow)
                #expect(mergedReport.total == report.total && mergedReport.series == report.series, "merge: \(context)")
            }
        }
    }
}
