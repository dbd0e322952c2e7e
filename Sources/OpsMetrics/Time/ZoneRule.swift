/// How a timestamp written without a UTC offset (`2024-03-31 02:30`) becomes an instant.
///
/// A zone rule maps local wall-clock time to UTC offsets. It is one of three things:
///
/// - ``utc`` (the default): local time *is* UTC.
/// - a fixed offset, from ``fixed(offsetSeconds:)`` or a name such as `"+02:00"`;
/// - an IANA zone (`"Europe/Berlin"`) from ``named(_:)``: its offset transitions from 1900
///   through 2100 are read once from the system's time-zone database into a sorted table, and
///   every lookup after that is a binary search over plain integers (no Foundation per record).
///
/// ```swift
/// let berlin = ZoneRule.named("Europe/Berlin")!
/// // 2024-07-01 12:00 in Berlin is 10:00Z (CEST, +02:00).
/// ```
///
/// ## Ambiguous and missing local times
///
/// Daylight-saving changes make some local times occur twice and others not at all. Like
/// `java.time` (`ZonedDateTime.of`) and Foundation's `Calendar`, the rule resolves them as follows:
///
/// - **Overlap (fall back):** a local time that occurs twice, such as 02:30 on 2024-10-27 in
///   Berlin, means the *earlier* instant, the first occurrence (02:30+02:00 = 00:30Z).
/// - **Gap (spring forward):** a local time that never occurs, such as 02:30 on 2024-03-31 in
///   Berlin, is shifted forward by the length of the gap (to 03:30+02:00 = 01:30Z). Put
///   differently, it is read with the offset in force just before the gap.
///
/// Outside the table's range (before 1900 or after 2100) the first or last known offset
/// applies; a zone's daylight-saving rules are not extrapolated.
///
/// ## Value semantics and cost
///
/// A rule is a small value: an identifier plus either an offset or a reference to a shared,
/// immutable transition table (arrays are copy-on-write, so copying a rule copies no table).
/// Two rules are equal when their identifiers and transition data are equal.
public struct ZoneRule: Sendable, Hashable {
    /// The rule's name: `"UTC"`, a fixed offset such as `"+05:30"`, or the IANA name as given
    /// to ``named(_:)``.
    public let identifier: String

    /// How offsets are found.
    let storage: Storage

    enum Storage: Sendable, Hashable {
        /// The same offset, in seconds east of UTC, at all times.
        case fixed(offsetSeconds: Int32)
        /// Offsets that change at the table's transitions.
        case table(TimeZoneTable)
    }

    init(identifier: String, storage: Storage) {
        self.identifier = identifier
        self.storage = storage
    }

    /// Local time is UTC (offset zero). The default for zone-less timestamps.
    public static let utc = ZoneRule(identifier: "UTC", storage: .fixed(offsetSeconds: 0))

    /// A constant offset from UTC.
    ///
    /// ```swift
    /// ZoneRule.fixed(offsetSeconds: 19_800).identifier  // "+05:30"
    /// ZoneRule.fixed(offsetSeconds: 0) == .utc            // true
    /// ```
    ///
    /// - Parameter offsetSeconds: Seconds east of UTC (local = UTC + offset). Must lie strictly
    ///   between -86 400 and 86 400 (a day); anything else is a programmer error.
    /// - Returns: The rule; its identifier is `"UTC"` for zero and `±HH:MM` (or `±HH:MM:SS`)
    ///   otherwise.
    public static func fixed(offsetSeconds: Int32) -> ZoneRule {
        precondition(offsetSeconds > -86_400 && offsetSeconds < 86_400, "UTC offset must be less than a day")
        if offsetSeconds == 0 { return .utc }
        return ZoneRule(identifier: offsetIdentifier(offsetSeconds), storage: .fixed(offsetSeconds: offsetSeconds))
    }

    /// A rule from a name: an IANA zone, `UTC`, `Z`, or a fixed offset.
    ///
    /// Accepted names:
    /// - `"UTC"`, `"utc"`, `"Z"`, `"z"`: ``utc``;
    /// - `±HH:MM`, `±HHMM` or `±HH` with `HH` at most 23 and `MM` at most 59: a fixed offset
    ///   (`"+00:00"` and `"-00:00"` give ``utc``);
    /// - anything the system time-zone database knows (`"Europe/Berlin"`, `"America/New_York"`,
    ///   `"Etc/UTC"`); names are case-sensitive, as in the database.
    ///
    /// Reading a named zone takes a few hundred calls into Foundation's `TimeZone`, so call this
    /// once per run and pass the rule around; lookups afterwards are cheap.
    ///
    /// ```swift
    /// ZoneRule.named("Europe/Berlin")?.identifier  // "Europe/Berlin"
    /// ZoneRule.named("-0530")?.identifier          // "-05:30"
    /// ZoneRule.named("Mars/Olympus")                // nil
    /// ```
    ///
    /// - Parameter identifier: The name to look up.
    /// - Returns: The rule, or `nil` if the name is neither an offset nor a known zone.
    /// - Complexity: O(*t*) for a named zone with *t* transitions between 1900 and 2100.
    public static func named(_ identifier: String) -> ZoneRule? {
        switch identifier {
        case "UTC", "utc", "Z", "z": return .utc
        default: break
        }
        if let offset = parseOffsetIdentifier(Array(identifier.utf8)) {
            return .fixed(offsetSeconds: offset)
        }
        guard let table = TimeZoneTable(identifier: identifier) else { return nil }
        if table.transitionUTCSeconds.isEmpty {
            return ZoneRule(identifier: identifier, storage: .fixed(offsetSeconds: table.offsetSeconds[0]))
        }
        return ZoneRule(identifier: identifier, storage: .table(table))
    }

    /// The UTC offset to apply to a local wall-clock time: `utc = local - offset`.
    ///
    /// In a fall-back overlap this is the offset of the earlier instant (the one in force before
    /// the transition); in a spring-forward gap it is also the offset in force before the gap,
    /// which moves the time forward by the gap's length. See the type's discussion.
    ///
    /// - Parameter local: Wall-clock seconds since 1970-01-01T00:00:00 local (the fields read as
    ///   if they were UTC).
    /// - Returns: Seconds east of UTC.
    /// - Complexity: O(1) for fixed offsets, O(log *t*) for a table of *t* transitions.
    func utcOffsetSeconds(forLocalSeconds local: Int64) -> Int64 {
        switch storage {
        case .fixed(let offset):
            return Int64(offset)
        case .table(let table):
            return Int64(table.offsetSeconds[TimeZoneTable.countNotAfter(local, in: table.localThresholds)])
        }
    }

    /// The UTC offset in force at an instant: `local = utc + offset`.
    ///
    /// - Parameter utc: Seconds since 1970-01-01T00:00:00Z.
    /// - Returns: Seconds east of UTC.
    /// - Complexity: O(1) for fixed offsets, O(log *t*) for a table of *t* transitions.
    func utcOffsetSeconds(atUTCSeconds utc: Int64) -> Int64 {
        switch storage {
        case .fixed(let offset):
            return Int64(offset)
        case .table(let table):
            return Int64(table.offsetSeconds[TimeZoneTable.countNotAfter(utc, in: table.transitionUTCSeconds)])
        }
    }

    /// `±HH:MM`, or `±HH:MM:SS` when the offset has seconds (historical local mean times).
    private static func offsetIdentifier(_ offsetSeconds: Int32) -> String {
        let magnitude = Int(offsetSeconds.magnitude)
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = (offsetSeconds < 0 ? "-" : "+") + twoDigits(magnitude / 3600) + ":" + twoDigits(magnitude / 60 % 60)
        if magnitude % 60 != 0 { text += ":" + twoDigits(magnitude % 60) }
        return text
    }

    /// Parses `±HH:MM`, `±HHMM` or `±HH` (HH ≤ 23, MM ≤ 59) into seconds east of UTC.
    private static func parseOffsetIdentifier(_ bytes: [UInt8]) -> Int32? {
        guard bytes.count == 3 || bytes.count == 5 || bytes.count == 6 else { return nil }
        let sign: Int32
        switch bytes[0] {
        case ASCII.plus: sign = 1
        case ASCII.minus: sign = -1
        default: return nil
        }
        func twoDigits(at index: Int) -> Int32? {
            let high = bytes[index] &- ASCII.zero
            let low = bytes[index + 1] &- ASCII.zero
            guard high < 10, low < 10 else { return nil }
            return Int32(high) * 10 + Int32(low)
        }
        guard let hours = twoDigits(at: 1), hours <= 23 else { return nil }
        var minutes: Int32 = 0
        switch bytes.count {
        case 5:
            guard let value = twoDigits(at: 3) else { return nil }
            minutes = value
        case 6:
            guard bytes[3] == ASCII.colon, let value = twoDigits(at: 4) else { return nil }
            minutes = value
        default:
            break
        }
        guard minutes <= 59 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}

/// The offset history of one time zone: UTC instants at which the offset changes, and the
/// offset after each. Built once (see `TimeZoneTable+Foundation.swift`), then only read.
///
/// Three parallel arrays keep the binary searches on plain `Int64`s:
/// `offsetSeconds[0]` is in force before the first transition and `offsetSeconds[i + 1]` from
/// transition `i` on. For local-time lookups each transition also gets a *local threshold*, the
/// first wall-clock second that unambiguously belongs to the new offset:
///
///     threshold[i] = transitionUTCSeconds[i] + max(offsetBefore, offsetAfter)
///
/// Local times below the threshold use the old offset. For a spring-forward gap
/// `[T + old, T + new)` that shifts gap times forward; for a fall-back overlap
/// `[T + new, T + old)` it picks the first occurrence. Thresholds are forced non-decreasing,
/// so the search is well defined even for transitions closer together than their offsets.
struct TimeZoneTable: Sendable, Hashable {
    /// Seconds since the Unix epoch (UTC) at which the offset changes; strictly ascending.
    let transitionUTCSeconds: [Int64]
    /// Local wall-clock seconds from which the offset after each transition applies.
    let localThresholds: [Int64]
    /// Offsets in seconds east of UTC; one more element than there are transitions.
    let offsetSeconds: [Int32]

    /// Builds a table from transitions in any order.
    ///
    /// Transitions that do not change the offset (a change of name or of the daylight-saving
    /// flag only) are dropped; of several at the same instant the last one wins.
    ///
    /// - Parameters:
    ///   - initialOffsetSeconds: Offset in force before the first transition.
    ///   - transitions: Instants of change (seconds since the epoch, UTC) with the offset from
    ///     that instant on.
    init(initialOffsetSeconds: Int32, transitions: [(utcSeconds: Int64, offsetSeconds: Int32)]) {
        let sorted = transitions.sorted { $0.utcSeconds < $1.utcSeconds }
        var instants: [Int64] = []
        var offsets: [Int32] = [initialOffsetSeconds]
        instants.reserveCapacity(sorted.count)
        offsets.reserveCapacity(sorted.count + 1)
        for transition in sorted {
            if let last = instants.last, last == transition.utcSeconds {
                instants.removeLast()
                offsets.removeLast()
            }
            guard let current = offsets.last, current != transition.offsetSeconds else { continue }
            instants.append(transition.utcSeconds)
            offsets.append(transition.offsetSeconds)
        }
        var thresholds: [Int64] = []
        thresholds.reserveCapacity(instants.count)
        for index in instants.indices {
            let larger = Int64(max(offsets[index], offsets[index + 1]))
            let threshold = instants[index].addingReportingOverflow(larger)
            let value = threshold.overflow ? Int64.max : threshold.partialValue
            thresholds.append(max(value, thresholds.last ?? Int64.min))
        }
        self.transitionUTCSeconds = instants
        self.localThresholds = thresholds
        self.offsetSeconds = offsets
    }

    /// How many elements of an ascending array are less than or equal to `key` (the index of
    /// the first element greater than `key`).
    ///
    /// - Complexity: O(log *n*).
    static func countNotAfter(_ key: Int64, in values: [Int64]) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low &+ high) >> 1
            if values[middle] <= key {
                low = middle &+ 1
            } else {
                high = middle
            }
        }
        return low
    }
}
