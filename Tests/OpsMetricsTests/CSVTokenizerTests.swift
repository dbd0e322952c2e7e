import Foundation  // only for ProcessInfo (the OPSMETRICS_SEED override)
import Testing

@testable import OpsMetrics

@Suite("CSVTokenizer")
struct CSVTokenizerTests {
    // MARK: - Hand cases

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var delimiter: UInt8 = ASCII.comma
        /// Every record, blank lines included as `[]`.
        var records: [[String]]
        /// LF bytes consumed by each record.
        var lineBreaks: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain", input: "a,b,c\n1,2,3\n", records: [["a", "b", "c"], ["1", "2", "3"]], lineBreaks: [1, 1]),
        Case(name: "quoted with delimiter", input: "\"a,b\",c\n", records: [["a,b", "c"]], lineBreaks: [1]),
        Case(name: "escaped quotes", input: "\"say \"\"hi\"\"\",x\n", records: [["say \"hi\"", "x"]], lineBreaks: [1]),
        Case(name: "only an escaped quote", input: "\"\"\"\"\n\"\"\"\"\"\"", records: [["\""], ["\"\""]],
             lineBreaks: [1, 0]),
        Case(name: "escapes in several fields", input: "\"a\"\"\",b,\"\"\"c\"\"d\"\n",
             records: [["a\"", "b", "\"c\"d"]], lineBreaks: [1]),
        Case(name: "newline inside quotes", input: "\"line1\nline2\",b\nc,d\n",
             records: [["line1\nline2", "b"], ["c", "d"]], lineBreaks: [2, 1]),
        Case(name: "CRLF and lone CR inside quotes", input: "\"x\r\ny\rz\"\r\n", records: [["x\r\ny\rz"]],
             lineBreaks: [2]),
        Case(name: "CRLF", input: "a,b\r\nc,d\r\n", records: [["a", "b"], ["c", "d"]], lineBreaks: [1, 1]),
        Case(name: "lone CR", input: "a,b\rc,d\r", records: [["a", "b"], ["c", "d"]], lineBreaks: [0, 0]),
        Case(name: "mixed terminators", input: "a\rb\nc\r\nd", records: [["a"], ["b"], ["c"], ["d"]],
             lineBreaks: [0, 1, 1, 0]),
        Case(name: "no trailing newline", input: "a,b\nc,d", records: [["a", "b"], ["c", "d"]], lineBreaks: [1, 0]),
        Case(name: "quoted last field without newline", input: "a,\"b\"", records: [["a", "b"]], lineBreaks: [0]),
        Case(name: "blank lines", input: "a\n\nb\n\r\n\rc", records: [["a"], [], ["b"], [], [], ["c"]],
             lineBreaks: [1, 1, 1, 1, 0, 0]),
        Case(name: "only a newline", input: "\n", records: [[]], lineBreaks: [1]),
        Case(name: "empty input", input: "", records: [], lineBreaks: []),
        Case(name: "empty middle field", input: "a,,b\n", records: [["a", "", "b"]], lineBreaks: [1]),
        Case(name: "only a delimiter", input: ",\n", records: [["", ""]], lineBreaks: [1]),
        Case(name: "trailing delimiter", input: "a,b,\n", records: [["a", "b", ""]], lineBreaks: [1]),
        Case(name: "trailing delimiter at end of input", input: "a,", records: [["a", ""]], lineBreaks: [0]),
        Case(name: "empty quoted fields", input: "\"\",\"\"\n\"\"", records: [["", ""], [""]], lineBreaks: [1, 0]),
        Case(name: "UTF-8", input: "café,naïve\n\"日本,語\",🙂\n", records: [["café", "naïve"], ["日本,語", "🙂"]],
             lineBreaks: [1, 1]),
        Case(name: "semicolon", input: "a;b,c;\"d;e\"\n", delimiter: ASCII.semicolon, records: [["a", "b,c", "d;e"]],
             lineBreaks: [1]),
        Case(name: "tab", input: "a\tb c\t\"x\ty\"\n", delimiter: ASCII.tab, records: [["a", "b c", "x\ty"]],
             lineBreaks: [1]),
        Case(name: "quote inside unquoted field", input: "5\" screen,a\"b\"\n",
             records: [["5\" screen", "a\"b\""]], lineBreaks: [1]),
        Case(name: "space before quote is unquoted", input: " \"a\",b", records: [[" \"a\"", "b"]], lineBreaks: [0]),
        Case(name: "long fields cross word boundaries", input: "abcdefghijklmnopq,\"rstuvwxyz0123456789\"\n",
             records: [["abcdefghijklmnopq", "rstuvwxyz0123456789"]], lineBreaks: [1]),
    ]

    @Test(arguments: cases)
    func handCase(_ testCase: Case) throws {
        let input = Array(testCase.input.utf8)
        let outcome = try #require(
            Self.tokenizeWhole(input, delimiter: testCase.delimiter, maxFields: 100).success)
        #expect(outcome.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } } == testCase.records)
        #expect(outcome.map(\.lineBreaks) == testCase.lineBreaks)
        #expect((outcome.last?.next ?? 0) == input.count)
        // The reference agrees on the hand cases too.
        let reference = ReferenceCSVTokenizer.tokenize(input, delimiter: testCase.delimiter, maxFields: 100)
        #expect(reference.failure == nil)
        #expect(reference.records == outcome)
    }

    @Test func emptyRangeAtEndOfInput() throws {
        var tokenizer = CSVTokenizer()
        var buffer = Array("a\n".utf8)
        var fields = [CSVTokenizer.Field(start: 0, end: 1)]
        let step = try tokenizer.scanRecord(&buffer, from: 2, to: 2, isFinal: true, fields: &fields)
        #expect(step == .record(next: 2, lineBreaks: 0))
        #expect(fields.isEmpty)
        let pending = try tokenizer.scanRecord(&buffer, from: 2, to: 2, isFinal: false, fields: &fields)
        #expect(pending == .needMoreData)
    }

    @Test func fieldsAreClearedAndTheirCapacityReused() throws {
        var tokenizer = CSVTokenizer()
        var buffer = Array("a,b,c,d\ne,f\n".utf8)
        var fields: [CSVTokenizer.Field] = []
        _ = try tokenizer.scanRecord(&buffer, from: 0, to: buffer.count, isFinal: true, fields: &fields)
        let capacity = fields.capacity
        let step = try tokenizer.scanRecord(&buffer, from: 8, to: buffer.count, isFinal: true, fields: &fields)
        #expect(step == .record(next: buffer.count, lineBreaks: 1))
        #expect(fields == [.init(start: 8, end: 9), .init(start: 10, end: 11)])
        #expect(fields.capacity == capacity)
    }

    @Test func unquotedFieldsAreRangesIntoTheBuffer() throws {
        var tokenizer = CSVTokenizer()
        var buffer = Array("xy,\"q\",z\n".utf8)
        var fields: [CSVTokenizer.Field] = []
        let step = try tokenizer.scanRecord(&buffer, from: 0, to: buffer.count, isFinal: false, fields: &fields)
        #expect(step == .record(next: 9, lineBreaks: 1))
        #expect(fields == [.init(start: 0, end: 2), .init(start: 4, end: 5), .init(start: 7, end: 8)])
    }

    /// The example in `CSVTokenizer`'s doc comment.
    @Test func docCommentExample() throws {
        var tokenizer = CSVTokenizer()
        var bytes = Array("id,note\n7,\"5\"\" screen\"\n".utf8)
        var fields: [CSVTokenizer.Field] = []
        var start = 0
        var notes: [String] = []
        while start < bytes.count,
              case .record(let next, _) = try tokenizer.scanRecord(&bytes, from: start, to: bytes.count,
                                                                    isFinal: true, fields: &fields) {
            notes.append(String(decoding: bytes[fields[1].start..<fields[1].end], as: UTF8.self))
            start = next
        }
        #expect(notes == ["note", "5\" screen"])
    }

    @Test func resetForgetsAnAbandonedRecord() throws {
        var tokenizer = CSVTokenizer()
        var fields: [CSVTokenizer.Field] = []
        var first = Array("abcdef,\"gh".utf8)
        #expect(try tokenizer.scanRecord(&first, from: 0, to: first.count, isFinal: false, fields: &fields)
                == .needMoreData)
        // An unrelated input, with `fields` passed back as left: without reset() it would resume inside
        // the abandoned quoted field.
        tokenizer.reset()
        var second = Array("x,y,z\"\"\"\n".utf8)
        let step = try tokenizer.scanRecord(&second, from: 0, to: second.count, isFinal: true, fields: &fields)
        #expect(step == .record(next: second.count, lineBreaks: 1))
        #expect(fields.map { String(decoding: second[$0.start..<$0.end], as: UTF8.self) } == ["x", "y", "z\"\"\""])
    }

    // MARK: - Errors

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var maxFields = 100
        var kind: ParseError.Kind
        var index: Int
        var expected: String
        var found: String
        var testDescription: String { name }
    }

    static let afterQuote = "a delimiter or the end of the line after a closing quote"

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "unterminated quote at EOF", input: "\"abc", kind: .unterminatedQuote, index: 0,
                  expected: "a closing quote", found: "the end of the input"),
        ErrorCase(name: "unterminated quote in a later field", input: "x\na,\"b\nc", kind: .unterminatedQuote,
                  index: 4, expected: "a closing quote", found: "the end of the input"),
        ErrorCase(name: "unterminated quote ending in an escaped quote", input: "\"abc\"\"", kind: .unterminatedQuote,
                  index: 0, expected: "a closing quote", found: "the end of the input"),
        ErrorCase(name: "junk after closing quote", input: "\"a\"b,c", kind: .unexpectedCharacter, index: 3,
                  expected: afterQuote, found: "\"b\""),
        ErrorCase(name: "space after closing quote", input: "\"a\" ,b", kind: .unexpectedCharacter, index: 3,
                  expected: afterQuote, found: "\" \""),
        ErrorCase(name: "junk after an escaped quote", input: "x\n\"a\"\"\"z\n", kind: .unexpectedCharacter,
                  index: 7, expected: afterQuote, found: "\"z\""),
        ErrorCase(name: "long junk is shortened", input: "\"a\"" + String(repeating: "b", count: 50),
                  kind: .unexpectedCharacter, index: 3, expected: afterQuote,
                  found: "\"" + String(repeating: "b", count: 40) + "…\""),
        ErrorCase(name: "too many fields", input: "a,b,c,d\n", maxFields: 3, kind: .limitExceeded, index: 6,
                  expected: "at most 3 fields (--max-columns)", found: "more"),
        ErrorCase(name: "too many fields: empty extra field", input: "a,b,c,\n", maxFields: 3, kind: .limitExceeded,
                  index: 6, expected: "at most 3 fields (--max-columns)", found: "more"),
        ErrorCase(name: "too many fields: quoted", input: "\"a\",\"b\"", maxFields: 1, kind: .limitExceeded,
                  index: 4, expected: "at most 1 fields (--max-columns)", found: "more"),
    ]

    @Test(arguments: errorCases)
    func errorCase(_ testCase: ErrorCase) throws {
        let input = Array(testCase.input.utf8)
        let result = Self.tokenizeWhole(input, delimiter: ASCII.comma, maxFields: testCase.maxFields)
        let error = try #require(result.error)
        #expect(error.kind == testCase.kind)
        #expect(error.index == testCase.index)
        #expect(error.expected == testCase.expected)
        #expect(error.found == testCase.found)
        let reference = ReferenceCSVTokenizer.tokenize(input, delimiter: ASCII.comma, maxFields: testCase.maxFields)
        #expect(reference.failure == Failure(kind: testCase.kind.identifier, index: testCase.index))
    }

    @Test func exactlyMaxFieldsIsAllowed() throws {
        let result = Self.tokenizeWhole(Array("a,b,c\n,,\n".utf8), delimiter: ASCII.comma, maxFields: 3)
        #expect(result.success?.map(\.fields.count) == [3, 3])
    }

    // MARK: - needMoreData

    static let incompleteInputs: [String] = [
        "", "abc", "a,", "a,b", "\"abc", "\"ab\"", "\"a\"\"", "\"a\"\"\"", "a\r", "\r", "\"a\"\r", "x,\"y\nz",
        "\"a\"\"b\",c", "\"a\"\"b\",\"c\"\"", "\"x\"\"y\"\r", "a,\"b\"\"\",",
    ]

    @Test(arguments: incompleteInputs)
    func needMoreDataLeavesTheBufferUnchanged(_ text: String) throws {
        var tokenizer = CSVTokenizer()
        let original = Array(text.utf8)
        var buffer = original
        var fields: [CSVTokenizer.Field] = []
        let step = try tokenizer.scanRecord(&buffer, from: 0, to: buffer.count, isFinal: false, fields: &fields)
        #expect(step == .needMoreData)
        #expect(buffer == original)
        // With a line break appended, the retry resumes and agrees with a fresh scan of the whole.
        buffer.append(ASCII.newline)
        let resumed = Self.scanOnce(&tokenizer, &buffer, fields: &fields)
        var fresh = CSVTokenizer()
        var freshBuffer = original + [ASCII.newline]
        var freshFields: [CSVTokenizer.Field] = []
        #expect(resumed == Self.scanOnce(&fresh, &freshBuffer, fields: &freshFields))
    }

    /// One final scan of the whole buffer: the step and field values, or the error.
    private static func scanOnce(
        _ tokenizer: inout CSVTokenizer, _ buffer: inout [UInt8], fields: inout [CSVTokenizer.Field]
    ) -> String {
        do {
            let step = try tokenizer.scanRecord(&buffer, from: 0, to: buffer.count, isFinal: true, fields: &fields)
            return "\(step) \(fields.map { show(Array(buffer[$0.start..<$0.end])) })"
        } catch {
            return "\(error)"
        }
    }

    @Test func retryWithAnotherFieldsArrayRescans() throws {
        var tokenizer = CSVTokenizer()
        var buffer = Array("ab,\"c\"\"d\",e".utf8)
        var fields: [CSVTokenizer.Field] = []
        #expect(try tokenizer.scanRecord(&buffer, from: 0, to: buffer.count, isFinal: false, fields: &fields)
                == .needMoreData)
        // The reader shifts the record right by 3 bytes and passes a different array.
        buffer = Array("xx\n".utf8) + buffer + Array("f\n".utf8)
        var other = [CSVTokenizer.Field(start: 99, end: -1), .init(start: 1, end: 0)]
        let step = try tokenizer.scanRecord(&buffer, from: 3, to: buffer.count, isFinal: false, fields: &other)
        #expect(step == .record(next: buffer.count, lineBreaks: 1))
        #expect(other.map { String(decoding: buffer[$0.start..<$0.end], as: UTF8.self) } == ["ab", "c\"d", "ef"])
    }

    // MARK: - Properties against the reference tokenizer

    /// Random records from a small alphabet, serialized correctly (quoted when needed and at random),
    /// must round-trip through the reference, and the tokenizer must agree with the reference however
    /// the input is split into chunks.
    @Test func randomRecordsAgreeWithTheReferenceAtEverySplit() {
        let baseSeed = Self.baseSeed
        var seeds = CSVTestRNG(seed: baseSeed)
        for iteration in 0..<800 {
            let caseSeed = seeds.next()
            var rng = CSVTestRNG(seed: caseSeed)
            let delimiter = [ASCII.comma, ASCII.semicolon, ASCII.tab][rng.below(3)]
            let generated = Self.randomDocument(delimiter: delimiter, rng: &rng)
            let context = "OPSMETRICS_SEED=\(baseSeed), iteration \(iteration), case seed \(caseSeed), input \(Self.show(generated.bytes))"

            let reference = ReferenceCSVTokenizer.tokenize(generated.bytes, delimiter: delimiter, maxFields: 100)
            guard reference.failure == nil, reference.records == generated.records else {
                Issue.record("reference does not round-trip: \(reference) vs \(generated.records); \(context)")
                return
            }
            guard Self.checkAllSplits(generated.bytes, delimiter: delimiter, maxFields: 100,
                                      expected: reference, rng: &rng, context: context) else { return }
        }
    }

    /// Arbitrary byte soup over the CSV-significant alphabet (often malformed): same records and same first
    /// error as the reference, at every split; sometimes with a small field limit.
    @Test func byteSoupAgreesWithTheReferenceAtEverySplit() {
        let baseSeed = Self.baseSeed
        var seeds = CSVTestRNG(seed: baseSeed ^ 0xB17E_5009)  // a different stream from the test above
        let alphabet: [UInt8] = [ASCII.lowerA, ASCII.comma, ASCII.semicolon, ASCII.quote, ASCII.quote, ASCII.newline,
                                 ASCII.carriageReturn, 0xC3, 0xA9, ASCII.tab, ASCII.space]
        for iteration in 0..<1_200 {
            let caseSeed = seeds.next()
            var rng = CSVTestRNG(seed: caseSeed)
            let delimiter = [ASCII.comma, ASCII.semicolon, ASCII.tab][rng.below(3)]
            let maxFields = rng.below(4) == 0 ? 1 + rng.below(3) : 100
            // Mostly the alphabet; sometimes any byte; sometimes long runs of letters (the 8-byte skip path).
            let style = rng.below(8)
            let count = rng.below(style == 0 ? 96 : 48)
            let input = (0..<count).map { _ in
                switch style {
                case 0: rng.below(8) == 0 ? alphabet[rng.below(alphabet.count)] : ASCII.lowerA
                case 1: UInt8(truncatingIfNeeded: rng.next())
                default: alphabet[rng.below(alphabet.count)]
                }
            }
            let context = "OPSMETRICS_SEED=\(baseSeed), iteration \(iteration), case seed \(caseSeed), input \(Self.show(input))"
            let reference = ReferenceCSVTokenizer.tokenize(input, delimiter: delimiter, maxFields: maxFields)
            guard Self.checkAllSplits(input, delimiter: delimiter, maxFields: maxFields,
                                      expected: reference, rng: &rng, context: context) else { return }
        }
    }

    /// Longer inputs (up to 1,500 bytes: many 64-byte SIMD blocks, each record's block kept for
    /// the next) of the byte soup's alphabet, in long runs and short: the SIMD scanner and the
    /// scalar reference give the reference's records and first error, whole and in a few chunkings.
    @Test func longInputsAgreeWithTheReferenceOnBothScanners() {
        let baseSeed = Self.baseSeed
        var seeds = CSVTestRNG(seed: baseSeed ^ 0x5133_D000)
        let alphabet: [UInt8] = [ASCII.comma, ASCII.semicolon, ASCII.quote, ASCII.newline, ASCII.carriageReturn, 0xC3, ASCII.tab]
        for iteration in 0..<300 {
            let caseSeed = seeds.next()
            var rng = CSVTestRNG(seed: caseSeed)
            let delimiter = [ASCII.comma, ASCII.semicolon, ASCII.tab][rng.below(3)]
            let oneIn = [2, 8, 40, 200][rng.below(4)]  // how often a significant byte breaks a run of letters
            let input = (0..<rng.below(1_500)).map { _ in rng.below(oneIn) == 0 ? alphabet[rng.below(alphabet.count)] : ASCII.lowerA }
            let context = "OPSMETRICS_SEED=\(baseSeed), iteration \(iteration), case seed \(caseSeed), input \(Self.show(input))"
            let reference = ReferenceCSVTokenizer.tokenize(input, delimiter: delimiter, maxFields: 100_000)
            let schedules = [[input.count], [input.count / 2, input.count], Array(stride(from: 61, to: input.count, by: 61)) + [input.count]]
            for scanner in [CSVTokenizer.Scanner.simd, .scalar] {
                let limited = Self.runWithMovingEnds(input, delimiter: delimiter, scanner: scanner, rng: &rng)
                guard limited == reference else {
                    Issue.record("\(scanner), moving ends: got \(limited), reference \(reference); \(context)")
                    return
                }
            }
            for schedule in schedules {
                for scanner in [CSVTokenizer.Scanner.simd, .scalar] {
                    let style = ReaderStyle(shifts: schedule.count % 2 == 0, reusesFields: true, padding: rng.below(70))
                    let run = Self.runChunked(input, delimiter: delimiter, maxFields: 100_000, chunkEnds: schedule, style: style,
                                              scanner: scanner)
                    guard run.violation == nil, run.outcome == reference else {
                        Issue.record("\(scanner), chunks \(schedule): got \(run.outcome) \(run.violation ?? ""), reference \(reference); \(context)")
                        return
                    }
                }
            }
        }
    }

    /// The whole input in one buffer, each record scanned with an `end` at most a random 1 to 200
    /// bytes past its start, as the reader's record limit does, and again to the buffer's end if it
    /// does not fit: a block kept from one record serves the next whatever the ends.
    private static func runWithMovingEnds(_ input: [UInt8], delimiter: UInt8, scanner: CSVTokenizer.Scanner,
                                          rng: inout CSVTestRNG) -> Outcome {
        var tokenizer = CSVTokenizer(delimiter: delimiter, scanner: scanner)
        var buffer = input
        var fields: [CSVTokenizer.Field] = []
        var outcome = Outcome()
        var start = 0
        while start < buffer.count {
            var end = min(buffer.count, start + 1 + rng.below(200))
            while true {
                let step: CSVTokenizer.Step
                do {
                    step = try tokenizer.scanRecord(&buffer, from: start, to: end, isFinal: end == buffer.count, fields: &fields)
                } catch {
                    outcome.failure = Failure(kind: error.kind.identifier, index: error.index)
                    return outcome
                }
                guard case .record(let next, let lineBreaks) = step else {
                    end = buffer.count  // the record is longer: retry it to the end
                    continue
                }
                outcome.records.append(Record(fields: fields.map { Array(buffer[$0.start..<$0.end]) }, lineBreaks: lineBreaks, next: next))
                start = next
                break
            }
        }
        return outcome
    }

    /// Each mask of a block has a bit exactly where its bytes are, at every start and end, for
    /// every byte value at every offset.
    @Test func blockMasksMarkExactlyTheirBytes() {
        var rng = CSVTestRNG(seed: Self.baseSeed ^ 0xB10C)
        for delimiter in [ASCII.comma, ASCII.semicolon, ASCII.tab, 0x7C] {
            for _ in 0..<200 {
                let bytes = (0..<(64 + rng.below(80))).map { _ in
                    rng.below(3) == 0 ? [delimiter, ASCII.quote, ASCII.newline, ASCII.carriageReturn][rng.below(4)] : UInt8(truncatingIfNeeded: rng.next())
                }
                let start = rng.below(bytes.count + 1)
                let end = start + rng.below(bytes.count - start + 1)
                var block = CSVBlock(bytes.span, at: start, end: end, delimiter: delimiter)
                var fieldEnds: UInt64 = 0
                var quotedStops: UInt64 = 0
                for offset in 0..<min(64, end - start) {
                    let byte = bytes[start + offset]
                    if byte == delimiter || byte == ASCII.carriageReturn || byte == ASCII.newline { fieldEnds |= 1 << UInt64(offset) }
                    if byte == ASCII.quote || byte == ASCII.newline { quotedStops |= 1 << UInt64(offset) }
                }
                #expect(block.start == start && block.end == min(start + 64, end))
                #expect(block.fieldEnds == fieldEnds, "delimiter \(delimiter), \(start)..<\(end) of \(bytes)")
                #expect(block.quotedStops(in: bytes.span) == quotedStops, "delimiter \(delimiter), \(start)..<\(end) of \(bytes)")
            }
        }
        // The movemask: each of the 65,536 patterns of a 16-lane mask gives its own bits.
        for pattern in 0..<(1 << 16) {
            var lanes = SIMD16<UInt8>()
            for lane in 0..<16 where pattern & (1 << lane) != 0 { lanes[lane] = 0xFF }
            guard CSVBlock.bits(lanes) == UInt64(pattern) else {
                Issue.record("movemask of \(pattern) gave \(CSVBlock.bits(lanes))")
                return
            }
        }
    }

    /// The block a record's scan kept is not used for bytes rewritten in place after `reset()`,
    /// and is used (giving the same answer) when the next record follows in the same bytes.
    @Test func aKeptBlockServesOnlyTheBytesItWasClassifiedFrom() throws {
        var tokenizer = CSVTokenizer()
        var buffer = Array("a,b\ncd,e\nfg,h\n".utf8)
        var fields: [CSVTokenizer.Field] = []
        guard case .record(let next, _) = try tokenizer.scanRecord(&buffer, from: 0, to: buffer.count, isFinal: true, fields: &fields) else {
            Issue.record("no record")
            return
        }
        #expect(next == 4)
        // The same bytes: the kept block finds the second record's fields.
        var copy = tokenizer
        _ = try copy.scanRecord(&buffer, from: next, to: buffer.count, isFinal: true, fields: &fields)
        #expect(fields.map { String(decoding: buffer[$0.start..<$0.end], as: UTF8.self) } == ["cd", "e"])
        // Rewritten in place (same length), after reset: the new bytes are scanned.
        for (i, byte) in "c,de\n".utf8.enumerated() { buffer[next + i] = byte }
        tokenizer.reset()
        _ = try tokenizer.scanRecord(&buffer, from: next, to: buffer.count, isFinal: true, fields: &fields)
        #expect(fields.map { String(decoding: buffer[$0.start..<$0.end], as: UTF8.self) } == ["c", "de"])
    }

    /// Runs the chunked tokenizer at every single split point and every chunk size, in several reader
    /// styles, and compares each run with `expected`. Records one issue and returns false on the first
    /// disagreement.
    private static func checkAllSplits(
        _ input: [UInt8], delimiter: UInt8, maxFields: Int, expected: Outcome, rng: inout CSVTestRNG,
        context: String
    ) -> Bool {
        var schedules: [[Int]] = []
        for split in 0...input.count { schedules.append([split, input.count]) }  // one split point
        for size in 1...max(1, input.count) {  // fixed-size chunks
            schedules.append(Array(stride(from: size, to: input.count, by: size)) + [input.count])
        }
        for (number, schedule) in schedules.enumerated() {
            let style = ReaderStyle(
                shifts: number % 4 != 3, reusesFields: number % 5 != 4, padding: rng.below(3) == 0 ? rng.below(9) : 0)
            for scanner in [CSVTokenizer.Scanner.simd, .scalar] {
                let run = runChunked(input, delimiter: delimiter, maxFields: maxFields, chunkEnds: schedule, style: style,
                                     scanner: scanner)
                if let violation = run.violation {
                    Issue.record("\(violation); \(scanner), chunks \(schedule), \(style); \(context)")
                    return false
                }
                if run.outcome != expected {
                    Issue.record("\(scanner), chunks \(schedule), \(style): got \(run.outcome), reference \(expected); \(context)")
                    return false
                }
            }
        }
        return true
    }

    // MARK: - Drivers

    /// What tokenizing a whole input produced: every record (absolute `next`), then the first error.
    struct Outcome: Equatable, CustomStringConvertible {
        var records: [Record] = []
        var failure: Failure?
        var description: String {
            records.map { "\($0.fields.map(CSVTokenizerTests.show))/\($0.lineBreaks)/\($0.next)" }.joined(separator: " ")
                + (failure.map { " ✗\($0.kind)@\($0.index)" } ?? "")
        }
    }

    struct Record: Equatable {
        var fields: [[UInt8]]
        var lineBreaks: Int
        var next: Int
    }

    struct Failure: Equatable {
        var kind: String
        var index: Int
    }

    /// How the simulated reader treats its buffer between calls.
    struct ReaderStyle: CustomStringConvertible {
        /// Moves the unconsumed bytes to the front on `.needMoreData` (otherwise only appends).
        var shifts: Bool
        /// Passes `fields` back unchanged on a retry (otherwise a fresh array with junk in it).
        var reusesFields: Bool
        /// Junk bytes kept after `end`, which must never be looked at.
        var padding: Int
        var description: String { "shifts: \(shifts), reusesFields: \(reusesFields), padding: \(padding)" }
    }

    /// Tokenizes the whole input as one final buffer.
    private static func tokenizeWhole(
        _ input: [UInt8], delimiter: UInt8, maxFields: Int
    ) -> (success: [Record]?, error: ScanError?) {
        var tokenizer = CSVTokenizer(delimiter: delimiter, maxFields: maxFields)
        var buffer = input
        var fields: [CSVTokenizer.Field] = []
        var records: [Record] = []
        var start = 0
        do {
            while start < buffer.count {
                guard case .record(let next, let lineBreaks) = try tokenizer.scanRecord(
                    &buffer, from: start, to: buffer.count, isFinal: true, fields: &fields)
                else { return (nil, nil) }
                records.append(Record(fields: fields.map { Array(buffer[$0.start..<$0.end]) },
                                      lineBreaks: lineBreaks, next: next))
                start = next
            }
            return (records, nil)
        } catch {
            return (nil, error)
        }
    }

    /// Simulates the reader: the input arrives in chunks ending at `chunkEnds`; each `.needMoreData`
    /// (checked to leave the buffer unchanged) is answered with the next chunk.
    private static func runChunked(
        _ input: [UInt8], delimiter: UInt8, maxFields: Int, chunkEnds: [Int], style: ReaderStyle,
        scanner: CSVTokenizer.Scanner = .simd
    ) -> (outcome: Outcome, violation: String?) {
        let junk: [UInt8] = [ASCII.quote, ASCII.newline, delimiter, ASCII.carriageReturn, ASCII.lowerA]
        let padding = (0..<style.padding).map { junk[$0 % junk.count] }
        var tokenizer = CSVTokenizer(delimiter: delimiter, maxFields: maxFields, scanner: scanner)
        var outcome = Outcome()
        var buffer: [UInt8] = []
        var base = 0  // input offset of buffer[0]
        var fed = 0  // input bytes in the buffer so far
        var chunk = 0
        var start = 0
        var fields: [CSVTokenizer.Field] = []

        func feed() {
            let upTo = chunkEnds[chunk]
            chunk += 1
            buffer.removeLast(padding.count)
            buffer += input[fed..<upTo]
            buffer += padding
            fed = upTo
        }
        buffer += padding
        feed()
        var calls = 0
        while true {
            calls += 1
            if calls > 10 * (input.count + 2) { return (outcome, "no progress") }
            let end = fed - base
            let isFinal = fed == input.count
            if isFinal && start == end { return (outcome, nil) }
            let before = buffer
            if !style.reusesFields { fields = [.init(start: 3, end: 1), .init(start: -7, end: 2)] }
            do {
                switch try tokenizer.scanRecord(&buffer, from: start, to: end, isFinal: isFinal, fields: &fields) {
                case .record(let next, let lineBreaks):
                    guard next > start, next <= end else { return (outcome, "bad next \(next) for \(start)..<\(end)") }
                    guard fields.allSatisfy({ start <= $0.start && $0.start <= $0.end && $0.end <= next }) else {
                        return (outcome, "field out of the record: \(fields)")
                    }
                    guard buffer[end...] == padding[...] else { return (outcome, "wrote past end") }
                    outcome.records.append(Record(fields: fields.map { Array(buffer[$0.start..<$0.end]) },
                                                  lineBreaks: lineBreaks, next: base + next))
                    start = next
                case .needMoreData:
                    guard buffer == before else { return (outcome, "needMoreData modified the buffer") }
                    guard !isFinal else { return (outcome, "needMoreData with isFinal") }
                    if style.shifts {
                        buffer.removeFirst(start)
                        base += start
                        start = 0
                    }
                    feed()
                }
            } catch {
                outcome.failure = Failure(kind: error.kind.identifier, index: base + error.index)
                return (outcome, nil)
            }
        }
    }

    // MARK: - Generators

    private static var baseSeed: UInt64 {
        if let text = ProcessInfo.processInfo.environment["OPSMETRICS_SEED"], let seed = UInt64(text) { return seed }
        return 0x0C5F_4180_2024_0001
    }

    /// A random document with the records it must parse to (blank lines included as zero fields).
    private static func randomDocument(
        delimiter: UInt8, rng: inout CSVTestRNG
    ) -> (bytes: [UInt8], records: [Record]) {
        let symbols: [[UInt8]] = [[ASCII.lowerA], [ASCII.comma], [ASCII.quote], [ASCII.newline],
                                  [ASCII.carriageReturn], [0xC3, 0xA9], [delimiter]]
        let terminators: [[UInt8]] = [[ASCII.newline], [ASCII.carriageReturn, ASCII.newline], [ASCII.carriageReturn]]
        var bytes: [UInt8] = []
        var records: [Record] = []
        var previousTerminator: [UInt8] = []
        let recordCount = rng.below(5)
        for number in 0..<recordCount {
            let isLast = number == recordCount - 1
            let fieldCount = rng.below(10) == 0 ? 0 : 1 + rng.below(4)
            var fields: [[UInt8]] = []
            var serialized: [UInt8] = []
            for index in 0..<fieldCount {
                var value: [UInt8] = []
                let isLong = rng.below(4) == 0  // long values cross 8-byte words
                for _ in 0..<rng.below(isLong ? 24 : 6) {
                    value += isLong && rng.below(4) != 0 ? [ASCII.lowerA] : symbols[rng.below(symbols.count)]
                }
                let mustQuote = value.contains(delimiter) || value.contains(ASCII.newline)
                    || value.contains(ASCII.carriageReturn) || value.first == ASCII.quote
                    || (fieldCount == 1 && value.isEmpty)  // else it would be a blank line
                if index > 0 { serialized.append(delimiter) }
                if mustQuote || rng.below(3) == 0 {
                    serialized.append(ASCII.quote)
                    for byte in value { serialized += byte == ASCII.quote ? [ASCII.quote, ASCII.quote] : [byte] }
                    serialized.append(ASCII.quote)
                } else {
                    serialized += value
                }
                fields.append(value)
            }
            var terminator = terminators[rng.below(3)]
            if fieldCount == 0, previousTerminator == [ASCII.carriageReturn], terminator == [ASCII.newline] {
                terminator = [ASCII.carriageReturn]  // CR then LF would read as one CR LF
            }
            if isLast && fieldCount > 0 && rng.below(2) == 0 { terminator = [] }
            serialized += terminator
            previousTerminator = terminator
            bytes += serialized
            records.append(Record(fields: fields, lineBreaks: serialized.count(where: { $0 == ASCII.newline }), next: bytes.count))
        }
        return (bytes, records)
    }

    static func show(_ bytes: [UInt8]) -> String {
        ParseError.excerpt(bytes, limit: 1_000)
    }
}

// MARK: - Reference tokenizer

/// A slow, obviously correct tokenizer for the same dialect: one byte at a time over the whole input,
/// copying every field. It is the oracle for `CSVTokenizer`, as rust-csv tests its DFA against its NFA.
private enum ReferenceCSVTokenizer {
    static func tokenize(_ input: [UInt8], delimiter: UInt8, maxFields: Int) -> CSVTokenizerTests.Outcome {
        typealias Failure = CSVTokenizerTests.Failure
        var outcome = CSVTokenizerTests.Outcome()
        let isTerminator = { (byte: UInt8) in byte == ASCII.newline || byte == ASCII.carriageReturn }
        var position = 0
        while position < input.count {
            var fields: [[UInt8]] = []
            var lineBreaks = 0
            if !isTerminator(input[position]) {  // otherwise a blank line: no fields
                while true {
                    if fields.count == maxFields {
                        outcome.failure = Failure(kind: "limit_exceeded", index: position)
                        return outcome
                    }
                    var value: [UInt8] = []
                    if position < input.count && input[position] == ASCII.quote {
                        let openingQuote = position
                        position += 1
                        while true {
                            if position == input.count {
                                outcome.failure = Failure(kind: "unterminated_quote", index: openingQuote)
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
                            outcome.failure = Failure(kind: "unexpected_character", index: position)
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
            if position < input.count && input[position] == ASCII.carriageReturn {
                position += 1
            }
            if position < input.count && input[position] == ASCII.newline {
                lineBreaks += 1
                position += 1
            }
            outcome.records.append(CSVTokenizerTests.Record(fields: fields, lineBreaks: lineBreaks, next: position))
        }
        return outcome
    }
}

// MARK: - Seeded randomness

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast, well-mixed generator; the same seed gives the
/// same sequence on every platform.
private struct CSVTestRNG: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
