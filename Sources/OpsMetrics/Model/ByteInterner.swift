/// Maps byte strings (incident ids, service names, labels) to dense integer ids, so the fold
/// keeps integers per record and builds a `String` only once per distinct value.
///
/// Ids are 1-based; 0 means "no value". Storage is one byte arena plus a 32-bit end offset per id, and an
/// open-addressing hash table (probing by a step taken from the hash, see `step(_:)`; at most
/// 3/4 full) whose slots hold an id with its hash, so a probe compares bytes only when the hashes
/// match.
/// A value's bytes are checked the first time it is seen: valid UTF-8 without NUL bytes (text).
///
/// - Complexity: `intern` is O(length) expected; memory is O(total distinct bytes + count).
struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    /// The arena end of each id, modulo 2^32 (4 bytes an id where an `Int` took 8); `ends[0] = 0`
    /// is the sentinel. `end(_:)` adds back the multiples of 2^32 that `wraps` counts.
    private var ends: [UInt32] = [0]
    /// For each multiple of 2^32 bytes the arena has passed, the first id whose end is past it:
    /// empty below 4 GiB of distinct values, as in every log but a hostile one.
    private var wraps: [Int] = []
    /// log2 of where ends wrap: 32, smaller only in the tests of the wrap.
    private let wrapShift: Int
    /// `hash << 32 | id`, or 0 for an empty slot.
    private var slots: [UInt64] = Array(repeating: 0, count: 16)
    /// The most recently added values (`hash << 32 | id`), by the hash's low bits; empty while the
    /// table is small. Logs name the same few open records again and again: this table stays in
    /// the processor's cache when the big one (tens of MB for millions of ids) does not.
    private var recent: [UInt64] = []
    private static let recentCapacity = 1 << 13

    init() {
        self.init(wrapShift: 32)
    }

    /// An interner whose ends wrap every 2^`wrapShift` bytes (the tests of the wrap use a few bytes).
    init(wrapShift: Int) {
        precondition(wrapShift > 0 && wrapShift <= 32, "ends are 32 bits")
        self.wrapShift = wrapShift
    }

    /// The arena end of `id` (0...count).
    @inline(__always)
    private func end(_ id: Int) -> Int {
        let low = Int(ends[id])
        guard !wraps.isEmpty else { return low }
        // The number of wraps at or before `id`, by binary search (`wraps` is sorted).
        var (lower, upper) = (0, wraps.count)
        while lower < upper {
            let middle = (lower + upper) / 2
            if wraps[middle] <= id { lower = middle + 1 } else { upper = middle }
        }
        return lower << wrapShift | low
    }

    /// Ends the id added last at the arena's end.
    private mutating func appendEnd() {
        let end = arena.count
        while end >> wrapShift > wraps.count { wraps.append(ends.count) }  // a value may pass several
        ends.append(UInt32(truncatingIfNeeded: end & ((1 << wrapShift) - 1)))
    }

    /// The number of distinct values.
    var count: Int { ends.count - 1 }

    /// The id of `bytes`, adding it if new. Returns `nil` if it is new and not text: not valid
    /// UTF-8, or containing a NUL byte (which no id or label has; it means a binary or UTF-16 file).
    mutating func intern(_ bytes: Span<UInt8>) -> UInt32? {
        let hash = ByteInterner.hash(bytes)
        let (found, slot) = find(bytes, hash: hash)
        if let found { return found }
        guard UTF8Validation.isValid(bytes, allowingNUL: false) else { return nil }
        for index in bytes.indices { arena.append(bytes[index]) }
        appendEnd()
        let id = UInt32(ends.count - 1)
        let entry = UInt64(hash) << 32 | UInt64(id)
        slots[slot] = entry
        if !recent.isEmpty { recent[Int(hash) & (ByteInterner.recentCapacity - 1)] = entry }
        if !ByteInterner.fits(count, in: slots.count) { grow(to: slots.count * 2) }
        return id
    }

    /// The id of `bytes` if it was interned, without adding it.
    func lookup(_ bytes: Span<UInt8>) -> UInt32? {
        find(bytes, hash: ByteInterner.hash(bytes)).id
    }

    /// Makes room for `count` values in all without growing the table.
    mutating func reserveCapacity(_ count: Int) {
        ends.reserveCapacity(count + 1)
        var capacity = slots.count
        while !ByteInterner.fits(count, in: capacity) { capacity *= 2 }
        if capacity > slots.count { grow(to: capacity) }
    }

    /// Whether `count` values fit a table of `capacity` slots: at most 3/4 full. The probe step
    /// keeps lookups short there (a sequence's ids sit in their home slots); at 1/2, the
    /// 8-byte slots were the largest part of the interner (32 MB for 2.5 million ids).
    static func fits(_ count: Int, in capacity: Int) -> Bool {
        count * 4 <= capacity * 3
    }

    /// The id of `bytes` if interned, and the slot where the probe ended (where a new id goes;
    /// -1 when found among the recent values).
    @inline(__always)
    private func find(_ bytes: Span<UInt8>, hash: UInt32) -> (id: UInt32?, slot: Int) {
        if !recent.isEmpty {
            let entry = recent[Int(hash) & (ByteInterner.recentCapacity - 1)]
            // 0 is an empty slot, which a value whose hash is 0 would otherwise match.
            if entry != 0, UInt32(truncatingIfNeeded: entry >> 32) == hash, equals(Int(UInt32(truncatingIfNeeded: entry)), bytes) {
                return (UInt32(truncatingIfNeeded: entry), -1)
            }
        }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        let step = ByteInterner.step(hash)
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot) }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let id = UInt32(truncatingIfNeeded: entry)
                if equals(Int(id), bytes) { return (id, slot) }
            }
            slot = (slot + step) & mask
        }
    }

    /// Interns every value of `other`, new ones in `other`'s id order (as interning them one by
    /// one would); returns this interner's id of each of `other`'s ids (index 0, "no value", maps
    /// to 0).
    ///
    /// The table is probed in the order of the values' home slots rather than at random, so a
    /// merge of millions of ids reads the big table about front to back.
    mutating func interning(_ other: ByteInterner) -> [UInt32] {
        reserveCapacity(count + other.count)
        arena.reserveCapacity(arena.count + other.arena.count)
        var ids = [UInt32](repeating: 0, count: other.count + 1)
        let order = other.entriesByHomeSlot(in: slots.count)
        // 1. Which values are known already.
        for entry in order {
            let otherID = UInt32(truncatingIfNeeded: entry)
            let bytes = other.bytes(otherID)
            if let found = find(bytes.span, hash: UInt32(truncatingIfNeeded: entry >> 32)).id { ids[Int(otherID)] = found }
        }
        // 2. New ids for the others, in their order (interned values were valid text when first seen).
        let firstNew = count + 1
        for otherID in 1..<ids.count where ids[otherID] == 0 {
            arena.append(contentsOf: other.bytes(UInt32(otherID)))
            appendEnd()
            ids[otherID] = UInt32(ends.count - 1)
        }
        // 3. Their slots, again in home-slot order.
        let mask = slots.count - 1
        for entry in order {
            let id = ids[Int(UInt32(truncatingIfNeeded: entry))]
            guard id >= firstNew else { continue }
            var slot = Int(entry >> 32) & mask
            let step = ByteInterner.step(UInt32(truncatingIfNeeded: entry >> 32))
            while slots[slot] != 0 { slot = (slot + step) & mask }
            slots[slot] = entry & 0xFFFF_FFFF_0000_0000 | UInt64(id)
        }
        return ids
    }

    /// Every entry (`hash << 32 | id`) grouped by its home slot in a table of `capacity` slots, in
    /// runs of 1,024 slots (8 KB of table), by a counting sort.
    private func entriesByHomeSlot(in capacity: Int) -> [UInt64] {
        let shift = 10
        let buckets = max(1, capacity >> shift)
        let mask = capacity - 1
        var starts = [Int](repeating: 0, count: buckets + 1)
        for entry in slots where entry != 0 { starts[((Int(entry >> 32) & mask) >> shift) + 1] += 1 }
        for bucket in 0..<buckets { starts[bucket + 1] += starts[bucket] }
        var sorted = [UInt64](repeating: 0, count: count)
        for entry in slots where entry != 0 {
            let bucket = (Int(entry >> 32) & mask) >> shift
            sorted[starts[bucket]] = entry
            starts[bucket] += 1
        }
        return sorted
    }

    /// The value of `id` (1...count) as a string.
    func string(_ id: UInt32) -> String {
        String(decoding: bytes(id), as: UTF8.self)
    }

    /// The bytes of `id` (1...count).
    func bytes(_ id: UInt32) -> ArraySlice<UInt8> {
        arena[end(Int(id) - 1)..<end(Int(id))]
    }

    /// Whether the value of `a` sorts before the value of `b` (1...count), byte by byte, a prefix
    /// first: the order of their UTF-8, which is Unicode scalar order.
    func precedes(_ a: UInt32, _ b: UInt32) -> Bool {
        let a0 = end(Int(a) - 1)
        let b0 = end(Int(b) - 1)
        let aCount = end(Int(a)) - a0
        let bCount = end(Int(b)) - b0
        let arena = arena.span
        for i in 0..<min(aCount, bCount) where arena[a0 + i] != arena[b0 + i] {
            return arena[a0 + i] < arena[b0 + i]
        }
        return aCount < bCount
    }

    /// Whether the value of `id` is `bytes`: compared eight bytes at a time.
    private func equals(_ id: Int, _ bytes: Span<UInt8>) -> Bool {
        let start = end(id - 1)
        let count = bytes.count
        guard end(id) - start == count else { return false }
        let stored = arena.span.extracting(start..<start + count)
        // `unsafe` because viewing elements as raw bytes could expose padding; UInt8 has none.
        let (a, b) = unsafe (stored.bytes, bytes.bytes)
        var index = 0
        while count - index >= 8 {
            // In bounds: index + 8 <= count (the loads check it too); every bit pattern is a UInt64.
            guard unsafe a.unsafeLoadUnaligned(fromByteOffset: index, as: UInt64.self)
                == b.unsafeLoadUnaligned(fromByteOffset: index, as: UInt64.self) else { return false }
            index += 8
        }
        while index < count {
            guard stored[index] == bytes[index] else { return false }
            index += 1
        }
        return true
    }

    private mutating func grow(to capacity: Int) {
        var newSlots = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for entry in slots where entry != 0 {
            var slot = Int(entry >> 32) & mask
            let step = ByteInterner.step(UInt32(truncatingIfNeeded: entry >> 32))
            while newSlots[slot] != 0 { slot = (slot + step) & mask }
            newSlots[slot] = entry
        }
        slots = newSlots
        if recent.isEmpty && capacity >= ByteInterner.recentCapacity * 4 {
            recent = [UInt64](repeating: 0, count: ByteInterner.recentCapacity)
        }
    }

    /// 64-bit FNV-1a over the bytes before a trailing run of up to 18 digits, folded to 32 bits,
    /// plus the value of those digits; the low bits index the table.
    ///
    /// Ids numbered in sequence (`INC0012345`, `INC0012346`, …) so land in neighbouring slots: a
    /// log names new ids in about that order, and each lookup then finds the table where the last
    /// one left it in the processor's cache, instead of at a random place in tens of MB. Values
    /// with other prefixes, or no digits, spread as FNV spreads them.
    ///
    /// The digits are found and read eight at a time (`trailingDigits`); `ByteInternerTests` holds
    /// this to the byte-at-a-time definition.
    static func hash(_ bytes: Span<UInt8>) -> UInt32 {
        let (digitsStart, number) = trailingDigits(bytes)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in 0..<digitsStart {
            h = (h ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
        }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32)) &+ UInt32(truncatingIfNeeded: number)
    }

    /// Where the run of at most 18 digits that ends `bytes` starts, and its value: read from the
    /// end in words of eight bytes (a byte at a time below eight bytes).
    @inline(__always)
    private static func trailingDigits(_ bytes: Span<UInt8>) -> (start: Int, value: UInt64) {
        guard bytes.count >= 8 else {
            var start = bytes.count
            while start > 0 && ASCII.isDigit(bytes[start - 1]) { start -= 1 }
            var value: UInt64 = 0
            for index in start..<bytes.count { value = value &* 10 &+ UInt64(bytes[index] &- ASCII.zero) }
            return (start, value)
        }
        // `unsafe` because viewing elements as raw bytes could expose padding; UInt8 has none.
        let raw = unsafe bytes.bytes
        var value: UInt64 = 0
        var scale: UInt64 = 1
        var end = bytes.count  // the run found so far is bytes[end..<count]
        for _ in 0..<3 {  // 8 + 8 + 2 digits at most
            let wanted = Swift.min(8, 18 - (bytes.count - end))
            guard wanted > 0, end > 0 else { break }
            let wordStart = Swift.max(0, end - 8)
            // In bounds: 0 <= wordStart and wordStart + 8 <= count (count >= 8). `unsafe` only
            // because a load reinterprets memory; every bit pattern is a valid UInt64.
            var word = UInt64(littleEndian: unsafe raw.unsafeLoadUnaligned(fromByteOffset: wordStart, as: UInt64.self))
            let fresh = end - wordStart  // bytes of the word before `end`: its low ones
            if fresh < 8 { word = word << UInt64(8 * (8 - fresh)) }  // those bytes at the top, zeros below
            // The digits at the top of the word: a byte is a digit when its high nibble is 3 and
            // its low nibble plus 6 stays below 16 (no byte carries into the next).
            let high = word & 0xF0F0_F0F0_F0F0_F0F0
            let carry = ((word & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
            let notDigit = (high ^ 0x3030_3030_3030_3030) | carry
            let digits = Swift.min(notDigit.leadingZeroBitCount >> 3, fresh, wanted)
            guard digits > 0 else { break }
            // Keep the top `digits` bytes, fill the rest with '0': eight digits, leading zeros.
            let kept = digits == 8 ? word : (word >> UInt64(8 * (8 - digits))) << UInt64(8 * (8 - digits))
                | 0x3030_3030_3030_3030 >> UInt64(8 * digits)
            value = value &+ eightDigits(kept) &* scale
            scale = scale &* 100_000_000
            end -= digits
            guard digits == 8 else { break }  // a non-digit, the value's start, or 18 digits: the run ends here
        }
        return (end, value)
    }

    /// The value of eight ASCII digits, the first in the lowest byte (simdjson's
    /// `parse_eight_digits_unrolled`): pairs, then fours, then the eight.
    @inline(__always)
    private static func eightDigits(_ word: UInt64) -> UInt64 {
        var v = word &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8)
        v = (((v & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32)))
            &+ (((v >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32)))) >> 32
        return v
    }

    /// How far a probe for a value with `hash` moves past an occupied slot: odd, so a probe visits
    /// every slot of the table (a power of two), and taken from the hash's top bits, which the
    /// values of one sequence share. A sequence fills a block of slots; were probes to move one
    /// slot at a time, the ids of another sequence whose home lies in the block (`PRB…` beside
    /// `INC…`) would each probe on to its end, and reading such a log would take quadratic time.
    /// With a step they jump out of the block, and in turn fill a block of their own.
    static func step(_ hash: UInt32) -> Int {
        Int(hash >> 20) | 1
    }

    /// The most slots a lookup of a value probes (for tests).
    var longestProbe: Int {
        let mask = slots.count - 1
        var longest = 0
        for (slot, entry) in slots.enumerated() where entry != 0 {
            let hash = UInt32(truncatingIfNeeded: entry >> 32)
            var probe = Int(hash) & mask
            var probes = 1
            while probe != slot {
                probe = (probe + ByteInterner.step(hash)) & mask
                probes += 1
            }
            longest = max(longest, probes)
        }
        return longest
    }
}

/// UTF-8 well-formedness (Unicode table 3-7), without allocating.
enum UTF8Validation {
    /// Whether `bytes` is well-formed UTF-8 (and, unless `allowingNUL`, has no NUL byte).
    static func isValid(_ bytes: Span<UInt8>, allowingNUL: Bool = true) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == 0 && !allowingNUL { return false }
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return false }
            var k = 2
            while k < length {
                guard bytes[index + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            index += length
        }
        return true
    }
}
