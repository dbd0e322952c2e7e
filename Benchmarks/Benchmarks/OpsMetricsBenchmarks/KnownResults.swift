import OpsMetrics

/// Totals of the report on the benchmark log (seed 42, 50 services) at the benchmark sizes, as
/// opsmetrics computed them and DuckDB and polars confirmed per service (Benchmarks/compare.sh).
/// A change of the generator changes them: rerun compare.sh at these sizes and update.
struct KnownResult: Hashable, CustomStringConvertible {
    /// Failure records opened in the window, all services.
    var incidents: Int
    /// Failure episodes starting in the window, all services.
    var failures: Int
    /// Downtime summed over the services, in microseconds.
    var downtimeMicroseconds: Int64
    /// MTTR samples (recovery, per incident) and their mean, in microseconds (rounded).
    var mttrCount: Int
    var mttrMeanMicroseconds: Int64

    init(incidents: Int, failures: Int, downtimeMicroseconds: Int64, mttrCount: Int, mttrMeanMicroseconds: Int64) {
        self.incidents = incidents
        self.failures = failures
        self.downtimeMicroseconds = downtimeMicroseconds
        self.mttrCount = mttrCount
        self.mttrMeanMicroseconds = mttrMeanMicroseconds
    }

    init(_ report: ReliabilityReport) {
        incidents = report.total.incidents
        failures = report.total.failures
        downtimeMicroseconds = Int64((report.total.downtimeSeconds * 1_000_000).rounded())
        mttrCount = report.total.mttr.count
        mttrMeanMicroseconds = Int64(((report.total.mttr.meanSeconds ?? 0) * 1_000_000).rounded())
    }

    var description: String {
        "incidents \(incidents), failures \(failures), downtime \(downtimeMicroseconds) µs, MTTR n \(mttrCount) mean \(mttrMeanMicroseconds) µs"
    }

    /// By size in events. Confirmed per service by DuckDB 2.0.0 and polars 2.1.0 on 2026-11-21.
    static let bySize: [Int: KnownResult] = [
        10_000: KnownResult(incidents: 2_536, failures: 2_467, downtimeMicroseconds: 214_260_176_853,
                            mttrCount: 2_536, mttrMeanMicroseconds: 87_004_963),
        100_000: KnownResult(incidents: 25_355, failures: 24_890, downtimeMicroseconds: 1_849_028_004_812,
                             mttrCount: 25_355, mttrMeanMicroseconds: 74_022_174),
        1_000_000: KnownResult(incidents: 253_532, failures: 249_269, downtimeMicroseconds: 18_550_078_310_120,
                               mttrCount: 253_530, mttrMeanMicroseconds: 73_850_841),
    ]
}
