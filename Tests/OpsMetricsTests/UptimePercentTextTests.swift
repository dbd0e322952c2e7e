@testable import OpsMetrics
import Testing

/// The table's uptime column never rounds a non-zero downtime up to 100.000% (nor a non-zero
/// uptime down to 0.000%).
@Suite("Uptime percent text")
struct UptimePercentTextTests {
    @Test("bounds only when reached, >99.999% and <0.001% when rounding would reach them", arguments: [
        (100.0, "100.000%"), (0.0, "0.000%"), (99.9999, ">99.999%"), (99.99999999, ">99.999%"),
        (99.9994, "99.999%"), (99.9, "99.900%"), (0.0004, "<0.001%"), (0.0006, "0.001%"),
    ])
    func percent(value: Double, expected: String) {
        #expect(TableRenderer.percent(value) == expected)
        // A downtime of one second in a year: 100 × (1 − 1 / 31 536 000).
        #expect(TableRenderer.percent(100 * (1 - 1 / 31_536_000.0)) == ">99.999%")
    }
}
