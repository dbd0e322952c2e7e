/// The process exit statuses (sysexits.h values where one fits), listed in `--help` and the README.
struct ExitCode: Sendable, Hashable, CustomStringConvertible {
    let code: Int32

    static let success = ExitCode(code: 0)
    /// A runtime or I/O failure.
    static let failure = ExitCode(code: 1)
    /// The report was written whole, but it broke a `--fail-under` / `--fail-over` threshold.
    static let thresholdBroken = ExitCode(code: 2)
    /// A usage error: bad option or value (`EX_USAGE`).
    static let usage = ExitCode(code: 64)
    /// Malformed input data (`EX_DATAERR`).
    static let dataError = ExitCode(code: 65)
    /// An input that cannot be opened (`EX_NOINPUT`).
    static let noInput = ExitCode(code: 66)

    var description: String { String(code) }
}
