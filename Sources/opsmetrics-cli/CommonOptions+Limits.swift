import OpsMetrics

/// The limit options (`--max-field-bytes`, `--max-record-bytes`, `--max-columns`, `--max-json-depth`,
/// `--max-incidents`), each overriding one of ``ReportConfiguration``'s hard limits, and `--threads`.
extension CommonOptions {
    /// Handles `option` if it is a limit; returns `false` if it is not.
    mutating func parseLimit(_ option: String, _ parser: inout OptionParser) throws(UsageError) -> Bool {
        switch option {
        case "--max-field-bytes": configuration.maxFieldBytes = try CommonOptions.byteCount(option, try parser.value(for: option))
        case "--max-record-bytes": configuration.maxRecordBytes = try CommonOptions.byteCount(option, try parser.value(for: option))
        case "--max-columns": configuration.maxColumns = try CommonOptions.count(option, try parser.value(for: option))
        case "--max-json-depth": configuration.maxJSONDepth = try CommonOptions.count(option, try parser.value(for: option))
        case "--max-incidents": configuration.maxIncidents = try CommonOptions.count(option, try parser.value(for: option))
        case "--threads": configuration.threads = try CommonOptions.count(option, try parser.value(for: option))
        default: return false
        }
        return true
    }

    /// A positive whole number (`_` and `,` allowed between digits: `5_000_000`).
    static func count(_ option: String, _ text: String) throws(UsageError) -> Int {
        let digits = text.filter { $0 != "_" && $0 != "," }
        guard let value = Int(digits), value >= 1 else {
            throw UsageError("\(option) takes a whole number of at least 1, not '\(text)'")
        }
        return value
    }

    /// A positive number of bytes, optionally with a binary unit: `65536`, `64K`, `64KiB`, `16M`, `1G`.
    static func byteCount(_ option: String, _ text: String) throws(UsageError) -> Int {
        var number = Substring(text)
        var unit = 1
        for (suffixes, scale) in [(["KiB", "KB", "K", "k"], 1 << 10), (["MiB", "MB", "M"], 1 << 20), (["GiB", "GB", "G"], 1 << 30)] {
            if let suffix = suffixes.first(where: { number.hasSuffix($0) }) {
                number = number.dropLast(suffix.count)
                unit = scale
                break
            }
        }
        let error = UsageError("\(option) takes a size in bytes such as 65536, 64K, 16M or 1G, not '\(text)'")
        guard let value = Int(number), value >= 1 else { throw error }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: unit)
        guard !overflow else { throw error }
        return bytes
    }
}
