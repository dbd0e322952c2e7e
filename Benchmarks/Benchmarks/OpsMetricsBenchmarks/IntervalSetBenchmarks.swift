// IntervalSet suite: building the union of outage intervals given in any order, and the set
// algebra the report uses (union, subtracting maintenance, clipping to the window). Intervals
// look like the log's outages: heavy-tailed lengths, starts spread so that some overlap. The
// expected lengths come from a plain sort-and-sweep here, independent of IntervalSet.
import Benchmark
import LogGenerator
import OpsMetrics

/// `count` outage-like intervals (microseconds) in random order.
func outageIntervals(count: Int, seed: UInt64) -> [Interval] {
    var rng = SplitMix64(seed: seed)
    let meanGap: UInt64 = 4_500_000_000  // one service's share of the log: an outage every 75 min
    var intervals: [Interval] = []
    intervals.reserveCapacity(count)
    for _ in 0..<count {
        let start = Int64(rng.next() % (UInt64(count) * meanGap))
        let k = min(rng.next().trailingZeroBitCount, 12)
        let length = Int64(4_000_000 << k) + Int64(rng.next() % UInt64(4_000_000 << k))
        intervals.append(Interval(start: Timestamp(microsecondsSinceEpoch: start), end: Timestamp(microsecondsSinceEpoch: start + length)))
    }
    return intervals
}

/// The length of the union of `intervals`, by sorting and sweeping (the reference).
func unionLength(_ intervals: [Interval]) -> Int64 {
    let sorted = intervals.map { ($0.start.microsecondsSinceEpoch, $0.end.microsecondsSinceEpoch) }.sorted { $0.0 < $1.0 }
    var total: Int64 = 0
    var current: (Int64, Int64)? = nil
    for (start, end) in sorted where end > start {
        if let (s, e) = current, start <= e {
            current = (s, max(e, end))
        } else {
            if let (s, e) = current { total += e - s }
            current = (start, end)
        }
    }
    if let (s, e) = current { total += e - s }
    return total
}

func intervalSetBenchmarks() {
    for count in benchmarkSizes {
        Benchmark("IntervalSet: union of \(sizeLabel(count)) unsorted outages") { (benchmark: Benchmark, setup: ([Interval], Int64)) in
            let (intervals, expected) = setup
            let set = measure(benchmark, bytes: 0, events: intervals.count) { IntervalSet(intervals) }
            check(benchmark, set.totalMicroseconds == expected, "\(set.totalMicroseconds) µs, expected \(expected)")
            blackHole(set)
        } setup: {
            let intervals = outageIntervals(count: count, seed: 42)
            return (intervals, unionLength(intervals))
        }
    }

    let count = 100_000
    struct Sets: Sendable {
        let a: IntervalSet, b: IntervalSet, window: Interval
        let lengthA: Int64, lengthB: Int64, lengthUnion: Int64
    }
    let makeSets = { @Sendable () -> Sets in
        let left = outageIntervals(count: count, seed: 1)
        let right = outageIntervals(count: count, seed: 2)
        let span = Int64(count) * 4_500_000_000
        return Sets(a: IntervalSet(left), b: IntervalSet(right),
                    window: Interval(start: Timestamp(microsecondsSinceEpoch: span / 4), end: Timestamp(microsecondsSinceEpoch: span / 2)),
                    lengthA: unionLength(left), lengthB: unionLength(right), lengthUnion: unionLength(left + right))
    }
    Benchmark("IntervalSet: union of two \(sizeLabel(count))-interval sets") { benchmark, sets in
        let union = measure(benchmark, bytes: 0, events: sets.a.intervals.count + sets.b.intervals.count) { sets.a.union(sets.b) }
        check(benchmark, union.totalMicroseconds == sets.lengthUnion, "\(union.totalMicroseconds) µs, expected \(sets.lengthUnion)")
        blackHole(union)
    } setup: {
        makeSets()
    }
    Benchmark("IntervalSet: subtracting a \(sizeLabel(count))-interval set") { benchmark, sets in
        let difference = measure(benchmark, bytes: 0, events: sets.a.intervals.count + sets.b.intervals.count) { sets.a.subtracting(sets.b) }
        // |A − B| = |A ∪ B| − |B|
        let expected = sets.lengthUnion - sets.lengthB
        check(benchmark, difference.totalMicroseconds == expected, "\(difference.totalMicroseconds) µs, expected \(expected)")
        blackHole(difference)
    } setup: {
        makeSets()
    }
    Benchmark("IntervalSet: intersection of two \(sizeLabel(count))-interval sets") { benchmark, sets in
        let common = measure(benchmark, bytes: 0, events: sets.a.intervals.count + sets.b.intervals.count) { sets.a.intersection(sets.b) }
        // |A ∩ B| = |A| + |B| − |A ∪ B|
        let expected = sets.lengthA + sets.lengthB - sets.lengthUnion
        check(benchmark, common.totalMicroseconds == expected, "\(common.totalMicroseconds) µs, expected \(expected)")
        blackHole(common)
    } setup: {
        makeSets()
    }
    Benchmark("IntervalSet: clipped to a window, \(sizeLabel(count)) intervals") { benchmark, sets in
        let clipped = measure(benchmark, bytes: 0, events: sets.a.intervals.count) { sets.a.clipped(to: sets.window) }
        let expected = sets.a.intersection(IntervalSet([sets.window])).totalMicroseconds
        check(benchmark, clipped.totalMicroseconds == expected, "\(clipped.totalMicroseconds) µs, expected \(expected)")
        blackHole(clipped)
    } setup: {
        makeSets()
    }
}
