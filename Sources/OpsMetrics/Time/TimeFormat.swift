// TimeFormat: an explicit timestamp layout (`d/M/yyyy H:mm`, `d/MMM/yy h:mm a`, ...), compiled
// once from a pattern into a short list of elements and then matched against each field's bytes.
//
// DESIGN
//
// ITSM exports write times the way their locale or their users like: ServiceNow's audit log
// `29/2/2016 01:16` (day first, no padding, no zone), Jira's CSV `12/Mar/24 3:45 PM`, US list
// exports `3/12/2024`. `TimestampParser` reads only RFC 3339 and epoch numbers on purpose, so a
// report never guesses the order of day and month. A `TimeFormat` is the explicit answer: the
// pattern is compiled once (at configuration time, where a bad pattern is a usage error), and
// parsing walks the compiled elements over a `Span<UInt8>` in one forward pass, with no
// allocation, no `String` and no Foundation. Numbers are at most four digits, so no arithmetic
// can overflow before the final scaling, which is checked.
//
// WHAT MUST NOT BREAK
//
// - Any byte sequence yields a value or `nil`, never a trap: every read is guarded by `< count`.
// - The pattern is the whole field: trailing bytes that the pattern does not consume are an error.
// - The day/month order is the pattern's; detection (TimeFormat+Detection.swift) decides it only
//   when a value proves it.

/// A timestamp layout for exports that do not write RFC 3339, compiled once from a pattern.
///
/// ```swift
/// let format = try TimeFormat("d/M/yyyy H:mm")
/// format.parse("29/2/2016 01:16")          // 2016-02-29T01:16:00Z
/// let jira = try TimeFormat("d/MMM/yy h:mm a")
/// jira.parse("12/Mar/24 3:45 PM", zone: .fixed(offsetSeconds: 3600))  // 2024-03-12T14:45:00Z
/// ```
///
/// ## Pattern letters
///
/// | letters | meaning | accepts |
/// |---|---|---|
/// | `yyyy` | year | exactly 4 digits |
/// | `yy` | two-digit year | 2 digits: `00`–`68` are 2000–2068, `69`–`99` are 1969–1999 (the POSIX `%y` pivot, ``twoDigitYearPivot``) |
/// | `M`, `MM` | month number | `M`: 1 or 2 digits; `MM`: exactly 2 |
/// | `MMM`, `MMMM` | English month name | `Jan` … `Dec` or `January` … `December`, any case (both spellings for both tokens; `Sept` too) |
/// | `d`, `dd` | day of the month | `d`: 1 or 2 digits; `dd`: exactly 2 |
/// | `H`, `HH` | hour 0–23 | 1 or 2 digits / exactly 2 |
/// | `h`, `hh` | hour 1–12, with `a` | 1 or 2 digits / exactly 2 |
/// | `m`, `mm` | minute | 1 or 2 digits / exactly 2 |
/// | `s`, `ss` | second | 1 or 2 digits / exactly 2 |
/// | `S` … | fraction of a second | one or more digits, however many `S` are written; truncated to microseconds |
/// | `a` | `AM` / `PM` | any case; 12 AM is midnight, 12 PM noon |
/// | `X`, `XX`, `XXX`, `Z`, `ZZ`, `ZZZ`, `x`, `xx`, `xxx` | UTC offset | `Z`, `z`, `±HH`, `±HHMM`, `±HH:MM` |
/// | `'text'` | literal text | itself (`''` is one quote) |
/// | `[` … `]` | optional section | the elements inside, or nothing (not nested) |
/// | space | blanks | one or more spaces or tabs (none at the value's start or end) |
/// | any other non-letter | itself | exactly that byte (`/`, `-`, `.`, `:`, `,`, `T` must be quoted) |
///
/// Rules:
/// - A pattern must contain a year, a month and a day. A missing hour, minute or second is 0.
/// - `h` needs `a` and `a` needs `h`; `H` with `a` is an error.
/// - Values are range-checked: month 1–12, day up to the month's length (leap years included),
///   hour 0–23 (1–12 with `a`), minute and second 0–59. Leading and trailing blanks are ignored;
///   anything else the pattern does not consume makes the value invalid.
/// - A value without an offset (no offset letter, or an optional one left out) is local time in
///   the reader's ``ZoneRule`` (`--tz`), with its daylight-saving rules.
///
/// - Complexity: parsing is O(*n*) in the field length and allocates nothing.
public struct TimeFormat: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as given.
    public let pattern: String
    /// The compiled elements, in order.
    let elements: [Element]
    /// Whether the pattern can read an offset (then a value may carry one).
    let hasOffset: Bool

    /// Two-digit years below this are in the 2000s, the others in the 1900s (`yy`).
    public static let twoDigitYearPivot = 69

    /// One compiled piece of a pattern.
    enum Element: Sendable, Hashable {
        case year4, year2
        /// A numeric field with 1–2 digits (`exact == false`) or exactly 2.
        case number(Component, exact: Bool)
        case monthName
        /// One or more digits of a fraction of a second.
        case fraction
        case meridiem
        case offset
        /// One or more blanks.
        case blanks
        case literal(UInt8)
        case optionalStart, optionalEnd
    }

    /// The calendar or clock component a numeric element sets.
    enum Component: Sendable, Hashable {
        case month, day, hour24, hour12, minute, second
    }

    /// Compiles a pattern.
    ///
    /// - Parameter pattern: A pattern such as `dd/MM/yyyy HH:mm:ss` (see the table above).
    /// - Throws: ``ConfigurationError`` naming the problem: an unknown letter, a wrong number of
    ///   repeats (`yyy`), an unclosed quote or section, a missing year, month or day, or `h`
    ///   without `a`.
    public init(_ pattern: String) throws(ConfigurationError) {
        self.pattern = pattern
        self.elements = try TimeFormat.compile(Array(pattern.utf8), pattern: pattern)
        self.hasOffset = elements.contains(.offset)
    }

    public var description: String { pattern }

    /// Parses text; a value without an offset is read in `zone`.
    ///
    /// - Returns: The instant, or `nil` if the text does not match the pattern, names an
    ///   impossible date or time, or an instant outside the years 0000 through 9999 in UTC.
    public func parse(_ text: String, zone: ZoneRule = .utc) -> Timestamp? {
        let bytes = Array(text.utf8)
        return parse(bytes.span, zone: zone)
    }

    // MARK: - Parsing

    /// Parses one field's bytes (leading and trailing blanks ignored). No allocation.
    ///
    /// Like ``TimestampParser``, it reads only instants in the years 0000 through 9999 in UTC
    /// (``TimestampParser/supportedRange``), so that every time read has an RFC 3339 form:
    /// `01/01/0000 00:00` in `+05:30` is invalid.
    func parse(_ bytes: Span<UInt8>, zone: ZoneRule) -> Timestamp? {
        guard let instant = parseUnchecked(bytes, zone: zone),
              TimestampParser.supportedRange.contains(instant.microsecondsSinceEpoch) else { return nil }
        return instant
    }

    /// Why a field that matches the pattern is still invalid, for the error message; `nil` when
    /// it does not match (the expectation names the layout) or is valid.
    func diagnosis(_ bytes: Span<UInt8>, zone: ZoneRule) -> String? {
        guard let instant = parseUnchecked(bytes, zone: zone),
              !TimestampParser.supportedRange.contains(instant.microsecondsSinceEpoch) else { return nil }
        return "it falls outside the years 0000 to 9999 in UTC"
    }

    /// The instant the field's bytes denote, in any year.
    private func parseUnchecked(_ bytes: Span<UInt8>, zone: ZoneRule) -> Timestamp? {
        var start = 0
        var end = bytes.count
        while start < end, TimeFormat.isBlank(bytes[start]) { start &+= 1 }
        while end > start, TimeFormat.isBlank(bytes[end &- 1]) { end &-= 1 }
        let field = bytes.extracting(start..<end)

        var fields = Fields()
        var index = 0
        var element = 0
        // The state to return to when an optional section fails.
        var optionalIndex = -1
        var optionalFields = fields
        let count = elements.count
        while element < count {
            let current = elements[element]
            element &+= 1
            switch current {
            case .optionalStart:
                optionalIndex = index
                optionalFields = fields
                continue
            case .optionalEnd:
                optionalIndex = -1
                continue
            default:
                break
            }
            if let next = TimeFormat.match(current, field, at: index, into: &fields) {
                index = next
            } else if optionalIndex >= 0 {
                // Skip the rest of the section and continue after it, from where it started.
                index = optionalIndex
                fields = optionalFields
                optionalIndex = -1
                while element < count, elements[element] != .optionalEnd { element &+= 1 }
                element &+= 1
            } else {
                return nil
            }
        }
        guard index == field.count else { return nil }
        return fields.timestamp(zone: zone)
    }

    /// The values read so far; `-1` means not given.
    private struct Fields {
        var year: Int64 = -1
        var month: Int64 = -1
        var day: Int64 = -1
        var hour: Int64 = 0
        var hour12: Int64 = -1
        var pm: Bool? = nil
        var minute: Int64 = 0
        var second: Int64 = 0
        var microsecond: Int64 = 0
        var offset: Int64? = nil

        func timestamp(zone: ZoneRule) -> Timestamp? {
            guard year >= 0, month >= 1, month <= 12, day >= 1,
                day <= 28 || day <= CivilTime.daysInMonth(year: year, month: month)
            else { return nil }
            var hour = self.hour
            if hour12 >= 0 {
                guard hour12 >= 1, hour12 <= 12, let pm else { return nil }
                hour = hour12 % 12 + (pm ? 12 : 0)
            }
            guard hour < 24, minute < 60, second < 60 else { return nil }
            let days = TimestampParser.daysSinceEpoch(year: year, month: month, day: day)
            let local = days &* 86_400 &+ hour &* 3600 &+ minute &* 60 &+ second
            let utc = local.subtractingReportingOverflow(offset ?? zone.utcOffsetSeconds(forLocalSeconds: local))
            if utc.overflow { return nil }
            let scaled = utc.partialValue.multipliedReportingOverflow(by: Timestamp.microsecondsPerSecond)
            if scaled.overflow { return nil }
            let total = scaled.partialValue.addingReportingOverflow(microsecond)
            if total.overflow { return nil }
            return Timestamp(microsecondsSinceEpoch: total.partialValue)
        }
    }

    /// Matches one element at `index`; returns the index after it, or `nil`.
    private static func match(_ element: Element, _ field: Span<UInt8>, at index: Int, into fields: inout Fields) -> Int? {
        let count = field.count
        switch element {
        case .year4:
            guard let (value, next) = digits(field, index, min: 4, max: 4) else { return nil }
            fields.year = value
            return next
        case .year2:
            guard let (value, next) = digits(field, index, min: 2, max: 2) else { return nil }
            fields.year = value < Int64(twoDigitYearPivot) ? 2000 &+ value : 1900 &+ value
            return next
        case .number(let component, let exact):
            guard let (value, next) = digits(field, index, min: exact ? 2 : 1, max: 2) else { return nil }
            switch component {
            case .month: fields.month = value
            case .day: fields.day = value
            case .hour24: fields.hour = value
            case .hour12: fields.hour12 = value
            case .minute: fields.minute = value
            case .second: fields.second = value
            }
            return next
        case .monthName:
            guard let (month, next) = monthName(field, index) else { return nil }
            fields.month = month
            return next
        case .fraction:
            var i = index
            var kept = 0
            var micros: Int64 = 0
            while i < count, ASCII.isDigit(field[i]) {
                if kept < 6 {
                    micros = micros &* 10 &+ Int64(field[i] &- ASCII.zero)
                    kept &+= 1
                }
                i &+= 1
            }
            guard i > index else { return nil }
            while kept < 6 {
                micros &*= 10
                kept &+= 1
            }
            fields.microsecond = micros
            return i
        case .meridiem:
            guard index &+ 1 < count, ASCII.lowercased(field[index &+ 1]) == mLower else { return nil }
            switch ASCII.lowercased(field[index]) {
            case ASCII.lowerA: fields.pm = false
            case pLower: fields.pm = true
            default: return nil
            }
            return index &+ 2
        case .offset:
            guard let (offset, next) = offset(field, index) else { return nil }
            fields.offset = offset
            return next
        case .blanks:
            // One or more blanks; none at the value's ends, where its blanks were trimmed.
            var i = index
            while i < count, isBlank(field[i]) { i &+= 1 }
            return i > index || index == 0 || index == count ? i : nil
        case .literal(let byte):
            guard index < count, field[index] == byte else { return nil }
            return index &+ 1
        case .optionalStart, .optionalEnd:
            return index
        }
    }

    /// `min` to `max` decimal digits at `index` (greedy).
    @inline(__always)
    private static func digits(_ field: Span<UInt8>, _ index: Int, min: Int, max: Int) -> (Int64, Int)? {
        var value: Int64 = 0
        var i = index
        let count = field.count
        while i < count, i &- index < max, ASCII.isDigit(field[i]) {
            value = value &* 10 &+ Int64(field[i] &- ASCII.zero)
            i &+= 1
        }
        return i &- index >= min ? (value, i) : nil
    }

    /// An English month name: its three-letter abbreviation, `Sept`, or the full name, any case.
    private static func monthName(_ field: Span<UInt8>, _ index: Int) -> (Int64, Int)? {
        let count = field.count
        guard index &+ 3 <= count else { return nil }
        // The first three letters, lower-cased and packed.
        let key = UInt32(ASCII.lowercased(field[index])) << 16 | UInt32(ASCII.lowercased(field[index &+ 1])) << 8
            | UInt32(ASCII.lowercased(field[index &+ 2]))
        guard let month = monthKeys.firstIndex(of: key) else { return nil }
        // Take the rest of the full name if it follows, or `Sept`'s `t`.
        let full = monthNames[month]
        var i = index &+ 3
        var matched = 3
        while i < count, matched < full.count, ASCII.lowercased(field[i]) == full[matched] {
            i &+= 1
            matched &+= 1
        }
        if matched != 3 && matched != full.count && !(month == 8 && matched == 4) { return nil }
        return (Int64(month &+ 1), i)
    }

    private static let monthNames: [[UInt8]] = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ].map { Array($0.utf8) }

    private static let monthKeys: [UInt32] = monthNames.map { name in
        UInt32(name[0]) << 16 | UInt32(name[1]) << 8 | UInt32(name[2])
    }

    /// `Z`, `z`, `±HH`, `±HHMM` or `±HH:MM` at `index`, in seconds east of UTC.
    private static func offset(_ field: Span<UInt8>, _ index: Int) -> (Int64, Int)? {
        let count = field.count
        guard index < count else { return nil }
        let sign = field[index]
        if sign == ASCII.upperZ || sign == ASCII.lowerZ { return (0, index &+ 1) }
        guard sign == ASCII.plus || sign == ASCII.minus,
            let (hours, afterHours) = digits(field, index &+ 1, min: 2, max: 2), hours <= 23
        else { return nil }
        var next = afterHours
        var minutes: Int64 = 0
        if next < count, field[next] == ASCII.colon {
            guard let (value, after) = digits(field, next &+ 1, min: 2, max: 2) else { return nil }
            minutes = value
            next = after
        } else if let (value, after) = digits(field, next, min: 2, max: 2) {
            minutes = value
            next = after
        }
        guard minutes <= 59 else { return nil }
        let magnitude = hours &* 3600 &+ minutes &* 60
        return (sign == ASCII.minus ? 0 &- magnitude : magnitude, next)
    }

    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool { byte == ASCII.space || byte == ASCII.tab }

    private static let mLower: UInt8 = 0x6D
    private static let pLower: UInt8 = 0x70

    // MARK: - Compiling

    private static func compile(_ bytes: [UInt8], pattern: String) throws(ConfigurationError) -> [Element] {
        func failure(_ problem: String) -> ConfigurationError {
            ConfigurationError("time format '\(pattern)': \(problem)")
        }
        var elements: [Element] = []
        var i = 0
        var inOptional = false
        while i < bytes.count {
            let byte = bytes[i]
            let isLetter = (byte | 0x20) >= ASCII.lowerA && (byte | 0x20) <= ASCII.lowerZ
            if isLetter {
                var run = 1
                while i + run < bytes.count, bytes[i + run] == byte { run += 1 }
                let letter = String(UnicodeScalar(byte))
                func repeats(_ allowed: ClosedRange<Int>) throws(ConfigurationError) {
                    if !allowed.contains(run) {
                        throw failure("'\(String(repeating: letter, count: run))' is not a pattern; '\(letter)' takes \(allowed.lowerBound == allowed.upperBound ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)") letters")
                    }
                }
                switch letter {
                case "y":
                    guard run == 2 || run == 4 else { throw failure("the year is 'yyyy' (4 digits) or 'yy' (2 digits), not '\(String(repeating: "y", count: run))'") }
                    elements.append(run == 4 ? .year4 : .year2)
                case "M":
                    try repeats(1...4)
                    elements.append(run >= 3 ? .monthName : .number(.month, exact: run == 2))
                case "d":
                    try repeats(1...2)
                    elements.append(.number(.day, exact: run == 2))
                case "H":
                    try repeats(1...2)
                    elements.append(.number(.hour24, exact: run == 2))
                case "h":
                    try repeats(1...2)
                    elements.append(.number(.hour12, exact: run == 2))
                case "m":
                    try repeats(1...2)
                    elements.append(.number(.minute, exact: run == 2))
                case "s":
                    try repeats(1...2)
                    elements.append(.number(.second, exact: run == 2))
                case "S":
                    try repeats(1...9)
                    elements.append(.fraction)
                case "a":
                    try repeats(1...1)
                    elements.append(.meridiem)
                case "X", "Z", "x":
                    try repeats(1...3)
                    elements.append(.offset)
                default:
                    throw failure("unknown pattern letter '\(letter)' (quote literal text: 'T')")
                }
                i += run
                continue
            }
            switch byte {
            case 0x27:  // a quote: literal text up to the next quote; '' is one quote
                if i + 1 < bytes.count, bytes[i + 1] == 0x27 {
                    elements.append(.literal(0x27))
                    i += 2
                    continue
                }
                var j = i + 1
                while j < bytes.count, bytes[j] != 0x27 {
                    elements.append(.literal(bytes[j]))
                    j += 1
                }
                guard j < bytes.count else { throw failure("a quote is not closed") }
                i = j + 1
            case ASCII.leftBracket:
                guard !inOptional else { throw failure("optional sections '[...]' cannot be nested") }
                inOptional = true
                elements.append(.optionalStart)
                i += 1
            case ASCII.rightBracket:
                guard inOptional else { throw failure("']' without '['") }
                inOptional = false
                elements.append(.optionalEnd)
                i += 1
            case ASCII.space, ASCII.tab:
                while i < bytes.count, bytes[i] == ASCII.space || bytes[i] == ASCII.tab { i += 1 }
                elements.append(.blanks)
            default:
                elements.append(.literal(byte))
                i += 1
            }
        }
        if inOptional { throw failure("an optional section '[' is not closed") }
        // Leading and trailing blanks are trimmed from values, so blanks at the pattern's ends go.
        while elements.first == .blanks { elements.removeFirst() }
        while elements.last == .blanks { elements.removeLast() }

        let hasYear = elements.contains(.year4) || elements.contains(.year2)
        let hasMonth = elements.contains(.monthName) || elements.contains(.number(.month, exact: true)) || elements.contains(.number(.month, exact: false))
        let hasDay = elements.contains(.number(.day, exact: true)) || elements.contains(.number(.day, exact: false))
        guard hasYear, hasMonth, hasDay else {
            throw failure("a time format needs a year (yyyy or yy), a month (M, MM or MMM) and a day (d or dd)")
        }
        let has12 = elements.contains(.number(.hour12, exact: true)) || elements.contains(.number(.hour12, exact: false))
        let has24 = elements.contains(.number(.hour24, exact: true)) || elements.contains(.number(.hour24, exact: false))
        let hasMeridiem = elements.contains(.meridiem)
        if has12 && !hasMeridiem { throw failure("'h' (hour 1-12) needs 'a' (AM/PM); use 'H' for 0-23") }
        if hasMeridiem && !has12 { throw failure("'a' (AM/PM) needs 'h' (hour 1-12), not 'H'") }
        if has12 && has24 { throw failure("use either 'H' (0-23) or 'h' with 'a', not both") }
        return elements
    }
}
