// A strict reader of the Prometheus text exposition format 0.0.4, written from the format's
// description (independently of the writer), for the tests: it checks every rule a scraper relies on.

/// One parsed exposition: its families in order.
struct Exposition {
    struct Family {
        var name: String
        var help: String
        var type: String
        var samples: [Sample] = []
    }

    struct Sample: Hashable {
        var labels: [String: String]
        var value: Double
    }

    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    var families: [Family] = []

    subscript(_ name: String) -> Family? { families.first { $0.name == name } }

    /// The value of the one sample of `name` whose labels are `labels`.
    func value(_ name: String, _ labels: [String: String]) -> Double? {
        self[name]?.samples.first { $0.labels == labels }?.value
    }

    /// Parses `text`, requiring: a final line feed; `# HELP` then `# TYPE gauge` before a
    /// family's samples, each family once; valid metric and label names; label values in
    /// double quotes with only `\\`, `\"` and `\n` escapes; a float value and no timestamp;
    /// no two samples with the same labels; no blank or other comment lines.
    static func parse(_ text: String) throws(Failure) -> Exposition {
        guard text.isEmpty || text.hasSuffix("\n") else { throw Failure(line: 0, message: "no final line feed") }
        var exposition = Exposition()
        var seen = Set<String>()
        var pendingHelp: (name: String, help: String)?
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (index, lineText) in lines.enumerated() {
            let number = index + 1
            let line = Array(lineText.unicodeScalars)
            if line.starts(with: "# HELP ".unicodeScalars) {
                let rest = String(String.UnicodeScalarView(line.dropFirst(7)))
                guard let space = rest.firstIndex(of: " ") else { throw Failure(line: number, message: "HELP without text") }
                let name = String(rest[..<space])
                guard isMetricName(name), !seen.contains(name) else { throw Failure(line: number, message: "bad or repeated family \(name)") }
                pendingHelp = (name, try unescape(String(rest[rest.index(after: space)...]), quote: false, line: number))
                continue
            }
            if line.starts(with: "# TYPE ".unicodeScalars) {
                let parts = String(String.UnicodeScalarView(line.dropFirst(7))).split(separator: " ").map(String.init)
                guard parts.count == 2, let help = pendingHelp, help.name == parts[0] else {
                    throw Failure(line: number, message: "TYPE not right after its HELP")
                }
                guard parts[1] == "gauge" else { throw Failure(line: number, message: "type \(parts[1]), not gauge") }
                exposition.families.append(Family(name: help.name, help: help.help, type: parts[1]))
                seen.insert(help.name)
                pendingHelp = nil
                continue
            }
            guard pendingHelp == nil, let family = exposition.families.indices.last else {
                throw Failure(line: number, message: "a sample or line outside a family")
            }
            // name{labels} value
            var position = 0
            var name = String.UnicodeScalarView()
            while position < line.count, line[position] != "{", line[position] != " " {
                name.append(line[position])
                position += 1
            }
            guard String(name) == exposition.families[family].name else {
                throw Failure(line: number, message: "sample \(String(name)) in family \(exposition.families[family].name)")
            }
            var labels: [String: String] = [:]
            if position < line.count, line[position] == "{" {
                position += 1
                while true {
                    guard position < line.count else { throw Failure(line: number, message: "unclosed labels") }
                    if line[position] == "}" { position += 1; break }
                    if !labels.isEmpty {
                        guard line[position] == "," else { throw Failure(line: number, message: "expected ','") }
                        position += 1
                    }
                    var labelName = String.UnicodeScalarView()
                    while position < line.count, line[position] != "=" {
                        labelName.append(line[position])
                        position += 1
                    }
                    guard isLabelName(String(labelName)), labels[String(labelName)] == nil else {
                        throw Failure(line: number, message: "bad or repeated label name '\(String(labelName))'")
                    }
                    position += 1
                    guard position < line.count, line[position] == "\"" else { throw Failure(line: number, message: "label value without quote") }
                    position += 1
                    var raw = String.UnicodeScalarView()
                    while true {
                        guard position < line.count else { throw Failure(line: number, message: "unclosed label value") }
                        let scalar = line[position]
                        if scalar == "\\" {
                            guard position + 1 < line.count else { throw Failure(line: number, message: "dangling backslash") }
                            raw.append(scalar)
                            raw.append(line[position + 1])
                            position += 2
                            continue
                        }
                        position += 1
                        if scalar == "\"" { break }
                        raw.append(scalar)
                    }
                    labels[String(labelName)] = try unescape(String(raw), quote: true, line: number)
                }
            }
            guard position < line.count, line[position] == " " else { throw Failure(line: number, message: "no space before the value") }
            let valueText = String(String.UnicodeScalarView(line[(position + 1)...]))
            guard !valueText.contains(" ") else { throw Failure(line: number, message: "a timestamp or trailing text: '\(valueText)'") }
            let value: Double
            switch valueText {
            case "NaN": value = .nan
            case "+Inf": value = .infinity
            case "-Inf": value = -.infinity
            default:
                guard let parsed = Double(valueText) else { throw Failure(line: number, message: "bad value '\(valueText)'") }
                value = parsed
            }
            let sample = Sample(labels: labels, value: value)
            guard !exposition.families[family].samples.contains(where: { $0.labels == labels }) else {
                throw Failure(line: number, message: "two samples with labels \(labels)")
            }
            exposition.families[family].samples.append(sample)
        }
        guard pendingHelp == nil else { throw Failure(line: lines.count, message: "HELP without TYPE") }
        return exposition
    }

    static func unescape(_ text: String, quote: Bool, line: Int) throws(Failure) -> String {
        var out = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if !quote, scalar == "\n" { throw Failure(line: line, message: "raw line feed") }
            guard scalar == "\\" else {
                out.append(scalar)
                continue
            }
            switch iterator.next() {
            case "\\": out.append("\\")
            case "n": out.append("\n")
            case "\"" where quote: out.append("\"")
            case let other: throw Failure(line: line, message: "bad escape \\\(other.map { String($0) } ?? "")")
            }
        }
        return String(out)
    }

    static func isMetricName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        func head(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) || s == "_" || s == ":" }
        return !scalars.isEmpty && head(scalars[0]) && scalars.allSatisfy { head($0) || ("0"..."9").contains($0) }
    }

    static func isLabelName(_ name: String) -> Bool {
        isMetricName(name) && !name.contains(":") && !name.hasPrefix("__")
    }
}
