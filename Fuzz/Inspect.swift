// Fuzz target: `opsmetrics inspect FILE` (`InputInspection.inspect`), which samples a file,
// detects its preset and time layout, folds what fits in its budget (cut back to whole records)
// and lists the problems it sees. On any bytes it must return an inspection or a located error,
// account for every row it folded, describe every header column once, and encode to JSON.
//
// Options: first byte `ReaderOptions` (the format, by the file's extension; the zone; tiny limits:
// inspect itself skips invalid rows); second byte:
//     bits 0-3  0 detect the preset (no --preset); 1-12 `Preset.all[n - 1]`; 13-15 none
//     bit  4    fold only the first half of the file (a file larger than the budget)
@testable import OpsMetrics
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInspect(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 2)
    var options = ReaderOptions(input.options[0])
    let (preset, detect) = presetChoice(input.options[1])
    options.configuration.preset = preset
    let budget = input.options[1] & 16 != 0 ? input.data.count / 2 : 64 << 20
    let name = options.name.split(separator: ".").last.map(String.init) ?? "csv"

    let path = temporaryPath("Inspect", extension: name)
    writeFile(path, input.data)
    let outcome = Result { () throws(OpsMetricsError) -> InputInspection in
        try InputInspection.inspect(path: path, configuration: options.configuration, detectPreset: detect, maxBytes: budget)
    }
    unlink(path)

    switch outcome {
    case .failure(.parse(let error)):
        // A header or structure the sample cannot read.
        checkOutcome(.failure(error), data: input.data, name: path)
    case .failure(let error):
        fuzzCheck(false, "inspect failed without a located error: \(error)")
    case .success(let inspection):
        let rows = inspection.rows
        fuzzCheck(rows.rowsRead == rows.rowsUsed + rows.rowsSkipped, "rows read \(rows.rowsRead) ≠ used + skipped")
        fuzzCheck(inspection.bytesRead <= input.data.count, "read \(inspection.bytesRead) of \(input.data.count) bytes")
        fuzzCheck(!inspection.complete || budget >= input.data.count, "complete, with a budget of \(budget) of \(input.data.count) bytes")
        fuzzCheck(inspection.command.hasPrefix("opsmetrics report "), "command \(inspection.command)")
        do { _ = try JSONEncoder().encode(inspection) } catch {
            fuzzCheck(false, "the inspection does not encode: \(error)")
        }
    }
    return 0
}
