/// Text made safe for a GitHub-flavoured Markdown table cell or paragraph.
///
/// Input text (service names, reasons, stage names, file names) could otherwise end a cell
/// (`|`), break the table (a line break), or turn into emphasis, code, links, HTML, math,
/// strike-through or emoji. Escapes:
/// - a backslash and the ASCII punctuation Markdown gives a meaning to,
///   `` \ ` * _ [ ] < > | ~ & $ ! # ``, get a backslash in front (CommonMark renders any
///   backslash-escaped ASCII punctuation as the character itself; GitHub's tables read `\|`
///   as a pipe inside the cell);
/// - in a cell, also `:` and the dot of `www.`, so that a URL (`http://…`, `www.…`) or an emoji
///   code (`:fire:`) in a name stays text (GitHub links bare URLs); a bare e-mail address is
///   still linked by GitHub, which no escape prevents;
/// - a line feed, a carriage return or a CR LF pair becomes `<br>` (a line break inside a cell);
/// - every other character is written as it is. Leading and trailing spaces of a cell are
///   dropped by every Markdown reader.
enum MarkdownText {
    static let escapedPunctuation: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "$", "!", "#"]

    /// `text` escaped for a table cell (`cell`: URLs and emoji codes too) or a paragraph.
    static func escaped(_ text: String, cell: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        var previous: [Unicode.Scalar] = []  // the last three scalars, for `www.`
        for scalar in text.unicodeScalars {
            defer {
                afterCR = scalar == "\r"
                previous.append(scalar)
                if previous.count > 3 { previous.removeFirst() }
            }
            if scalar == "\n" && afterCR { continue }  // CR LF: one break
            if scalar == "\n" || scalar == "\r" {
                out.append(contentsOf: "<br>".unicodeScalars)
                continue
            }
            let isWWWDot = scalar == "." && previous.count == 3 && String(String.UnicodeScalarView(previous)).lowercased() == "www"
            if escapedPunctuation.contains(scalar) || (cell && (scalar == ":" || isWWWDot)) { out.append("\\") }
            out.append(scalar)
        }
        return String(out)
    }

    /// A GitHub table: a header row, the alignment row (`---` left, `--:` right), the rows.
    /// Cells are written as given (escape input text first).
    static func table(_ header: [String], rightAligned: Set<Int>, _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }
        var out = line(header)
        out += "|" + header.indices.map { rightAligned.contains($0) ? " --: " : " --- " }.joined(separator: "|") + "|\n"
        for row in rows { out += line(row) }
        return out
    }
}
