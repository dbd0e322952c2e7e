/// One CSV field as RFC 4180 writes it, shared by every CSV the library renders.
enum CSVField {
    /// `text` as it is when it holds no comma, double quote, line feed or carriage return;
    /// else in double quotes, each quote doubled. Decided and doubled by Unicode scalar, so a
    /// CR LF pair or a quote with a combining mark (one `Character` each) is still quoted.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in text.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// A number in full precision, as the JSON writes it: Swift's shortest round-trip form
    /// without a trailing `.0` (`3600`, `0.9888888888888889`, `1e-06`); empty for `nil`.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        let text = String(value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
