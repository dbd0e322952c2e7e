/// The first rows of an input, as text: what preset and time-layout detection and `inspect` look at.
///
/// Reading a sample allocates a `String` per value; it is for a few thousand rows before the
/// streaming read, never for the read itself.
package struct InputSample: Sendable {
    /// The input's name.
    package var name: String
    /// Its syntax.
    package var format: InputFormat
    /// The CSV header, or the keys of the sampled JSON objects in first-seen order.
    package var header: [String]
    /// The keys of a nested payload, when the rows wrap one: a DevLake raw table's `data` column,
    /// or the objects in a REST response's array (`{"issues": [...]}`).
    package var nestedKeys: [String]
    /// The sampled rows: one value per header column (`nil` for a missing or nested value).
    package var rows: [[String?]]
    /// Whether the sample holds the whole input.
    package var isComplete: Bool
    /// The delimiter the sample was split with when none was given and a comma gave a one-column
    /// header that `;`, a tab or `|` splits (a European spreadsheet's export, say).
    package var detectedDelimiter: UInt8?

    /// Reads up to `maxBytes` from the start of a file and samples up to `maxRows` rows.
    ///
    /// - Throws: ``OpsMetricsError`` when the file cannot be read, or `.parse` for a malformed
    ///   header or structure within the sample.
    package static func read(
        path: String, configuration: ReportConfiguration, maxBytes: Int = 4 << 20, maxRows: Int = 5_000
    ) throws(OpsMetricsError) -> InputSample {
        var input = try InputSource(opening: path)
        return try read(&input, configuration: configuration, maxBytes: maxBytes, maxRows: maxRows)
    }

    /// Samples up to `maxRows` rows of the first `maxBytes` bytes of an open input, which the
    /// read proper then still reads from its start.
    package static func read(
        _ input: inout InputSource, configuration: ReportConfiguration, maxBytes: Int = 4 << 20, maxRows: Int = 5_000
    ) throws(OpsMetricsError) -> InputSample {
        let path = input.path
        let (bytes, isComplete) = try input.prefix(maxBytes: maxBytes)
        let format = configuration.inputFormat ?? InputFormat(pathExtensionOf: path) ?? .csv
        let delimiter = configuration.delimiter ?? configuration.preset?.delimiter
            ?? (InputFormat.isTabSeparated(path) ? ASCII.tab : ASCII.comma)
        do {
            let sample = try InputSample(bytes: bytes, name: path, format: format, delimiter: delimiter, isComplete: isComplete, maxRows: maxRows)
            guard configuration.delimiter == nil, configuration.preset?.delimiter == nil, delimiter == ASCII.comma,
                format == .csv, sample.header.count == 1, let candidate = Self.likelyDelimiter(in: sample.header[0]),
                var other = try? InputSample(bytes: bytes, name: path, format: format, delimiter: candidate, isComplete: isComplete, maxRows: maxRows),
                other.header.count > 1
            else { return sample }
            other.detectedDelimiter = candidate
            return other
        } catch {
            throw .parse(error)
        }
    }

    /// The one of `;`, tab and `|` that `header` holds most often, if any.
    static func likelyDelimiter(in header: String) -> UInt8? {
        let counts = [ASCII.semicolon, ASCII.tab, ASCII.pipe].map { candidate in (candidate, header.utf8.count { $0 == candidate }) }
        guard let best = counts.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        return best.0
    }

    /// Samples rows from the start of an input.
    package init(bytes: [UInt8], name: String, format: InputFormat, delimiter: UInt8 = ASCII.comma, isComplete: Bool, maxRows: Int) throws(ParseError) {
        self.name = name
        self.format = format
        self.header = []
        self.nestedKeys = []
        self.rows = []
        self.isComplete = isComplete
        var buffer = bytes
        var start = 0
        if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
        func failure(_ error: ScanError) -> ParseError {
            // Lines and columns as written: `bytes` is the input before any value was unescaped.
            let index = max(0, min(error.index, bytes.count))
            let lineStart = (bytes[..<index].lastIndex(of: ASCII.newline) ?? -1) + 1
            let line = 1 + bytes[..<lineStart].count(where: { $0 == ASCII.newline })
            let location = SourceLocation(path: name, line: line, column: index - lineStart + 1, byteOffset: error.index, record: rows.count)
            return ParseError(kind: error.kind, location: location, field: error.field, expected: error.expected, found: error.found)
        }
        if format.isJSON {
            var scanner = JSONObjectScanner()
            var members: [JSONObjectScanner.Member] = []
            var columnOfKey: [String: Int] = [:]
            while rows.count < maxRows {
                let step: JSONObjectScanner.Step
                do { step = try scanner.scanObject(&buffer, from: start, to: buffer.count, isFinal: isComplete, members: &members) } catch {
                    // The sample does not know which keys the run reads: it shows no bytes of a fault in an object.
                    var withheld = error
                    if let fault = scanner.fault, error.kind == .invalidJSON, !error.isAtEndOfInput { withheld.found = fault.withheldText(in: buffer) }
                    throw failure(withheld)
                }
                guard case .object(_, let next, _) = step else { break }
                var row: [String?] = Array(repeating: nil, count: header.count)
                for member in members {
                    let key = String(decoding: buffer[member.keyStart..<member.keyEnd], as: UTF8.self)
                    let column: Int
                    if let known = columnOfKey[key] {
                        column = known
                    } else {
                        column = header.count
                        columnOfKey[key] = column
                        header.append(key)
                        row.append(nil)
                    }
                    switch member.kind {
                    case .string, .number, .bool:
                        row[column] = String(decoding: buffer[member.valueStart..<member.valueEnd], as: UTF8.self)
                    case .array where nestedKeys.isEmpty, .object where nestedKeys.isEmpty:
                        // A REST page wraps its objects in an array: {"issues": [{...}, ...]}.
                        if member.kind == .array, let tree = JSONTree.parse(buffer[member.valueStart..<member.valueEnd]),
                            case .array(let items) = tree, let first = items.first, case .object(let pairs) = first
                        {
                            nestedKeys = pairs.map(\.key)
                        }
                    default:
                        break
                    }
                }
                rows.append(row)
                start = next
            }
        } else {
            var tokenizer = CSVTokenizer(delimiter: delimiter)
            var fields: [CSVTokenizer.Field] = []
            var sawHeader = false
            while start < buffer.count, rows.count < maxRows {
                let step: CSVTokenizer.Step
                do { step = try tokenizer.scanRecord(&buffer, from: start, to: buffer.count, isFinal: isComplete, fields: &fields) } catch {
                    throw failure(error)
                }
                guard case .record(let next, _) = step else { break }
                start = next
                if fields.isEmpty { continue }
                let values = fields.map { String(decoding: buffer[$0.start..<$0.end], as: UTF8.self) }
                if !sawHeader {
                    header = values
                    sawHeader = true
                    continue
                }
                rows.append(values.map(Optional.some))
            }
            // A DevLake raw table: the row is a JSON object in the `data` column.
            if let data = header.firstIndex(where: { Field.normalize($0) == "data" }),
                let value = rows.lazy.compactMap({ $0.indices.contains(data) ? $0[data] : nil }).first,
                let tree = JSONTree.parse(Array(value.utf8)[...]), case .object(let pairs) = tree
            {
                nestedKeys = pairs.map(\.key)
            }
        }
        if start < buffer.count && rows.count < maxRows { self.isComplete = false }
        if rows.count >= maxRows { self.isComplete = start >= buffer.count && isComplete }
    }

    /// The values of `column` in the sampled rows, trimmed, without empty and null values.
    package func values(ofColumn column: Int, nullValues: [String]) -> [String] {
        let nulls = Set(nullValues.map { $0.lowercased() })
        var values: [String] = []
        for row in rows where column < row.count {
            guard let value = row[column]?.trimmingBlanks, !value.isEmpty, !nulls.contains(value.lowercased()) else { continue }
            values.append(value)
        }
        return values
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingBlanks: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
