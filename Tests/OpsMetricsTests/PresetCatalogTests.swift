import Foundation
import Testing

@testable import OpsMetrics

/// The preset catalog is consistent, documented, and detected without guessing.
@Suite("Preset catalog and detection")
struct PresetCatalogTests {
    @Test("every preset names real fields and events, says what it assumes and how it was checked")
    func catalog() throws {
        #expect(Set(Preset.names).count == Preset.all.count, "names are unique")
        for preset in Preset.all {
            for field in preset.columns.keys {
                #expect(Field.named(field)?.name == field, "\(preset.name): '\(field)' is no canonical field name")
            }
            #expect(throws: Never.self) { _ = try ValueMap(preset.statusMap, option: preset.name) }
            #expect(throws: Never.self) { _ = try ValueMap(preset.eventMap, option: preset.name) }
            #expect(!preset.signature.isEmpty && preset.signature.allSatisfy { !$0.isEmpty }, "\(preset.name)")
            #expect(!preset.assumptions.isEmpty, "\(preset.name)")
            #expect(!preset.verified.isEmpty, "\(preset.name)")
            #expect(Preset.named(preset.name.uppercased())?.name == preset.name)
        }
        #expect(Preset.named("remedy") == nil)
    }

    @Test("the Presets article lists every preset, its columns, and says which were not checked on a real export")
    func documented() throws {
        let url = fixturesDirectory.deletingLastPathComponent().appendingPathComponent("Sources/OpsMetrics/OpsMetrics.docc/Presets.md")
        let article = try String(contentsOf: url, encoding: .utf8)
        for preset in Preset.all {
            #expect(article.contains("## `\(preset.name)`"), "Presets.md has no section for \(preset.name)")
            for (field, columns) in preset.columns {
                #expect(article.contains("| `\(field)` | \(columns.map { "`\($0)`" }.joined(separator: ", ")) |"),
                        "Presets.md: \(preset.name) \(field)")
            }
            if preset.verified.contains("not checked on a real") || preset.verified.hasPrefix("Not checked") {
                #expect(article.contains("## `\(preset.name)`") && article.contains("not checked on a real export"))
            }
        }
    }

    @Test("a header that fits two presets equally is ambiguous; one that fits none matches nothing")
    func ambiguousDetection() {
        // Complete for both zendesk (id, created_at, updated_at, via_channel) and rt (id, Queue, Status, Created).
        let header = ["id", "created_at", "updated_at", "via_channel", "Queue", "Status", "Created"]
        guard case .ambiguous(let presets) = Preset.detect(header: header) else {
            Issue.record("expected an ambiguous detection")
            return
        }
        #expect(presets.map(\.name).sorted() == ["rt", "zendesk"])
        #expect(Preset.detect(header: ["id", "service", "opened", "resolved"]) == .none)
    }

    @Test("the ambiguity is an error that says how to settle it")
    func ambiguousPresetError() throws {
        let text = "id,created_at,updated_at,via_channel,Queue,Status,Created\n1,2024-01-01,2024-01-02,web,General,open,2024-01-01\n"
        let sample = try InputSample(bytes: Array(text.utf8), name: "both.csv", format: .csv, isComplete: true, maxRows: 10)
        #expect {
            _ = try InputDialect.resolve(sample: sample, configuration: ReportConfiguration(), detectPreset: true)
        } throws: { error in
            (error as? ConfigurationError)?.message == "the columns of both.csv fit the presets zendesk and rt equally well; choose one with --preset NAME"
        }
    }

    @Test("day-first dates no value proves are an error naming both layouts")
    func ambiguousDates() throws {
        let text = "id,opened,resolved\nA,1/3/2016 10:00,2/3/2016 11:00\nB,5/3/2016 12:00,\n"
        let sample = try InputSample(bytes: Array(text.utf8), name: "a.csv", format: .csv, isComplete: true, maxRows: 10)
        #expect {
            _ = try InputDialect.resolve(sample: sample, configuration: ReportConfiguration(), detectPreset: true)
        } throws: { error in
            (error as? ConfigurationError)?.message
                == "cannot tell day from month in the times of a.csv ('opened' and 'resolved'): no value in the first 2 rows has a number above 12 in either place (e.g. '1/3/2016 10:00', '5/3/2016 12:00' and '2/3/2016 11:00'); choose with --time-format 'd/M/yyyy H:mm' or --time-format 'M/d/yyyy H:mm'"
        }
        // One day above 12 settles it, and the note says which value did.
        let proven = text + "C,13/3/2016 09:00,\n"
        let dialect = try InputDialect.resolve(
            sample: InputSample(bytes: Array(proven.utf8), name: "a.csv", format: .csv, isComplete: true, maxRows: 10),
            configuration: ReportConfiguration(), detectPreset: true)
        #expect(dialect.configuration.timeFormat?.pattern == "d/M/yyyy H:mm")
        #expect(dialect.notes == ["reading the times in 'opened' and 'resolved' as 'd/M/yyyy H:mm': '13/3/2016 09:00' can only be read day first (--time-format to choose)"])
    }

    @Test("--map and the configuration's maps win over the preset's; absent preset columns are no error")
    func precedence() throws {
        var configuration = ReportConfiguration()
        configuration.preset = Preset.named("servicenow")
        configuration.columnMap = ["service": "assignment_group"]
        configuration.statusMap = ["resolved": "status"]  // case-insensitively over the preset's "Resolved"
        // No closed_at, resolved_at, reopen_count, cmdb_ci ... columns: the preset does not need them.
        let text = """
        number,incident_state,sys_updated_at,opened_at,assignment_group,cmdb_ci
        INC1,New,29/2/2016 01:16,29/2/2016 01:16,Group 5,CI 9
        INC1,Resolved,29/2/2016 03:16,29/2/2016 01:16,Group 5,CI 9
        INC1,Closed,5/3/2016 12:00,29/2/2016 01:16,Group 5,CI 9

        """
        let log = try readLog(text, configuration: configuration)
        #expect(log.services.string(log.states[0][.service]) == "Group 5")
        #expect(log.states[0].resolvedLast == IncidentState.noLatest, "Resolved is only a status now")
        #expect(log.states[0].closed == micros("2016-03-05T12:00:00Z"))
    }

    @Test("a preset's ignored columns are not matched by the generic aliases")
    func ignoredColumns() throws {
        var configuration = ReportConfiguration()
        configuration.preset = Preset.named("pagerduty")
        let text = """
        incident_number,created_at,status,service,urgency
        1,2021-05-23T23:24:15Z,triggered,"{'id': 'P6OZOP6', 'summary': 'User Database'}",high

        """
        let log = try readLog(text, configuration: configuration)
        #expect(log.states[0][.service] == 0)
        #expect(log.labels.string(log.states[0][.severity]) == "high")
    }

    @Test("a nested payload that is not JSON is a row error pointing at the record")
    func badPayload() throws {
        var configuration = ReportConfiguration()
        configuration.preset = Preset.named("jira")
        let text = "id,params,data\n1,{},\"{not json\"\n"
        #expect {
            _ = try readLog(text, configuration: configuration)
        } throws: { error in
            guard let error = error as? ParseError else { return false }
            return error.kind == .invalidJSON && error.location.line == 2 && error.field == "data"
        }
        configuration.skipInvalidRows = true
        let log = try readLog(text, configuration: configuration)
        #expect(log.accounting.rowsRead == 1 && log.accounting.rowsSkipped == 1)
    }

    @Test("an expanded record folds all or nothing: one bad time skips the whole issue")
    func allOrNothing() throws {
        var configuration = ReportConfiguration()
        configuration.preset = Preset.named("jira")
        configuration.skipInvalidRows = true
        let issue = #"{"key":"X-1","fields":{"created":"2024-01-01T10:00:00.000+0000"},"changelog":{"histories":[{"created":"2024-01-02T10:00:00.000+0000","items":[{"field":"status","fromString":"Open","toString":"Done"}]},{"created":"yesterday","items":[{"field":"status","fromString":"Done","toString":"Open"}]}]}}"#
        let good = #"{"key":"X-2","fields":{"created":"2024-01-01T10:00:00.000+0000","resolutiondate":"2024-01-01T12:00:00.000+0000"}}"#
        let log = try readLog(issue + "\n" + good + "\n", format: .ndjson, name: "issues.ndjson", configuration: configuration)
        #expect(log.accounting.rowsRead == 2)
        #expect(log.accounting.rowsUsed == 1)
        #expect(log.accounting.skipped["invalid_timestamp"]?.count == 1)
        #expect(log.summary.incidents == 1)
    }

    @Test("an empty REST page holds no rows; a page of issues counts each issue as a row")
    func pages() throws {
        var configuration = ReportConfiguration()
        configuration.preset = Preset.named("jira")
        let empty = try readLog(#"{"startAt":100,"maxResults":50,"total":100,"issues":[]}"#, format: .json, name: "p.json", configuration: configuration)
        #expect(empty.accounting.rowsRead == 0)
        let page = #"{"issues":[{"key":"A-1","fields":{"created":"2024-01-01T00:00:00.000+0000"}},{"key":"A-2","fields":{"created":"2024-01-02T00:00:00.000+0000"}}]}"#
        let log = try readLog(page, format: .json, name: "p.json", configuration: configuration)
        #expect(log.accounting.rowsRead == 2 && log.accounting.rowsUsed == 2)
        #expect(log.summary.incidents == 2)
    }

    @Test("mutated preset fixtures (nested JSON, raw tables, time layouts) never crash; lenient reads account for every row")
    func hostile() throws {
        let cases: [(file: String, preset: String, format: InputFormat)] = [
            ("jira-rest-page.json", "jira", .json), ("pagerduty-devlake-raw.csv", "pagerduty", .csv),
            ("github-devlake-raw.csv", "github", .csv), ("servicenow-event-log.csv", "servicenow", .csv),
            ("jira-export.csv", "jira", .csv), ("helpdesk.csv", "helpdesk", .csv),
        ]
        var generator = SplitMix64(seed: SplitMix64.configuredSeed)
        for iteration in 0..<240 {
            let entry = cases[iteration % cases.count]
            let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent("presets/\(entry.file)"))
            let input = HostileInputTests.mutate(Array(data), using: &generator)
            var configuration = ReportConfiguration()
            configuration.preset = Preset.named(entry.preset)
            configuration.skipInvalidRows = iteration % 2 == 0
            do {
                let log = try readLog(bytes: input, format: entry.format, name: entry.file, configuration: configuration)
                let accounting = ReliabilityReport(log: log, configuration: configuration).meta.inputAccounting
                #expect(accounting.rowsRead == accounting.rowsUsed + accounting.rowsSkipped, "seed \(SplitMix64.configuredSeed) iteration \(iteration)")
            } catch let error as ParseError {
                #expect(error.location.line >= 1, "seed \(SplitMix64.configuredSeed) iteration \(iteration)")
            }
            if let sample = try? InputSample(bytes: input, name: entry.file, format: entry.format, isComplete: true, maxRows: 100) {
                _ = try? InputDialect.resolve(sample: sample, configuration: ReportConfiguration(), detectPreset: true)
            }
        }
    }
}
