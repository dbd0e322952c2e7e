// Fuzz target: reading an export in its own dialect, as `--preset` or detection makes the CLI
// read it: the header sampled (`InputSample`), the preset and the time layout detected or given
// (`InputDialect`), then the read with the preset's column map, status and event maps, null
// spellings, time layout (`TimeFormat`) and nested payloads (`NestedRecordExpander`, `JSONTree`:
// Jira REST pages, DevLake raw tables). The same invariants as EventFolding: whole push = chunked
// push, every row accounted for, every error located.
//
// Options: first byte `ReaderOptions`; second byte:
//     bits 0-3  0 detect the preset from the header (as without --preset); 1-12 the preset
//               `Preset.all[n - 1]` (given: its time layout, else detection); 13-15 none
//     bit  4    keep status times (the flow diagram by stage reads them)
//     bit  5    the sample sees only the first half of the input (a large file's detection)
@testable import OpsMetrics

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPresets(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(pointer, size, optionCount: 2)
    var options = ReaderOptions(input.options[0])
    let (preset, detect) = presetChoice(input.options[1])
    options.configuration.preset = preset
    options.configuration.keepsStatusTimes = input.options[1] & 16 != 0

    // Detection, as the CLI runs it before reading: a bad sample or an ambiguous header stops the
    // CLI with a message; here the read goes on with the options as given.
    let sampled = input.options[1] & 32 != 0 ? Array(input.data[..<(input.data.count / 2)]) : input.data
    let delimiter = options.configuration.preset?.delimiter ?? (options.name.hasSuffix(".tsv") ? ASCII.tab : ASCII.comma)
    if let sample = try? InputSample(bytes: sampled, name: options.name, format: options.format, delimiter: delimiter,
                                     isComplete: sampled.count == input.data.count, maxRows: 200) {
        if let dialect = try? InputDialect.resolve(sample: sample, configuration: options.configuration, detectPreset: detect) {
            checkDetection(dialect, sample)
            options.configuration = dialect.configuration
        }
    }

    let whole = readThroughReader(input.data, options, chunkSize: Int.max)
    checkOutcome(whole, data: input.data, name: options.name)
    let chunked = readThroughReader(input.data, options, chunkSize: options.chunkSize)
    checkSameOutcome(whole, chunked, "whole", "chunked (\(String(describing: options.chunkSize)))")
    return 0
}

/// A detected time layout reads every sampled value of the time columns, as detection saw them.
private func checkDetection(_ dialect: InputDialect, _ sample: InputSample) {
    guard case .detected(let format, _)? = dialect.timeDetection,
          var mapping = try? ColumnMapping(configuration: dialect.configuration) else { return }
    _ = mapping.mapHeader(sample.header)
    for field in [.timestamp] + RowFolder.lifecycleFields {
        guard let column = mapping.fieldOfColumn.firstIndex(of: field) else { continue }
        for value in sample.values(ofColumn: column, nullValues: dialect.configuration.effectiveNullValues) {
            fuzzCheck(format.parse(value) != nil, "detected '\(format.pattern)' does not read '\(value)' of column \(column)")
        }
    }
}
