import Foundation
import Testing

@testable import OpsMetrics

// MARK: - Harness

/// A member copied out of the scanner's buffer.
private struct ScannedMember: Hashable, CustomStringConvertible {
    var key: [UInt8]
    var value: [UInt8]
    var kind: JSONObjectScanner.ValueKind

    var description: String {
        let keyText = String(decoding: key, as: UTF8.self).debugDescription
        return "\(keyText): \(kind) \(String(decoding: value, as: UTF8.self).debugDescription)"
    }
}

/// Everything a full read of an input produced.
private struct ScanResult: Equatable {
    var objects: [[ScannedMember]] = []
    /// Absolute input offsets of each object's `{`.
    var objectStarts: [Int] = []
    var lineBreaks = 0
}

/// Reads `input` the way the reader does: one growable buffer, one call per object; on
/// `.needMoreData` the unconsumed bytes move to the front and the next chunk is appended.
/// `chunkEnds` are the absolute input offsets where chunks end (nil: all input at once).
/// Checks on every `.needMoreData` that the buffer was left untouched. Error indices are absolute.
private func readAll(
    _ input: [UInt8], chunkEnds: [Int]? = nil, maxDepth: Int = 512,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws(ScanError) -> ScanResult {
    var scanner = JSONObjectScanner(maxDepth: maxDepth)
    var ends = (chunkEnds ?? []).filter { $0 > 0 && $0 < input.count } + [input.count]
    var loaded = ends.removeFirst()
    var buffer = Array(input[0..<loaded])
    var dropped = 0  // input bytes shifted out of the buffer
    var start = 0
    var members: [JSONObjectScanner.Member] = [
        .init(keyStart: -1, keyEnd: -1, valueStart: -1, valueEnd: -1, kind: .null)
    ]
    var result = ScanResult()
    var calls = 0
    while true {
        calls += 1
        if calls > input.count * 4 + 16 {
            Issue.record("no progress", sourceLocation: sourceLocation)
            return result
        }
        let before = buffer
        let isFinal = loaded == input.count
        let step: JSONObjectScanner.Step
        do {
            step = try scanner.scanObject(&buffer, from: start, to: buffer.count, isFinal: isFinal, members: &members)
        } catch {
            var absolute = error
            absolute.index += dropped
            throw absolute
        }
        switch step {
        case .object(let objectStart, let next, let lineBreaks):
            #expect(buffer[objectStart] == UInt8(ascii: "{"), sourceLocation: sourceLocation)
            #expect(next > objectStart && next <= buffer.count, sourceLocation: sourceLocation)
            result.objectStarts.append(objectStart + dropped)
            result.objects.append(
                members.map {
                    ScannedMember(
                        key: Array(buffer[$0.keyStart..<$0.keyEnd]),
                        value: Array(buffer[$0.valueStart..<$0.valueEnd]), kind: $0.kind)
                })
            result.lineBreaks += lineBreaks
            start = next
        case .endOfInput(let lineBreaks):
            result.lineBreaks += lineBreaks
            return result
        case .needMoreData:
            #expect(buffer == before, "needMoreData modified the buffer", sourceLocation: sourceLocation)
            #expect(!isFinal, "needMoreData with isFinal", sourceLocation: sourceLocation)
            if isFinal { return result }
            buffer.removeSubrange(0..<start)
            dropped += start
            start = 0
            let next = ends.removeFirst()
            buffer.append(contentsOf: input[loaded..<next])
            loaded = next
        }
    }
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func newlineCount(_ input: [UInt8]) -> Int { input.count { $0 == 0x0A } }

/// Chunk boundaries for a fixed chunk size.
private func chunks(of size: Int, _ count: Int) -> [Int] { Array(stride(from: size, to: count, by: size)) }

// MARK: - Valid inputs

/// An expected member: key and value as text (strings unescaped; everything else raw).
private struct Expected: Sendable {
    var key: String
    var kind: JSONObjectScanner.ValueKind
    var value: String

    init(_ key: String, _ kind: JSONObjectScanner.ValueKind, _ value: String) {
        self.key = key
        self.kind = kind
        self.value = value
    }

    var scanned: ScannedMember { ScannedMember(key: bytes(key), value: bytes(value), kind: kind) }
}

private struct ValidCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: String
    var objects: [[Expected]]
    var testDescription: String { name }

    init(_ name: String, _ input: String, _ objects: [[Expected]]) {
        self.name = name
        self.input = input
        self.objects = objects
    }

    static let all: [ValidCase] = [
        ValidCase("empty input", "", []),
        ValidCase("whitespace only", " \n\r\n\t ", []),
        ValidCase("single object", #"{"a":1}"#, [[Expected("a", .number, "1")]]),
        ValidCase("empty object", "{}", [[]]),
        ValidCase(
            "NDJSON with blank lines and CRLF",
            "\r\n{\"a\":\"x\"}\r\n\r\n\n{\"b\":true}\r\n\n",
            [[Expected("a", .string, "x")], [Expected("b", .bool, "true")]]),
        ValidCase(
            "NDJSON without final newline", "{\"a\":1}\n{\"b\":2}",
            [[Expected("a", .number, "1")], [Expected("b", .number, "2")]]),
        ValidCase(
            "concatenated objects", #"{"a":1}{"b":2} {}"#,
            [[Expected("a", .number, "1")], [Expected("b", .number, "2")], []]),
        ValidCase(
            "pretty-printed objects in sequence", "{\n  \"a\" : 1,\n  \"b\" : [ 1 , 2 ]\n}\n{\n}\n",
            [[Expected("a", .number, "1"), Expected("b", .array, "[ 1 , 2 ]")], []]),
        ValidCase(
            "array form", #"[{"a":1},{"b":"x"}]"#,
            [[Expected("a", .number, "1")], [Expected("b", .string, "x")]]),
        ValidCase(
            "array form with whitespace everywhere", "\n [\n\t{ \"a\" : 1 }\r\n ,\n{\"b\":null} \n ] \n\n",
            [[Expected("a", .number, "1")], [Expected("b", .null, "null")]]),
        ValidCase("empty array", "[]", []),
        ValidCase("empty array with whitespace", " [ \n\t ] \n", []),
        ValidCase("array of empty objects", "[{},{} , {}]", [[], [], []]),
        ValidCase(
            "nested values are raw ranges",
            #"{"n":{"x":[1,2,{"y":"z\n"}]},"a":[],"o":{},"s":[ "\u0041" , {"k":[[]]} ]}"#,
            [
                [
                    Expected("n", .object, #"{"x":[1,2,{"y":"z\n"}]}"#), Expected("a", .array, "[]"),
                    Expected("o", .object, "{}"), Expected("s", .array, #"[ "\u0041" , {"k":[[]]} ]"#),
                ]
            ]),
        ValidCase(
            "every short escape", #"{"e":"\"\\\/\b\f\n\r\t"}"#,
            [[Expected("e", .string, "\"\\/\u{08}\u{0C}\n\r\t")]]),
        ValidCase(
            "unicode escapes incl. surrogate pair", #"{"u":"\u0041\u00e9\u20AC\uD83D\uDE00\u0000\uFFFF\ud7ff\ue000"}"#,
            [[Expected("u", .string, "A\u{E9}\u{20AC}\u{1F600}\u{0}\u{FFFF}\u{D7FF}\u{E000}")]]),
        ValidCase(
            "escapes between plain text", #"{"s":"ab\ncd\u00e9ef\"gh"}"#,
            [[Expected("s", .string, "ab\ncd\u{E9}ef\"gh")]]),
        ValidCase("escaped key", #"{"k\u0065y":1}"#, [[Expected("key", .number, "1")]]),
        ValidCase("raw UTF-8 passes through", #"{"名":"値 😀"}"#, [[Expected("名", .string, "値 😀")]]),
        ValidCase("empty key and value", #"{"":""}"#, [[Expected("", .string, "")]]),
        ValidCase(
            "numbers in every grammar form",
            #"{"a":0,"b":-0,"c":7,"d":-12,"e":1234567890,"f":1.5,"g":-0.25,"h":1e10,"i":1E+2,"j":1e-2,"#
                + #""k":0.0e0,"l":-12.5E-3,"m":10}"#,
            [
                [
                    Expected("a", .number, "0"), Expected("b", .number, "-0"), Expected("c", .number, "7"),
                    Expected("d", .number, "-12"), Expected("e", .number, "1234567890"),
                    Expected("f", .number, "1.5"), Expected("g", .number, "-0.25"), Expected("h", .number, "1e10"),
                    Expected("i", .number, "1E+2"), Expected("j", .number, "1e-2"), Expected("k", .number, "0.0e0"),
                    Expected("l", .number, "-12.5E-3"), Expected("m", .number, "10"),
                ]
            ]),
        ValidCase(
            "literals", #"{"t":true,"f":false,"n":null}"#,
            [[Expected("t", .bool, "true"), Expected("f", .bool, "false"), Expected("n", .null, "null")]]),
        ValidCase(
            "duplicate keys kept in order", #"{"a":1,"a":"2","b":3,"a":[4]}"#,
            [
                [
                    Expected("a", .number, "1"), Expected("a", .string, "2"), Expected("b", .number, "3"),
                    Expected("a", .array, "[4]"),
                ]
            ]),
        ValidCase(
            "whitespace around every token", " { \"a\" \n: \r\n 1 \t, \"b\" : { } \n} ",
            [[Expected("a", .number, "1"), Expected("b", .object, "{ }")]]),
    ]
}

@Suite("JSONObjectScanner")
struct JSONObjectScannerTests {
    @Test(arguments: ValidCase.all)
    fileprivate func validInput(_ testCase: ValidCase) throws {
        let input = bytes(testCase.input)
        let expected = testCase.objects.map { $0.map(\.scanned) }
        let whole = try readAll(input)
        #expect(whole.objects == expected)
        #expect(whole.lineBreaks == newlineCount(input))
        for start in whole.objectStarts { #expect(input[start] == UInt8(ascii: "{")) }
        // Same answer however the input is split into chunks.
        for size in [1, 2, 3, 5, 8, 64] {
            let chunked = try readAll(input, chunkEnds: chunks(of: size, input.count))
            #expect(chunked == whole, "chunk size \(size)")
        }
    }

    @Test func stepsReportStartNextAndLineBreaks() throws {
        var buffer = bytes("[\n {\"a\":1} ,\n {\"b\":2}\n]\n")
        var scanner = JSONObjectScanner()
        var members: [JSONObjectScanner.Member] = []
        let end = buffer.count
        var step = try scanner.scanObject(&buffer, from: 0, to: end, isFinal: true, members: &members)
        #expect(step == .object(objectStart: 3, next: 10, lineBreaks: 1))
        #expect(members == [.init(keyStart: 5, keyEnd: 6, valueStart: 8, valueEnd: 9, kind: .number)])
        step = try scanner.scanObject(&buffer, from: 10, to: end, isFinal: true, members: &members)
        #expect(step == .object(objectStart: 14, next: 21, lineBreaks: 1))
        step = try scanner.scanObject(&buffer, from: 21, to: end, isFinal: true, members: &members)
        #expect(step == .endOfInput(lineBreaks: 2))
        // Asking again after the end keeps answering end of input.
        step = try scanner.scanObject(&buffer, from: end, to: end, isFinal: true, members: &members)
        #expect(step == .endOfInput(lineBreaks: 0))
    }

    @Test func membersAreClearedAndStringsUnescapedInPlace() throws {
        var buffer = bytes(#"{"k\"":"a\u00e9b"}"#)
        var scanner = JSONObjectScanner()
        let junk = JSONObjectScanner.Member(keyStart: 0, keyEnd: 0, valueStart: 0, valueEnd: 0, kind: .null)
        var members = Array(repeating: junk, count: 5)
        let step = try scanner.scanObject(&buffer, from: 0, to: buffer.count, isFinal: true, members: &members)
        #expect(step == .object(objectStart: 0, next: buffer.count, lineBreaks: 0))
        #expect(members == [.init(keyStart: 2, keyEnd: 4, valueStart: 8, valueEnd: 12, kind: .string)])
        #expect(Array(buffer[2..<4]) == bytes("k\""))
        #expect(Array(buffer[8..<12]) == bytes("a\u{E9}b"))
    }

    @Test func needMoreDataLeavesBufferAndStateUnchanged() throws {
        let inputs = [
            #"{"k\"":"a\u00e9b\uD83D\uDE00","n":[1,{"x":"\t"}],"t":true,"num":-1.5e+3}"#,
            #"[ {"a\n":"\/"} , {"b":null} ]"#,
        ]
        for text in inputs {
            let input = bytes(text)
            let whole = try readAll(input)
            // Every split point: the first call sees a prefix, the rest arrives in one go.
            for split in 0...input.count {
                let result = try readAll(input, chunkEnds: [split])
                #expect(result == whole, "split at \(split)")
            }
            // A prefix ending inside the first object: needMoreData, the buffer is byte-identical.
            let firstEnd = text.hasPrefix("[") ? 14 : input.count
            for cut in 0..<firstEnd {
                var buffer = Array(input[0..<cut])
                let copy = buffer
                var scanner = JSONObjectScanner()
                var members: [JSONObjectScanner.Member] = []
                let step = try scanner.scanObject(&buffer, from: 0, to: cut, isFinal: false, members: &members)
                #expect(step == .needMoreData, "cut at \(cut)")
                #expect(buffer == copy)
                // The state did not move: the same scanner reads the whole input from the start.
                buffer = input
                let full = try scanner.scanObject(&buffer, from: 0, to: input.count, isFinal: true, members: &members)
                guard case .object = full else {
                    Issue.record("expected an object after cut \(cut), got \(full)")
                    continue
                }
            }
        }
    }
}

// MARK: - Errors

private struct ErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var kind: ParseError.Kind
    var index: Int
    /// A phrase the `expected` words must contain, if given.
    var expected: String?
    var found: String?
    var maxDepth = 512
    var testDescription: String { name }

    init(
        _ name: String, _ input: String, _ kind: ParseError.Kind = .invalidJSON, at index: Int,
        expected: String? = nil, found: String? = nil
    ) {
        self.name = name
        self.input = bytes(input)
        self.kind = kind
        self.index = index
        self.expected = expected
        self.found = found
    }

    static let deepArrays = ErrorCase(
        "depth limit with 100,000 [", #"{"a":"# + String(repeating: "[", count: 100_000), .limitExceeded, at: 5 + 511,
        expected: "512")

    static let all: [ErrorCase] = [
        ErrorCase("trailing comma in object", #"{"a":1,}"#, at: 7, expected: "a string key", found: #""}""#),
        ErrorCase("trailing comma in top-level array", #"[{"a":1},]"#, at: 9, expected: "a JSON object"),
        ErrorCase("trailing comma in nested array", #"{"a":[1,]}"#, at: 8, expected: "a JSON value"),
        ErrorCase("missing colon", #"{"a" 1}"#, at: 5, expected: "':'"),
        ErrorCase("missing comma between members", #"{"a":1 "b":2}"#, at: 7, expected: "',' or '}'"),
        ErrorCase("unquoted key", #"{a:1}"#, at: 1, expected: "a string key or '}'"),
        ErrorCase("single-quoted key", #"{'a':1}"#, at: 1),
        ErrorCase("bad escape", #"{"a":"x\x"}"#, at: 7, expected: "an escape", found: #""\x\"}""#),
        ErrorCase("bad hex digit", #"{"a":"\u12G4"}"#, at: 6, expected: "hex digits"),
        ErrorCase("lone high surrogate", #"{"a":"\uD800"}"#, at: 6, expected: "surrogate pair"),
        ErrorCase("high surrogate before text", #"{"a":"\uD800x"}"#, at: 6, expected: "surrogate pair"),
        ErrorCase("high surrogate then EOF", #"{"a":"\uD800x"#, at: 6, expected: "surrogate pair"),
        ErrorCase("high surrogate before other escape", #"{"a":"\uD800\n"}"#, at: 6),
        ErrorCase("two high surrogates", #"{"a":"\uD800\uD800"}"#, at: 6),
        ErrorCase("lone low surrogate", #"{"a":"\uDC00"}"#, at: 6, expected: "surrogate pair"),
        ErrorCase("control char in string", "{\"a\":\"x\ty\"}", at: 7, found: #""\ty\"}""#),
        ErrorCase("raw newline in string", "{\"a\":\"x\ny\"}", at: 7),
        ErrorCase("NUL in key", "{\"a\u{0}\":1}", at: 3),
        deepArrays,
        ErrorCase("top-level number", "42", at: 0, expected: "a JSON object", found: #""42""#),
        ErrorCase("top-level string", #"  "a""#, at: 2, expected: "a JSON object"),
        ErrorCase("top-level null", "\nnull", at: 1, expected: "a JSON object"),
        ErrorCase("number element in array", "[1]", at: 1, expected: "a JSON object or ']'"),
        ErrorCase("nested array element", "[[{}]]", at: 1),
        ErrorCase("100,000 [ at top level", String(repeating: "[", count: 100_000), at: 1),
        ErrorCase("number after object in array", #"[{"a":1},2]"#, at: 9, expected: "a JSON object"),
        ErrorCase("missing comma in array", #"[{} {}]"#, at: 4, expected: "',' or ']'"),
        ErrorCase("object after ]", "[{\"a\":1}] {\"b\":2}", at: 10, expected: "whitespace"),
        ErrorCase("second top-level array", "[]\n[]", at: 3),
        ErrorCase("array after NDJSON object", "{}\n[]", at: 3, expected: "a JSON object"),
        ErrorCase("comma between NDJSON objects", #"{"a":1},{"b":2}"#, at: 7, expected: "a JSON object"),
        ErrorCase("extra closing brace", #"{"a":1}}"#, at: 7),
        ErrorCase("mismatched closer in object", #"{"a":1]"#, at: 6, expected: "',' or '}'"),
        ErrorCase("mismatched closer in array", #"{"a":[1}"#, at: 7, expected: "',' or ']'"),
        ErrorCase("leading zero", #"{"a":01}"#, at: 6),
        ErrorCase("leading plus", #"{"a":+1}"#, at: 5, expected: "a JSON value"),
        ErrorCase("bare fraction", #"{"a":.5}"#, at: 5),
        ErrorCase("minus without digits", #"{"a":-}"#, at: 6, expected: "a digit"),
        ErrorCase("dot without digits", #"{"a":1.}"#, at: 7, expected: "a digit after '.'"),
        ErrorCase("exponent without digits", #"{"a":1e+}"#, at: 8, expected: "exponent"),
        ErrorCase("hex number", #"{"a":0x1}"#, at: 6),
        ErrorCase("misspelt literal", #"{"a":tru}"#, at: 5, expected: "a JSON value", found: #""tru}""#),
        ErrorCase("capitalised literal", #"{"a":True}"#, at: 5),
        ErrorCase("literal too long", #"{"a":nulll}"#, at: 9),
        ErrorCase("truncated at EOF after value", #"{"a":1"#, at: 6, expected: "'}'", found: "end of input"),
        ErrorCase("truncated at EOF in string", #"{"a":"xy"#, at: 8, found: "end of input"),
        ErrorCase("truncated at EOF in escape", #"{"a":"\u00"#, at: 10, found: "end of input"),
        ErrorCase("truncated at EOF after key", #"{"a""#, at: 4, expected: "':'"),
        ErrorCase("truncated at EOF in literal", #"{"a":fals"#, at: 5, found: #""fals""#),
        ErrorCase("truncated at EOF in nested array", #"{"a":[1,"#, at: 8, expected: "a JSON value"),
        ErrorCase("truncated array at EOF", #"[{"a":1}"#, at: 8, expected: "',' or ']'"),
        ErrorCase("open array at EOF", "[ ", at: 2, expected: "a JSON object or ']'"),
        ErrorCase("comma then EOF", "[{},", at: 4, expected: "a JSON object"),
    ]
}

extension JSONObjectScannerTests {
    @Test(arguments: ErrorCase.all)
    fileprivate func invalidInput(_ testCase: ErrorCase) {
        let error = #expect(throws: ScanError.self) {
            try readAll(testCase.input, maxDepth: testCase.maxDepth)
        }
        guard let error else { return }
        #expect(error.kind == testCase.kind)
        #expect(error.index == testCase.index)
        if let expected = testCase.expected {
            #expect(error.expected.contains(expected), "expected words: \(error.expected)")
        }
        if let found = testCase.found {
            #expect(error.found == found)
        }
        // Chunked reading finds the same error at the same byte.
        for size in [1, 7] where testCase.input.count < 1000 {
            let chunked = #expect(throws: ScanError.self) {
                try readAll(testCase.input, chunkEnds: chunks(of: size, testCase.input.count))
            }
            #expect(chunked?.index == testCase.index, "chunk size \(size)")
            #expect(chunked?.kind == testCase.kind, "chunk size \(size)")
        }
    }

    @Test func depthLimitIsFoundWithoutFinalInput() {
        var buffer = ErrorCase.deepArrays.input
        var scanner = JSONObjectScanner()
        var members: [JSONObjectScanner.Member] = []
        let error = #expect(throws: ScanError.self) {
            try scanner.scanObject(&buffer, from: 0, to: buffer.count, isFinal: false, members: &members)
        }
        #expect(error?.kind == .limitExceeded)
        #expect(error?.index == 516)
    }

    @Test func customMaxDepth() throws {
        let input = bytes(#"{"a":{"b":[]},"c":[{}]}"#)
        #expect(try readAll(input, maxDepth: 3).objects.count == 1)
        let error = #expect(throws: ScanError.self) { try readAll(input, maxDepth: 2) }
        #expect(error?.kind == .limitExceeded)
        #expect(error?.index == 10)
        let flat = #expect(throws: ScanError.self) { try readAll(bytes(#"{"a":[]}"#), maxDepth: 1) }
        #expect(flat?.index == 5)
        #expect(try readAll(bytes(#"{"a":1}"#), maxDepth: 1).objects.count == 1)
    }

    @Test func noTrapOnRandomBytes() {
        var rng = JSONTestRNG(seed: JSONTestRNG.seed ^ 0xBAD)
        let alphabet = bytes("{}[],:\"\\/ \n\tu0123456789abcdefEtrunl-+.") + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
        for _ in 0..<3000 {
            var input = [UInt8]()
            for _ in 0..<Int.random(in: 0..<40, using: &rng) {
                input.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
            }
            if Bool.random(using: &rng) { input.insert(UInt8(ascii: "{"), at: 0) }
            _ = try? readAll(input, chunkEnds: chunks(of: Int.random(in: 1...8, using: &rng), input.count))
        }
    }
}

// MARK: - Property test against Foundation

/// SplitMix64: a small seeded generator, so a failing case can be replayed with `OPSMETRICS_SEED`.
private struct JSONTestRNG: RandomNumberGenerator {
    /// `OPSMETRICS_SEED` (decimal or `0x` hex, as for the shared `SplitMix64`), else a fixed seed.
    static let seed: UInt64 = {
        guard let text = ProcessInfo.processInfo.environment["OPSMETRICS_SEED"] else { return 0x5EED_0F_0B1EC7 }
        let seed = text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        guard let seed else { preconditionFailure("OPSMETRICS_SEED=\(text) is not a UInt64") }
        return seed
    }()

    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &self)] }
}

/// Writes random JSON text and remembers what the scanner should report for it.
private struct JSONTextGenerator {
    var rng: JSONTestRNG

    static let scalars: [Unicode.Scalar] =
        Array("abcXYZ019 _-:.".unicodeScalars)
        + ["\"", "\\", "/", "\u{0}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}", "\u{7F}", "\u{E9}",
            "\u{540D}", "\u{20AC}", "\u{FFFD}", "\u{1F600}", "\u{10FFFD}"]

    mutating func whitespace() -> String {
        rng.pick(["", "", "", "", " ", "\n", "\t", "\r\n", " \n  "])
    }

    /// A random string: (its UTF-8, its JSON encoding with quotes).
    mutating func string() -> (decoded: String, encoded: String) {
        var decoded = ""
        var encoded = "\""
        for _ in 0..<Int.random(in: 0...10, using: &rng) {
            let scalar = rng.pick(Self.scalars)
            decoded.unicodeScalars.append(scalar)
            switch scalar {
            case "\"": encoded += "\\\""
            case "\\": encoded += "\\\\"
            case "/": encoded += rng.chance(50) ? "\\/" : "/"
            case "\u{8}" where rng.chance(60): encoded += "\\b"
            case "\u{9}" where rng.chance(60): encoded += "\\t"
            case "\u{A}" where rng.chance(60): encoded += "\\n"
            case "\u{C}" where rng.chance(60): encoded += "\\f"
            case "\u{D}" where rng.chance(60): encoded += "\\r"
            default:
                if scalar.value < 0x20 || rng.chance(15) {
                    for unit in String(scalar).utf16 { encoded += unicodeEscape(unit) }
                } else {
                    encoded.unicodeScalars.append(scalar)
                }
            }
        }
        return (decoded, encoded + "\"")
    }

    mutating func unicodeEscape(_ unit: UInt16) -> String {
        var hex = String(unit, radix: 16)
        hex = String(repeating: "0", count: 4 - hex.count) + hex
        return "\\u" + (rng.chance(50) ? hex.uppercased() : hex)
    }

    mutating func number() -> String {
        var text = rng.chance(30) ? "-" : ""
        if rng.chance(20) {
            text += "0"
        } else {
            text += String(Int.random(in: 1...9, using: &rng))
            for _ in 0..<Int.random(in: 0...8, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        if rng.chance(40) {
            text += "."
            for _ in 0..<Int.random(in: 1...6, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        if rng.chance(30) {
            text += rng.pick(["e", "E"]) + rng.pick(["", "+", "-"])
            for _ in 0..<Int.random(in: 1...2, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        return text
    }

    /// A random value at nesting `depth` (1 = member of the top-level object): its kind, its
    /// JSON text and what the scanner should report as its bytes (unescaped for strings).
    mutating func value(depth: Int) -> (kind: JSONObjectScanner.ValueKind, text: String, reported: String) {
        let roll = Int.random(in: 0..<100, using: &rng)
        switch roll {
        case ..<30:
            let string = string()
            return (.string, string.encoded, string.decoded)
        case ..<55:
            let number = number()
            return (.number, number, number)
        case ..<62: return (.bool, "true", "true")
        case ..<69: return (.bool, "false", "false")
        case ..<75: return (.null, "null", "null")
        case ..<88 where depth < 4:
            let text = object(depth: depth + 1).text
            return (.object, text, text)
        case ..<100 where depth < 4:
            var text = "[" + whitespace()
            for index in 0..<Int.random(in: 0...4, using: &rng) {
                if index > 0 { text += "," + whitespace() }
                text += value(depth: depth + 1).text + whitespace()
            }
            text += "]"
            return (.array, text, text)
        default:
            return (.null, "null", "null")
        }
    }

    /// A random object with unique keys and what the scanner should report for its members.
    mutating func object(depth: Int = 0) -> (text: String, members: [ScannedMember]) {
        var text = "{" + whitespace()
        var members: [ScannedMember] = []
        var keys = Set<String>()
        for _ in 0..<Int.random(in: 0...(depth == 0 ? 8 : 3), using: &rng) {
            let key = string()
            guard keys.insert(key.decoded).inserted else { continue }
            let value = value(depth: depth + 1)
            if !members.isEmpty { text += "," + whitespace() }
            text += key.encoded + whitespace() + ":" + whitespace() + value.text + whitespace()
            members.append(ScannedMember(key: bytes(key.decoded), value: bytes(value.reported), kind: value.kind))
        }
        return (text + "}", members)
    }
}

/// A JSON value as Foundation sees it, for comparing two parses.
private indirect enum FoundationJSON: Equatable {
    case string(String), number(Double), null, array([FoundationJSON]), object([String: FoundationJSON])

    init(_ any: Any) {
        if any is NSNull {
            self = .null
        } else if let string = any as? String {
            self = .string(string)
        } else if let dictionary = any as? [String: Any] {
            self = .object(dictionary.mapValues(FoundationJSON.init))
        } else if let array = any as? [Any] {
            self = .array(array.map(FoundationJSON.init))
        } else if let number = any as? NSNumber {
            self = .number(number.doubleValue)  // booleans become 0 / 1 on both sides alike
        } else {
            self = .string("unexpected \(type(of: any))")
        }
    }
}

/// Checks scanned members against Foundation's parse of the same object text.
private func compareWithFoundation(_ members: [ScannedMember], objectText: String, seed: UInt64) throws {
    let parsed = try JSONSerialization.jsonObject(with: Data(objectText.utf8), options: [])
    guard let dictionary = parsed as? [String: Any] else {
        Issue.record("Foundation did not parse an object (seed \(seed))")
        return
    }
    #expect(dictionary.count == members.count, "seed \(seed): \(objectText)")
    for member in members {
        let key = String(decoding: member.key, as: UTF8.self)
        let raw = String(decoding: member.value, as: UTF8.self)
        guard let value = dictionary[key] else {
            Issue.record("seed \(seed): key \(key.debugDescription) missing in Foundation's parse of \(objectText)")
            continue
        }
        switch member.kind {
        case .string:
            #expect(value as? String == raw, "seed \(seed)")
        case .number:
            // Foundation's decimal conversion is not always correctly rounded, so allow a few ulps
            // against Swift's `Double(_:)`; the raw bytes themselves are checked against the model.
            let foundation = (value as? NSNumber)?.doubleValue ?? .nan
            let swift = Double(raw) ?? .infinity
            #expect(abs(foundation - swift) <= abs(swift) * 1e-14, "seed \(seed): \(raw)")
        case .bool:
            #expect(value as? Bool == (raw == "true"), "seed \(seed)")
        case .null:
            #expect(value is NSNull, "seed \(seed)")
        case .object, .array:
            let nested = try JSONSerialization.jsonObject(with: Data(member.value), options: [.fragmentsAllowed])
            #expect(FoundationJSON(nested) == FoundationJSON(value), "seed \(seed): \(raw)")
        }
    }
}

extension JSONObjectScannerTests {
    @Test func randomStreamsMatchModelAndFoundation() throws {
        let seed = JSONTestRNG.seed
        var generator = JSONTextGenerator(rng: JSONTestRNG(seed: seed))
        for round in 0..<60 {
            let objects = (0..<Int.random(in: 1...5, using: &generator.rng)).map { _ in generator.object() }
            for object in objects {
                try compareWithFoundation(object.members, objectText: object.text, seed: seed)
            }
            // Frame them as NDJSON or as one array.
            var text = generator.whitespace()
            if round % 2 == 0 {
                for object in objects {
                    text += object.text + generator.rng.pick(["\n", "\r\n", "\n\n", " ", "\n \t\n", ""])
                }
            } else {
                text += "["
                for (index, object) in objects.enumerated() {
                    text += generator.whitespace() + (index > 0 ? "," + generator.whitespace() : "") + object.text
                }
                text += generator.whitespace() + "]" + generator.whitespace()
            }
            let input = bytes(text)
            let expected = objects.map(\.members)
            let whole = try readAll(input)
            #expect(whole.objects == expected, "seed \(seed), round \(round): \(text.debugDescription)")
            #expect(whole.lineBreaks == newlineCount(input), "seed \(seed), round \(round)")
            for (object, scanned) in zip(objects, whole.objects) {
                try compareWithFoundation(scanned, objectText: object.text, seed: seed)
            }
            // Every split point, as the reader sees it: a prefix first, then the rest.
            for split in 0...input.count {
                let result = try readAll(input, chunkEnds: [split])
                #expect(result == whole, "seed \(seed), round \(round), split \(split)")
                if result != whole { break }
            }
            // Small chunks, growing the buffer a little at a time.
            for size in 1...9 {
                let result = try readAll(input, chunkEnds: chunks(of: size, input.count))
                #expect(result == whole, "seed \(seed), round \(round), chunk size \(size)")
            }
        }
    }
}
