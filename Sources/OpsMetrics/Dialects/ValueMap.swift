/// A map from field values (a status such as `Resolved`, an activity such as `Resolve ticket`) to
/// lifecycle events, compiled once and matched against a value's bytes with no allocation.
///
/// Keys are compared ASCII-case-insensitively and exactly otherwise (after the value's usual trimming
/// of spaces and tabs): `resolved` matches `Resolved` and `RESOLVED`, not `Resolved ` with an inner
/// difference. The targets are event names or their spellings (`resolved`, `resolve`, `close`,
/// `status`, `note`, ...).
struct ValueMap: Sendable {
    /// Lower-cased keys and their events, in a stable order.
    private let keys: [[UInt8]]
    private let events: [EventKind]

    /// An empty map.
    init() {
        keys = []
        events = []
    }

    /// Compiles `map` (value → event name).
    ///
    /// - Parameter option: The option's name in messages (`statusMap`, `--event-map`).
    /// - Throws: ``ConfigurationError`` when a target is no event name, or two keys differ only in case.
    init(_ map: [String: String], option: String) throws(ConfigurationError) {
        var keys: [[UInt8]] = []
        var events: [EventKind] = []
        for (value, target) in map.sorted(by: { $0.key < $1.key }) {
            let targetBytes = Array(target.utf8)
            guard let kind = EventKind.matching(targetBytes.span) else {
                throw ConfigurationError("\(option): '\(value)' maps to '\(target)', which is no event; expected \(EventKind.expectedList)")
            }
            let key = Array(value.utf8).map(ASCII.lowercased)
            var trimmed = key[...]
            while let first = trimmed.first, first == ASCII.space || first == ASCII.tab { trimmed = trimmed.dropFirst() }
            while let last = trimmed.last, last == ASCII.space || last == ASCII.tab { trimmed = trimmed.dropLast() }
            if let index = keys.firstIndex(of: Array(trimmed)) {
                if events[index] != kind {
                    throw ConfigurationError("\(option): '\(value)' is mapped twice, to different events")
                }
                continue
            }
            keys.append(Array(trimmed))
            events.append(kind)
        }
        self.keys = keys
        self.events = events
    }

    var isEmpty: Bool { keys.isEmpty }

    /// The event for `buffer[range]`, or `nil` when the value is not a key.
    func event(of buffer: Span<UInt8>, _ range: Range<Int>) -> EventKind? {
        let count = range.count
        for (index, key) in keys.enumerated() where key.count == count {
            var same = true
            for k in 0..<count where ASCII.lowercased(buffer[range.lowerBound &+ k]) != key[k] {
                same = false
                break
            }
            if same { return events[index] }
        }
        return nil
    }
}
