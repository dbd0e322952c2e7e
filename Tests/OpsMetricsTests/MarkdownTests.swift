// `--format markdown`: GitHub tables whose every row has the header's cells, hostile text escaped
// so that it reads back exactly and never becomes markup, footnotes defined and referenced, units in
// the headers; and, where cmark-gfm (GitHub's renderer) is installed, the rendered HTML checked.
import Foundation
@testable import OpsMetrics
import Testing
@testable import opsmetrics_cli

@Suite("Markdown output")
struct MarkdownTests {
    static let hostileNames = ["a|b", "back\\slash", "*bold* _em_", "<script>alert(1)</script>", "line\nfeed", "cr\r\nlf",
                               "[link](http://x.example)", "www.y.example", ":fire:", "`code`", "$x$", "~~gone~~", "&amp;", "# head", "!", "caf\u{E9} \u{2615}",
                               "| lead", "trail \\", "a\\|b"]

    static var hostileLog: String {
        var rows = ["id,service,opened,recovered,resolved,reason"]
        for (index, name) in hostileNames.enumerated() {
            rows.append("R\(index),\(FlowRenderer.field(name)),2024-05-0\(1 + index % 5)T10:00:00Z,2024-05-0\(1 + index % 5)T11:00:00Z,2024-05-0\(1 + index % 5)T12:00:00Z,\(FlowRenderer.field("why \(name)"))")
        }
        return rows.joined(separator: "\n") + "\n"
    }

    static let configuration: ReportConfiguration = {
        var configuration = ReportConfiguration()
        configuration.windowStart = at("2024-05-01T00:00:00Z")
        configuration.windowEnd = at("2024-05-08T00:00:00Z")
        return configuration
    }()

    /// The cells of a GitHub table row: split at pipes not escaped by a backslash, the outer
    /// two dropped, each trimmed.
    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        return cells.dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A cell's text: backslash escapes removed, `<br>` back to a line feed.
    static func unescape(_ cell: String) -> String {
        var out = ""
        var escaped = false
        for character in cell.replacingOccurrences(of: "<br>", with: "\n") {
            if escaped || character != "\\" {
                out.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return out
    }

    /// Every table in `text`: its header and rows, as cells.
    static func tables(_ text: String) -> [(header: [String], rows: [[String]])] {
        var tables: [(header: [String], rows: [[String]])] = []
        var inTable = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.hasPrefix("|") {
            if !inTable || index == 0 || !lines[index - 1].hasPrefix("|") {
                tables.append((cells(line), []))
                inTable = true
            } else if !line.hasPrefix("| ---") && !line.hasPrefix("| --:") {
                tables[tables.count - 1].rows.append(cells(line))
            }
        }
        return tables
    }

    @Test("every row has the header's cells; hostile names read back exactly; CR and LF become <br>")
    func hostileCells() throws {
        let report = try report(Self.hostileLog, configuration: Self.configuration)
        let text = MarkdownRenderer.report(report, mttr: .recover)
        let tables = Self.tables(text)
        #expect(tables.count == 2)
        for table in tables {
            #expect(table.rows.allSatisfy { $0.count == table.header.count }, "\(table.header)")
        }
        let services = tables[0].rows.dropLast().map { Self.unescape($0[0]) }
        // CR LF reads back as one line feed.
        #expect(services == report.services.map { $0.service.replacingOccurrences(of: "\r\n", with: "\n") })
        #expect(Set(services) == Set(Self.hostileNames.map { $0.replacingOccurrences(of: "\r\n", with: "\n") }))
        #expect(tables[0].rows.last?.first == "**all services**")
        let reasons = Set(tables[1].rows.map { Self.unescape($0[0]) })
        #expect(reasons == Set(Self.hostileNames.map { "why " + $0.replacingOccurrences(of: "\r\n", with: "\n") }))
        // No raw line break inside a row: every table line starts and ends with a pipe.
        for line in text.split(separator: "\n") where line.hasPrefix("|") { #expect(line.hasSuffix("|")) }
        #expect(!text.contains("\r"))
    }

    @Test("the escapes, one by one")
    func escapes() {
        #expect(MarkdownText.escaped("plain name-1.2 (x)") == "plain name-1.2 (x)")
        #expect(MarkdownText.escaped("a|b") == "a\\|b")
        #expect(MarkdownText.escaped("*_`[]<>~&$!#\\") == "\\*\\_\\`\\[\\]\\<\\>\\~\\&\\$\\!\\#\\\\")
        #expect(MarkdownText.escaped("a\nb\r\nc\rd") == "a<br>b<br>c<br>d")
        #expect(MarkdownText.escaped("caf\u{E9} \u{1F525}") == "caf\u{E9} \u{1F525}")
        #expect(MarkdownText.escaped("http://www.x.example :fire:") == "http\\://www\\.x.example \\:fire\\:")
        #expect(MarkdownText.escaped("data quality: 1 row", cell: false) == "data quality: 1 row")
    }

    @Test("units in the headers, the numbers in them, and every footnote referenced and defined")
    func unitsAndFootnotes() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/valid/overlapping-incidents.csv")
        let run = CommandLineToolTests.run(["report", "--format", "markdown", "--from", "2024-05-01", "--to", "2024-05-08", url.standardized.path])
        #expect(run.status == .success)
        let tables = Self.tables(run.stdout)
        let header = tables[0].header
        #expect(header == ["service", "uptime (%)[^uptime]", "downtime (h)[^downtime]", "failures[^failures]", "MTTF (h)[^mttf]",
                           "MTTR (h)[^mttr]", "MTTD (min)[^mttd]", "MTTA (min)[^mtta]", "incidents[^incidents]", "open[^open]"])
        // api (README quick start): 98.889%, 1h 50m down, MTTR 53m 20s, MTTD 2m, MTTA 9m.
        #expect(tables[0].rows[0] == ["api", "98.889", "1.83", "2", "81.58", "0.89", "2.00", "9.00", "3", "0"])
        #expect(run.stdout.contains("| --- | --: |"))
        let text = run.stdout
        let referenced = Set(text.matches(of: #/\[\^([a-z]+)\](?!:)/#).map { String($0.1) })
        let defined = Set(text.matches(of: #/^\[\^([a-z]+)\]: /#.anchorsMatchLineEndings()).map { String($0.1) })
        #expect(!referenced.isEmpty && referenced == defined)
        #expect(text.contains("[^mttr]: MTTR = mean recover, impact start → recovered"))
    }

    @Test("flow: the periods, stage and metrics tables with their units; the total row is 'all'")
    func flow() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/valid/flow-daily.csv")
        let run = CommandLineToolTests.run(["flow", "--format", "markdown", "--period", "day", "--from", "2024-05-06", "--to", "2024-05-10",
                                            "--stages", "New,Active,Resolved", url.standardized.path])
        #expect(run.status == .success, "\(run.stderr)")
        let tables = Self.tables(run.stdout)
        #expect(tables.count == 3)
        #expect(tables[0].rows.map { $0[0] } == ["2024-05-06", "2024-05-07", "2024-05-08", "2024-05-09"])
        #expect(tables[1].header == ["period", "New", "Active", "Resolved"])
        #expect(tables[2].header.contains("lead time mean (d)[^leadtime]") && tables[2].header.contains("throughput (/day)[^throughput]"))
        // README: api lead time mean 1d 16h = 1.67 d, all: throughput 1.25/day.
        #expect(tables[2].rows.first { $0[0] == "api" }?[7] == "1.67")
        #expect(tables[2].rows.last?[0] == "**all**")
        #expect(tables[2].rows.last?[5] == "1.25")
        for table in tables { #expect(table.rows.allSatisfy { $0.count == table.header.count }) }
    }

    // MARK: cmark-gfm

    static let cmark: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/cmark-gfm"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static func render(_ markdown: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(cmark))
        process.arguments = ["--unsafe", "--extension", "table", "--extension", "footnotes", "--extension", "strikethrough", "--extension", "autolink"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let html = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: html, as: UTF8.self)
    }

    @Test("GitHub's renderer (cmark-gfm) makes tables with every cell, and no markup from the input",
          .enabled(if: cmark != nil, "skipped: cmark-gfm is not installed (Debian package 'cmark-gfm')"))
    func rendered() throws {
        let report = try report(Self.hostileLog, configuration: Self.configuration)
        let html = try Self.render(MarkdownRenderer.report(report, mttr: .recover))
        #expect(html.components(separatedBy: "<table>").count - 1 == 2)
        // Each body row of the services table has 10 cells, the reasons table 6.
        let tables = html.components(separatedBy: "<table>").dropFirst()
        for (table, columns) in zip(tables, [10, 6]) {
            let rows = table.components(separatedBy: "<tr>").dropFirst()
            #expect(rows.count == Self.hostileNames.count + 1 + (columns == 10 ? 1 : 0))
            for row in rows {
                let cells = row.components(separatedBy: "<td").count - 1 + row.components(separatedBy: "<th").count - 1
                #expect(cells == columns, "\(row)")
            }
        }
        // Nothing from the input turned into markup: the only emphasis is the total's bold, the
        // only links are footnotes, no script, no strike-through, no code, no math.
        #expect(html.components(separatedBy: "<strong>").count - 1 == 1)
        #expect(!html.contains("<em>") && !html.contains("<del>") && !html.contains("<script") && !html.contains("<a href=\"http"))
        #expect(html.components(separatedBy: "<code>").count - 1 == 2)  // the window's two times, ours
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a|b") && html.contains("a\\|b") && html.contains("~~gone~~") && html.contains("&amp;amp;"))
        #expect(html.contains("line<br>feed") && html.contains("cr<br>lf"))
        #expect(html.contains("www.y.example") && html.contains(":fire:"))
    }
}
