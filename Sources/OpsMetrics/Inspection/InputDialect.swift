/// What detection decided for one input: the configuration to read it with, and what to tell the user.
package struct InputDialect: Sendable {
    /// The configuration with the detected preset and time layout filled in.
    package var configuration: ReportConfiguration
    /// How the preset was chosen: `given`, `detected` or `none`.
    package var presetSource: String
    /// The header columns that identified a detected preset.
    package var presetEvidence: [String]
    /// What the time columns hold (`nil` when a layout was given, or the input is nested JSON).
    package var timeDetection: TimeFormatDetection?
    /// The time columns looked at, by header text.
    package var timeColumns: [String]
    /// One line per decision, for standard error (`detected preset 'servicenow' from ...`).
    package var notes: [String]

    /// Decides the preset (when `detectPreset`) and the time layout (when none is set) from a sample.
    ///
    /// Never guesses: a header that fits two presets equally, or dates whose day/month order no
    /// sampled value proves, are errors that say which option settles them.
    ///
    /// - Throws: ``ConfigurationError`` for an ambiguous preset or an ambiguous day/month order.
    package static func resolve(sample: InputSample, configuration: ReportConfiguration, detectPreset: Bool) throws(ConfigurationError) -> InputDialect {
        var dialect = InputDialect(configuration: configuration, presetSource: configuration.preset == nil ? "none" : "given",
                                   presetEvidence: [], timeDetection: nil, timeColumns: [], notes: [])
        if let delimiter = sample.detectedDelimiter {
            dialect.configuration.delimiter = delimiter
            let name = delimiter == ASCII.tab ? "tab" : String(UnicodeScalar(delimiter))
            dialect.notes.append("reading \(sample.name) as separated by '\(name)': a comma splits its header into one column (--delimiter to choose)")
        }
        if detectPreset && configuration.preset == nil {
            switch Preset.detect(header: sample.header, nestedKeys: sample.nestedKeys) {
            case .matched(let preset, let columns):
                dialect.configuration.preset = preset
                dialect.presetSource = "detected"
                dialect.presetEvidence = columns
                dialect.notes.append("detected preset '\(preset.name)' from the columns \(InputDialect.list(columns.map { "'\($0)'" })) of \(sample.name) (--preset to choose another, --preset none for none)")
            case .ambiguous(let presets):
                throw ConfigurationError("the columns of \(sample.name) fit the presets \(InputDialect.list(presets.map(\.name))) equally well; choose one with --preset NAME")
            case .none:
                break
            }
        }
        let config = dialect.configuration
        let nested = config.preset?.expander != nil && !sample.nestedKeys.isEmpty
        var mapping = try ColumnMapping(configuration: config)
        _ = mapping.mapHeader(sample.header)
        var values: [String] = []
        if !nested {
            for field in [.timestamp] + RowFolder.lifecycleFields {
                guard let column = mapping.fieldOfColumn.firstIndex(of: field) else { continue }
                dialect.timeColumns.append(sample.header[column])
                values += sample.values(ofColumn: column, nullValues: config.effectiveNullValues)
            }
        }
        if config.effectiveTimeFormat == nil && !nested {
            let detection = TimeFormat.detect(values)
            dialect.timeDetection = detection
            let columns = InputDialect.list(dialect.timeColumns.map { "'\($0)'" })
            switch detection {
            case .detected(let format, let evidence):
                dialect.configuration.timeFormat = format
                dialect.notes.append("reading the times in \(columns) as '\(format.pattern)': \(evidence) (--time-format to choose)")
            case .ambiguous(let formats, let examples):
                throw ConfigurationError(
                    "cannot tell day from month in the times of \(sample.name) (\(columns)): no value in the first \(sample.rows.count) rows has a number above 12 in either place (e.g. \(InputDialect.list(examples.map { "'\($0)'" }))); choose with \(InputDialect.list(formats.map { "--time-format '\($0.pattern)'" }, conjunction: "or"))")
            case .standard, .unrecognized, .noValues:
                break
            }
        }
        return dialect
    }

    /// "a, b and c".
    static func list(_ items: [String], conjunction: String = "and") -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(conjunction) " + (items.last ?? "")
    }
}
