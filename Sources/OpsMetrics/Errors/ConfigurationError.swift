/// A configuration that cannot work (a usage error, exit status 64 in the CLI).
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and what to do instead.
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
