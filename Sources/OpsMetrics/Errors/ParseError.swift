/// A problem with the input data, with the place it was found.
///
/// Its description reads like a compiler diagnostic:
///
/// ```
/// incidents.csv:42:17: error: invalid timestamp in field 'resolved_at': expected RFC 3339, found "2024-13-01"
/// ```
///
/// In strict mode (the default) the first `ParseError` stops a run; with lenient reading
/// (`skipInvalidRows`) the row is skipped and counted under ``kind`` in the data-quality section.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as an extensible set of named kinds.
    public var kind: Kind
    /// Where it went wrong.
    public var location: SourceLocation
    /// The header name (CSV) or key (JSON) of the field at fault, if the problem is in one field.
    public var field: String?
    /// What the parser expected, in words (`RFC 3339 timestamp`, `a closing quote`).
    public var expected: String
    /// What it found, quoted and shortened to a readable excerpt.
    public var found: String

    public init(kind: Kind, location: SourceLocation, field: String? = nil, expected: String, found: String) {
        self.kind = kind
        self.location = location
        self.field = field
        self.expected = expected
        self.found = found
    }

    public var description: String {
        var text = "\(location): error: \(kind.summary)"
        if let field { text += " in field '\(field)'" }
        text += ": expected \(expected), found \(found)"
        return text
    }

    /// A kind of parse error. New kinds may be added; switch over it with a default case.
    public struct Kind: Sendable, Hashable, Codable, CustomStringConvertible {
        /// A stable snake_case identifier, used as the skip reason in reports.
        public let identifier: String
        /// A short human summary (`invalid timestamp`).
        public let summary: String

        init(_ identifier: String, _ summary: String) {
            self.identifier = identifier
            self.summary = summary
        }

        public var description: String { identifier }

        public static let unterminatedQuote = Kind("unterminated_quote", "unterminated quoted field")
        public static let unexpectedCharacter = Kind("unexpected_character", "unexpected character")
        public static let invalidJSON = Kind("invalid_json", "invalid JSON")
        public static let invalidTimestamp = Kind("invalid_timestamp", "invalid timestamp")
        public static let invalidUTF8 = Kind("invalid_utf8", "invalid UTF-8")
        public static let nulByte = Kind("nul_byte", "NUL byte")
        public static let missingField = Kind("missing_field", "missing value")
        public static let missingColumn = Kind("missing_column", "missing column")
        public static let unknownEvent = Kind("unknown_event", "unknown event kind")
        public static let invalidNumber = Kind("invalid_number", "invalid number")
        public static let excludedByPreset = Kind("excluded_by_preset", "not an incident for this preset")
        public static let fieldCount = Kind("field_count", "wrong number of fields")
        public static let limitExceeded = Kind("limit_exceeded", "limit exceeded")
        public static let emptyInput = Kind("empty_input", "empty input")
        public static let afterAsOf = Kind("after_as_of", "event after the as-of time")
    }
}

extension ParseError {
    /// Renders bytes for the `found` part of a message: quoted, control bytes escaped, invalid
    /// UTF-8 shown as `\xNN`, shortened to `limit` bytes with an ellipsis.
    static func excerpt(_ bytes: some Collection<UInt8>, limit: Int = 40) -> String {
        if bytes.isEmpty { return "an empty value" }
        var text = "\""
        var taken = 0
        var iterator = bytes.makeIterator()
        var pending: [UInt8] = []
        while let byte = iterator.next() {
            if taken >= limit {
                text += "…"
                break
            }
            taken += 1
            pending.append(byte)
            // Flush whole UTF-8 sequences; escape what does not decode.
            if let scalarText = String(validating: pending, as: UTF8.self) {
                for scalar in scalarText.unicodeScalars {
                    switch scalar {
                    case "\"": text += "\\\""
                    case "\n": text += "\\n"
                    case "\r": text += "\\r"
                    case "\t": text += "\\t"
                    default:
                        if scalar.value < 0x20 || scalar.value == 0x7F {
                            text += "\\x" + hex(UInt8(scalar.value))
                        } else {
                            text.unicodeScalars.append(scalar)
                        }
                    }
                }
                pending.removeAll(keepingCapacity: true)
            } else if pending.count >= 4 || (pending.first.map { $0 < 0xC2 || $0 > 0xF4 } ?? false) {
                for b in pending { text += "\\x" + hex(b) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        for b in pending { text += "\\x" + hex(b) }
        return text + "\""
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits: [Character] = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }
}
