// The oracle of the CSVTokenizer target: a slow, obviously correct tokenizer for the same dialect
// (one byte at a time over the whole input, copying every field), as in CSVTokenizerTests.
@testable import OpsMetrics

/// What tokenizing a whole input produced: every record, then the first error (if any).
struct CSVOutcome: Equatable, CustomStringConvertible {
    struct Record: Equatable {
        var fields: [[UInt8]]
        var lineBreaks: Int
        /// Absolute index just past the record.
        var next: Int
    }
    var records: [Record] = []
    /// The first error's kind identifier and absolute index.
    var failure: (kind: String, index: Int)?

    static func == (a: CSVOutcome, b: CSVOutcome) -> Bool {
        a.records == b.records && a.failure?.kind == b.failure?.kind && a.failure?.index == b.failure?.index
    }

    var description: String {
        let shown = records.map { record in
            "[" + record.fields.map { ParseError.excerpt($0, limit: 60) }.joined(separator: ",") + "] lf=\(record.lineBreaks) next=\(record.next)"
        }
        return shown.joined(separator: "; ") + (failure.map { " error \($0.kind)@\($0.index)" } ?? "")
    }
}

enum ReferenceCSV {
    static func tokenize(_ input: [UInt8], delimiter: UInt8, maxFields: Int) -> CSVOutcome {
        var outcome = CSVOutcome()
        func isTerminator(_ byte: UInt8) -> Bool { byte == ASCII.newline || byte == ASCII.carriageReturn }
        var position = 0
        while position < input.count {
            var fields: [[UInt8]] = []
            var lineBreaks = 0
            if !isTerminator(input[position]) {  // otherwise a blank line: no fields
                while true {
                    if fields.count == maxFields {
                        outcome.failure = ("limit_exceeded", position)
                        return outcome
                    }
                    var value: [UInt8] = []
                    if position < input.count && input[position] == ASCII.quote {
                        let openingQuote = position
                        position += 1
                        while true {
                            if position == input.count {
                                outcome.failure = ("unterminated_quote", openingQuote)
                                return outcome
                            }
                            let byte = input[position]
                            if byte == ASCII.quote {
                                if position + 1 < input.count && input[position + 1] == ASCII.quote {
                                    value.append(ASCII.quote)
                                    position += 2
                                    continue
                                }
                                position += 1
                                break
                            }
                            if byte == ASCII.newline { lineBreaks += 1 }
                            value.append(byte)
                            position += 1
                        }
                        if position < input.count && input[position] != delimiter && !isTerminator(input[position]) {
                            outcome.failure = ("unexpected_character", position)
                            return outcome
                        }
                    } else {
                        while position < input.count && input[position] != delimiter && !isTerminator(input[position]) {
                            value.append(input[position])
                            position += 1
                        }
                    }
                    fields.append(value)
                    if position < input.count && input[position] == delimiter {
                        position += 1
                        continue
                    }
                    break
                }
            }
            // At the end of the input, or at the record's terminator: LF, CR LF or a lone CR.
            if position < input.count && input[position] == ASCII.carriageReturn { position += 1 }
            if position < input.count && input[position] == ASCII.newline {
                lineBreaks += 1
                position += 1
            }
            outcome.records.append(CSVOutcome.Record(fields: fields, lineBreaks: lineBreaks, next: position))
        }
        return outcome
    }
}
