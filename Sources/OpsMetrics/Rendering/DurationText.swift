
/// Durations as people read and write them in the CLI: `90s`, `5m`, `1h 30m`, `3d 4h`.
public enum DurationText {
    /// A duration in seconds, to two units: `45.2s`, `5m 12s`, `3h 38m`, `7d 17h`; `—` for none.
    public static func format(seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        let negative = seconds < 0
        let value = abs(seconds)
        let text: String
        if value < 60 {
            text = value == value.rounded() ? "\(Int(value))s" : fixed(value, digits: 1) + "s"
        } else {
            let total = Int(value.rounded())
            let (days, hours, minutes, secs) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60)
            if days > 0 {
                text = "\(days)d \(hours)h"
            } else if hours > 0 {
                text = "\(hours)h \(minutes)m"
            } else {
                text = "\(minutes)m \(secs)s"
            }
        }
        return negative ? "-" + text : text
    }

    /// Parses `90`, `90s`, `5m`, `2h`, `1d`, `250ms` into microseconds.
    public static func microseconds(_ text: String) -> Int64? {
        let units: [(suffix: String, micros: Int64)] = [("ms", 1000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000), ("d", 86_400_000_000)]
        for (suffix, micros) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            if let value = Int64(number), value >= 0 {
                let (result, overflow) = value.multipliedReportingOverflow(by: micros)
                return overflow ? nil : result
            }
        }
        if let value = Int64(text), value >= 0 { return value.multipliedReportingOverflow(by: 1_000_000).overflow ? nil : value * 1_000_000 }
        return nil
    }

    /// `value` with exactly `digits` decimals, without Foundation's formatters.
    public static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e18 else { return String(value) }
        let whole = Int64(scaled) / Int64(scale)
        let fraction = Int64(scaled) % Int64(scale)
        var fractionText = String(fraction)
        while fractionText.count < digits { fractionText = "0" + fractionText }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return digits == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fractionText)"
    }

    /// A window's length as `3d`, `6h`, `90m` or `45s`: the largest unit that divides it.
    static func windowLabel(_ seconds: Int64) -> String {
        for (unit, name) in [(Int64(86_400), "d"), (3_600, "h"), (60, "m")] where seconds % unit == 0 && seconds >= unit {
            return "\(seconds / unit)\(name)"
        }
        return "\(seconds)s"
    }
}
