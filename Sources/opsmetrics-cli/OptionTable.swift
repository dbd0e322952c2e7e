/// One option as the help lists it and the parser accepts it.
struct OptionHelp: Sendable {
    /// Its spellings, short first: `-o`, `--output`.
    let names: [String]
    /// The placeholder of its value (`FILE`), `nil` for a flag.
    let value: String?
    /// The help, one line per element, as printed.
    let lines: [String]

    init(_ names: String..., value: String? = nil, help lines: String...) {
        self.names = names
        self.value = value
        self.lines = lines
    }
}

/// The options of one command, in the sections its help prints. The parser accepts exactly the
/// options of its command's table (``accepts(_:)``), so the help and the parser cannot drift
/// apart: an option handled but not listed is refused, one listed but not handled fails the tests.
struct OptionTable: Sendable {
    struct Section: Sendable {
        /// The heading, without its colon (it may span lines).
        let title: String
        let options: [OptionHelp]
    }

    let sections: [Section]

    /// Every spelling of every option.
    var names: [String] { sections.flatMap { $0.options.flatMap(\.names) } }

    /// Whether `name` (`--output`, `-o`) is one of the command's options.
    func accepts(_ name: String) -> Bool { sections.contains { $0.options.contains { $0.names.contains(name) } } }

    /// The value placeholder of `name`, or `nil` for a flag or an unknown option.
    func value(of name: String) -> String? {
        sections.lazy.flatMap(\.options).first { $0.names.contains(name) }?.value
    }

    /// The sections as the help prints them: the heading, then each option's spellings and value
    /// with its help beside them from column 36 (below them when they are longer).
    var text: String {
        let column = 35
        var out = ""
        for section in sections {
            out += section.title + ":\n"
            for option in section.options {
                let label = "  " + option.names.joined(separator: ", ") + (option.value.map { " " + $0 } ?? "")
                var lines = option.lines
                if label.count < column - 1, let first = lines.first {
                    out += label + String(repeating: " ", count: column - label.count) + first + "\n"
                    lines.removeFirst()
                } else {
                    out += label + "\n"
                }
                for line in lines { out += String(repeating: " ", count: column) + line + "\n" }
            }
            out += "\n"
        }
        return out
    }
}
