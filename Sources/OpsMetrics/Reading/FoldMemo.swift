/// What the fold remembers from one row to the next, so that a column's repeated values (an
/// event column has a handful of spellings, a service column a few dozen names, a day thousands
/// of rows) skip the work their first appearance did: matching an event name against the
/// spellings, hashing a service name or label into the log's interner, and reading a date.
///
/// Each table maps a value's exact bytes (at most 16 of them, after the fold's trimming) to what
/// the fold computed for them; a value not in the table, or longer, takes the full path, and the
/// result is remembered, replacing whatever held its slot. The tables answer exactly what the full
/// path would: an event name maps to one kind whatever the row, and an interned value keeps its id.
///
/// The ids are those of one `IncidentLog`: a memo must be dropped (replaced by a new one) whenever
/// the log it was filled for is replaced. Event kinds and dates do not depend on the log.
struct FoldMemo: Sendable {
    /// Event values → `EventKind.rawValue + 1`, before a status event is mapped by its status.
    var events = ShortValueMemo(slotBits: 5)
    /// Service names → service ids.
    var services = ShortValueMemo(slotBits: 8)
    /// Status, priority, severity, reason and kind values → label ids (one interner for all).
    var labels = ShortValueMemo(slotBits: 8)
    /// The date of the last date-time parsed (rows mostly share their date with the row before).
    var dates = TimestampParser.DateMemo()

    init() {}
}

/// A direct-mapped cache from short byte strings (at most 16 bytes) to non-zero `UInt32`s.
///
/// A value's bytes are packed into two little-endian words; with the length, the key is the value
/// itself, so a hit is exact (no hash to trust). A slot holds one key: values whose keys land in
/// the same slot replace each other, and a miss only costs the full computation it would have
/// cost anyway.
///
/// - Complexity: O(length) per lookup or store, no allocation after `init`.
struct ShortValueMemo: Sendable {
    /// A value of at most 16 bytes: bytes 0–7 in `low` and 8–15 in `high` (little-endian), and
    /// its length. Two values are equal exactly when their keys are.
    struct Key: Equatable, Sendable {
        var low: UInt64
        var high: UInt64
        var count: Int

        /// The key of `buffer[range]`; `nil` when longer than 16 bytes.
        ///
        /// Reads two words from `range.lowerBound` when the buffer has 16 bytes there (nearly
        /// always: the value is followed by the rest of its row) and masks off what is past the
        /// value, else byte by byte. Measured on the 1M-row CSV log: the byte loop cost about 100
        /// instructions per value, as much as the interner's hash it saves.
        init?(_ buffer: Span<UInt8>, _ range: Range<Int>) {
            let count = range.count
            guard count <= 16 else { return nil }
            var low: UInt64 = 0
            var high: UInt64 = 0
            if buffer.count &- range.lowerBound >= 16 {
                // `unsafe` because viewing elements as raw bytes could expose padding; UInt8 has none.
                let raw = unsafe buffer.bytes
                // In bounds: lowerBound + 16 <= buffer.count, and RawSpan checks each load too.
                // `unsafe` only because a load reinterprets memory; every bit pattern is a valid UInt64.
                low = UInt64(littleEndian: unsafe raw.unsafeLoadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self))
                high = UInt64(littleEndian: unsafe raw.unsafeLoadUnaligned(fromByteOffset: range.lowerBound &+ 8, as: UInt64.self))
                // Keep the value's bytes only: `1 << 64` is 0 in Swift (a smart shift), so a full
                // word keeps its mask of all ones.
                low &= (1 << UInt64(8 * min(count, 8))) &- 1
                high &= (1 << UInt64(8 * max(count - 8, 0))) &- 1
            } else {
                for i in 0..<count {
                    let byte = UInt64(buffer[range.lowerBound &+ i])
                    if i < 8 { low |= byte << UInt64(8 * i) } else { high |= byte << UInt64(8 * (i - 8)) }
                }
            }
            self.low = low
            self.high = high
            self.count = count
        }

        /// The slot of this key among `1 << bits` (multiplicative hashing of both words).
        func slot(bits: Int) -> Int {
            let mixed = (low ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed >> UInt64(64 - bits))
        }
    }

    private var keys: [Key]
    /// The value of each slot; 0 for an empty slot.
    private var values: [UInt32]
    private let slotBits: Int

    /// An empty memo of `1 << slotBits` slots.
    init(slotBits: Int) {
        precondition(slotBits >= 1 && slotBits <= 16, "ShortValueMemo: 1 to 16 slot bits")
        self.slotBits = slotBits
        keys = Array(repeating: Key(low: 0, high: 0, count: 0), count: 1 << slotBits)
        values = Array(repeating: 0, count: 1 << slotBits)
    }

    /// The value remembered for `key`, or `nil`.
    func value(for key: Key) -> UInt32? {
        let slot = key.slot(bits: slotBits)
        let value = values[slot]
        return value != 0 && keys[slot] == key ? value : nil
    }

    /// Remembers `value` (non-zero) for `key`, replacing what its slot held.
    mutating func remember(_ value: UInt32, for key: Key) {
        precondition(value != 0, "ShortValueMemo: 0 marks an empty slot")
        let slot = key.slot(bits: slotBits)
        keys[slot] = key
        values[slot] = value
    }
}

extension ShortValueMemo.Key {
    /// Memberwise, for empty slots.
    fileprivate init(low: UInt64, high: UInt64, count: Int) {
        self.low = low
        self.high = high
        self.count = count
    }
}
