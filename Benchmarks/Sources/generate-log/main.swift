// generate-log: writes the deterministic benchmark log (see LogGenerator) to a file or stdout.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LogGenerator

let usage = """
    usage: generate-log EVENTS [--format csv|ndjson] [--seed N] [--services N] [--output PATH] [--summary]

    Writes an incident event log of EVENTS rows (e.g. 10000, 1M, 10M; 10^4 to 10^7 are the
    benchmark sizes) to PATH or stdout. The same EVENTS, seed and services give the same bytes.
    --summary prints the ground truth (rows, records, bytes, timestamp sum) to stderr as JSON.

    """

/// Writes all of `bytes` to a file descriptor; false on failure.
func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { write(descriptor, $0 + offset, buffer.count - offset) } ?? -1
        }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return false }
        offset += written
    }
    return true
}

func printError(_ text: String) {
    _ = writeAll(2, Array(text.utf8))
}

func fail(_ message: String) -> Never {
    printError("generate-log: error: \(message)\n\(usage)")
    exit(64)
}

/// `10000`, `10k`, `1M`, `10M`.
func count(_ text: String) -> Int? {
    let multipliers: [Character: Int] = ["k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000]
    if let last = text.last, let multiplier = multipliers[last] {
        return Int(text.dropLast()).map { $0 * multiplier }
    }
    return Int(text)
}

var arguments = CommandLine.arguments.dropFirst()
var events: Int?
var format = LogFormat.csv
var seed: UInt64 = 42
var services = 50
var output: String?
var printSummary = false
while let argument = arguments.popFirst() {
    func value() -> String {
        guard let next = arguments.popFirst() else { fail("\(argument) needs a value") }
        return next
    }
    switch argument {
    case "--format":
        let name = value()
        guard let parsed = LogFormat(rawValue: name) else { fail("--format takes csv or ndjson, not '\(name)'") }
        format = parsed
    case "--seed":
        let text = value()
        guard let parsed = UInt64(text) else { fail("--seed takes an unsigned integer, not '\(text)'") }
        seed = parsed
    case "--services":
        let text = value()
        guard let parsed = Int(text), parsed >= 1 else { fail("--services takes a positive integer, not '\(text)'") }
        services = parsed
    case "--output", "-o":
        output = value()
    case "--summary":
        printSummary = true
    case "--help", "-h":
        print(usage, terminator: "")
        exit(0)
    default:
        guard events == nil, let parsed = count(argument), parsed >= 0 else { fail("unexpected argument '\(argument)'") }
        events = parsed
    }
}
guard let events else { fail("give the number of events") }

var descriptor: Int32 = 1
if let output {
    descriptor = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if descriptor < 0 { fail("cannot open \(output) for writing") }
}
let summary = IncidentLogGenerator.generate(LogGeneratorOptions(events: events, format: format, seed: seed, services: services)) { chunk in
    if !writeAll(descriptor, chunk) {
        printError("generate-log: error: write failed\n")
        exit(1)
    }
}
if close(descriptor) != 0 {
    printError("generate-log: error: write failed\n")
    exit(1)
}
if printSummary {
    printError("""
        {"rows":\(summary.rows),"records":\(summary.records),"bytes":\(summary.bytes),\
        "timestamp_sum":\(summary.timestampSum),"out_of_order_rows":\(summary.outOfOrderRows),\
        "earliest_us":\(summary.earliest),"latest_us":\(summary.latest)}

        """)
}
