/// Any failure of a read or a report: bad data, an input that cannot be opened, or an I/O error.
public enum OpsMetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data is malformed (exit status 65 in the CLI).
    case parse(ParseError)
    /// The input cannot be opened (exit status 66): path and the system's reason.
    case cannotOpen(path: String, reason: String)
    /// Reading or writing failed after opening (exit status 1): path and the system's reason.
    case io(path: String, reason: String)
    /// The configuration cannot work (exit status 64).
    case configuration(ConfigurationError)
    /// A state file is not one this version can read (exit status 65): another file, truncated,
    /// corrupted, of another version, or with values that do not fit together; `offset` is the
    /// byte where reading stopped.
    case invalidState(path: String, offset: Int, reason: String)

    public var description: String {
        switch self {
        case .parse(let error): error.description
        case .cannotOpen(let path, let reason): "\(path): error: cannot open: \(reason)"
        case .io(let path, let reason): "\(path): error: \(reason)"
        case .configuration(let error): "error: \(error.message)"
        case .invalidState(let path, let offset, let reason): "\(path): error: invalid state file at byte \(offset): \(reason)"
        }
    }
}
