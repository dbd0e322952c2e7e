import OpsMetrics

/// `report`'s alerting options, `--fail-under LIST` and `--fail-over LIST` (repeatable), and
/// what a run prints and returns when a threshold is broken.
///
/// `LIST` is comma-separated `[SERVICE:]METRIC=LIMIT` items:
/// - no `SERVICE:`: every service, each on its own; `all:`: the all-services row; any other
///   `SERVICE:`: that service. A service name holding a comma or a quote, or a service named
///   `all`, is written in double quotes (`"all":mttr=2h`, `"a,b":open=3`), a quote inside
///   doubled (`""`). Unquoted, the service is everything before the last `:` ahead of the metric.
/// - `METRIC`: a ``ReliabilityMetric`` name (`uptime`, `mttr`, `p90(mttr)`, `open`, …).
/// - `LIMIT`: uptime a percentage (`99.9%`); durations with a unit (`90s`, `30m`, `4h`,
///   `1h30m`, `1.5d`, `250ms`; `0` alone needs none); counts a whole number.
///
/// A value equal to its limit passes (`--fail-under uptime=99.9%` passes at exactly 99.9%).
struct ThresholdOptions {
    /// Each threshold with the option and item it was read from (`--fail-over 'checkout:mttr=4h'`).
    var thresholds: [(threshold: ReliabilityThreshold, source: String)] = []

    /// Handles `option` if it is a threshold option; returns `false` if it is not.
    mutating func parse(_ option: String, _ parser: inout OptionParser) throws(UsageError) -> Bool {
        let bound: ReliabilityThreshold.Bound
        switch option {
        case "--fail-under": bound = .lower
        case "--fail-over": bound = .upper
        default: return false
        }
        let list = try parser.value(for: option)
        let items = try Self.items(list, option: option)
        guard !items.isEmpty else {
            throw UsageError("\(option) takes [SERVICE:]METRIC=LIMIT items, comma-separated (e.g. \(Self.example(bound))), not '\(list)'")
        }
        for item in items { thresholds.append((try Self.threshold(item, bound: bound, option: option), "\(option) '\(item)'")) }
        return true
    }

    static func example(_ bound: ReliabilityThreshold.Bound) -> String {
        bound == .lower ? "uptime=99.9%" : "mttr=4h,checkout:p90(mttr)=8h"
    }

    /// The items of a list: split at commas outside double quotes, trimmed, empties dropped.
    static func items(_ list: String, option: String) throws(UsageError) -> [String] {
        var items: [String] = []
        var current = ""
        var quoted = false
        for character in list {
            if character == "\"" { quoted.toggle() }
            if character == "," && !quoted {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if quoted { throw UsageError("\(option): '\(list)' has a quote that is not closed") }
        items.append(current)
        return items.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// One `[SERVICE:]METRIC=LIMIT` item.
    static func threshold(_ item: String, bound: ReliabilityThreshold.Bound, option: String) throws(UsageError) -> ReliabilityThreshold {
        let shape = "expected [SERVICE:]METRIC=LIMIT (e.g. \(example(bound)))"
        guard let equals = item.lastIndex(of: "=") else { throw UsageError("\(option) '\(item)': \(shape)") }
        let left = item[..<equals]
        let limitText = String(item[item.index(after: equals)...]).trimmingSpaces()
        let scope: ReliabilityThreshold.Scope
        let metricText: String
        if left.hasPrefix("\"") {
            // "NAME":METRIC, the quote doubled inside.
            var name = ""
            var index = left.index(after: left.startIndex)
            var closed = false
            while index < left.endIndex {
                let character = left[index]
                index = left.index(after: index)
                if character == "\"" {
                    if index < left.endIndex, left[index] == "\"" {
                        name.append("\"")
                        index = left.index(after: index)
                        continue
                    }
                    closed = true
                    break
                }
                name.append(character)
            }
            guard closed, index < left.endIndex, left[index] == ":" else {
                throw UsageError("\(option) '\(item)': a quoted service must be followed by ':' and the metric, e.g. \"all\":mttr=2h")
            }
            scope = .service(name)
            metricText = String(left[left.index(after: index)...])
        } else if let colon = left.lastIndex(of: ":") {
            let name = String(left[..<colon]).trimmingSpaces()
            guard !name.isEmpty else { throw UsageError("\(option) '\(item)': no service before ':'; \(shape)") }
            scope = name == "all" ? .allServices : .service(name)
            metricText = String(left[left.index(after: colon)...])
        } else {
            scope = .eachService
            metricText = String(left)
        }
        let metricName = metricText.trimmingSpaces()
        guard let metric = ReliabilityMetric.named(metricName) else {
            let known = ReliabilityMetric.names.joined(separator: ", ")
            let stats = ReliabilityMetric.Statistic.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError("\(option) '\(item)': unknown metric '\(metricName)'; expected one of \(known), or STAT(NAME) with STAT one of \(stats) (e.g. p90(mttr))")
        }
        guard let limit = Self.limit(limitText, unit: metric.unit) else {
            throw UsageError("\(option) '\(item)': \(metric) takes \(Self.expected(metric.unit)), not '\(limitText)'")
        }
        return ReliabilityThreshold(metric: metric, bound: bound, limit: limit, scope: scope)
    }

    static func expected(_ unit: ReliabilityMetric.Unit) -> String {
        switch unit {
        case .ratio: "a percentage from 0% to 100% such as 99.9%"
        case .seconds: "a duration with a unit such as 90s, 30m, 4h, 1h30m or 1.5d"
        case .count: "a whole number such as 20"
        }
    }

    /// A limit in the metric's unit: a ratio (from a percentage), seconds or a count.
    static func limit(_ text: String, unit: ReliabilityMetric.Unit) -> Double? {
        switch unit {
        case .ratio:
            guard text.hasSuffix("%"), let ratio = ratio(percent: String(text.dropLast())), ratio >= 0, ratio <= 1 else { return nil }
            return ratio
        case .seconds:
            return microseconds(text).map { Double($0) / 1_000_000 }
        case .count:
            guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let count = Int(text) else { return nil }
            return Double(count)
        }
    }

    /// `99.9` → `0.999`: the decimal point moved two places in the text, then read once, so
    /// the ratio is the double nearest the exact decimal (as the report's ratios are).
    static func ratio(percent text: String) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2,
              whole.allSatisfy(\.isASCIIDigit), parts.dropFirst().allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              !(whole.isEmpty && parts[1].isEmpty)
        else { return nil }
        var digits = String(whole)
        while digits.count < 3 { digits = "0" + digits }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        let shifted = digits.dropLast(2) + "." + digits.suffix(2) + fraction
        return Double(String(shifted))
    }

    /// A duration as whole microseconds: one or more NUMBER UNIT parts (`1h30m`, `1.5d`,
    /// `250ms`), units d, h, m, s, ms; `0` alone. `nil` for anything else, or finer than a microsecond.
    static func microseconds(_ text: String) -> Int64? {
        if text == "0" { return 0 }
        let units: [(suffix: String, micros: Int64)] = [("ms", 1000), ("d", 86_400_000_000), ("h", 3_600_000_000), ("m", 60_000_000), ("s", 1_000_000)]
        var rest = Substring(text)
        var total: Int64 = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCIIDigit || $0 == "." }
            rest = rest.dropFirst(number.count)
            guard !number.isEmpty, let unit = units.first(where: { rest.hasPrefix($0.suffix) }) else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty,
                  let whole = Int64(parts[0]) else { return nil }
            var micros = whole.multipliedReportingOverflow(by: unit.micros)
            guard !micros.overflow else { return nil }
            if parts.count == 2 {
                // fraction × unit must be whole microseconds.
                let digits = parts[1]
                guard digits.count <= 18, let numerator = Int64(digits) else { return nil }
                var scale: Int64 = 1
                for _ in 0..<digits.count { scale *= 10 }
                let product = Int128(numerator) * Int128(unit.micros)
                guard product % Int128(scale) == 0 else { return nil }
                let (sum, overflow) = micros.partialValue.addingReportingOverflow(Int64(product / Int128(scale)))
                guard !overflow else { return nil }
                micros = (sum, false)
            }
            let (sum, overflow) = total.addingReportingOverflow(micros.partialValue)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    // MARK: Checking

    /// Checks every threshold against `report`: prints on stderr a warning for each named
    /// service the report does not hold, then one line per breach; returns whether any was broken.
    func check(_ report: ReliabilityReport, stderr: inout some TextOutput) -> Bool {
        for (threshold, source) in thresholds {
            if let missing = threshold.missingService(in: report) {
                stderr.write("opsmetrics: warning: \(source): no service '\(missing)' in the report (no record of it in the window); nothing checked\n")
            }
        }
        var broken = false
        for (threshold, source) in thresholds {
            for breach in threshold.breaches(in: report) {
                broken = true
                let relation = threshold.bound == .lower ? "under" : "over"
                let unit = threshold.metric.unit
                stderr.write("opsmetrics: threshold broken: \(breach.service): \(threshold.metric) \(Self.text(breach.value, unit)) is \(relation) the limit \(Self.text(threshold.limit, unit)) (\(source))\n")
            }
        }
        return broken
    }

    /// A value for people with its exact form: `98.88888888888889%`, `5h 12m (18720 s)`, `21`.
    static func text(_ value: Double, _ unit: ReliabilityMetric.Unit) -> String {
        switch unit {
        case .ratio: "\(plain(value * 100))%"
        case .seconds: "\(DurationText.format(seconds: value)) (\(plain(value)) s)"
        case .count: plain(value)
        }
    }

    /// `3600.0` → `3600`, `0.25` → `0.25`.
    static func plain(_ value: Double) -> String {
        let text = String(value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
