/// The process exit statuses (sysexits.h values where one fits), listed in `--help` and the README.
struct ExitStatus: Sendable, Hashable, CustomStringConvertible {
    let code: Int32

    static let success = ExitStatus(code: 0)
    /// A runtime or I/O failure.
    static let failure = ExitStatus(code: 1)
    /// A usage error: bad option or value (`EX_USAGE`).
    static let usage = ExitStatus(code: 64)
    /// Malformed input data (`EX_DATAERR`).
    static let dataError = ExitStatus(code: 65)
    /// An input that cannot be opened (`EX_NOINPUT`).
    static let noInput = ExitStatus(code: 66)

    var description: String { String(code) }
}
