import OpsMetrics

/// `opsmetrics inspect FILE`: what the tool makes of an export, before a report is run.
enum InspectCommand {
    static let formats = ["table", "json"]

    static func run(_ arguments: [String], stdout: inout some TextOutput, stderr: inout some TextOutput, now: Timestamp) -> ExitCode {
        var options = CommonOptions(now: now)
        var sampleMiB = 64
        do throws(UsageError) {
            var parser = OptionParser(arguments)
            while let token = parser.next() {
                switch token {
                case .file(let path): options.files.append(path)
                case .option(let option):
                    guard Usage.inspectOptions.accepts(option) else { throw UsageError("unknown option '\(option)'") }
                    if try options.parse(option, &parser) { continue }
                    guard option == "--sample-mib" else { throw UsageError("unknown option '\(option)'") }
                    let text = try parser.value(for: option)
                    guard let value = Int(text), value > 0, value <= 4096 else {
                        throw UsageError("--sample-mib takes a whole number of MiB from 1 to 4096, not '\(text)'")
                    }
                    sampleMiB = value
                }
            }
            if options.showHelp {
                stdout.write(Usage.inspect)
                return .success
            }
            try options.finish(formats: formats)
            guard options.files.count <= 1 else {
                throw UsageError("inspect takes one FILE (or standard input), not \(options.files.count)")
            }
        } catch {
            return CommandSupport.usageError(error, synopsis: Usage.inspectSynopsis, command: "inspect ", stderr: &stderr)
        }
        let inspection: InputInspection
        do {
            var input = try InputSource(opening: options.files.first ?? "-")
            inspection = try InputInspection.inspect(&input, configuration: options.configuration,
                                                     detectPreset: options.detectPreset, maxBytes: sampleMiB << 20)
        } catch {
            stderr.write("opsmetrics: \(error)\n")
            return CommandSupport.exitCode(error)
        }
        let text: String
        if options.outputFormat == "json" {
            do { text = try JSONRendering.render(inspection) } catch {
                stderr.write("opsmetrics: error: cannot encode the inspection: \(error)\n")
                return .failure
            }
        } else {
            text = render(inspection)
        }
        return CommandSupport.emit(text, to: options.outputPath, stdout: &stdout, stderr: &stderr)
    }

    /// The inspection for people.
    static func render(_ inspection: InputInspection) -> String {
        var lines: [String] = []
        lines.append("OpsMetrics input inspection")
        let amount = inspection.complete ? "read in full" : "first \(bytes(inspection.bytesRead)) read (--sample-mib for more)"
        lines.append("input      \(inspection.input) (\(inspection.format), \(bytes(inspection.bytesRead)), \(amount))")
        switch (inspection.preset, inspection.presetSource) {
        case (let name?, "detected"):
            lines.append("preset     \(name) (detected from the columns \(inspection.presetEvidence.map { "'\($0)'" }.joined(separator: ", ")))")
        case (let name?, _):
            lines.append("preset     \(name) (given)")
        default:
            lines.append("preset     none (generic column names; --preset \(Preset.names.joined(separator: "|")))")
        }
        let t = inspection.timestamps
        let layout = t.layout == "rfc3339" ? "RFC 3339 / ISO 8601 or epoch numbers" : "'\(t.layout)'"
        var timeLine = "times      \(layout) (\(t.source == "default" ? "the default" : t.source)), zone-less values in \(t.zone)"
        if let evidence = t.evidence { timeLine += "; \(evidence)" }
        lines.append(timeLine)
        if !t.columns.isEmpty { lines.append("           time columns: \(t.columns.joined(separator: ", "))") }
        lines.append("")
        lines.append("columns")
        let width = min(40, inspection.columns.map(\.column.count).max() ?? 0)
        for use in inspection.columns {
            let name = use.column.count > width ? String(use.column.prefix(width - 1)) + "…" : use.column.padding(width)
            lines.append("  \(name)  \(use.field.map { "→ \($0)" } ?? "  (not used)")")
        }
        lines.append("")
        let rows = inspection.rows
        lines.append("rows       \(rows.rowsRead) read, \(rows.rowsUsed) used, \(rows.rowsSkipped) skipped\(inspection.complete ? "" : " (in the part read)")")
        let r = inspection.records
        lines.append("incidents  \(r.incidents) (\(r.resolved) resolved, \(r.open) open, \(r.reopened) reopened)\(r.withoutLifecycle > 0 ? "; \(r.withoutLifecycle) records with notes only" : "")")
        lines.append("")
        lines.append("problems")
        if inspection.problems.isEmpty { lines.append("  none seen") }
        for problem in inspection.problems { lines.append("  - [\(problem.code)] \(problem.message)") }
        lines.append("")
        lines.append("run the report with")
        lines.append("  \(inspection.command)")
        return lines.joined(separator: "\n") + "\n"
    }

    static func bytes(_ count: Int) -> String {
        if count < 1_000 { return "\(count) B" }
        if count < 1_000_000 { return "\(count / 1_000).\(count % 1_000 / 100) kB" }
        return "\(count / 1_000_000).\(count % 1_000_000 / 100_000) MB"
    }
}

extension String {
    /// The text padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
