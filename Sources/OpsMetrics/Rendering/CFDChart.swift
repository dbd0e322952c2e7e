
/// The cumulative flow diagram of a flow report's total, as a standalone SVG document (no
/// scripts, fonts or external references): a stacked area per stage, first stage on top and
/// the last (done) at the bottom, over the periods' boundaries, with dated axes and a legend.
///
/// With stages, the top edge of each band is the line "records that reached this stage or a
/// later one", so a band's height is the work in that stage and the top line is the arrivals.
/// Without stages there are two bands: resolved (bottom, cumulative departures) and open (work
/// in progress, up to `open at start + cumulative created`).
public enum CFDChart {
    static let width = 960.0
    static let height = 540.0
    static let plot = (left: 76.0, right: 960.0 - 210.0, top: 70.0, bottom: 540.0 - 70.0)
    /// Tableau 10: distinct on screen and in print.
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    struct Band {
        var name: String
        var color: String
        var upper: [Double]
        var lower: [Double]
    }

    public static func svg(_ report: FlowReport) -> String {
        let total = report.total
        let periods = report.periods
        var times = periods.first.map { [Double($0.start.microsecondsSinceEpoch)] } ?? []
        times += periods.map { Double($0.end.microsecondsSinceEpoch) }
        let bands = self.bands(report)

        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#222">
        <rect width="100%" height="100%" fill="#ffffff"/>

        """
        let title = report.meta.stages == nil ? "Cumulative flow: created vs resolved" : "Cumulative flow diagram by stage"
        svg += text(title, x: plot.left, y: 28, size: 18, weight: "bold")
        let scope = "\(total.name == "all" ? "all series" : total.name) · \(report.meta.period.rawValue)s in \(report.meta.timeZone) · \(day(report.meta.windowStart)) to \(day(report.meta.asOf))"
        svg += text(scope, x: plot.left, y: 48, size: 12, fill: "#555")

        guard times.count >= 2, let first = times.first, let last = times.last, last > first else {
            svg += text("no time in the window", x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2, size: 14, anchor: "middle")
            return svg + "</svg>\n"
        }
        let maximum = bands.flatMap(\.upper).max() ?? 0
        let (yTop, yStep) = niceScale(maximum)
        func x(_ t: Double) -> Double { plot.left + (t - first) / (last - first) * (plot.right - plot.left) }
        func y(_ value: Double) -> Double { plot.bottom - value / yTop * (plot.bottom - plot.top) }

        // Grid and y axis.
        var value = 0.0
        while value <= yTop + yStep / 2 {
            let yy = y(value)
            svg += "<line x1=\"\(n(plot.left))\" y1=\"\(n(yy))\" x2=\"\(n(plot.right))\" y2=\"\(n(yy))\" stroke=\"#e3e3e3\"/>\n"
            svg += text(integer(value), x: plot.left - 8, y: yy + 4, size: 11, anchor: "end", fill: "#444")
            value += yStep
        }

        // Bands, bottom (last stage) first so upper bands' outlines stay visible.
        for band in bands.reversed() {
            var points: [String] = []
            for (t, v) in zip(times, band.upper) { points.append("\(n(x(t))),\(n(y(v)))") }
            for (t, v) in zip(times, band.lower).reversed() { points.append("\(n(x(t))),\(n(y(v)))") }
            svg += "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(band.color)\" fill-opacity=\"0.88\" stroke=\"\(band.color)\" stroke-width=\"1.2\" stroke-linejoin=\"round\"><title>\(escape(band.name))</title></polygon>\n"
        }

        // Axes.
        svg += "<line x1=\"\(n(plot.left))\" y1=\"\(n(plot.bottom))\" x2=\"\(n(plot.right))\" y2=\"\(n(plot.bottom))\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(n(plot.left))\" y1=\"\(n(plot.top))\" x2=\"\(n(plot.left))\" y2=\"\(n(plot.bottom))\" stroke=\"#333\"/>\n"
        // Label a boundary when it is far enough from the last label (periods differ in length,
        // and the first and last may be cut short by the window).
        let spacing = Double(periods.map(\.label.count).max() ?? 8) * 6.6 + 14
        var lastLabel = -Double.infinity
        for (index, period) in periods.enumerated() {
            let xx = x(times[index])
            let labelled = xx - lastLabel >= spacing && plot.right - xx >= spacing / 2
            if labelled || periods.count <= 120 {
                svg += "<line x1=\"\(n(xx))\" y1=\"\(n(plot.bottom))\" x2=\"\(n(xx))\" y2=\"\(n(plot.bottom + (labelled ? 6 : 3)))\" stroke=\"#333\"/>\n"
            }
            if labelled {
                svg += text(period.label, x: xx, y: plot.bottom + 20, size: 11, anchor: "middle", fill: "#444")
                lastLabel = xx
            }
        }
        svg += text("period start (\(report.meta.timeZone))", x: (plot.left + plot.right) / 2, y: plot.bottom + 44, size: 12, anchor: "middle", fill: "#555")
        svg += "<text x=\"20\" y=\"\(n((plot.top + plot.bottom) / 2))\" font-size=\"12\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 20 \(n((plot.top + plot.bottom) / 2)))\">records</text>\n"

        // Legend, in stacking order (top band first), with each band's height at the end.
        svg += text(report.meta.stages == nil ? "at the end" : "in stage at the end", x: plot.right + 24, y: plot.top + 4, size: 11, fill: "#555")
        for (index, band) in bands.enumerated() {
            let yy = plot.top + 18 + Double(index) * 22
            let now = (band.upper.last ?? 0) - (band.lower.last ?? 0)
            svg += "<rect x=\"\(n(plot.right + 24))\" y=\"\(n(yy))\" width=\"14\" height=\"14\" fill=\"\(band.color)\" fill-opacity=\"0.88\"/>\n"
            svg += text("\(band.name) (\(integer(now)))", x: plot.right + 44, y: yy + 11, size: 12)
        }
        let notes = report.meta.stages == nil
            ? ["top edge: open at window", "start + cumulative created;", "boundary: cumulative resolved"]
            : ["band height: records in", "the stage; top edge: all", "records that arrived"]
        for (index, note) in notes.enumerated() {
            svg += text(note, x: plot.right + 24, y: plot.top + 30 + Double(bands.count) * 22 + Double(index) * 15, size: 10.5, fill: "#666")
        }
        return svg + "</svg>\n"
    }

    /// The bands, top (first stage, or open) to bottom (last stage, or resolved).
    static func bands(_ report: FlowReport) -> [Band] {
        let total = report.total
        if let names = report.meta.stages, let atStart = total.stagesAtStart {
            var lines: [[Double]] = names.indices.map { stage in
                [Double(atStart[stage].reached)] + total.periods.map { Double($0.stages?[stage].reached ?? 0) }
            }
            lines.append(Array(repeating: 0, count: lines.first?.count ?? 0))
            return names.indices.map { stage in
                Band(name: names[stage], color: palette[stage % palette.count], upper: lines[stage], lower: lines[stage + 1])
            }
        }
        let arrived = [Double(total.openAtStart)] + total.periods.map { Double(total.openAtStart + $0.cumulativeCreated) }
        let resolved = [0.0] + total.periods.map { Double($0.cumulativeResolved) }
        return [
            Band(name: "open", color: palette[1], upper: arrived, lower: resolved),
            Band(name: "resolved", color: palette[0], upper: resolved, lower: Array(repeating: 0, count: resolved.count)),
        ]
    }

    /// A top value and a step of 1, 2 or 5 × 10ⁿ (at least 1) giving about five intervals.
    static func niceScale(_ maximum: Double) -> (top: Double, step: Double) {
        guard maximum > 0 else { return (1, 1) }
        let rough = maximum / 5
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        let step = max(1, [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10)
        return ((maximum / step).rounded(.up) * step, step)
    }

    static func text(_ content: String, x: Double, y: Double, size: Double, weight: String = "normal",
                     anchor: String = "start", fill: String = "#222") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" font-weight=\"\(weight)\" text-anchor=\"\(anchor)\" fill=\"\(fill)\">\(escape(content))</text>\n"
    }

    static func n(_ value: Double) -> String { DurationText.fixed(value, digits: 1) }

    static func integer(_ value: Double) -> String { String(Int(value.rounded())) }

    /// `2024-05-01` of an instant (UTC date of the RFC 3339 form).
    static func day(_ t: Timestamp) -> String { String(t.description.prefix(10)) }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
