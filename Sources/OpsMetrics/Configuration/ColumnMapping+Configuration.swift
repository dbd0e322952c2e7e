extension ColumnMapping {
    /// The mapping a configuration asks for: its overrides over its preset's columns.
    init(configuration: ReportConfiguration) throws(ConfigurationError) {
        try self.init(overrides: configuration.columnMap, preset: configuration.preset)
    }
}
