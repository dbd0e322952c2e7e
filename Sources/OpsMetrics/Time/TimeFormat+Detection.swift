/// What sampling a column's timestamps tells about their layout.
package enum TimeFormatDetection: Sendable, Hashable {
    /// Every value is RFC 3339 / ISO 8601 or an epoch number: the default parser reads them.
    case standard
    /// One layout reads every value, and the day/month order (if any) is proven by a value.
    case detected(TimeFormat, evidence: String)
    /// Layouts that differ in the order of day and month all read every value, and no value
    /// proves one order (no day above 12). `examples` are a few of the values.
    case ambiguous([TimeFormat], examples: [String])
    /// No known layout reads this value (together with the values before it).
    case unrecognized(example: String)
    /// No value to look at.
    case noValues
}

extension TimeFormat {
    /// Decides the layout of sampled timestamp values.
    ///
    /// The rule is never to guess the order of day and month: a numeric date such as `5/3/2016`
    /// is read day-first only when some value has a number above 12 in the first place (and
    /// month-first only when one has it in the second). When neither shows up, the result is
    /// ``TimeFormatDetection/ambiguous(_:examples:)`` and the caller asks for `--time-format`.
    ///
    /// - Parameter values: Non-empty timestamp values (nulls already removed), in input order.
    /// - Complexity: O(*values* × *candidate layouts*); meant for a sample of a few thousand values.
    package static func detect(_ values: [String]) -> TimeFormatDetection {
        guard !values.isEmpty else { return .noValues }
        var unusual: [String] = []
        for value in values where Timestamp(parsing: value) == nil { unusual.append(value) }
        if unusual.isEmpty { return .standard }
        var alive = candidates
        // Every value, the standard ones too: one layout must read the whole column.
        for value in values {
            let next = alive.filter { $0.parse(value) != nil }
            if next.isEmpty { return .unrecognized(example: value) }
            alive = next
        }
        let dayFirst = alive.filter { $0.order == .dayFirst }
        let monthFirst = alive.filter { $0.order == .monthFirst }
        if dayFirst.isEmpty && monthFirst.isEmpty {
            return .detected(alive[0], evidence: "every value reads as '\(alive[0].pattern)'")
        }
        if !dayFirst.isEmpty && !monthFirst.isEmpty {
            return .ambiguous([dayFirst[0], monthFirst[0]], examples: Array(unusual.prefix(3)))
        }
        let format = dayFirst.first ?? monthFirst[0]
        // The value that rules the other order out: read with day and month swapped, it fails.
        let swapped = format.swapped
        let proof = unusual.first { value in swapped.map { $0.parse(value) == nil } ?? true } ?? unusual[0]
        let place = format.order == .dayFirst ? "day" : "month"
        return .detected(format, evidence: "'\(proof)' can only be read \(place) first")
    }

    /// The day/month order a pattern fixes, if both are numbers.
    enum Order { case dayFirst, monthFirst, none }

    var order: Order {
        var sawDay = false
        for element in elements {
            switch element {
            case .number(.day, _): sawDay = true
            case .number(.month, _): return sawDay ? .dayFirst : .monthFirst
            case .monthName: return .none
            default: continue
            }
        }
        return .none
    }

    /// The same pattern with day and month numbers swapped (`d/M` ↔ `M/d`), if it has both.
    var swapped: TimeFormat? {
        guard order != .none else { return nil }
        var text = ""
        for scalar in pattern.unicodeScalars {
            switch scalar {
            case "d": text.unicodeScalars.append("M")
            case "M": text.unicodeScalars.append("d")
            default: text.unicodeScalars.append(scalar)
            }
        }
        return try? TimeFormat(text)
    }

    /// Layouts detection tries, day-first before month-first (ties are reported as ambiguous, so
    /// the order only decides which of two equivalent spellings is shown).
    package static let candidates: [TimeFormat] = {
        let times = [
            "", " H:mm", " H:mm:ss", " H:mm:ss.S", " h:mm a", " h:mm:ss a", " h:mm:ss.S a",
            "'T'H:mm", "'T'H:mm:ss", "'T'H:mm:ss.S",
        ]
        let zones = ["", "XXX", " XXX"]
        var dates: [String] = []
        for separator in ["/", "-", "."] {
            dates += [
                "d\(separator)M\(separator)yyyy", "M\(separator)d\(separator)yyyy",
                "d\(separator)M\(separator)yy", "M\(separator)d\(separator)yy",
                "yyyy\(separator)M\(separator)d",
                "d\(separator)MMM\(separator)yyyy", "d\(separator)MMM\(separator)yy",
            ]
        }
        dates += ["d MMM yyyy", "MMM d yyyy", "MMM d, yyyy", "d MMMM yyyy", "MMMM d, yyyy"]
        var formats: [TimeFormat] = []
        for date in dates {
            for time in times {
                for zone in zones where !(time.isEmpty && !zone.isEmpty) {
                    if let format = try? TimeFormat(date + time + zone) { formats.append(format) }
                }
            }
        }
        return formats
    }()
}
