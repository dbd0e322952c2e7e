// IncidentLogGenerator: a deterministic incident event log for benchmarks and scale tests.
//
// What the log looks like (event form, one row per event; see Benchmarks/README.md):
//
//   id,timestamp,event,service,priority,reason
//   INC00000001,2019-01-01T00:01:02.345+02:00,opened,checkout-0,P2,
//   INC00000001,2019-01-01T00:01:09Z,acknowledged,,,
//   ...
//
// - Incidents open one after another, on average every `meanGapSeconds` (90 s): 2.5 million
//   incidents span about seven years. Each picks one of `services` services, busier ones more
//   often (weights 100 : 25 from the first to the 50th), and each service has its own outage scale
//   (0.5× to 2×), so the services differ but all are mostly up (uptime about 95.5–99.5%, median 98.6%).
// - 15% are alerts that resolve themselves: `opened`, then `resolved` when the impact ends.
// - The rest are tickets: sometimes `impact_started` before `opened` (30%; by less than half the
//   outage, at most 5 min), `acknowledged` (95%),
//   a `note` (5%), `recovered` when the impact ends, `resolved` later; 3% are never resolved (the
//   impact ended but the ticket stays open); 1% are `reopened` and resolved again; 1% move to
//   another service when resolved.
// - Outages are heavy-tailed: `4 s × 2^k × (1 + u)` times the service's scale, `k` geometric
//   (half of them under about 15 s, a few of them hours; a minute on average).
// - Timestamps carry an offset (Z, +00:00, +02:00, -05:00, +05:30, +09:00 or -03:30) and 0, 3 or
//   6 fractional digits (the time is truncated to what is printed, so the text is exact).
// - Some events use an alias (`triggered`, `created`, `ack`, `mitigated`, `Resolved`); some rows
//   leave the service empty (the last non-empty value wins).
// - Service names and reasons include commas, quotes and UTF-8 (quoted and `""`-escaped in CSV;
//   in NDJSON about a third of the non-ASCII rows use `\uXXXX` escapes, as `json.dumps` writes).
// - Rows are written in time order, except 5% that arrive late (1 s to 2 h).
// - Generation stops after exactly `events` rows: the incidents of the last hours are then
//   still open, as in a live export.
//
// Everything is integer arithmetic on a SplitMix64 stream: a seed and a size name one log on any
// platform. Times within one incident are at least 1 s apart, so truncating the printed fraction
// never reorders them and no two rows of one incident tie.

/// The syntax of a generated log.
public enum LogFormat: String, Sendable, CaseIterable {
    /// CSV with a header row, RFC 4180 quoting.
    case csv
    /// One JSON object per line.
    case ndjson
}

/// What to generate.
public struct LogGeneratorOptions: Sendable, Hashable {
    /// The number of rows (events) to write, not counting the CSV header.
    public var events: Int
    /// CSV or NDJSON.
    public var format: LogFormat
    /// The random seed: the same seed, size and service count give the same bytes.
    public var seed: UInt64
    /// The number of services (at least 1).
    public var services: Int

    public init(events: Int, format: LogFormat = .csv, seed: UInt64 = 42, services: Int = 50) {
        precondition(events >= 0 && services >= 1, "LogGeneratorOptions: events >= 0 and services >= 1")
        self.events = events
        self.format = format
        self.seed = seed
        self.services = services
    }
}

/// Facts about a generated log that a reader must reproduce: the ground truth the benchmarks check.
public struct GeneratedLogSummary: Sendable, Hashable {
    /// Rows (events) written, without the CSV header.
    public var rows = 0
    /// Distinct incident ids among the rows.
    public var records = 0
    /// Bytes written.
    public var bytes = 0
    /// The wrapping sum of every row's timestamp in microseconds since the epoch (UTC), exactly as
    /// printed: what a timestamp parser must add up to.
    public var timestampSum: Int64 = 0
    /// Rows whose time is earlier than a row written before them.
    public var outOfOrderRows = 0
    /// The earliest and latest row times, in microseconds since the epoch.
    public var earliest = Int64.max
    public var latest = Int64.min
}

/// Generates the benchmark log. See the comment at the top of this file for its shape.
///
/// ```swift
/// let (bytes, summary) = IncidentLogGenerator.generate(LogGeneratorOptions(events: 10_000))
/// ```
public enum IncidentLogGenerator {
    /// The CSV header.
    public static let csvHeader = "id,timestamp,event,service,priority,reason\n"

    /// The generation start: 2019-01-01T00:00:00Z, in microseconds since the epoch.
    public static let startMicroseconds: Int64 = 1_546_300_800_000_000

    /// Mean time between incident openings, all services together.
    static let meanGapMicroseconds: Int64 = 90_000_000

    /// Writes the log in chunks of about 1 MiB to `flush`.
    ///
    /// - Returns: The facts of the log written.
    public static func generate(_ options: LogGeneratorOptions, flush: ([UInt8]) throws -> Void) rethrows -> GeneratedLogSummary {
        var state = GeneratorState(options)
        return try state.run(flush: flush)
    }

    /// The whole log in memory.
    public static func generate(_ options: LogGeneratorOptions) -> (bytes: [UInt8], summary: GeneratedLogSummary) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(options.events * (options.format == .csv ? 70 : 150) + 64)
        let summary = generate(options) { bytes += $0 }
        return (bytes, summary)
    }

    /// The service names: mostly `word-N`, every seventh with a comma, quotes or UTF-8.
    public static func serviceNames(count: Int) -> [String] {
        let words = ["checkout", "search", "login", "payments", "catalog", "inventory", "shipping", "notifications",
                     "recommendations", "billing", "media", "gateway", "ledger", "pricing", "reviews", "accounts"]
        let special = ["Payments, EU", "Zahlungsverkehr – Köln", "検索, JP", "Login \"SSO\"", "Café, Crème & Co",
                       "Доставка, RU", "Ödeme / TR"]
        return (0..<count).map { i in
            if i % 7 == 3 {
                let k = i / 7
                return special[k % special.count] + (k >= special.count ? " \(k / special.count + 1)" : "")
            }
            return "\(words[i % words.count])-\(i)"
        }
    }

    /// Reasons given on resolution (a quarter of resolutions give none).
    public static let reasons = ["network", "deploy", "database", "capacity", "config", "dependency, upstream",
                                 "disk \"full\"", "certificate expiry – TLS"]
}

// MARK: - Rows

/// The event kinds written, and their spellings.
enum GeneratedEvent: UInt8 {
    case opened, impactStarted, acknowledged, note, recovered, resolved, reopened

    static let spellings: [[String]] = [
        ["opened", "triggered", "created"], ["impact_started"], ["acknowledged", "ack"], ["note"],
        ["recovered", "mitigated"], ["resolved", "Resolved"], ["reopened"],
    ]
}

/// One row waiting to be written: its time, when it arrives, and its values (indexes; -1 = empty).
struct PendingRow {
    var arrival: Int64
    var sequence: Int64
    var incident: Int32
    var time: Int64
    var event: GeneratedEvent
    var spelling: UInt8
    var zone: UInt8
    var fractionDigits: UInt8
    var service: Int16
    var priority: Int8
    var reason: Int8
    var asciiEscapes: Bool

    func arrivesBefore(_ other: PendingRow) -> Bool {
        (arrival, sequence) < (other.arrival, other.sequence)
    }
}

/// A binary min-heap of rows by arrival.
struct RowHeap {
    private var rows: [PendingRow] = []

    var first: PendingRow? { rows.first }

    mutating func push(_ row: PendingRow) {
        rows.append(row)
        var child = rows.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard rows[child].arrivesBefore(rows[parent]) else { break }
            rows.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> PendingRow? {
        guard let top = rows.first else { return nil }
        let last = rows.removeLast()
        if !rows.isEmpty {
            rows[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < rows.count && rows[left].arrivesBefore(rows[smallest]) { smallest = left }
                if right < rows.count && rows[right].arrivesBefore(rows[smallest]) { smallest = right }
                if smallest == parent { break }
                rows.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}

// MARK: - Generation

struct GeneratorState {
    let options: LogGeneratorOptions
    var rng: SplitMix64
    let serviceBytes: [[UInt8]]
    let serviceIsASCII: [Bool]
    let reasonBytes: [[UInt8]]
    /// Cumulative service weights, for a weighted pick.
    let cumulativeWeights: [Int64]
    /// Each service's outage scale, in percent.
    let outageScale: [Int64]
    var heap = RowHeap()
    var sequence: Int64 = 0
    var clock = IncidentLogGenerator.startMicroseconds
    /// Whether a row of each incident has been written.
    var incidentWritten: [Bool] = []
    var summary = GeneratedLogSummary()
    var writer: RowWriter

    init(_ options: LogGeneratorOptions) {
        self.options = options
        rng = SplitMix64(seed: options.seed)
        let names = IncidentLogGenerator.serviceNames(count: options.services)
        serviceBytes = names.map { Array($0.utf8) }
        serviceIsASCII = serviceBytes.map { $0.allSatisfy { $0 < 0x80 } }
        reasonBytes = IncidentLogGenerator.reasons.map { Array($0.utf8) }
        var total: Int64 = 0
        cumulativeWeights = (0..<options.services).map { i in
            total += 1600 / (16 + Int64(i))
            return total
        }
        var scales: [Int64] = []
        for _ in 0..<options.services { scales.append(rng.within(50...200)) }
        outageScale = scales
        writer = RowWriter(format: options.format)
    }

    mutating func run(flush: ([UInt8]) throws -> Void) rethrows -> GeneratedLogSummary {
        if options.format == .csv { writer.append(IncidentLogGenerator.csvHeader) }
        var maxWritten = Int64.min
        while summary.rows < options.events {
            clock += 1 + rng.below(2 * IncidentLogGenerator.meanGapMicroseconds)
            makeIncident(openedAt: clock)
            while summary.rows < options.events, let next = heap.first, next.arrival <= clock {
                _ = heap.pop()
                let row = next
                writer.write(row, service: row.service >= 0 ? serviceBytes[Int(row.service)] : nil,
                             reason: row.reason >= 0 ? reasonBytes[Int(row.reason)] : nil)
                summary.rows += 1
                summary.timestampSum &+= row.time
                if row.time < maxWritten { summary.outOfOrderRows += 1 }
                maxWritten = max(maxWritten, row.time)
                summary.earliest = min(summary.earliest, row.time)
                summary.latest = max(summary.latest, row.time)
                if !incidentWritten[Int(row.incident)] {
                    incidentWritten[Int(row.incident)] = true
                    summary.records += 1
                }
                if writer.bytes.count >= 1 << 20 {
                    summary.bytes += writer.bytes.count
                    try flush(writer.bytes)
                    writer.bytes.removeAll(keepingCapacity: true)
                }
            }
        }
        summary.bytes += writer.bytes.count
        if !writer.bytes.isEmpty { try flush(writer.bytes) }
        writer.bytes.removeAll()
        return summary
    }

    mutating func pickService() -> Int {
        let r = rng.below(cumulativeWeights[cumulativeWeights.count - 1])
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulativeWeights[mid] > r { high = mid } else { low = mid + 1 }
        }
        return low
    }

    mutating func makeIncident(openedAt t: Int64) {
        let incident = Int32(incidentWritten.count)
        incidentWritten.append(false)
        let service = pickService()
        let priority = Int8(1 + rng.below(4))
        let reason: Int8 = rng.chance(perMille: 250) ? -1 : Int8(rng.below(Int64(reasonBytes.count)))
        let outage = rng.heavyTailed(baseMicroseconds: 4_000_000, maxDoublings: 12) * outageScale[service] / 100
        let second: Int64 = 1_000_000

        func add(_ event: GeneratedEvent, _ time: Int64, service: Int, priority: Int8 = 0, reason: Int8 = -1) {
            emit(incident: incident, event: event, time: time, service: service, priority: priority, reason: reason)
        }

        if rng.chance(perMille: 150) {
            // An alert that resolves itself when the impact ends.
            add(.opened, t, service: service, priority: priority)
            add(.resolved, t + max(outage, second), service: service, reason: reason)
            return
        }
        // Impact began before the ticket was opened (detection delay), by less than half the outage.
        let lead = min(300 * second, max(second, outage / 2))
        let impact = rng.chance(perMille: 300) ? t - rng.within(second...lead) : t
        if impact < t { add(.impactStarted, impact, service: service) }
        add(.opened, t, service: service, priority: priority)
        var latest = t
        if rng.chance(perMille: 950) {
            let ack = t + second + rng.heavyTailed(baseMicroseconds: 5 * second, maxDoublings: 8)
            add(.acknowledged, ack, service: rng.chance(perMille: 300) ? -1 : service)
            latest = max(latest, ack)
        }
        let movesTo: Int? = rng.chance(perMille: 10) ? (service + 1 + Int(rng.below(Int64(options.services - 1 > 0 ? options.services - 1 : 1)))) % options.services : nil
        if movesTo == nil && rng.chance(perMille: 50) {
            let note = t + rng.within(second...3600 * second)
            add(.note, note, service: rng.chance(perMille: 500) ? -1 : service)
            latest = max(latest, note)
        }
        let recovered = impact + max(outage, second)
        add(.recovered, recovered, service: service)
        latest = max(latest, recovered)
        if rng.chance(perMille: 30) { return }  // never resolved: the ticket stays open
        let finalService = movesTo ?? service
        let resolved = latest + second + rng.heavyTailed(baseMicroseconds: 30 * second, maxDoublings: 8)
        add(.resolved, resolved, service: finalService, reason: reason)
        if rng.chance(perMille: 10) {
            let reopened = resolved + rng.within(60 * second...1800 * second)
            add(.reopened, reopened, service: finalService)
            add(.resolved, reopened + rng.within(60 * second...1800 * second), service: finalService, reason: reason)
        }
    }

    mutating func emit(incident: Int32, event: GeneratedEvent, time: Int64, service: Int, priority: Int8, reason: Int8) {
        let spellings = GeneratedEvent.spellings[Int(event.rawValue)]
        var spelling: UInt8 = 0
        if spellings.count > 1 && rng.chance(perMille: 50) { spelling = UInt8(1 + rng.below(Int64(spellings.count - 1))) }
        let digitsRoll = rng.below(4)
        let digits: UInt8 = digitsRoll == 0 ? 0 : digitsRoll == 3 ? 6 : 3
        let unit: Int64 = digits == 0 ? 1_000_000 : digits == 3 ? 1_000 : 1
        let printed = time - time % unit  // times are after 1970: `%` truncates toward the past
        let late = rng.chance(perMille: 50)
        let arrival = late ? printed + rng.within(1_000_000...7_200_000_000) : printed
        let asciiEscapes = service >= 0 && !serviceIsASCII[service] && rng.chance(perMille: 330)
        sequence += 1
        heap.push(PendingRow(
            arrival: arrival, sequence: sequence, incident: incident, time: printed, event: event, spelling: spelling,
            zone: UInt8(rng.below(Int64(RowWriter.zones.count))), fractionDigits: digits, service: Int16(service),
            priority: priority, reason: reason, asciiEscapes: asciiEscapes))
    }
}
