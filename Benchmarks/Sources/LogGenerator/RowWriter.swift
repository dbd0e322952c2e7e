/// Formats rows as CSV or NDJSON bytes into one growing buffer (no String per row).
struct RowWriter {
    /// UTC offsets in minutes, and whether a zero offset is written `Z`.
    static let zones: [(minutes: Int64, zulu: Bool)] = [
        (0, true), (0, false), (120, false), (-300, false), (330, false), (540, false), (-210, false),
    ]

    let format: LogFormat
    var bytes: [UInt8] = []

    init(format: LogFormat) {
        self.format = format
        bytes.reserveCapacity((1 << 20) + 4096)
    }

    mutating func append(_ text: String) {
        bytes += text.utf8
    }

    mutating func write(_ row: PendingRow, service: [UInt8]?, reason: [UInt8]?) {
        let event = GeneratedEvent.spellings[Int(row.event.rawValue)][Int(row.spelling)]
        switch format {
        case .csv:
            writeIncidentID(row.incident)
            bytes.append(0x2C)
            writeTimestamp(row)
            bytes.append(0x2C)
            bytes += event.utf8
            bytes.append(0x2C)
            if let service { writeCSVField(service) }
            bytes.append(0x2C)
            if row.priority > 0 { bytes += [0x50, 0x30 + UInt8(row.priority)] }
            bytes.append(0x2C)
            if let reason { writeCSVField(reason) }
            bytes.append(0x0A)
        case .ndjson:
            bytes += #"{"id":""#.utf8
            writeIncidentID(row.incident)
            bytes += #"","timestamp":""#.utf8
            writeTimestamp(row)
            bytes += #"","event":""#.utf8
            bytes += event.utf8
            bytes.append(0x22)
            // Every key on every row, `null` when empty (as most exporters write it).
            bytes += #","service":"#.utf8
            if let service { writeJSONString(service, asciiOnly: row.asciiEscapes) } else { bytes += "null".utf8 }
            bytes += #","priority":"#.utf8
            if row.priority > 0 { bytes += [0x22, 0x50, 0x30 + UInt8(row.priority), 0x22] } else { bytes += "null".utf8 }
            bytes += #","reason":"#.utf8
            if let reason { writeJSONString(reason, asciiOnly: false) } else { bytes += "null".utf8 }
            bytes += [0x7D, 0x0A]
        }
    }

    /// `INC` and the incident number (from 1), eight digits at least.
    mutating func writeIncidentID(_ incident: Int32) {
        bytes += [0x49, 0x4E, 0x43]
        writeDigits(Int64(incident) + 1, width: 8)
    }

    mutating func writeDigits(_ value: Int64, width: Int) {
        var digits: [8 of UInt8] = .init(repeating: 0x30)
        var v = value
        var count = 0
        while v > 0 || count < width {
            if count == 8 {
                // Wider than the buffer: write the leading digits first.
                writeDigits(v, width: 0)
                break
            }
            digits[count] = 0x30 + UInt8(v % 10)
            v /= 10
            count += 1
        }
        var i = count - 1
        while i >= 0 {
            bytes.append(digits[i])
            i -= 1
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff|.ffffff](Z|±HH:MM)` in the row's zone.
    mutating func writeTimestamp(_ row: PendingRow) {
        let zone = RowWriter.zones[Int(row.zone)]
        let local = row.time + zone.minutes * 60_000_000
        let micros = local % 1_000_000
        let seconds = local / 1_000_000
        let (year, month, day) = RowWriter.civil(fromDays: seconds / 86_400)
        let secondOfDay = seconds % 86_400
        writeDigits(year, width: 4)
        bytes.append(0x2D)
        writeDigits(month, width: 2)
        bytes.append(0x2D)
        writeDigits(day, width: 2)
        bytes.append(0x54)
        writeDigits(secondOfDay / 3600, width: 2)
        bytes.append(0x3A)
        writeDigits(secondOfDay / 60 % 60, width: 2)
        bytes.append(0x3A)
        writeDigits(secondOfDay % 60, width: 2)
        switch row.fractionDigits {
        case 3:
            bytes.append(0x2E)
            writeDigits(micros / 1000, width: 3)
        case 6:
            bytes.append(0x2E)
            writeDigits(micros, width: 6)
        default:
            break
        }
        if zone.zulu {
            bytes.append(0x5A)
        } else {
            let magnitude = abs(zone.minutes)
            bytes.append(zone.minutes < 0 ? 0x2D : 0x2B)
            writeDigits(magnitude / 60, width: 2)
            bytes.append(0x3A)
            writeDigits(magnitude % 60, width: 2)
        }
    }

    /// Civil date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`), days ≥ 0.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A CSV field, quoted (with `""` for a quote) when it holds a comma, quote, CR or LF.
    mutating func writeCSVField(_ value: [UInt8]) {
        guard value.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            bytes += value
            return
        }
        bytes.append(0x22)
        for byte in value {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
    }

    /// A JSON string; with `asciiOnly`, every non-ASCII scalar as `\uXXXX` (surrogate pairs above U+FFFF).
    mutating func writeJSONString(_ value: [UInt8], asciiOnly: Bool) {
        bytes.append(0x22)
        if asciiOnly {
            for scalar in String(decoding: value, as: UTF8.self).unicodeScalars {
                if scalar.value < 0x80 {
                    writeJSONByte(UInt8(scalar.value))
                } else if scalar.value <= 0xFFFF {
                    writeUnicodeEscape(scalar.value)
                } else {
                    let v = scalar.value - 0x10000
                    writeUnicodeEscape(0xD800 + (v >> 10))
                    writeUnicodeEscape(0xDC00 + (v & 0x3FF))
                }
            }
        } else {
            for byte in value { writeJSONByte(byte) }
        }
        bytes.append(0x22)
    }

    mutating func writeJSONByte(_ byte: UInt8) {
        switch byte {
        case 0x22, 0x5C: bytes += [0x5C, byte]
        case 0x0A: bytes += [0x5C, 0x6E]
        case 0x0D: bytes += [0x5C, 0x72]
        case 0x09: bytes += [0x5C, 0x74]
        default: bytes.append(byte)
        }
    }

    mutating func writeUnicodeEscape(_ unit: UInt32) {
        let hex = Array("0123456789abcdef".utf8)
        bytes += [0x5C, 0x75, hex[Int(unit >> 12 & 0xF)], hex[Int(unit >> 8 & 0xF)], hex[Int(unit >> 4 & 0xF)], hex[Int(unit & 0xF)]]
    }
}
