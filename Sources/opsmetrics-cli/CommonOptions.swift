import OpsMetrics

/// The options every command that reads logs shares: input, window, lenience and output.
struct CommonOptions {
    var configuration = ReportConfiguration()
    var files: [String] = []
    var outputPath: String?
    var outputFormat = "table"
    var showHelp = false
    /// Whether to look for a preset in each input's header: true unless `--preset` was given.
    var detectPreset = true
    /// `--from`, `--to`, `--as-of` values, read after all options so `--tz` applies wherever it stands.
    private var times: [(option: String, value: String)] = []

    init(now: Timestamp) {
        configuration.now = now
    }

    /// Handles `option` if it is a shared one; returns `false` if it is not.
    mutating func parse(_ option: String, _ parser: inout OptionParser) throws(UsageError) -> Bool {
        switch option {
        case "-h", "--help": showHelp = true
        case "--format": outputFormat = try parser.value(for: option)
        case "--output", "-o": outputPath = try parser.value(for: option)
        case "--input-format":
            let name = try parser.value(for: option)
            guard let format = InputFormat(name: name) else {
                throw UsageError("--input-format takes csv, json or ndjson, not '\(name)'")
            }
            configuration.inputFormat = format
            if name.lowercased() == "tsv" { configuration.delimiter = configuration.delimiter ?? 0x09 }
        case "--delimiter":
            configuration.delimiter = try CommonOptions.delimiter(try parser.value(for: option))
        case "--tz":
            let name = try parser.value(for: option)
            guard let zone = ZoneRule.named(name) else {
                throw UsageError("--tz takes an IANA zone name (Europe/Berlin), UTC or an offset (+02:00), not '\(name)'")
            }
            configuration.zone = zone
        case "--time-format":
            let pattern = try parser.value(for: option)
            do { configuration.timeFormat = try TimeFormat(pattern) } catch {
                throw UsageError("--time-format: \(error.message)")
            }
        case "--map":
            let pair = try parser.value(for: option)
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex, pair.index(after: equals) != pair.endIndex else {
                throw UsageError("--map takes FIELD=COLUMN, e.g. --map service=cmdb_ci, not '\(pair)'")
            }
            configuration.columnMap[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        case "--preset":
            let name = try parser.value(for: option)
            if name.lowercased() == "none" {
                configuration.preset = nil
            } else {
                guard let preset = Preset.named(name) else {
                    throw UsageError("--preset takes \(CommonOptions.list(Preset.names + ["none"])), not '\(name)'")
                }
                configuration.preset = preset
            }
            detectPreset = false
        case "--mapping":
            try MappingFile.apply(path: try parser.value(for: option), to: &configuration)
        case "--status-map", "--event-map":
            let pair = try parser.value(for: option)
            guard let equals = pair.lastIndex(of: "="), equals != pair.startIndex, pair.index(after: equals) != pair.endIndex else {
                throw UsageError("\(option) takes VALUE=EVENT, e.g. \(option) 'Resolve ticket=resolved', not '\(pair)'")
            }
            let value = String(pair[..<equals])
            let event = String(pair[pair.index(after: equals)...])
            if option == "--status-map" { configuration.statusMap[value] = event } else { configuration.eventMap[value] = event }
        case "--from", "--to", "--as-of":
            times.append((option, try parser.value(for: option)))
        case "--skip-invalid":
            configuration.skipInvalidRows = true
        default:
            return try parseLimit(option, &parser)
        }
        return true
    }

    /// Completes parsing: reads the times in the chosen zone, checks the window and the output
    /// format, makes standard input the input when no file was named, and refuses an output
    /// (`--output`, standard output, or one of `otherOutputs` such as `--chart`) that would
    /// overwrite an input, before anything is read.
    mutating func finish(formats: [String], otherOutputs: [(option: String, path: String?)] = []) throws(UsageError) {
        guard formats.contains(outputFormat) else {
            throw UsageError("--format takes \(CommonOptions.list(formats)), not '\(outputFormat)'")
        }
        for (option, text) in times {
            guard let time = Timestamp(parsing: text, zone: configuration.zone) else {
                throw UsageError("\(option) takes a timestamp such as 2024-01-01 or 2024-01-01T00:00:00Z, not '\(text)'")
            }
            switch option {
            case "--from": configuration.windowStart = time
            case "--to": configuration.windowEnd = time
            default: configuration.asOf = time
            }
        }
        if let start = configuration.windowStart, let end = configuration.windowEnd, end <= start {
            throw UsageError("--to (\(end)) must be after --from (\(start))")
        }
        if let start = configuration.windowStart, let asOf = configuration.asOf, asOf < start {
            throw UsageError("--as-of (\(asOf)) must not be before --from (\(start))")
        }
        if files.isEmpty { files = ["-"] }
        if files.count(where: { $0 == "-" }) > 1 {
            throw UsageError("standard input ('-') can be read only once; name it once")
        }
        let result: (option: String, path: String?) = outputPath.map { ("--output", $0) } ?? ("standard output", nil)
        try CommandSupport.checkOutputs([result] + otherOutputs, inputs: files)
    }

    static func delimiter(_ text: String) throws(UsageError) -> UInt8 {
        switch text {
        case "tab", "\\t", "\t": return 0x09
        default:
            let bytes = Array(text.utf8)
            guard bytes.count == 1, bytes[0] != 0x22, bytes[0] != 0x0A, bytes[0] != 0x0D else {
                throw UsageError("--delimiter takes one ASCII character (',', ';', '|') or 'tab', not '\(text)'")
            }
            return bytes[0]
        }
    }

    /// Comma-separated values of a list option, trimmed, without empties.
    static func values(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// "a, b or c".
    static func list(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
