// The one file of the OpsMetrics library that imports Foundation (see STYLE.md 2.1).
//
// Named time zones need the system's time-zone database, which only full Foundation resolves on
// Linux (FoundationEssentials alone does not know "Europe/Berlin"). This file reads a zone's
// offset history once, into a `TimeZoneTable` of plain integers; nothing per record calls
// Foundation.
import Foundation

extension TimeZoneTable {
    /// 1900-01-01T00:00:00Z, in seconds since the Unix epoch: where the table starts.
    static let firstCoveredUTCSeconds: Int64 = -2_208_988_800
    /// 2101-01-01T00:00:00Z, in seconds since the Unix epoch: the table covers 1900 through 2100.
    static let endCoveredUTCSeconds: Int64 = 4_133_980_800
    /// A bound on transitions read, against a misbehaving database (real zones have < 500).
    private static let transitionLimit = 10_000

    /// Reads the offset transitions of an IANA zone from 1900 through 2100.
    ///
    /// Walks `TimeZone.nextDaylightSavingTimeTransition(after:)` from 1900-01-01T00:00:00Z (which,
    /// despite its name, reports every change of offset, including changes of standard time such
    /// as Moscow's in 2011 and 2014) and records `secondsFromGMT(for:)` at each transition, plus
    /// the offset in force at the start.
    ///
    /// - Parameter identifier: An IANA name such as `"Europe/Berlin"` (case-sensitive).
    /// - Returns: The table, or `nil` if Foundation does not know the name.
    /// - Complexity: O(*t*) calls into Foundation for *t* transitions in the range.
    init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        let start = Date(timeIntervalSince1970: Double(Self.firstCoveredUTCSeconds))
        let end = Date(timeIntervalSince1970: Double(Self.endCoveredUTCSeconds))
        var transitions: [(utcSeconds: Int64, offsetSeconds: Int32)] = []
        var cursor = start
        while transitions.count < Self.transitionLimit,
            let next = zone.nextDaylightSavingTimeTransition(after: cursor), next > cursor, next < end
        {
            // Transitions fall on whole seconds; round down in case one does not.
            let seconds = Int64(next.timeIntervalSince1970.rounded(.down))
            transitions.append((utcSeconds: seconds, offsetSeconds: Int32(clamping: zone.secondsFromGMT(for: next))))
            cursor = next
        }
        self.init(
            initialOffsetSeconds: Int32(clamping: zone.secondsFromGMT(for: start)),
            transitions: transitions)
    }
}
