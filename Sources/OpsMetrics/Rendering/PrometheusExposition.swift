/// A writer of the Prometheus text exposition format, version 0.0.4: the format node_exporter's
/// textfile collector reads (not OpenMetrics: no `# EOF`, no `UNIT` lines).
///
/// Each family is written as `# HELP name text`, `# TYPE name gauge`, then one line per sample,
/// `name{label="value",…} number`, without a timestamp (the textfile collector rejects a file
/// whose samples carry one). Escaping follows the format:
/// - in a label value, a backslash is written `\\`, a double quote `\"` and a line feed `\n`;
///   every other character (a carriage return, a tab, any non-ASCII scalar) is written as its
///   UTF-8 bytes;
/// - in HELP text, a backslash is written `\\` and a line feed `\n`.
///
/// Numbers are Swift's shortest round-trip form (`3600`, `0.9988`, `1e-06`), which the
/// format's float syntax reads back exactly; `NaN`, `+Inf` and `-Inf` as the format spells them.
/// A family with no sample is left out whole.
struct PrometheusExposition {
    private(set) var text = ""

    /// One sample: its labels in order, and its value.
    struct Sample {
        var labels: [(name: String, value: String)]
        var value: Double
    }

    /// Writes a gauge family, or nothing when `samples` is empty.
    ///
    /// - Precondition: `name` and every label name are valid (``isValidMetricName(_:)``,
    ///   ``isValidLabelName(_:)``); they are the renderer's constants, never input text.
    mutating func gauge(_ name: String, help: String, _ samples: [Sample]) {
        precondition(Self.isValidMetricName(name), "invalid metric name \(name)")
        guard !samples.isEmpty else { return }
        text += "# HELP \(name) \(Self.escapedHelp(help))\n"
        text += "# TYPE \(name) gauge\n"
        for sample in samples {
            text += name
            if !sample.labels.isEmpty {
                text += "{"
                for (index, label) in sample.labels.enumerated() {
                    precondition(Self.isValidLabelName(label.name), "invalid label name \(label.name)")
                    if index > 0 { text += "," }
                    text += label.name + "=\"" + Self.escapedLabelValue(label.value) + "\""
                }
                text += "}"
            }
            text += " " + Self.number(sample.value) + "\n"
        }
    }

    /// A label value with `\`, `"` and line feed escaped.
    static func escapedLabelValue(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return value }
        var escaped = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case "\"": escaped.append(contentsOf: "\\\"".unicodeScalars)
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// HELP text with `\` and line feed escaped.
    static func escapedHelp(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// A sample value: `3600`, `0.25`, `1e-06`, `NaN`, `+Inf`, `-Inf`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        let text = String(value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValidMetricName(_ name: String) -> Bool {
        isValidName(name, colons: true)
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__` (reserved).
    static func isValidLabelName(_ name: String) -> Bool {
        isValidName(name, colons: false) && !name.hasPrefix("__")
    }

    private static func isValidName(_ name: String, colons: Bool) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        func isLetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) || s == "_" || (colons && s == ":") }
        return isLetter(first) && name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }
}
