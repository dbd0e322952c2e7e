import Testing

@testable import OpsMetrics

@Suite("TimeFormat: explicit timestamp layouts")
struct TimeFormatTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let pattern: String
        let text: String
        /// RFC 3339 UTC, or nil when the text must be rejected.
        let expected: String?
        var zone = "UTC"
        var testDescription: String { "\(pattern) ← \(text)" }
    }

    static let cases: [Case] = [
        // ServiceNow's audit log: day first, no padding, no seconds.
        Case(pattern: "d/M/yyyy H:mm", text: "29/2/2016 01:16", expected: "2016-02-29T01:16:00Z"),
        Case(pattern: "d/M/yyyy H:mm", text: "5/3/2016 12:00", expected: "2016-03-05T12:00:00Z"),
        Case(pattern: "d/M/yyyy H:mm", text: "05/03/2016 9:07", expected: "2016-03-05T09:07:00Z"),
        Case(pattern: "d/M/yyyy H:mm", text: "  1/3/2016 13:03\t", expected: "2016-03-01T13:03:00Z"),
        Case(pattern: "d/M/yyyy H:mm", text: "29/2/2017 01:16", expected: nil),  // not a leap year
        Case(pattern: "d/M/yyyy H:mm", text: "31/4/2016 01:16", expected: nil),
        Case(pattern: "d/M/yyyy H:mm", text: "1/13/2016 01:16", expected: nil),
        Case(pattern: "d/M/yyyy H:mm", text: "1/3/2016 24:00", expected: nil),
        Case(pattern: "d/M/yyyy H:mm", text: "1/3/2016 01:60", expected: nil),
        Case(pattern: "d/M/yyyy H:mm", text: "1/3/2016 01:16:00", expected: nil),  // trailing bytes
        Case(pattern: "d/M/yyyy H:mm", text: "1/3/16 01:16", expected: nil),
        Case(pattern: "d/M/yyyy H:mm", text: "123/3/2016 01:16", expected: nil),
        Case(pattern: "d/M/yyyy H:mm", text: "", expected: nil),
        // Zero-padded, with seconds.
        Case(pattern: "dd/MM/yyyy HH:mm:ss", text: "05/02/2012 13:32:07", expected: "2012-02-05T13:32:07Z"),
        Case(pattern: "dd/MM/yyyy HH:mm:ss", text: "5/02/2012 13:32:07", expected: nil),
        Case(pattern: "dd/MM/yyyy HH:mm", text: "05/02/2012 13:32", expected: "2012-02-05T13:32:00Z"),
        // Jira's CSV export.
        Case(pattern: "d/MMM/yy h:mm a", text: "12/Mar/24 3:45 PM", expected: "2024-03-12T15:45:00Z"),
        Case(pattern: "d/MMM/yy h:mm a", text: "1/jan/24 12:05 am", expected: "2024-01-01T00:05:00Z"),
        Case(pattern: "d/MMM/yy h:mm a", text: "1/Jan/24 12:05 PM", expected: "2024-01-01T12:05:00Z"),
        Case(pattern: "d/MMM/yy h:mm a", text: "30/Sep/99 11:59 PM", expected: "1999-09-30T23:59:00Z"),
        Case(pattern: "d/MMM/yy h:mm a", text: "30/Sept/68 11:59 PM", expected: "2068-09-30T23:59:00Z"),
        Case(pattern: "d/MMM/yy h:mm a", text: "30/September/69 1:00 AM", expected: "1969-09-30T01:00:00Z"),
        Case(pattern: "d/MMM/yy h:mm a", text: "1/Jan/24 13:05 PM", expected: nil),
        Case(pattern: "d/MMM/yy h:mm a", text: "1/Jan/24 0:05 AM", expected: nil),
        Case(pattern: "d/MMM/yy h:mm a", text: "1/Jam/24 1:05 AM", expected: nil),
        Case(pattern: "d/MMM/yy h:mm a", text: "1/Janu/24 1:05 AM", expected: nil),
        Case(pattern: "d/MMM/yy h:mm a", text: "1/Jan/24 1:05 XM", expected: nil),
        // US dates, date only.
        Case(pattern: "M/d/yyyy", text: "3/12/2024", expected: "2024-03-12T00:00:00Z"),
        Case(pattern: "M/d/yyyy", text: "12/31/2024", expected: "2024-12-31T00:00:00Z"),
        Case(pattern: "M/d/yyyy", text: "31/12/2024", expected: nil),
        // ISO-like with fractions and offsets.
        Case(pattern: "yyyy-MM-dd HH:mm:ss", text: "2020-08-28 11:01:27", expected: "2020-08-28T11:01:27Z"),
        Case(pattern: "yyyy-MM-dd HH:mm:ss.SSS", text: "2020-08-28 11:01:27.5", expected: "2020-08-28T11:01:27.500Z"),
        Case(pattern: "yyyy-MM-dd HH:mm:ss.SSS", text: "2020-08-28 11:01:27.1234567", expected: "2020-08-28T11:01:27.123456Z"),
        Case(pattern: "yyyy-MM-dd HH:mm:ss.SSS", text: "2020-08-28 11:01:27.", expected: nil),
        Case(pattern: "yyyy-MM-dd'T'HH:mm:ss.SSSZ", text: "2020-06-12T08:13:13.360+0800", expected: "2020-06-12T00:13:13.360Z"),
        Case(pattern: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", text: "2020-06-12T08:13:13.360-05:30", expected: "2020-06-12T13:43:13.360Z"),
        Case(pattern: "yyyy-MM-dd'T'HH:mm:ssX", text: "2010-03-31T15:59:42Z", expected: "2010-03-31T15:59:42Z"),
        Case(pattern: "yyyy-MM-dd'T'HH:mm:ssX", text: "2010-03-31T15:59:42+24:00", expected: nil),
        Case(pattern: "yyyy-MM-dd'T'HH:mm:ssX", text: "2010-03-31T15:59:42", expected: nil),
        // Optional sections: a fraction, an offset.
        Case(pattern: "yyyy-MM-dd HH:mm:ss[.S][XXX]", text: "2010-01-13 08:40:25+00:00", expected: "2010-01-13T08:40:25Z"),
        Case(pattern: "yyyy-MM-dd HH:mm:ss[.S][XXX]", text: "2010-01-13 08:40:25.25", expected: "2010-01-13T08:40:25.250Z"),
        Case(pattern: "yyyy-MM-dd HH:mm:ss[.S][XXX]", text: "2010-01-13 08:40:25", expected: "2010-01-13T10:40:25Z", zone: "-02:00"),
        Case(pattern: "yyyy-MM-dd HH:mm:ss[ XXX]", text: "2010-01-13 08:40:25 +01:00", expected: "2010-01-13T07:40:25Z"),
        // Zone-less values follow --tz, daylight-saving included.
        Case(pattern: "d/M/yyyy H:mm", text: "1/7/2024 12:00", expected: "2024-07-01T10:00:00Z", zone: "Europe/Berlin"),
        Case(pattern: "d/M/yyyy H:mm", text: "1/1/2024 12:00", expected: "2024-01-01T11:00:00Z", zone: "Europe/Berlin"),
        Case(pattern: "d/M/yyyy H:mm", text: "31/3/2024 2:30", expected: "2024-03-31T01:30:00Z", zone: "Europe/Berlin"),  // gap
        Case(pattern: "d/M/yyyy H:mm", text: "27/10/2024 2:30", expected: "2024-10-27T00:30:00Z", zone: "Europe/Berlin"),  // overlap
        // Month names with spaces and commas; blanks are one or more.
        Case(pattern: "MMM d, yyyy h:mm a", text: "March 5, 2024  9:15 am", expected: "2024-03-05T09:15:00Z"),
        Case(pattern: "d MMM yyyy", text: "5 may 2024", expected: "2024-05-05T00:00:00Z"),
        Case(pattern: "dd.MM.yyyy HH:mm", text: "05.03.2024 09:15", expected: "2024-03-05T09:15:00Z"),
        Case(pattern: "dd.MM.yyyy HH:mm", text: "05-03-2024 09:15", expected: nil),
        // Literal quotes.
        Case(pattern: "yyyy-MM-dd 'at' HH:mm", text: "2024-03-05 at 09:15", expected: "2024-03-05T09:15:00Z"),
        Case(pattern: "''yyyy-MM-dd''", text: "'2024-03-05'", expected: "2024-03-05T00:00:00Z"),
        // Values are trimmed, so blanks that end an optional section match none at the end
        // (found by the TimeFormat fuzz target).
        Case(pattern: "yyyy-MM-dd[ HH:mm ]", text: "2024-03-05 09:15 ", expected: "2024-03-05T09:15:00Z"),
        Case(pattern: "yyyy-MM-dd[ HH:mm ][XXX]", text: "2024-03-05 09:15", expected: "2024-03-05T09:15:00Z"),
        Case(pattern: "yyyy-MM-dd[ HH:mm ][XXX]", text: "2024-03-05 09:15 +01:00", expected: "2024-03-05T08:15:00Z"),
        Case(pattern: "yyyy-MM-dd HH:mm", text: "2024-03-05", expected: nil),
        // Every instant read lies in the years 0000-9999 in UTC (found by the TimeFormat fuzz target).
        Case(pattern: "d.M.yyyy", text: "1.1.0000", expected: nil, zone: "+05:30"),
        Case(pattern: "d.M.yyyy", text: "1.1.0000", expected: "0000-01-01T00:00:00Z"),
        Case(pattern: "d.M.yyyy H:mm X", text: "31.12.9999 23:59 -01:00", expected: nil),
        Case(pattern: "d.M.yyyy H:mm X", text: "31.12.9999 23:59 +01:00", expected: "9999-12-31T22:59:00Z"),
    ]

    @Test("parses and rejects", arguments: cases)
    func parses(_ testCase: Case) throws {
        let format = try TimeFormat(testCase.pattern)
        let zone = try #require(ZoneRule.named(testCase.zone))
        #expect(format.parse(testCase.text, zone: zone)?.description == testCase.expected)
    }

    struct BadPattern: Sendable, CustomTestStringConvertible {
        let pattern: String
        let message: String
        var testDescription: String { pattern }
    }

    static let badPatterns: [BadPattern] = [
        BadPattern(pattern: "d/M/yyy", message: "the year is 'yyyy' (4 digits) or 'yy'"),
        BadPattern(pattern: "d/M/yyyy H:mm Q", message: "unknown pattern letter 'Q'"),
        BadPattern(pattern: "yyyy-MM-ddTHH:mm", message: "unknown pattern letter 'T' (quote literal text: 'T')"),
        BadPattern(pattern: "H:mm", message: "needs a year (yyyy or yy), a month (M, MM or MMM) and a day"),
        BadPattern(pattern: "d/M/yyyy h:mm", message: "'h' (hour 1-12) needs 'a'"),
        BadPattern(pattern: "d/M/yyyy H:mm a", message: "'a' (AM/PM) needs 'h'"),
        BadPattern(pattern: "d/M/yyyy 'at H:mm", message: "a quote is not closed"),
        BadPattern(pattern: "d/M/yyyy [H:mm", message: "optional section '[' is not closed"),
        BadPattern(pattern: "d/M/yyyy [[H:mm]]", message: "cannot be nested"),
        BadPattern(pattern: "d/M/yyyy H:mmm", message: "'mmm' is not a pattern; 'm' takes 1 to 2 letters"),
        BadPattern(pattern: "ddd/M/yyyy", message: "'ddd' is not a pattern"),
    ]

    @Test("rejects bad patterns with a message", arguments: badPatterns)
    func badPattern(_ testCase: BadPattern) {
        #expect {
            _ = try TimeFormat(testCase.pattern)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.message.contains(testCase.message) && error.message.contains("'\(testCase.pattern)'")
        }
    }

    @Test("agrees with the civil-time arithmetic on random dates (seeded)")
    func randomOracle() throws {
        var generator = SplitMix64(seed: SplitMix64.configuredSeed)
        let padded = try TimeFormat("dd/MM/yyyy HH:mm:ss")
        let loose = try TimeFormat("d/M/yyyy H:mm:s")
        let twelve = try TimeFormat("M/d/yyyy h:mm:ss a")
        for _ in 0..<2_000 {
            let year = Int64.random(in: 1900...2100, using: &generator)
            let month = Int64.random(in: 1...12, using: &generator)
            let day = Int64.random(in: 1...CivilTime.daysInMonth(year: year, month: month), using: &generator)
            let hour = Int64.random(in: 0...23, using: &generator)
            let minute = Int64.random(in: 0...59, using: &generator)
            let second = Int64.random(in: 0...59, using: &generator)
            let expected = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).timestamp
            func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
            #expect(padded.parse("\(two(day))/\(two(month))/\(year) \(two(hour)):\(two(minute)):\(two(second))") == expected,
                    "seed \(SplitMix64.configuredSeed)")
            #expect(loose.parse("\(day)/\(month)/\(year) \(hour):\(two(minute)):\(second)") == expected, "seed \(SplitMix64.configuredSeed)")
            let hour12 = hour % 12 == 0 ? 12 : hour % 12
            #expect(twelve.parse("\(month)/\(day)/\(year) \(hour12):\(two(minute)):\(two(second)) \(hour < 12 ? "AM" : "pm")") == expected,
                    "seed \(SplitMix64.configuredSeed)")
        }
    }

    @Test("never traps on random bytes")
    func randomBytes() throws {
        var generator = SplitMix64(seed: SplitMix64.configuredSeed)
        let formats = try ["d/M/yyyy H:mm", "d/MMM/yy h:mm a", "yyyy-MM-dd HH:mm:ss[.S][XXX]"].map { try TimeFormat($0) }
        let alphabet = Array("0123456789/:-+. aApPmMJanZ\t".utf8)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            for format in formats { _ = format.parse(bytes.span, zone: .utc) }
        }
    }

    // MARK: Detection

    struct DetectionCase: Sendable, CustomTestStringConvertible {
        let name: String
        let values: [String]
        let expected: String
        var testDescription: String { name }
    }

    static let detectionCases: [DetectionCase] = [
        DetectionCase(name: "ISO values need no format", values: ["2024-03-01T10:00:00Z", "1709296215"], expected: "standard"),
        DetectionCase(name: "a day above 12 proves day first",
                      values: ["1/3/2016 13:03", "5/3/2016 12:00", "29/2/2016 01:16"], expected: "d/M/yyyy H:mm"),
        DetectionCase(name: "a second field above 12 proves month first",
                      values: ["3/1/2016 1:03 PM", "12/31/2016 11:00 AM"], expected: "M/d/yyyy h:mm a"),
        DetectionCase(name: "no field above 12: ambiguous",
                      values: ["1/3/2016 13:03", "5/3/2016 12:00", "12/11/2016 01:16"], expected: "ambiguous"),
        DetectionCase(name: "day and month both above 12 in different rows: no layout reads all",
                      values: ["13/1/2016", "1/13/2016"], expected: "unrecognized"),
        DetectionCase(name: "month names need no order", values: ["12/Mar/24 3:45 PM", "1/Apr/24 9:00 AM"], expected: "d/MMM/yy h:mm a"),
        DetectionCase(name: "zero-padded with seconds", values: ["05/02/2012 13:32:07", "28/02/2012 09:00:00"], expected: "d/M/yyyy H:mm:ss"),
        DetectionCase(name: "dots", values: ["31.12.2024 23:59"], expected: "d.M.yyyy H:mm"),
        DetectionCase(name: "unreadable", values: ["yesterday"], expected: "unrecognized"),
        DetectionCase(name: "nothing", values: [], expected: "none"),
    ]

    @Test("detects a layout only when the data proves the day/month order", arguments: detectionCases)
    func detection(_ testCase: DetectionCase) {
        let result: String
        switch TimeFormat.detect(testCase.values) {
        case .standard: result = "standard"
        case .detected(let format, _): result = format.pattern
        case .ambiguous(let formats, _):
            result = "ambiguous"
            #expect(formats.map(\.pattern).sorted() == ["M/d/yyyy H:mm", "d/M/yyyy H:mm"])
        case .unrecognized: result = "unrecognized"
        case .noValues: result = "none"
        }
        #expect(result == testCase.expected)
    }

    @Test("the evidence names the value that proves the order")
    func evidence() {
        guard case .detected(_, let evidence) = TimeFormat.detect(["1/3/2016 13:03", "29/2/2016 01:16"]) else {
            Issue.record("expected a detected layout")
            return
        }
        #expect(evidence == "'29/2/2016 01:16' can only be read day first")
    }

    // MARK: Reader

    @Test("the reader reads every timestamp field with the configured layout, in the configured zone")
    func reader() throws {
        var configuration = ReportConfiguration()
        configuration.timeFormat = try TimeFormat("d/M/yyyy H:mm")
        configuration.zone = try #require(ZoneRule.named("Europe/Berlin"))
        let text = """
        id,opened,resolved
        A,29/2/2016 01:16,1/3/2016 13:03

        """
        let log = try readLog(text, configuration: configuration)
        let state = log.states[0]
        #expect(state.opened == at("2016-02-29T00:16:00Z").microsecondsSinceEpoch)
        #expect(state.resolvedLast == at("2016-03-01T12:03:00Z").microsecondsSinceEpoch)
    }

    @Test("a value in another layout is an invalid timestamp naming the layout")
    func readerError() throws {
        var configuration = ReportConfiguration()
        configuration.timeFormat = try TimeFormat("d/M/yyyy H:mm")
        let text = "id,opened\nA,2/29/2016 01:16\n"
        #expect {
            _ = try readLog(text, configuration: configuration)
        } throws: { error in
            guard let error = error as? ParseError else { return false }
            return error.description == "test.csv:2:3: error: invalid timestamp in field 'opened': expected a time in the layout 'd/M/yyyy H:mm' (--time-format), found \"2/29/2016 01:16\""
        }
        // Epoch numbers are not read as a fallback: "5" is no time in this layout.
        #expect(throws: ParseError.self) { _ = try readLog("id,opened\nA,5\n", configuration: configuration) }
    }

    @Test("RFC 3339 / ISO 8601 values are still read when a layout is set")
    func isoFallback() throws {
        var configuration = ReportConfiguration()
        configuration.timeFormat = try TimeFormat("d/M/yyyy H:mm")
        let log = try readLog("id,opened,resolved\nA,29/2/2016 01:16,2016-02-29T02:16:00+01:00\n", configuration: configuration)
        #expect(log.states[0].resolvedLast == at("2016-02-29T01:16:00Z").microsecondsSinceEpoch)
    }
}
