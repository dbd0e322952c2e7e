// Fuzz target: state files (`IncidentLog.stateFileBytes()`, `IncidentLog(stateFile:path:)`).
// The first byte chooses what the rest is:
//   0  a whole file, read as it is (the magic, version, length and checksum checks);
//   1  a payload, given a valid header and checksum first (so the value checks are reached);
//   2  a CSV event log: folded (with status times and history), written, read back; then the
//      written file damaged at places drawn from the input and resealed.
// Oracles: every file reads or is an `.invalidState` error at an offset inside it; a file that
// reads reports without a crash (rows read = used + skipped) and writes back to bytes that read
// to the same bytes; a folded log written and read back writes the very same bytes.
@testable import OpsMetrics

private func sealed(_ payload: [UInt8]) -> [UInt8] {
    var bytes = StateFileFormat.magic
    func append(_ value: UInt64, _ size: Int) {
        for i in 0..<size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }
    append(UInt64(StateFileFormat.version), 4)
    append(UInt64(payload.count), 8)
    bytes += payload
    append(StateFileFormat.checksum(bytes, end: bytes.count), 8)
    return bytes
}

private func check(_ bytes: [UInt8]) {
    let log: IncidentLog
    do {
        log = try IncidentLog(stateFile: bytes, path: "fuzz.state")
    } catch {
        guard case .invalidState(let path, let offset, _) = error else { return fuzzCheck(false, "unexpected error \(error)") }
        fuzzCheck(path == "fuzz.state" && offset >= 0 && offset <= bytes.count, "error offset \(offset) outside \(bytes.count) bytes")
        return
    }
    var configuration = ReportConfiguration()
    configuration.keepsStatusTimes = true
    let accounting = ReliabilityReport(log: log, configuration: configuration).meta.inputAccounting
    fuzzCheck(accounting.rowsRead == accounting.rowsUsed + accounting.rowsSkipped, "rows do not add up")
    _ = try? FlowReport(log: log, configuration: configuration, flow: FlowConfiguration())
    let written = log.stateFileBytes()
    let again = try? IncidentLog(stateFile: written, path: "again.state")
    fuzzCheck(again?.stateFileBytes() == written, "a state read back does not write the same bytes")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStateFile(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 1)
    switch input.options[0] % 3 {
    case 0:
        check(input.data)
    case 1:
        check(sealed(input.data))
    default:
        var options = ReaderOptions(0x04)  // CSV, lenient
        options.configuration.keepsStatusTimes = true
        options.configuration.keepsStatusHistory = true
        guard case .success(let log) = readThroughReader(input.data, options, chunkSize: Int.max) else { return 0 }
        let bytes = log.stateFileBytes()
        let back = try? IncidentLog(stateFile: bytes, path: "fuzz.state")
        fuzzCheck(back?.stateFileBytes() == bytes, "a folded log written and read back does not write the same bytes")
        // Damage: each input byte past the first few picks a place and a value.
        var damaged = bytes
        let payload = damaged.count - StateFileFormat.headerSize - 8
        guard payload > 0 else { return 0 }
        for (i, byte) in input.data.prefix(6).enumerated() {
            let place = StateFileFormat.headerSize + (Int(byte) * 131 + i * 977) % payload
            damaged[place] ^= byte | 1
        }
        check(sealed(Array(damaged[StateFileFormat.headerSize..<(damaged.count - 8)])))
    }
    return 0
}
