/// The per-record lines of ``SLORenderer``'s JSON and CSV, written straight as bytes: a report
/// lists millions of verdicts, and building a `String` for each field of each took four times
/// as long as measuring them.
///
/// The bytes are those of the string-built layout: a JSON object per line (`string(_:)`'s
/// escapes), or a CSV row (``CSVField/escaped(_:)``'s quoting).
struct SLORecordLines {
    let records: SLORecordResults
    let json: Bool
    /// Each objective's and service's name, escaped once.
    private let objectives: [[UInt8]]
    private let services: [[UInt8]]

    init(_ records: SLORecordResults, json: Bool) {
        self.records = records
        self.json = json
        let escape: (String) -> [UInt8] = json ? { Array(SLORenderer.string($0).utf8) } : { Array(CSVField.escaped($0).utf8) }
        objectives = records.objectiveNames.map(escape)
        services = records.serviceNames.map(escape)
    }

    func append(to out: inout [UInt8]) {
        for position in records.indices {
            if json {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                out += Self.jsonObjective
                out += objectives[Int(records.objective[position])]
                out += Self.jsonID
                appendID(position, to: &out)
                out += Self.jsonService
                out += services[Int(records.service[position])]
                out += Self.jsonVerdict
                out.append(UInt8(ascii: "\""))
                out += records.verdict[position].verdict.name.utf8
                out += Self.jsonStart
                appendTime(records.start[position], to: &out)
                out += Self.jsonStop
                if records.stop[position] == SLORecordResults.running { out += Self.null } else { appendTime(records.stop[position], to: &out) }
                out += Self.jsonElapsed
                Self.appendSeconds(records.elapsed[position], to: &out)
                out += Self.jsonRemaining
                Self.appendSeconds(records.remaining(position), to: &out)
                out.append(UInt8(ascii: "}"))
            } else {
                out += objectives[Int(records.objective[position])]
                out.append(UInt8(ascii: ","))
                appendID(position, to: &out)
                out.append(UInt8(ascii: ","))
                out += services[Int(records.service[position])]
                out.append(UInt8(ascii: ","))
                out += records.verdict[position].verdict.name.utf8
                out.append(UInt8(ascii: ","))
                CivilTime(Timestamp(microsecondsSinceEpoch: records.start[position])).appendRFC3339(to: &out)
                out.append(UInt8(ascii: ","))
                if records.stop[position] != SLORecordResults.running {
                    CivilTime(Timestamp(microsecondsSinceEpoch: records.stop[position])).appendRFC3339(to: &out)
                }
                out.append(UInt8(ascii: ","))
                Self.appendSeconds(records.elapsed[position], to: &out)
                out.append(UInt8(ascii: ","))
                Self.appendSeconds(records.remaining(position), to: &out)
                out.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// A quoted RFC 3339 time.
    private func appendTime(_ micros: Int64, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        CivilTime(Timestamp(microsecondsSinceEpoch: micros)).appendRFC3339(to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The record's id, escaped as the format needs.
    private func appendID(_ position: Int, to out: inout [UInt8]) {
        let id = records.ids.bytes(records.record[position] + 1)
        let plain = !id.contains { json ? ($0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")) : Self.needsCSVQuotes($0) }
        if plain {
            if json { out.append(UInt8(ascii: "\"")) }
            out += id
            if json { out.append(UInt8(ascii: "\"")) }
        } else {
            let text = String(decoding: id, as: UTF8.self)
            out += (json ? SLORenderer.string(text) : CSVField.escaped(text)).utf8
        }
    }

    private static func needsCSVQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Microseconds as seconds: an integer when whole, else six decimals.
    static func appendSeconds(_ micros: Int64, to out: inout [UInt8]) {
        if micros < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = micros.magnitude
        ASCII.appendDecimal(magnitude / 1_000_000, to: &out)
        if magnitude % 1_000_000 != 0 {
            out.append(UInt8(ascii: "."))
            ASCII.appendDecimal(magnitude % 1_000_000, minimumCount: 6, to: &out)
        }
    }

    private static let jsonObjective = Array("\n    {\"objective\": ".utf8)
    private static let jsonID = Array(", \"id\": ".utf8)
    private static let jsonService = Array(", \"service\": ".utf8)
    private static let jsonVerdict = Array(", \"verdict\": ".utf8)
    private static let jsonStart = Array("\", \"start\": ".utf8)
    private static let jsonStop = Array(", \"stop\": ".utf8)
    private static let jsonElapsed = Array(", \"business_elapsed_seconds\": ".utf8)
    private static let jsonRemaining = Array(", \"remaining_seconds\": ".utf8)
    private static let null = Array("null".utf8)
}
