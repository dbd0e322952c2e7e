import Testing
@testable import OpsMetrics

@Suite("Lazy columns")
struct LazyColumnTests {
    static let size = LazyColumn<Int64>.segmentSize

    /// Sets `count` random records of `records` (a value or, one time in eight, `empty`) in both.
    static func setRandom(_ count: Int, of records: Int, _ column: inout LazyColumn<Int64>, _ reference: inout [Int: Int64],
                          _ random: inout SplitMix64) {
        for _ in 0..<count {
            let record = Int(random.next() % UInt64(records))
            let value = random.next() % 8 == 0 ? column.empty : Int64(random.next() % 1_000) - 500
            column.set(value, at: record)
            reference[record] = value == column.empty ? nil : value
        }
    }

    static func matches(_ column: LazyColumn<Int64>, _ reference: [Int: Int64], records: Int) -> Bool {
        (0..<records).allSatisfy { column[$0] == (reference[$0] ?? column.empty) }
    }

    @Test("reads what was set, sparse or dense, as a dictionary does", arguments: [1, 2, 3])
    func againstDictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let records = Self.size * 3 + 100
        var column = LazyColumn<Int64>(empty: Int64.min)
        var reference: [Int: Int64] = [:]
        // Few values: every segment stays sparse.
        Self.setRandom(3 * LazyColumn<Int64>.denseThreshold / 2, of: records, &column, &reference, &random)
        #expect(column.denseSegmentCount == 0)
        #expect(Self.matches(column, reference, records: records))
        // Many: every full segment turns dense, keeping what its dictionary held; the fourth,
        // of 100 records, cannot reach the threshold and stays sparse.
        Self.setRandom(records, of: records, &column, &reference, &random)
        #expect(column.denseSegmentCount == 3)
        #expect(Self.matches(column, reference, records: records))
        #expect(column[records + Self.size] == Int64.min, "past the last segment")
    }

    @Test("a segment turns dense at its threshold; a copy keeps its values either way")
    func copyOnWriteAcrossDensifying() {
        var column = LazyColumn<UInt32>(empty: 0)
        for offset in 0..<(LazyColumn<UInt32>.denseThreshold - 1) { column.set(UInt32(offset + 1), at: offset * 3) }
        #expect(column.denseSegmentCount == 0)
        let sparseCopy = column
        column.set(7, at: Self.size - 1)
        #expect(column.denseSegmentCount == 1 && sparseCopy.denseSegmentCount == 0)
        var denseCopy = column
        denseCopy.set(9, at: 3)
        column.set(5, at: Self.size - 1)
        #expect(column[3] == 2 && denseCopy[3] == 9 && sparseCopy[3] == 2)
        #expect(column[Self.size - 1] == 5 && denseCopy[Self.size - 1] == 7 && sparseCopy[Self.size - 1] == 0)
        column.set(0, at: 6)  // back to empty in a dense segment
        #expect(column[6] == 0 && denseCopy[6] == 3)
    }

    @Test("segments are removed front to back, sparse and dense, shared or not")
    func removingSegments() {
        var column = LazyColumn<Int64>(empty: -1)
        column.set(10, at: 5)  // segment 0: sparse
        for offset in 0..<Self.size { column.set(Int64(offset), at: Self.size + offset) }  // segment 1: dense
        column.set(30, at: 2 * Self.size + 7)  // segment 2: dense, as the segment before it
        let copy = column
        column.removeFirstSegment()
        #expect(column[Self.size - 1] == Int64(Self.size - 1) && column[Self.size + 7] == 30 && column[5] == 5)
        column.removeFirstSegment()
        #expect(column[7] == 30 && column.denseSegmentCount == 1)
        column.removeFirstSegment()
        #expect(!column.isAllocated && column[7] == -1)
        #expect(copy[5] == 10 && copy[Self.size + 3] == 3 && copy[2 * Self.size + 7] == 30, "the copy keeps its segments")
    }

    @Test("a column cut between segments gives two columns that share nothing, whether it was shared or not")
    func cuttingSegments() {
        var column = LazyColumn<Int64>(empty: -1)
        column.set(10, at: 5)  // segment 0: sparse
        for offset in 0..<Self.size { column.set(Int64(offset), at: Self.size + offset) }  // segment 1: dense
        column.set(30, at: 2 * Self.size + 7)  // segment 2: dense
        column.set(40, at: 3 * Self.size + 9)  // segment 3: dense
        for shared in [false, true] {
            var head = column
            let copy = shared ? head : LazyColumn<Int64>(empty: -1)
            var tail = head.removeSegments(from: 2)
            #expect(head[5] == 10 && head[Self.size + 3] == 3 && head[2 * Self.size + 7] == -1, "head keeps segments 0 and 1 only")
            #expect(tail[7] == 30 && tail[Self.size + 9] == 40 && tail.denseSegmentCount == 2, "tail holds segments 2 and 3 from its record 0")
            #expect(head.isUniquelyReferenced() && tail.isUniquelyReferenced())
            head.set(11, at: Self.size + 3)
            tail.set(31, at: 7)
            tail.removeFirstSegment()
            #expect(head[Self.size + 3] == 11 && tail[Self.size + 9] == -1 && tail[9] == 40)
            if shared { #expect(copy[Self.size + 3] == 3 && copy[2 * Self.size + 7] == 30, "the copy keeps its values") }
        }
        var whole = column
        #expect(!whole.removeSegments(from: 4).isAllocated && whole[3 * Self.size + 9] == 40, "a cut past the end moves nothing")
    }
}
