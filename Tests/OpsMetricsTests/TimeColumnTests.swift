import Testing
@testable import OpsMetrics

@Suite("Time columns")
struct TimeColumnTests {
    static let size = LazyColumn<Int64>.segmentSize
    static let second: Int64 = 1_000_000
    /// 2000-01-01T00:00:00Z and the range of whole seconds around it that 4 bytes hold.
    static let epoch: Int64 = 946_684_800
    static let first = (epoch + Int64(Int32.min) + 1) * second
    static let last = (epoch + Int64(Int32.max)) * second

    /// Sets `count` random records of `records` in both, to times `value` draws.
    static func setRandom(_ count: Int, of records: Int, _ column: inout TimeColumn, _ reference: inout [Int: Int64],
                          _ random: inout SplitMix64, value: (inout SplitMix64) -> Int64) {
        for _ in 0..<count {
            let record = Int(random.next() % UInt64(records))
            let t = random.next() % 8 == 0 ? column.empty : value(&random)
            column.set(t, at: record)
            reference[record] = t == column.empty ? nil : t
        }
    }

    static func matches(_ column: TimeColumn, _ reference: [Int: Int64], records: Int) -> Bool {
        (0..<records).allSatisfy { column[$0] == (reference[$0] ?? column.empty) }
    }

    /// A whole second of 2024.
    static func wholeSecond(_ random: inout SplitMix64) -> Int64 {
        (1_704_067_200 + Int64(random.next() % 31_622_400)) * second
    }

    @Test("whole seconds from 1931 to 2068 stay 4 bytes and read back as set, either sentinel empty",
          arguments: [IncidentState.noEarliest, IncidentState.noLatest])
    func wholeSecondsStayNarrow(empty: Int64) {
        var random = SplitMix64(seed: 7)
        let records = Self.size * 2 + 50
        var column = TimeColumn(empty: empty)
        var reference: [Int: Int64] = [:]
        Self.setRandom(records, of: records, &column, &reference, &random, value: Self.wholeSecond)
        for (record, t) in [(0, Self.first), (1, Self.last), (2, 0), (3, Self.epoch * Self.second), (4, -Self.second)] {
            column.set(t, at: record)
            reference[record] = t
        }
        #expect(!column.isWide)
        #expect(Self.matches(column, reference, records: records))
    }

    @Test("the first time 4 bytes cannot hold widens the column, keeping every time",
          arguments: [Self.first - Self.second, Self.last + Self.second, 1_704_067_200 * Self.second + 1, Int64.max, Int64.min, -1])
    func widensOnce(misfit: Int64) {
        var random = SplitMix64(seed: 11)
        let records = Self.size * 3 + 100
        var column = TimeColumn(empty: IncidentState.noLatest)
        var reference: [Int: Int64] = [:]
        Self.setRandom(Self.size / 100, of: records, &column, &reference, &random, value: Self.wholeSecond)  // sparse
        Self.setRandom(2 * Self.size, of: Self.size, &column, &reference, &random, value: Self.wholeSecond)  // segment 0 dense
        #expect(!column.isWide)
        let narrow = column
        let before = column[Self.size + 3]
        column.set(misfit, at: Self.size + 3)
        reference[Self.size + 3] = misfit == column.empty ? nil : misfit
        #expect(column.isWide == (misfit != column.empty))
        #expect(Self.matches(column, reference, records: records))
        Self.setRandom(records, of: records, &column, &reference, &random) { random in Int64(bitPattern: random.next()) }
        #expect(Self.matches(column, reference, records: records))
        #expect(!narrow.isWide && narrow[Self.size + 3] == before, "a copy taken before keeps its times")
    }

    @Test("folds a first-of and a last-of time as min and max do")
    func folds() {
        var random = SplitMix64(seed: 3)
        var earliest = TimeColumn(empty: IncidentState.noEarliest)
        var latest = TimeColumn(empty: IncidentState.noLatest)
        var low: [Int: Int64] = [:]
        var high: [Int: Int64] = [:]
        for step in 0..<20_000 {
            let record = Int(random.next() % 500)
            // A fraction of a second late in the run: both columns widen midway.
            let t = Self.wholeSecond(&random) + (step > 15_000 ? Int64(random.next() % 1_000) : 0)
            earliest.formMinimum(t, at: record)
            latest.formMaximum(t, at: record)
            low[record] = min(low[record] ?? .max, t)
            high[record] = max(high[record] ?? .min, t)
        }
        #expect(earliest.isWide && latest.isWide)
        #expect(Self.matches(earliest, low, records: 600) && Self.matches(latest, high, records: 600))
    }

    @Test("segments are removed and cut in either form, as a plain column's are")
    func removingAndCutting() {
        for widen in [false, true] {
            var column = TimeColumn(empty: IncidentState.noEarliest)
            var reference: [Int: Int64] = [:]
            for record in stride(from: 0, to: 4 * Self.size, by: 3) {
                reference[record] = Int64(record) * Self.second + (widen && record == 9 ? 1 : 0)
                column.set(reference[record]!, at: record)
            }
            #expect(column.isWide == widen)
            var tail = column.removeSegments(from: 2)
            #expect(tail.isWide == widen && column.isUniquelyReferenced() && tail.isUniquelyReferenced())
            #expect(Self.matches(column, reference.filter { $0.key < 2 * Self.size }, records: 3 * Self.size))
            let shifted = Dictionary(uniqueKeysWithValues: reference.compactMap { $0.key >= 2 * Self.size ? ($0.key - 2 * Self.size, $0.value) : nil })
            #expect(Self.matches(tail, shifted, records: 2 * Self.size))
            tail.removeFirstSegment()
            #expect(Self.matches(tail, shifted.compactMapKeys { $0 >= Self.size ? $0 - Self.size : nil }, records: 2 * Self.size))
            tail.removeFirstSegment()
            #expect(!tail.isAllocated)
        }
    }
}

private extension Dictionary {
    func compactMapKeys(_ transform: (Key) -> Key?) -> [Key: Value] {
        Dictionary(uniqueKeysWithValues: compactMap { key, value in transform(key).map { ($0, value) } })
    }
}
