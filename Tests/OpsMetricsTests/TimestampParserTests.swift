// Tests for TimestampParser and ZoneRule. Foundation appears here only as an oracle: its ISO 8601
// parsers for random RFC 3339 text, and TimeZone / Calendar for zone offsets and for how local
// times in daylight-saving gaps and overlaps are resolved.
import Foundation
import Testing

@testable import OpsMetrics

// MARK: - Helpers

/// Parses text through the span-based entry point, as the readers do.
private func parse(_ text: String, zone: ZoneRule = .utc) -> Timestamp? {
    let bytes = Array(text.utf8)
    return TimestampParser.parse(bytes.span, zone: zone)
}

private func zone(_ name: String) -> ZoneRule {
    guard let rule = ZoneRule.named(name) else {
        Issue.record("time zone \(name) is unknown to this system")
        return .utc
    }
    return rule
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator for repeatable random tests.
/// The seed is fixed unless `OPSMETRICS_SEED` overrides it; failures print it.
private struct TimestampTestRNG: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `OPSMETRICS_SEED` (decimal, or hexadecimal with `0x`) if set, else a fixed default.
    static var seed: UInt64 {
        guard let text = ProcessInfo.processInfo.environment["OPSMETRICS_SEED"] else { return 0x0D5E_ED00_2024_0301 }
        let parsed = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        guard let parsed else {
            Issue.record("OPSMETRICS_SEED=\(text) is not a decimal or 0x-hexadecimal UInt64")
            return 0
        }
        return parsed
    }
}

/// 1900-01-01T00:00:00Z and 2101-01-01T00:00:00Z in seconds since the epoch.
private let seconds1900: Int64 = -2_208_988_800
private let seconds2101: Int64 = 4_133_980_800

/// Zero-padded decimal.
private func padded(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// `YYYY-MM-DDTHH:MM:SS` for wall-clock seconds since the epoch.
private func localText(_ seconds: Int64, separator: String = "T") -> String {
    let c = CivilTime(Timestamp(microsecondsSinceEpoch: seconds * 1_000_000))
    return "\(padded(c.year, 4))-\(padded(c.month, 2))-\(padded(c.day, 2))\(separator)"
        + "\(padded(c.hour, 2)):\(padded(c.minute, 2)):\(padded(c.second, 2))"
}

// MARK: - Differential test against Foundation

/// One random RFC 3339 timestamp and the instant it denotes, exactly.
private struct RandomRFC3339 {
    var text: String
    /// Other spellings of the same instant that only our parser accepts.
    var variants: [String]
    /// The instant's whole seconds since the epoch.
    var utcSeconds: Int64
    /// The written fraction of a second, exactly, in nanoseconds (up to 9 digits).
    var fractionNanoseconds: Int64

    /// What our parser must return: the fraction truncated to microseconds.
    var microseconds: Int64 { utcSeconds * 1_000_000 + fractionNanoseconds / 1_000 }

    /// Instants from 1900 through 2100; offsets within ±18:00 in whole minutes (the range
    /// `Date.ISO8601FormatStyle` accepts; ours goes to ±23:59); 0 to 9 fraction digits.
    static func make(using rng: inout TimestampTestRNG) -> RandomRFC3339 {
        let utc = Int64.random(in: seconds1900..<seconds2101, using: &rng)
        let offsetMinutes = Bool.random(using: &rng) ? 0 : Int64.random(in: -1080...1080, using: &rng)
        let fractionDigits = Int.random(in: 0...9, using: &rng)
        let fraction = String((0..<fractionDigits).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
        let nanoseconds = Int64((fraction + "000000000").prefix(9)) ?? 0

        let offset = offsetMinutes * 60
        let sign = offset < 0 ? "-" : "+"
        let hours = padded(abs(offsetMinutes) / 60, 2)
        let minutes = padded(abs(offsetMinutes) % 60, 2)
        let zoneText = offset == 0 && Bool.random(using: &rng) ? "Z" : "\(sign)\(hours):\(minutes)"
        let base = localText(utc + offset)
        let dotFraction = fractionDigits == 0 ? "" : "." + fraction
        var variants = [
            localText(utc + offset, separator: " ") + (fractionDigits == 0 ? "" : "," + fraction) + "\(sign)\(hours)\(minutes)",
            "  " + localText(utc + offset, separator: "t") + dotFraction + zoneText.lowercased() + "\t",
        ]
        if offsetMinutes % 60 == 0 {
            variants.append(base + dotFraction + "\(sign)\(hours)")
        }
        return RandomRFC3339(
            text: base + dotFraction + zoneText, variants: variants, utcSeconds: utc, fractionNanoseconds: nanoseconds)
    }
}

private let differentialZones = [
    "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Apia",
    "Asia/Kolkata", "Europe/Moscow", "America/St_Johns",
]

@Suite("TimestampParser")
struct TimestampParserTests {
    // MARK: - Accepted forms

    struct ValidTimestampCase: Sendable, CustomTestStringConvertible {
        let input: String
        let zoneName: String
        let microseconds: Int64
        let note: String

        init(_ input: String, _ microseconds: Int64, zone: String = "UTC", _ note: String) {
            self.input = input
            self.zoneName = zone
            self.microseconds = microseconds
            self.note = note
        }

        var testDescription: String { "\(note): \"\(input)\"" + (zoneName == "UTC" ? "" : " in \(zoneName)") }

        static let all: [ValidTimestampCase] = [
            // Date-times.
            .init("2024-03-01", 1_709_251_200_000_000, "date only is local midnight"),
            .init("2024-03-01T12:30", 1_709_296_200_000_000, "minutes"),
            .init("2024-03-01T12:30:15", 1_709_296_215_000_000, "seconds"),
            .init("2024-03-01t12:30:15", 1_709_296_215_000_000, "lower-case t"),
            .init("2024-03-01 12:30:15", 1_709_296_215_000_000, "space separator"),
            .init("2024-03-01T12:30:15.5", 1_709_296_215_500_000, "one fraction digit"),
            .init("2024-03-01T12:30:15,5", 1_709_296_215_500_000, "comma decimal mark"),
            .init("2024-03-01T12:30:15.1", 1_709_296_215_100_000, "tenths"),
            .init("2024-03-01T12:30:15.01", 1_709_296_215_010_000, "hundredths"),
            .init("2024-03-01T12:30:15.123456", 1_709_296_215_123_456, "microseconds"),
            .init("2024-03-01T12:30:15.123456789", 1_709_296_215_123_456, "nanoseconds truncated"),
            .init("2024-03-01T12:30:15.1234569999999999999999", 1_709_296_215_123_456, "long fraction truncated"),
            .init("2024-03-01T12:30:15Z", 1_709_296_215_000_000, "Z"),
            .init("2024-03-01T12:30:15z", 1_709_296_215_000_000, "lower-case z"),
            .init("2024-03-01T12:30:15+02:00", 1_709_289_015_000_000, "+HH:MM"),
            .init("2024-03-01T12:30:15+0200", 1_709_289_015_000_000, "+HHMM"),
            .init("2024-03-01T12:30:15+02", 1_709_289_015_000_000, "+HH"),
            .init("2024-03-01T12:30:15-05:30", 1_709_316_015_000_000, "-HH:MM"),
            .init("2024-03-01T12:30:15-0530", 1_709_316_015_000_000, "-HHMM"),
            .init("2024-03-01T12:30:15+23:59", 1_709_209_875_000_000, "largest positive offset"),
            .init("2024-03-01T12:30:15-23:59", 1_709_382_555_000_000, "largest negative offset"),
            .init("2024-03-01T12:30:15-00:00", 1_709_296_215_000_000, "-00:00"),
            .init("2024-03-01T12:30+02:00", 1_709_289_000_000_000, "minutes with offset"),
            .init("2024-03-01T12:30:15.5Z", 1_709_296_215_500_000, "fraction and Z"),
            .init(" \t2024-03-01T12:30:15Z \t", 1_709_296_215_000_000, "surrounding blanks"),
            .init("2024-02-29", 1_709_164_800_000_000, "leap day"),
            .init("2000-02-29", 951_782_400_000_000, "leap day of a 400-year"),
            .init("0000-01-01", -62_167_219_200_000_000, "year 0000"),
            .init("9999-12-31T23:59:59.999999Z", 253_402_300_799_999_999, "last microsecond of 9999"),
            .init("1969-12-31T23:59:59.999999Z", -1, "just before the epoch"),
            .init("2024-12-31T24:00", 1_735_689_600_000_000, "24:00 is next midnight"),
            .init("2024-12-31T24:00:00", 1_735_689_600_000_000, "24:00:00 is next midnight"),
            .init("2024-12-31T24:00:00.000Z", 1_735_689_600_000_000, "24:00:00.000Z"),
            .init("2016-12-31T23:59:60Z", 1_483_228_800_000_000, "leap second is the next second"),
            .init("2016-12-31T23:59:60.5Z", 1_483_228_800_500_000, "leap second keeps its fraction"),
            // Zones.
            .init("2024-03-01", 1_709_247_600_000_000, zone: "Europe/Berlin", "date only in Berlin"),
            .init("2024-03-01T12:00", 1_709_274_600_000_000, zone: "+05:30", "fixed offset zone"),
            .init("2024-03-01T12:30:15+02:00", 1_709_289_015_000_000, zone: "Europe/Berlin", "explicit offset wins"),
            .init("2024-07-01T12:00", 1_719_828_000_000_000, zone: "Europe/Berlin", "Berlin summer time"),
            .init("2024-01-15T06:00", 1_705_316_400_000_000, zone: "America/New_York", "New York winter time"),
            // Epoch numbers.
            .init("0", 0, "epoch zero"),
            .init("1709296215", 1_709_296_215_000_000, "epoch seconds"),
            .init("1709296215", 1_709_296_215_000_000, zone: "Europe/Berlin", "epoch ignores zone"),
            .init("-1", -1_000_000, "negative seconds"),
            .init("-86400", -86_400_000_000, "negative day"),
            .init("1709296215.25", 1_709_296_215_250_000, "fractional seconds"),
            .init("1709296215.1234567", 1_709_296_215_123_456, "fraction truncated"),
            .init("-1.5", -1_500_000, "negative fraction"),
            .init("-1.0000005", -1_000_001, "negative fraction floors"),
            .init("99999999999", 99_999_999_999_000_000, "11 digits are seconds"),
            .init("-62167219200", -62_167_219_200_000_000, "epoch seconds of 0000-01-01"),
            .init("170929621512", 170_929_621_512_000, "12 digits are milliseconds"),
            .init("1709296215123", 1_709_296_215_123_000, "epoch milliseconds"),
            .init("-1709296215123", -1_709_296_215_123_000, "negative milliseconds"),
            .init("17092962151234", 17_092_962_151_234_000, "14 digits are milliseconds"),
            .init("170929621512345", 170_929_621_512_345, "15 digits are microseconds"),
            .init("1709296215123456", 1_709_296_215_123_456, "epoch microseconds"),
            .init("17092962151234567", 17_092_962_151_234_567, "17 digits are microseconds"),
            .init("123456789012345678", 123_456_789_012_345, "18 digits are nanoseconds, truncated"),
            .init("1709296215123456789", 1_709_296_215_123_456, "epoch nanoseconds (19 digits)"),
            .init("9999999999999999999", 9_999_999_999_999_999, "the largest 19 digits"),
            .init("-1000000000000000001", -1_000_000_000_000_001, "negative nanoseconds floor"),
            .init("-1000000000000000000", -1_000_000_000_000_000, "negative nanoseconds, exact"),
            .init("00000000000000001", 1, "leading zeros count as digits"),
            .init("20240301", 20_240_301_000_000, "8 digits are epoch seconds, not a date"),
            .init(" 42\t", 42_000_000, "epoch with blanks"),
        ]
    }

    @Test("accepted forms", arguments: ValidTimestampCase.all)
    func acceptedForms(_ c: ValidTimestampCase) {
        let result = parse(c.input, zone: zone(c.zoneName))
        #expect(result == Timestamp(microsecondsSinceEpoch: c.microseconds))
    }

    @Test("parseRFC3339 reads zone-less times as UTC")
    func parseRFC3339IsUTC() {
        #expect(TimestampParser.parseRFC3339(Array("2024-03-01T12:30:15".utf8))?.microsecondsSinceEpoch == 1_709_296_215_000_000)
        #expect(TimestampParser.parseRFC3339(Array("2024-03-01T12:30:15+02:00".utf8))?.microsecondsSinceEpoch == 1_709_289_015_000_000)
        #expect(TimestampParser.parseRFC3339(Array("not a time".utf8)) == nil)
    }

    @Test("a field is a span over part of a larger buffer")
    func parsesSubrangeOfBuffer() {
        let line = Array("svc,2024-03-01T12:30:15Z,1709296215123\n".utf8)
        let span = line.span
        #expect(TimestampParser.parse(span.extracting(4..<24), zone: .utc)?.microsecondsSinceEpoch == 1_709_296_215_000_000)
        #expect(TimestampParser.parse(span.extracting(25..<38), zone: .utc)?.microsecondsSinceEpoch == 1_709_296_215_123_000)
        #expect(TimestampParser.parse(span.extracting(4..<23), zone: .utc)?.microsecondsSinceEpoch == 1_709_296_215_000_000)
        #expect(TimestampParser.parse(span.extracting(4..<25), zone: .utc) == nil)
    }

    // MARK: - Rejected inputs

    struct InvalidTimestampCase: Sendable, CustomTestStringConvertible {
        let input: [UInt8]
        let note: String

        init(_ input: String, _ note: String) {
            self.input = Array(input.utf8)
            self.note = note
        }

        init(bytes: [UInt8], _ note: String) {
            self.input = bytes
            self.note = note
        }

        var testDescription: String { "\(note): \(ParseError.excerpt(input))" }

        static let all: [InvalidTimestampCase] = [
            .init("2024-13-01", "month 13"),
            .init("2024-00-10", "month 0"),
            .init("2024-02-30", "February 30 in a leap year"),
            .init("2023-02-29", "February 29 in a common year"),
            .init("1900-02-29", "February 29 in a century year"),
            .init("2024-04-31", "April 31"),
            .init("2024-01-00", "day 0"),
            .init("2024-01-32", "day 32"),
            .init("2024-03-01T24:00:01", "24:00:01"),
            .init("2024-03-01T24:01", "24:01"),
            .init("2024-03-01T24:00:00.5", "24:00 with a fraction"),
            .init("2024-03-01T24:00:60", "24:00:60"),
            .init("2024-03-01T25:00", "hour 25"),
            .init("2024-03-01T12:60", "minute 60"),
            .init("2024-03-01T12:30:61", "second 61"),
            .init("2024-03-01T12:58:60", "second 60 outside :59"),
            .init("2024-03-01T12:59:99", "second 99"),
            .init("garbage", "garbage"),
            .init("", "empty"),
            .init(" \t ", "blanks only"),
            .init("-", "lone minus"),
            .init("--", "two minus signs"),
            .init("+5", "plus sign on epoch"),
            .init("1.", "epoch fraction without digits"),
            .init(".5", "epoch fraction without integer"),
            .init("-.5", "negative fraction without integer"),
            .init("1e9", "exponent"),
            .init("0x10", "hexadecimal"),
            .init("1709296215 123", "inner space"),
            .init("170929621512.5", "fraction on milliseconds"),
            .init("12345678901234567890", "20 digits"),
            .init("-12345678901234567890", "20 negative digits"),
            .init("123456789012345678.5", "fraction on nanoseconds"),
            .init("99999999999999999999999", "overflowing epoch"),
            .init("-99999999999", "epoch seconds before year 0000"),
            .init("-62167219201", "one second before 0000-01-01"),
            .init("0000-01-01T00:00:00+01:00", "an offset that moves the time before year 0000"),
            .init("9999-12-31T23:30:00-01:00", "an offset that moves the time past year 9999"),
            .init("18446744073709551616", "UInt64.max + 1"),
            .init("2024-03-01T12:00+24:00", "+24:00 offset"),
            .init("2024-03-01T12:00-24:00", "-24:00 offset"),
            .init("2024-03-01T12:00+23:60", "offset minute 60"),
            .init("2024-03-01T12:00+2400", "+2400 offset"),
            .init("2024-03-01T12:00+2", "one-digit offset"),
            .init("2024-03-01T12:00+02:0", "short offset minutes"),
            .init("2024-03-01T12:00+020", "three-digit offset"),
            .init("2024-03-01T12:00+02:00:00", "offset with seconds"),
            .init("2024-03-01T12:00+", "bare plus"),
            .init("2024-03-01T12:00:00Zjunk", "trailing junk after Z"),
            .init("2024-03-01T12:00:00ZZ", "two Zs"),
            .init("2024-03-01T12:00:00 Z", "space before Z"),
            .init("2024-03-01T12:00:00+02:00x", "trailing junk after offset"),
            .init("2024-03-01x", "trailing junk after date"),
            .init("2024-03-01Z", "offset on a date"),
            .init("2024-03-01T", "separator without time"),
            .init("2024-03-01T12", "hour only"),
            .init("2024-03-01T12:3", "one-digit minute"),
            .init("2024-03-01T12:30:", "colon without seconds"),
            .init("2024-03-01T12:30:1", "one-digit second"),
            .init("2024-03-01T12:30:15.", "decimal mark without digits"),
            .init("2024-03-01T12:30:15.Z", "decimal mark before Z"),
            .init("2024-03-01T12:30.5", "fraction on minutes"),
            .init("2024-03-01  12:30", "two spaces"),
            .init("2024-03-01_12:30", "underscore separator"),
            .init("2024-03-01T12-30", "dash in time"),
            .init("2024-3-01", "one-digit month"),
            .init("2024/03/01", "slashes"),
            .init("-2024-03-01", "negative year"),
            .init("12024-03-01", "five-digit year"),
            .init("20x4-03-01", "letter in year"),
            .init("２０２４-03-01", "full-width digits"),
            .init(bytes: [0x32, 0x30, 0x32, 0x34, 0x2D, 0x30, 0x33, 0x2D, 0x30, 0x00], "NUL in day"),
            .init(bytes: [0xFF, 0xFE, 0x31], "invalid UTF-8"),
            .init(bytes: [0x31, 0x32, 0x0A], "trailing newline"),
        ]
    }

    @Test("rejected inputs", arguments: InvalidTimestampCase.all)
    func rejectedInputs(_ c: InvalidTimestampCase) {
        #expect(TimestampParser.parse(c.input.span, zone: .utc) == nil)
        #expect(TimestampParser.parse(c.input.span, zone: zone("Europe/Berlin")) == nil)
    }

    @Test("a leap second is accepted only as :59:60")
    func leapSecondOnlyAtMinute59() {
        #expect(parse("2016-12-31T23:59:60Z") != nil)
        #expect(parse("2017-01-01T05:29:60+05:30") == nil)
        #expect(parse("2016-12-31T18:59:60-05:00")?.microsecondsSinceEpoch == 1_483_228_800_000_000)
    }

    // MARK: - Properties

    @Test("random bytes and mutated timestamps never trap")
    func noTrapOnAnyBytes() {
        var rng = TimestampTestRNG(seed: TimestampTestRNG.seed)
        let alphabet = Array("0123456789-+:.,TtZz \t".utf8) + [0x00, 0x7F, 0xFF]
        let seeds = ["2024-03-01T12:30:15.123456+02:00", "2024-12-31T24:00:00", "-1709296215.5", "17092962151234567"]
        for _ in 0..<20_000 {
            var bytes: [UInt8]
            if Bool.random(using: &rng) {
                bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? 0 }
            } else {
                bytes = Array((seeds.randomElement(using: &rng) ?? "").utf8)
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let choice = Int.random(in: 0..<3, using: &rng)
                    let position = Int.random(in: 0...bytes.count, using: &rng)
                    let byte = alphabet.randomElement(using: &rng) ?? 0
                    switch choice {
                    case 0 where position < bytes.count: bytes[position] = byte
                    case 1 where position < bytes.count: bytes.remove(at: position)
                    default: bytes.insert(byte, at: position)
                    }
                }
            }
            // Every prefix and suffix as a sub-span, too.
            let span = bytes.span
            _ = TimestampParser.parse(span, zone: .utc)
            let cut = Int.random(in: 0...bytes.count, using: &rng)
            _ = TimestampParser.parse(span.extracting(0..<cut), zone: .utc)
            _ = TimestampParser.parse(span.extracting(cut..<bytes.count), zone: .utc)
        }
    }

    @Test("a field read through a date memo means what it means read alone")
    func dateMemoIsTransparent() {
        var rng = TimestampTestRNG(seed: TimestampTestRNG.seed)
        // Few dates, so the memo hits often; times valid, out of range or malformed after a
        // remembered date; dates that are invalid but share bytes with a valid one.
        let dates = ["2024-03-01", "2024-03-02", "2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01", "2024-0a-01", "2024-03-01"]
        let rests = ["", "T12:30:15Z", "T12:30:15.5+02:00", " 23:59:60Z", "T24:00", "T24:00:00", "T24:00:01", "T25:00:00",
                     "T12:30", "T12:30+0130", "T12:30:", "T12:30:1", "T12:3a:15", "T12:30:15,25", "t00:00:00.000z", "T12:30:15.",
                     "T1:30:15", "X12:30:15", "T12:30:15+24:00", "T12-30-15"]
        let zones = [ZoneRule.utc, zone("Europe/Berlin")]
        var memos = [TimestampParser.DateMemo(), TimestampParser.DateMemo()]
        var accepted = 0
        for _ in 0..<20_000 {
            var text = (dates.randomElement(using: &rng) ?? "") + (rests.randomElement(using: &rng) ?? "")
            if Int.random(in: 0..<8, using: &rng) == 0 {
                text = String(text.prefix(Int.random(in: 0...text.count, using: &rng)))
            }
            let bytes = Array(text.utf8)
            for (k, rule) in zones.enumerated() {
                let read = TimestampParser.parse(bytes.span, zone: rule, memo: &memos[k])
                #expect(read == TimestampParser.parse(bytes.span, zone: rule), "\(text) in \(rule.identifier), seed \(TimestampTestRNG.seed)")
                if read != nil { accepted += 1 }
            }
        }
        #expect(accepted > 10_000)
    }

    @Test("the eight-byte clock reads HH:MM:SS as the digit-by-digit reading does, for every byte at every position")
    func clockWordMatchesDigits() {
        func reference(_ b: [UInt8]) -> (Int64, Int64, Int64)? {
            let span = b.span
            guard let h = TimestampParser.digits2(span, 0), b[2] == ASCII.colon, let m = TimestampParser.digits2(span, 3),
                  b[5] == ASCII.colon, let s = TimestampParser.digits2(span, 6) else { return nil }
            return (h, m, s)
        }
        var rng = TimestampTestRNG(seed: TimestampTestRNG.seed)
        var checked = 0
        var mismatches: [String] = []
        for _ in 0..<200 {
            let base = Array(String(format: "%02d:%02d:%02d", Int.random(in: 0...99, using: &rng),
                                    Int.random(in: 0...99, using: &rng), Int.random(in: 0...99, using: &rng)).utf8)
            for position in 0..<8 {
                for byte in UInt8.min...UInt8.max {
                    var word = base
                    word[position] = byte
                    // Read from an offset inside a longer buffer, as the parser does.
                    let field = Array("2024-03-01T".utf8) + word
                    let read = TimestampParser.clock(field.span, 11)
                    let expected = reference(word)
                    if read?.hour != expected?.0 || read?.minute != expected?.1 || read?.second != expected?.2 {
                        mismatches.append(String(decoding: word, as: UTF8.self))
                    }
                    checked += 1
                }
            }
        }
        #expect(checked == 200 * 8 * 256)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("Timestamp.description parses back to the same instant across years 0000-9999")
    func descriptionRoundTrips() {
        var rng = TimestampTestRNG(seed: TimestampTestRNG.seed)
        let first: Int64 = -62_167_219_200_000_000  // 0000-01-01T00:00:00Z
        let last: Int64 = 253_402_300_799_999_999  // 9999-12-31T23:59:59.999999Z
        for _ in 0..<5_000 {
            let t = Timestamp(microsecondsSinceEpoch: Int64.random(in: first...last, using: &rng))
            #expect(TimestampParser.parseRFC3339(Array(t.description.utf8)) == t, "seed \(TimestampTestRNG.seed)")
        }
    }

    @Test("the specialised day count equals CivilTime.daysFromCivil for every month of 0000-9999")
    func daysSinceEpochMatchesCivilTime() {
        var mismatches = 0
        for year: Int64 in 0...9999 {
            for month: Int64 in 1...12 {
                for day in [1, CivilTime.daysInMonth(year: year, month: month)] {
                    if TimestampParser.daysSinceEpoch(year: year, month: month, day: day)
                        != CivilTime.daysFromCivil(year: year, month: month, day: day)
                    {
                        mismatches += 1
                    }
                }
            }
        }
        #expect(mismatches == 0)
    }

    /// Ours must equal the generator's instant exactly (fraction truncated to microseconds).
    /// Foundation is compared with the exact written value: `Date` is a `Double` of seconds since
    /// 2001, spaced about 0.5 µs apart near 2100, so `Date.ISO8601FormatStyle` agrees to within
    /// 1 µs; `ISO8601DateFormatter` keeps only milliseconds of the fraction, so it agrees to 1 ms (plus
    /// the same Double spacing).
    @Test("random RFC 3339 text: ours exact, Foundation within its precision")
    func differentialAgainstFoundation() throws {
        let seed = TimestampTestRNG.seed
        var rng = TimestampTestRNG(seed: seed)
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let withoutFraction = ISO8601DateFormatter()
        var worstStyleError = 0.0
        var worstFormatterError = 0.0
        for _ in 0..<4_000 {
            let sample = RandomRFC3339.make(using: &rng)
            let ours = try #require(parse(sample.text), "\(sample.text) (seed \(seed))")
            #expect(ours.microsecondsSinceEpoch == sample.microseconds, "\(sample.text) (seed \(seed))")
            for variant in sample.variants {
                #expect(parse(variant) == ours, "\(variant) vs \(sample.text) (seed \(seed))")
            }

            // Subtracting the whole seconds first is exact and leaves only Foundation's own error.
            let exactFraction = Double(sample.fractionNanoseconds) / 1e9
            let date = try #require(try? Date(sample.text, strategy: style), "FormatStyle rejected \(sample.text)")
            let styleFraction = date.timeIntervalSince1970 - Double(sample.utcSeconds)
            worstStyleError = max(worstStyleError, abs(styleFraction - exactFraction))

            let formatter = sample.text.contains(".") ? withFraction : withoutFraction
            let legacy = try #require(formatter.date(from: sample.text), "ISO8601DateFormatter rejected \(sample.text)")
            let legacyFraction = legacy.timeIntervalSince1970 - Double(sample.utcSeconds)
            worstFormatterError = max(worstFormatterError, abs(legacyFraction - exactFraction))
        }
        #expect(worstStyleError < 1e-6, "seed \(seed)")
        #expect(worstFormatterError < 1e-3 + 1e-6, "seed \(seed)")
    }

    @Suite("ZoneRule")
    struct ZoneRuleTests {
        // MARK: - ZoneRule

        struct ZoneCase: Sendable, CustomTestStringConvertible {
            let zoneName: String
            let local: String
            let utc: String
            let note: String

            var testDescription: String { "\(zoneName) \(local): \(note)" }

            static let all: [ZoneCase] = [
                // Europe/Berlin: CET→CEST at 2024-03-31 02:00 (01:00Z), CEST→CET at 2024-10-27 03:00 (01:00Z).
                .init(zoneName: "Europe/Berlin", local: "2024-03-31T01:59:59", utc: "2024-03-31T00:59:59Z", note: "last second before the gap"),
                .init(zoneName: "Europe/Berlin", local: "2024-03-31T02:00", utc: "2024-03-31T01:00Z", note: "gap start shifts to 03:00"),
                .init(zoneName: "Europe/Berlin", local: "2024-03-31T02:30", utc: "2024-03-31T01:30Z", note: "gap shifts forward an hour"),
                .init(zoneName: "Europe/Berlin", local: "2024-03-31T03:00", utc: "2024-03-31T01:00Z", note: "first time after the gap"),
                .init(zoneName: "Europe/Berlin", local: "2024-10-27T01:59", utc: "2024-10-26T23:59Z", note: "before the overlap"),
                .init(zoneName: "Europe/Berlin", local: "2024-10-27T02:00", utc: "2024-10-27T00:00Z", note: "overlap start, first occurrence"),
                .init(zoneName: "Europe/Berlin", local: "2024-10-27T02:30", utc: "2024-10-27T00:30Z", note: "overlap picks the earlier instant"),
                .init(zoneName: "Europe/Berlin", local: "2024-10-27T02:59:59", utc: "2024-10-27T00:59:59Z", note: "overlap end, first occurrence"),
                .init(zoneName: "Europe/Berlin", local: "2024-10-27T03:00", utc: "2024-10-27T02:00Z", note: "after the overlap"),
                .init(zoneName: "Europe/Berlin", local: "1980-07-01T12:00", utc: "1980-07-01T10:00Z", note: "first summer time of 1980"),
                .init(zoneName: "Europe/Berlin", local: "1975-07-01T12:00", utc: "1975-07-01T11:00Z", note: "no summer time in 1975"),
                // America/New_York: EST→EDT at 2024-03-10 02:00, EDT→EST at 2024-11-03 02:00.
                .init(zoneName: "America/New_York", local: "2024-03-10T02:30", utc: "2024-03-10T07:30Z", note: "gap shifts forward to 03:30 EDT"),
                .init(zoneName: "America/New_York", local: "2024-03-10T03:30", utc: "2024-03-10T07:30Z", note: "after the gap"),
                .init(zoneName: "America/New_York", local: "2024-11-03T01:30", utc: "2024-11-03T05:30Z", note: "overlap picks EDT"),
                .init(zoneName: "America/New_York", local: "2024-11-03T02:30", utc: "2024-11-03T07:30Z", note: "after the overlap"),
                .init(zoneName: "America/New_York", local: "2024-07-04T12:00", utc: "2024-07-04T16:00Z", note: "summer"),
                .init(zoneName: "America/New_York", local: "2024-12-25T12:00", utc: "2024-12-25T17:00Z", note: "winter"),
                // Fixed offsets.
                .init(zoneName: "+05:30", local: "2024-03-01T12:00", utc: "2024-03-01T06:30Z", note: "India"),
                .init(zoneName: "-0930", local: "2024-03-01T12:00", utc: "2024-03-01T21:30Z", note: "Marquesas"),
                .init(zoneName: "-03", local: "2024-03-01", utc: "2024-03-01T03:00Z", note: "date only"),
                .init(zoneName: "Etc/UTC", local: "2024-03-01T12:00", utc: "2024-03-01T12:00Z", note: "IANA UTC"),
            ]
        }

        @Test("zone-less local times become UTC", arguments: ZoneCase.all)
        func zoneRuleResolvesLocalTimes(_ c: ZoneCase) {
            #expect(parse(c.local, zone: zone(c.zoneName)) == parse(c.utc))
        }

        @Test("offsets at UTC instants around Berlin's 2024 transitions")
        func berlinOffsetsAtUTC() throws {
            let berlin = zone("Europe/Berlin")
            let springUTC = try #require(parse("2024-03-31T01:00:00Z")).microsecondsSinceEpoch / 1_000_000
            let autumnUTC = try #require(parse("2024-10-27T01:00:00Z")).microsecondsSinceEpoch / 1_000_000
            #expect(berlin.utcOffsetSeconds(atUTCSeconds: springUTC - 1) == 3600)
            #expect(berlin.utcOffsetSeconds(atUTCSeconds: springUTC) == 7200)
            #expect(berlin.utcOffsetSeconds(atUTCSeconds: autumnUTC - 1) == 7200)
            #expect(berlin.utcOffsetSeconds(atUTCSeconds: autumnUTC) == 3600)
            // Outside the table: the first and last known offsets.
            #expect(berlin.utcOffsetSeconds(atUTCSeconds: -10_000_000_000) == 3600)
            #expect(berlin.utcOffsetSeconds(atUTCSeconds: 10_000_000_000) == 3600)
        }

        @Test("names, identifiers and equality")
        func zoneRuleNames() {
            #expect(ZoneRule.named("UTC") == .utc)
            #expect(ZoneRule.named("Z") == .utc)
            #expect(ZoneRule.named("+00:00") == .utc)
            #expect(ZoneRule.named("-00") == .utc)
            #expect(ZoneRule.fixed(offsetSeconds: 0) == .utc)
            #expect(ZoneRule.utc.identifier == "UTC")
            #expect(ZoneRule.named("+05:30")?.identifier == "+05:30")
            #expect(ZoneRule.named("-0530")?.identifier == "-05:30")
            #expect(ZoneRule.named("+02")?.identifier == "+02:00")
            #expect(ZoneRule.named("+02") == ZoneRule.fixed(offsetSeconds: 7200))
            #expect(ZoneRule.fixed(offsetSeconds: -3_723).identifier == "-01:02:03")
            #expect(ZoneRule.named("Europe/Berlin")?.identifier == "Europe/Berlin")
            #expect(ZoneRule.named("Europe/Berlin") == ZoneRule.named("Europe/Berlin"))
            #expect(ZoneRule.named("Europe/Berlin") != ZoneRule.named("Europe/Paris"))
            #expect(ZoneRule.named("Etc/UTC")?.utcOffsetSeconds(forLocalSeconds: 0) == 0)
            #expect(Set([ZoneRule.utc, .fixed(offsetSeconds: 0), .fixed(offsetSeconds: 60)]).count == 2)
        }

        @Test(
            "unknown names are nil",
            arguments: ["Mars/Olympus", "", "Europe/berlin", "+24:00", "+23:60", "+2", "+02:0", "0200", "UTC+", "Z "])
        func unknownZoneNames(_ name: String) {
            #expect(ZoneRule.named(name) == nil)
        }

        @Test("a synthetic table resolves gaps forward and overlaps to the first occurrence")
        func syntheticTable() {
            // Offset 0 until t = 1000 (UTC), then +3600 until t = 100 000, then 0 again.
            let table = TimeZoneTable(
                initialOffsetSeconds: 0,
                transitions: [(100_000, 0), (1_000, 3_600), (1_000, 3_600), (50_000, 3_600)])
            #expect(table.transitionUTCSeconds == [1_000, 100_000])  // no-change entry and duplicate dropped
            let rule = ZoneRule(identifier: "Test/Synthetic", storage: .table(table))
            // Gap: local [1000, 4600) does not exist; read with the old offset (0).
            #expect(rule.utcOffsetSeconds(forLocalSeconds: 999) == 0)
            #expect(rule.utcOffsetSeconds(forLocalSeconds: 1_000) == 0)
            #expect(rule.utcOffsetSeconds(forLocalSeconds: 4_599) == 0)
            #expect(rule.utcOffsetSeconds(forLocalSeconds: 4_600) == 3_600)
            // Overlap: local [100 000, 103 600) occurs twice; the first occurrence has offset +3600.
            #expect(rule.utcOffsetSeconds(forLocalSeconds: 99_999) == 3_600)
            #expect(rule.utcOffsetSeconds(forLocalSeconds: 103_599) == 3_600)
            #expect(rule.utcOffsetSeconds(forLocalSeconds: 103_600) == 0)
            #expect(rule.utcOffsetSeconds(atUTCSeconds: 999) == 0)
            #expect(rule.utcOffsetSeconds(atUTCSeconds: 1_000) == 3_600)
            #expect(rule.utcOffsetSeconds(atUTCSeconds: 99_999) == 3_600)
            #expect(rule.utcOffsetSeconds(atUTCSeconds: 100_000) == 0)
        }

        @Test("offsets at random instants equal TimeZone.secondsFromGMT", arguments: differentialZones)
        func zoneOffsetsMatchFoundation(_ name: String) throws {
            let rule = try #require(ZoneRule.named(name))
            let foundation = try #require(TimeZone(identifier: name))
            var rng = TimestampTestRNG(seed: TimestampTestRNG.seed)
            for _ in 0..<2_000 {
                let utc = Int64.random(in: seconds1900..<seconds2101, using: &rng)
                let expected = foundation.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc)))
                #expect(rule.utcOffsetSeconds(atUTCSeconds: utc) == Int64(expected), "\(name) at \(utc) (seed \(TimestampTestRNG.seed))")
            }
        }

        @Test("random local times resolve as Foundation's Calendar does", arguments: differentialZones)
        func localTimesMatchCalendar(_ name: String) throws {
            let rule = try #require(ZoneRule.named(name))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(identifier: name))
            var rng = TimestampTestRNG(seed: TimestampTestRNG.seed)
            // Half the samples sit within two hours of a transition, to hit gaps and overlaps.
            let transitions: [Int64] =
                if case .table(let table) = rule.storage { table.transitionUTCSeconds } else { [] }
            for _ in 0..<2_000 {
                let local: Int64
                if let transition = transitions.randomElement(using: &rng), Bool.random(using: &rng) {
                    local = transition + rule.utcOffsetSeconds(atUTCSeconds: transition) + Int64.random(in: -7_200...7_200, using: &rng)
                } else {
                    local = Int64.random(in: (seconds1900 + 86_400)..<(seconds2101 - 86_400), using: &rng)
                }
                let c = CivilTime(Timestamp(microsecondsSinceEpoch: local * 1_000_000))
                let components = DateComponents(
                    year: Int(c.year), month: Int(c.month), day: Int(c.day),
                    hour: Int(c.hour), minute: Int(c.minute), second: Int(c.second))
                let expected = try #require(calendar.date(from: components))
                let ours = try #require(parse(localText(local), zone: rule))
                #expect(
                    ours.microsecondsSinceEpoch == Int64(expected.timeIntervalSince1970) * 1_000_000,
                    "\(name) \(localText(local)) (seed \(TimestampTestRNG.seed))")
            }
        }
    }
}
