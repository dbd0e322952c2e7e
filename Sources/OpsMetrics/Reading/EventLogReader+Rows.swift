// Folding records: the CSV header, CSV rows, JSON objects and nested payloads into the log.

extension EventLogReader {
    mutating func readHeader() throws(ParseError) {
        for field in fields {
            if let failure = textFault(field.start..<field.end, what: "a column name") { throw parseError(failure) }
        }
        let names = fields.map { String(decoding: buffer[$0.start..<$0.end], as: UTF8.self) }
        headerWidth = fields.count
        if expander != nil, let data = names.firstIndex(where: { Field.normalize($0) == "data" }), !mapping.hasCandidate(in: names, for: .id) {
            payloadColumn = data  // a raw table: each row's `data` is the record
            mapping = NestedRecordExpander.canonicalMapping()
            return
        }
        let unmatched = mapping.mapHeader(names)
        let header = names.map { "'\($0)'" }.joined(separator: ", ")
        func missing(_ expected: String) -> ParseError {
            ParseError(kind: .missingColumn, location: location(at: start), expected: expected,
                       found: "the columns \(header.count > 300 ? String(header.prefix(300)) + "…" : header)")
        }
        if let first = unmatched.first {
            throw missing("a column for --map \(first)")
        }
        if !mapping.has(.id) {
            var hint = "; or --map id=COLUMN"
            if names.count == 1, let other = [(";", "';'"), ("\t", "tab"), ("|", "'|'")].first(where: { names[0].contains($0.0) }) {
                hint = "; the header has one column: is the delimiter \(other.1)? try --delimiter \(other.1)"
            }
            throw missing("a column for the record id (\(Field.id.aliases.joined(separator: ", "))\(hint))")
        }
        if mapping.has(.event) && !mapping.has(.timestamp) {
            throw missing("a timestamp column beside the event column (\(Field.timestamp.aliases.joined(separator: ", ")))")
        }
        if !mapping.has(.timestamp) && !RowFolder.lifecycleFields.contains(where: mapping.has) {
            throw missing("a time column: timestamp (with event) or one of opened, impact_start, detected, acknowledged, recovered, resolved, reopened, closed")
        }
    }

    mutating func foldCSVRow(isCutOff: Bool) throws(ParseError) {
        record += 1
        log.accounting.rowsRead += 1
        row.clear()
        row.recordStart = start
        if let width = headerWidth, fields.count != width {
            // Too many: point at the first extra delimiter; too few: at the record's start.
            let index = fields.count > width ? max(start, fields[width].start - 1) : start
            let hint = isCutOff && fields.count < width ? ", and the input ends in this line (is the file truncated?)" : ""
            try rowFailed(ScanError(kind: .fieldCount, index: index,
                                    expected: "\(width) fields, as in the header", found: "\(fields.count)\(hint)"))
            return
        }
        if let payloadColumn {
            let payload = fields[payloadColumn]
            try foldNested(JSONTree.parse(buffer[payload.start..<payload.end]), at: payload.start)
            return
        }
        for (column, field) in fields.enumerated() where field.end - field.start > maxFieldBytes {
            if let canonical = mapping.fieldOfColumn[column] {
                try rowFailed(fieldTooLong(field.start..<field.end, field: mapping.label(canonical)))
                return
            }
        }
        row.set(columns: fields, fieldOfColumn: mapping.fieldOfColumn)
        try foldRow()
    }

    mutating func foldJSONRow(objectStart: Int) throws(ParseError) {
        record += 1
        log.accounting.rowsRead += 1
        row.clear()
        row.recordStart = objectStart
        if expander != nil {
            try foldNested(JSONTree.object(members: members, in: buffer), at: objectStart)
            return
        }
        let bytes = buffer  // a second reference, released before the buffer is next mutated
        for (position, member) in members.enumerated() {
            if member.keyEnd - member.keyStart > maxFieldBytes {
                try rowFailed(fieldTooLong(member.keyStart..<member.keyEnd, field: nil))
                return
            }
            let key = bytes.span.extracting(member.keyStart..<member.keyEnd)
            let keyID: UInt32
            if let known = recentKeys.id(at: position, matching: key) {
                keyID = known
            } else if let interned = keys.intern(key) {
                keyID = interned
                recentKeys.remember(key, id: interned, at: position)
            } else {
                try rowFailed(textFault(member.keyStart..<member.keyEnd, what: "a key")
                              ?? ScanError(kind: .invalidUTF8, index: member.keyStart, expected: "UTF-8 text", found: "?"))
                return
            }
            if Int(keyID) > keyFields.count {
                let key = keys.string(keyID)
                if let (field, rank) = mapping.field(forColumn: key) {
                    keyFields.append((field.rawValue, rank))
                    mapping.noteLabel(key, for: field)
                } else {
                    keyFields.append((-1, 0))
                }
            }
            let (rawField, rank) = keyFields[Int(keyID) - 1]
            guard rawField >= 0, let field = Field(rawValue: rawField), row.range(field) == nil || rank <= rowRanks[rawField] else { continue }
            switch member.kind {
            case .string, .number, .bool:
                if member.valueEnd - member.valueStart > maxFieldBytes {
                    try rowFailed(fieldTooLong(member.valueStart..<member.valueEnd, field: mapping.label(field)))
                    return
                }
                row.set(field, start: member.valueStart, end: member.valueEnd)
                rowRanks[rawField] = rank
            case .null:
                continue
            case .object, .array:
                try rowFailed(ScanError(kind: .invalidJSON, index: member.valueStart, expected: "a string or number",
                                        found: member.kind == .object ? "an object" : "an array", field: mapping.label(field)))
                return
            }
        }
        try foldRow()
    }

    mutating func foldRow() throws(ParseError) {
        do {
            switch try EventLogReader.fold(row, in: buffer, folder: folder, mapping: mapping, into: &log, memo: &memo) {
            case .used:
                log.accounting.rowsUsed += 1
            case .afterAsOf:
                log.accounting.skip(ParseError(kind: .afterAsOf, location: location(at: row.recordStart),
                                               expected: "events up to the as-of time", found: "only later ones"))
            }
        } catch {
            try rowFailed(error)
        }
    }

    /// `folder.fold` on `buffer.span`. A static function given the buffer and the log as separate
    /// arguments (disjoint stored properties of the reader) borrows the buffer without a second
    /// reference to it: a span of `self.buffer` taken in a mutating method would overlap the
    /// access to `self.log`.
    static func fold(_ row: RowView, in buffer: borrowing [UInt8], folder: RowFolder, mapping: ColumnMapping,
                             into log: inout IncidentLog, memo: inout FoldMemo) throws(ScanError) -> RowFolder.Outcome {
        try folder.fold(row, in: buffer.span, mapping: mapping, into: &log, memo: &memo)
    }

    /// Folds a nested payload (already counted as one row) through the preset's expander: each
    /// record it holds counts as a row and folds all or nothing.
    mutating func foldNested(_ tree: JSONTree?, at index: Int) throws(ParseError) {
        guard let expander else { return }
        guard let tree, case .object = tree else {
            try rowFailed(ScanError(kind: .invalidJSON, index: index, expected: "a JSON object", found: "something else", field: "data"))
            return
        }
        let records = expander.records(in: tree)
        log.accounting.rowsRead += records.count - 1
        let canonical = NestedRecordExpander.canonicalMapping()
        for record in records {
            switch record {
            case .excluded(let why):
                log.accounting.skip(ParseError(kind: .excludedByPreset, location: location(at: index),
                                               expected: "an incident", found: why))
            case .rows(let rows):
                do {
                    if try NestedRecordExpander.fold(rows, folder: folder, mapping: canonical, into: &log) {
                        log.accounting.rowsUsed += 1
                    } else {
                        log.accounting.skip(ParseError(kind: .afterAsOf, location: location(at: index),
                                                       expected: "events up to the as-of time", found: "only later ones"))
                    }
                } catch {
                    var relocated = error
                    relocated.index = index
                    try rowFailed(relocated)
                }
            }
        }
    }
}
