import OpsMetrics

/// The parsed command line of `opsmetrics report`.
struct ReportArguments {
    enum OutputFormat: String { case table, json }

    var configuration = ReportConfiguration()
    var outputFormat = OutputFormat.table
    var outputPath: String?
    var files: [String] = []
    var showHelp = false

    /// A mistake on the command line (exit status 64).
    struct UsageError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Parses the arguments after `report`. Times are read after `--tz`, wherever it stands.
    init(_ arguments: [String], now: Timestamp) throws(UsageError) {
        configuration.now = now
        var times: [(option: String, value: String)] = []
        var index = 0
        func value(for option: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw UsageError("option \(option) needs a value") }
            return arguments[index]
        }
        var onlyFiles = false
        while index < arguments.count {
            var argument = arguments[index]
            var inlineValue: String?
            if !onlyFiles, argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                inlineValue = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            func next() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                return try value(for: argument)
            }
            if onlyFiles || argument == "-" || !argument.hasPrefix("-") {
                files.append(argument)
                index += 1
                continue
            }
            switch argument {
            case "--": onlyFiles = true
            case "-h", "--help": showHelp = true
            case "--format":
                let name = try next()
                guard let format = OutputFormat(rawValue: name) else {
                    throw UsageError("--format takes table or json, not '\(name)'")
                }
                outputFormat = format
            case "--input-format":
                let name = try next()
                guard let format = InputFormat(name: name) else {
                    throw UsageError("--input-format takes csv, json or ndjson, not '\(name)'")
                }
                configuration.inputFormat = format
                if name.lowercased() == "tsv" { configuration.delimiter = configuration.delimiter ?? 0x09 }
            case "--delimiter":
                configuration.delimiter = try ReportArguments.delimiter(try next())
            case "--tz":
                let name = try next()
                guard let zone = ZoneRule.named(name) else {
                    throw UsageError("--tz takes an IANA zone name (Europe/Berlin), UTC or an offset (+02:00), not '\(name)'")
                }
                configuration.zone = zone
            case "--map":
                let pair = try next()
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex, pair.index(after: equals) != pair.endIndex else {
                    throw UsageError("--map takes FIELD=COLUMN, e.g. --map service=cmdb_ci, not '\(pair)'")
                }
                configuration.columnMap[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            case "--from", "--to", "--as-of":
                times.append((argument, try next()))
            case "--mttr":
                let name = try next()
                guard let definition = MTTRDefinition(name: name) else {
                    throw UsageError("--mttr takes recover, resolve or repair, not '\(name)'")
                }
                configuration.mttrDefinition = definition
            case "--mttr-per":
                switch try next() {
                case "incident": configuration.mttrPerEpisode = false
                case "episode": configuration.mttrPerEpisode = true
                case let other: throw UsageError("--mttr-per takes incident or episode, not '\(other)'")
                }
            case "--samples-by":
                switch try next() {
                case "end": configuration.samplesByStart = false
                case "start": configuration.samplesByStart = true
                case let other: throw UsageError("--samples-by takes end or start, not '\(other)'")
                }
            case "--merge-gap":
                let text = try next()
                guard let micros = DurationText.microseconds(text) else {
                    throw UsageError("--merge-gap takes a duration such as 90s, 5m, 1h or 1d, not '\(text)'")
                }
                configuration.episodeMergeGapMicroseconds = micros
            case "--priority": configuration.failureFilter.priorities.formUnion(ReportArguments.list(try next()))
            case "--severity": configuration.failureFilter.severities.formUnion(ReportArguments.list(try next()))
            case "--kind": configuration.failureFilter.kinds.formUnion(ReportArguments.list(try next()))
            case "--skip-invalid": configuration.skipInvalidRows = true
            case "--output", "-o": outputPath = try next()
            default:
                throw UsageError("unknown option '\(argument)'")
            }
            index += 1
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

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
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
