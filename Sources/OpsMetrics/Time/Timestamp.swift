/// An instant in UTC, counted in whole microseconds since 1970-01-01T00:00:00Z.
///
/// Every time the library handles is a `Timestamp`: parsers convert whatever the input says
/// (an offset, a zone-less local time, epoch seconds or milliseconds) to UTC once, and all
/// arithmetic after that is exact integer arithmetic on microseconds. Finer fractions are
/// truncated toward negative infinity when parsed.
///
/// ```swift
/// let t = Timestamp(microsecondsSinceEpoch: 1_700_000_000_000_000)
/// print(t)  // 2023-11-14T22:13:20Z
/// ```
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    /// Microseconds since the Unix epoch (UTC); negative before 1970.
    public var microsecondsSinceEpoch: Int64

    /// Creates an instant from microseconds since the Unix epoch (UTC).
    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// Creates an instant from whole seconds since the Unix epoch (UTC).
    ///
    /// Returns `nil` when the value does not fit in microseconds (beyond ±292,000 years).
    public init?(secondsSinceEpoch seconds: Int64) {
        let (micros, overflow) = seconds.multipliedReportingOverflow(by: Timestamp.microsecondsPerSecond)
        if overflow { return nil }
        self.microsecondsSinceEpoch = micros
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    /// Parses a timestamp as the readers do: RFC 3339 / ISO 8601 (date only, `T` or space,
    /// optional fraction and offset) or epoch seconds/milliseconds; a time without an offset is
    /// read in `zone`. Returns `nil` if `text` is none of these.
    public init?(parsing text: String, zone: ZoneRule = .utc) {
        let bytes = Array(text.utf8)
        guard let value = TimestampParser.parse(bytes.span, zone: zone) else { return nil }
        self = value
    }

    /// Microseconds in one second.
    public static let microsecondsPerSecond: Int64 = 1_000_000
}

extension Timestamp: CustomStringConvertible {
    /// The instant in RFC 3339 form, UTC, with a fraction only when it is not whole seconds:
    /// `2024-03-01T12:00:00Z`, `2024-03-01T12:00:00.250Z`.
    public var description: String { CivilTime(self).rfc3339 }
}

extension Timestamp {
    /// Encodes as an RFC 3339 string in UTC, the form every JSON output of the project uses.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes from an RFC 3339 string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = TimestampParser.parseRFC3339(Array(text.utf8)) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an RFC 3339 timestamp, found \"\(text)\"")
        }
        self = value
    }
}
