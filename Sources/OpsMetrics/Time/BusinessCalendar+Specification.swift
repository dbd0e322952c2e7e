extension BusinessCalendar {
    /// A calendar from a one-line specification, as the `--calendar` option takes it.
    ///
    /// Grammar (whitespace separates the parts; `;` between groups is optional):
    ///
    ///     specification = "24x7" [zone] | group { [";"] group } [zone]
    ///     group         = weekdays spans
    ///     weekdays      = day ["-" day] { "," day ["-" day] }      Mon Tue Wed Thu Fri Sat Sun
    ///     spans         = HH:MM "-" HH:MM { "," HH:MM "-" HH:MM }    an end at or before its start runs past midnight
    ///     zone          = an IANA name ("Europe/London"), "UTC" or an offset ("+05:30"); default UTC
    ///
    /// ```swift
    /// try BusinessCalendar(specification: "Mon-Fri 09:00-17:00 Europe/London")
    /// try BusinessCalendar(specification: "Mon-Fri 08:00-12:00,13:00-17:00; Sat 10:00-14:00 America/New_York")
    /// try BusinessCalendar(specification: "Mon-Sun 22:00-06:00 Australia/Sydney")   // nights
    /// try BusinessCalendar(specification: "24x7")
    /// ```
    ///
    /// - Parameters:
    ///   - specification: The text.
    ///   - name: The calendar's name; defaults to the specification itself.
    ///   - holidays: Holiday dates in the calendar's zone.
    /// - Throws: ``ConfigurationError`` saying what was expected and what was found.
    public init(specification: String, name: String? = nil, holidays: Holidays = Holidays()) throws(ConfigurationError) {
        let tokens = specification.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" }).map(String.init)
        guard !tokens.isEmpty else {
            throw ConfigurationError("expected working hours such as 'Mon-Fri 09:00-17:00 Europe/London' or '24x7', found nothing")
        }
        var spans: [WorkingHours.Span] = []
        var zone = ZoneRule.utc
        var index = 0
        if tokens[0].lowercased() == "24x7" {
            spans = WorkingHours.allWeek.spans
            index = 1
        } else {
            while index < tokens.count {
                guard let days = Self.weekdays(tokens[index]) else { break }
                guard index + 1 < tokens.count, let daySpans = Self.spans(tokens[index + 1]) else {
                    let found = index + 1 < tokens.count ? "'\(tokens[index + 1])'" : "nothing"
                    throw ConfigurationError("expected hours such as '09:00-17:00' after '\(tokens[index])', found \(found)")
                }
                for day in days {
                    for span in daySpans {
                        spans.append(WorkingHours.Span(weekday: day, startMinute: span.start, endMinute: span.end))
                    }
                }
                index += 2
            }
            if spans.isEmpty {
                throw ConfigurationError("expected weekdays such as 'Mon-Fri' (Mon Tue Wed Thu Fri Sat Sun) or '24x7', found '\(tokens[0])'")
            }
        }
        if index < tokens.count {
            guard let rule = ZoneRule.named(tokens[index]) else {
                throw ConfigurationError("expected weekdays, or a time zone such as 'Europe/London', 'UTC' or '+05:30', found '\(tokens[index])'")
            }
            zone = rule
            index += 1
        }
        if index < tokens.count {
            throw ConfigurationError("expected nothing after the time zone '\(tokens[index - 1])', found '\(tokens[index])'")
        }
        self.init(name: name ?? specification, hours: WorkingHours(spans: spans), holidays: holidays, zone: zone)
    }

    private static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `Mon-Fri`, `Mon,Wed,Fri`, `Sat-Sun,Mon` (ranges may wrap past Sunday): weekday numbers.
    private static func weekdays(_ token: String) -> [Int]? {
        var result: [Int] = []
        for part in token.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 1 || ends.count == 2 else { return nil }
            guard let first = dayNames.firstIndex(of: ends[0].lowercased()) else { return nil }
            guard ends.count == 2 else {
                result.append(first)
                continue
            }
            guard let last = dayNames.firstIndex(of: ends[1].lowercased()) else { return nil }
            var day = first
            while true {
                result.append(day)
                if day == last { break }
                day = (day + 1) % 7
            }
        }
        return result
    }

    /// `09:00-17:00`, `08:00-12:00,13:00-17:00`, `22:00-06:00` (past midnight), `00:00-24:00`.
    private static func spans(_ token: String) -> [(start: Int, end: Int)]? {
        var result: [(start: Int, end: Int)] = []
        for part in token.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let start = minutes(ends[0]), start < 1440, let end = minutes(ends[1]) else { return nil }
            guard start != end || end != 1440 else { return nil }
            result.append((start, end > start ? end : end + 1440))
        }
        return result
    }

    /// `HH:MM` with HH 00-24 (24 only as `24:00`) and MM 00-59, as minutes after midnight.
    private static func minutes(_ text: Substring) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == ASCII.colon else { return nil }
        var digits: [Int] = []
        for i in [0, 1, 3, 4] {
            let digit = bytes[i] &- ASCII.zero
            guard digit < 10 else { return nil }
            digits.append(Int(digit))
        }
        let hour = digits[0] * 10 + digits[1]
        let minute = digits[2] * 10 + digits[3]
        guard minute < 60, hour < 24 || (hour == 24 && minute == 0) else { return nil }
        return hour * 60 + minute
    }
}
