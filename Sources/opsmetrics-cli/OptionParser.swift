/// A mistake on the command line (exit status 64).
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Walks command-line arguments the way ArgumentParser does: `--name value`, `--name=value`,
/// short flags, `-` for standard input, `--` to end the options, and everything else a file.
struct OptionParser {
    enum Token {
        case option(String)
        case file(String)
    }

    private let arguments: [String]
    private var index = 0
    private var inlineValue: String?
    private var onlyFiles = false

    init(_ arguments: [String]) { self.arguments = arguments }

    /// The next option or file, or `nil` at the end.
    mutating func next() -> Token? {
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            inlineValue = nil
            if onlyFiles || argument == "-" || !argument.hasPrefix("-") { return .file(argument) }
            if argument == "--" {
                onlyFiles = true
                continue
            }
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                inlineValue = String(argument[argument.index(after: equals)...])
                return .option(String(argument[..<equals]))
            }
            return .option(argument)
        }
        return nil
    }

    /// The value of `option`: after `=`, or the next argument.
    mutating func value(for option: String) throws(UsageError) -> String {
        if let inlineValue {
            self.inlineValue = nil
            return inlineValue
        }
        guard index < arguments.count else { throw UsageError("option \(option) needs a value") }
        index += 1
        return arguments[index - 1]
    }
}
