extension Holidays {
    /// Holidays from a text file: one date or date range a line, `#` starts a comment.
    ///
    ///     # UK bank holidays 2024
    ///     2024-12-25            Christmas Day
    ///     2024-12-24..2024-12-26
    ///
    /// A line is `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` (inclusive), optionally followed by
    /// whitespace and a name, which is ignored. Blank lines are skipped.
    ///
    /// - Parameter text: The file's contents.
    /// - Throws: ``ConfigurationError`` with the 1-based line number, what was expected and what
    ///   was found (`line 3: expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD, found "12/25/2024"`).
    public init(parsing text: String) throws(ConfigurationError) {
        self.init()
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = words.first else { continue }
            let ends = Self.splitRange(first)
            guard ends.count <= 2, let from = Self.date(ends[0]), let through = Self.date(ends[ends.count - 1]),
                ends.count == 1
                    ? insert(year: from.0, month: from.1, day: from.2)
                    : insert(fromYear: from.0, month: from.1, day: from.2, throughYear: through.0, month: through.1, day: through.2)
            else {
                throw ConfigurationError(
                    "line \(lineNumber): expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD (first through last, at most ten years), found \"\(first)\"")
            }
        }
    }

    /// `a..b` as `[a, b]`; text without `..` as `[text]`; more than one `..` gives three parts.
    private static func splitRange(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var rest = text
        while let range = rest.firstRange(of: "..") {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }

    /// `YYYY-MM-DD` as numbers (the date itself is checked when inserted).
    private static func date(_ text: Substring) -> (Int, Int, Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == ASCII.minus, bytes[7] == ASCII.minus else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = bytes[i] &- ASCII.zero
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return (year, month, day)
    }
}
