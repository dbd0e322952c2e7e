import Testing
@testable import OpsMetrics

@Suite("Byte interner")
struct ByteInternerTests {
    func intern(_ interner: inout ByteInterner, _ value: String) -> UInt32? {
        let bytes = Array(value.utf8)
        return interner.intern(bytes.span)
    }

    func lookup(_ interner: ByteInterner, _ value: String) -> UInt32? {
        let bytes = Array(value.utf8)
        return interner.lookup(bytes.span)
    }

    /// `count` ids of each prefix, numbered in sequence, the prefixes taking turns (as a log of
    /// incidents, problems and changes names them).
    func sequences(_ prefixes: [String], count: Int) -> [String] {
        (0..<count).flatMap { n in
            prefixes.map { prefix in
                let digits = String(n)
                return prefix + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
            }
        }
    }

    static let prefixes = ["INC", "PRB", "CHG", "TASK", "REQ", "RITM", "SCTASK", "KB", "ALERT", "JIRA-",
                           "OPS-", "SRE-", "PD", "OG", "ZD", "RT", "IV", "SN", "GH", "X"]

    @Test("ids are dense, 1-based, in first-seen order, and give back their bytes")
    func denseIDs() throws {
        var interner = ByteInterner()
        let values = ["INC0000001", "b", "", "Доставка, RU", "INC0000002", "b", "INC0000001"]
        let ids = try values.map { try #require(intern(&interner, $0)) }
        #expect(ids == [1, 2, 3, 4, 5, 2, 1])
        #expect(interner.count == 5)
        #expect((1...5).map { interner.string(UInt32($0)) } == ["INC0000001", "b", "", "Доставка, RU", "INC0000002"])
        #expect(lookup(interner, "Доставка, RU") == 4)
        #expect(lookup(interner, "INC0000003") == nil)
        #expect(interner.count == 5, "a lookup adds nothing")
    }

    @Test("values that are not text are refused and not added")
    func notText() {
        var interner = ByteInterner()
        #expect(interner.intern([0xFF, 0x41].span) == nil)
        #expect(interner.intern([0x41, 0x00].span) == nil)
        #expect(interner.count == 0)
    }

    @Test("equals a dictionary on ids that share prefixes, digits and hashes", arguments: [1, 2, 3])
    func againstDictionary(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var interner = ByteInterner()
        var reference: [String: UInt32] = [:]
        for _ in 0..<30_000 {
            // Few prefixes and a narrow range of numbers, with and without leading zeros: many
            // repeats, values with the same number, and values whose digits differ only in width.
            let prefix = ["INC", "inc", "PRB", "", "INC-"][Int(random.next() % 5)]
            let number = random.next() % 5_000
            let value = prefix + (random.next() % 2 == 0 ? String(number) : "00" + String(number))
            let id = try #require(intern(&interner, value))
            let expected = reference[value] ?? UInt32(reference.count + 1)
            reference[value] = expected
            #expect(id == expected)
        }
        #expect(interner.count == reference.count)
        for (value, id) in reference { #expect(interner.string(id) == value) }
    }

    @Test("interning another interner equals interning its values one by one")
    func interningAnother() throws {
        var first = ByteInterner()
        var second = ByteInterner()
        for value in sequences(["INC", "PRB"], count: 3_000) { _ = intern(&first, value) }
        let later = sequences(["PRB", "CHG"], count: 5_000)
        for value in later { _ = intern(&second, value) }
        var oneByOne = first
        let expected = try later.map { try #require(intern(&oneByOne, $0)) }
        let ids = first.interning(second)
        #expect(ids[0] == 0)
        #expect(later.map { ids[Int(lookup(second, $0)!)] } == expected)
        #expect(first.count == oneByOne.count)
        #expect((1...first.count).allSatisfy { first.string(UInt32($0)) == oneByOne.string(UInt32($0)) })
    }

    /// Each sequence of ids fills a block of neighbouring slots; were probes to move one slot at
    /// a time, the ids of another sequence landing in the block would each probe to its end: a
    /// log of 3M rows with 20 such prefixes took over two minutes to read, not one second.
    @Test("sequences of ids with different prefixes do not pile up in the table")
    func sequencesSpread() {
        var interner = ByteInterner()
        for value in sequences(Self.prefixes, count: 20_000) { _ = intern(&interner, value) }
        #expect(interner.count == 400_000)
        #expect(interner.longestProbe < 1_000, "the longest probe is \(interner.longestProbe) slots")
    }

    /// Ends are kept modulo 2^32: an interner whose ends wrap every 16 bytes (values up to 40
    /// bytes pass several wraps at once) finds, spells, orders and merges its values as a
    /// dictionary does.
    @Test("values past the ends' wrap are found, spelled, ordered and merged")
    func endsThatWrap() {
        var rng = SplitMix64(seed: SplitMix64.configuredSeed ^ 0xE2D5)
        var interners = [ByteInterner(wrapShift: 4), ByteInterner(wrapShift: 4)]
        var ids: [[String: UInt32]] = [[:], [:]]
        for _ in 0..<600 {
            let k = Int(rng.next() % 2)
            let value = String((0..<Int(rng.next() % 41)).map { _ in Character(UnicodeScalar(UInt8(97 + rng.next() % 3))) })
            let id = interners[k].intern(Array(value.utf8).span)
            #expect(id == ids[k][value] ?? UInt32(ids[k].count + 1), "\(value); OPSMETRICS_SEED=\(SplitMix64.configuredSeed)")
            ids[k][value] = id
        }
        for k in 0..<2 {
            for (value, id) in ids[k] {
                #expect(interners[k].string(id) == value && interners[k].lookup(Array(value.utf8).span) == id)
            }
            let sorted = ids[k].keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(interners[k].precedes(ids[k][a]!, ids[k][b]!)) }
        }
        var merged = interners[0]
        let mapped = merged.interning(interners[1])
        for (value, id) in ids[1] {
            #expect(merged.string(mapped[Int(id)]) == value && merged.lookup(Array(value.utf8).span) == mapped[Int(id)])
        }
        #expect(merged.count == Set(ids[0].keys).union(ids[1].keys).count)
    }

    /// `ByteInterner.hash(_:)` as first written, a byte at a time.
    static func referenceHash(_ bytes: Span<UInt8>) -> UInt32 {
        var digitsStart = bytes.count
        while digitsStart > 0 && bytes.count - digitsStart < 18 && ASCII.isDigit(bytes[digitsStart - 1]) { digitsStart -= 1 }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in 0..<digitsStart {
            h = (h ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
        }
        var number: UInt64 = 0
        for index in digitsStart..<bytes.count {
            number = number &* 10 &+ UInt64(bytes[index] &- ASCII.zero)
        }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32)) &+ UInt32(truncatingIfNeeded: number)
    }


    /// The hash reads trailing digits eight at a time; it must give the byte-at-a-time values:
    /// every run length up to 25 (past the 18 read), after prefixes of every length up to 12,
    /// of digits, their neighbours in ASCII (`/`, `:`), letters and bytes above 0x7F.
    @Test("the word-at-a-time hash equals the byte-at-a-time definition")
    func hashEqualsItsReference() {
        var rng = SplitMix64(seed: SplitMix64.configuredSeed)
        let prefixBytes: [UInt8] = Array("09/:AZaz-_ ".utf8) + [0x00, 0x7F, 0x80, 0xB9, 0xC3, 0xF0, 0xFF]
        for prefixLength in 0...12 {
            for runLength in 0...25 {
                for _ in 0..<40 {
                    let prefix = (0..<prefixLength).map { _ in prefixBytes.randomElement(using: &rng)! }
                    let run = (0..<runLength).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &rng) }
                    let bytes = prefix + run
                    guard ByteInterner.hash(bytes.span) == Self.referenceHash(bytes.span) else {
                        Issue.record("hash of \(bytes): \(ByteInterner.hash(bytes.span)), reference \(Self.referenceHash(bytes.span)); OPSMETRICS_SEED=\(SplitMix64.configuredSeed)")
                        return
                    }
                }
            }
        }
    }

    /// The recent-values table holds 0 in its empty slots, and 0 is also a hash: a value whose
    /// hash is 0 once matched an empty slot and read the bytes of id 0, which is no id (a crash
    /// any log could cause with such an id, found by computing one from the hash's inverse).
    @Test("a value whose hash is 0 is interned like any other")
    func hashZero() throws {
        let crafted = "INC2012411010"
        #expect(ByteInterner.hash(Array(crafted.utf8).span) == 0, "re-derive a value for the hash in use")
        var interner = ByteInterner()
        for value in sequences(["CHG"], count: 20_000) { _ = intern(&interner, value) }  // enough for the recent table
        let id = try #require(intern(&interner, crafted))
        #expect(id == 20_001)
        #expect(lookup(interner, crafted) == id)
        #expect(intern(&interner, crafted) == id)
    }
}
