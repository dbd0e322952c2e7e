import Foundation
import OpsMetrics
import Testing

// MARK: - Helpers

private func t(_ microseconds: Int64) -> Timestamp {
    Timestamp(microsecondsSinceEpoch: microseconds)
}

private func iv(_ start: Int64, _ end: Int64) -> Interval {
    Interval(start: t(start), end: t(end))
}

/// An interval set written as `(start, end)` pairs in microseconds.
private func set(_ pairs: [(Int64, Int64)]) -> IntervalSet {
    IntervalSet(pairs.map { iv($0.0, $0.1) })
}

/// The intervals of a set as `(start, end)` pairs, for readable comparisons and messages.
private func pairs(_ set: IntervalSet) -> [[Int64]] {
    pairs(set.intervals)
}

private func pairs(_ intervals: [Interval]) -> [[Int64]] {
    intervals.map { [$0.start.microsecondsSinceEpoch, $0.end.microsecondsSinceEpoch] }
}

/// A description of the first normal-form violation in `set`, or `nil` if it is normalized.
private func normalFormViolation(_ set: IntervalSet) -> String? {
    let intervals = set.intervals
    for (index, interval) in intervals.enumerated() {
        if interval.start >= interval.end {
            return "interval \(index) is empty: \(pairs(set))"
        }
        if index > 0 && intervals[index - 1].end >= interval.start {
            return "interval \(index) overlaps or touches its predecessor: \(pairs(set))"
        }
    }
    return nil
}

// MARK: - Interval

@Suite("Interval")
struct IntervalTests {
    @Test func durationAndEmptiness() {
        #expect(iv(2, 7).durationMicroseconds == 5)
        #expect(!iv(2, 7).isEmpty)
        #expect(iv(4, 4).durationMicroseconds == 0)
        #expect(iv(4, 4).isEmpty)
    }

    @Test func containsIsHalfOpen() {
        let interval = iv(0, 5)
        #expect(interval.contains(t(0)))
        #expect(interval.contains(t(4)))
        #expect(!interval.contains(t(5)))
        #expect(!interval.contains(t(-1)))
        #expect(!iv(3, 3).contains(t(3)))
    }

    struct ClampCase: Sendable, CustomTestStringConvertible {
        let interval: (Int64, Int64)
        let window: (Int64, Int64)
        let expected: (Int64, Int64)?
        var testDescription: String { "[\(interval.0), \(interval.1)) clamped to [\(window.0), \(window.1))" }
    }

    static let clampCases: [ClampCase] = [
        ClampCase(interval: (0, 10), window: (2, 5), expected: (2, 5)),  // window inside
        ClampCase(interval: (2, 5), window: (0, 10), expected: (2, 5)),  // interval inside
        ClampCase(interval: (0, 10), window: (5, 20), expected: (5, 10)),  // right edge
        ClampCase(interval: (5, 20), window: (0, 10), expected: (5, 10)),  // left edge
        ClampCase(interval: (0, 5), window: (5, 9), expected: nil),  // touching
        ClampCase(interval: (0, 5), window: (7, 9), expected: nil),  // disjoint
        ClampCase(interval: (3, 3), window: (0, 9), expected: nil),  // empty interval
        ClampCase(interval: (0, 9), window: (3, 3), expected: nil),  // empty window
    ]

    @Test(arguments: clampCases)
    func clamped(_ c: ClampCase) {
        let result = iv(c.interval.0, c.interval.1).clamped(to: iv(c.window.0, c.window.1))
        #expect(result == c.expected.map { iv($0.0, $0.1) })
    }

    @Test func extremeDurationsSaturateInsteadOfTrapping() {
        #expect(iv(.min, .max).durationMicroseconds == .max)  // true length 2⁶⁴ − 1
        #expect(iv(.min, 0).durationMicroseconds == .max)  // true length 2⁶³
        #expect(iv(.min + 1, 0).durationMicroseconds == .max)  // exactly Int64.max
        #expect(iv(0, .max).durationMicroseconds == .max)
        #expect(iv(-1, .max).durationMicroseconds == .max)
        #expect(iv(.max, .max).durationMicroseconds == 0)
        #expect(!iv(.min, .max).contains(t(.max)))
        #expect(iv(.min, .max).contains(t(.min)))
    }

    @Test func invertedByMutationIsTreatedAsEmpty() {
        var interval = iv(0, 5)
        interval.end = t(-3)
        #expect(interval.isEmpty)
        #expect(interval.durationMicroseconds == 0)
        #expect(!interval.contains(t(0)))
        #expect(interval.clamped(to: iv(-10, 10)) == nil)
        #expect(IntervalSet([interval, iv(7, 8)]).intervals == [iv(7, 8)])
        var inverted = IntervalSet()
        inverted.insert(interval)
        #expect(inverted.isEmpty)
    }

    @Test func codableRoundTrip() throws {
        let interval = iv(1_700_000_000_000_000, 1_700_000_000_250_000)
        let data = try JSONEncoder().encode(interval)
        #expect(try JSONDecoder().decode(Interval.self, from: data) == interval)
    }

    @Test func decodingRejectsEndBeforeStart() {
        let json = Data(#"{"start":"2024-03-01T12:00:00Z","end":"2024-03-01T11:00:00Z"}"#.utf8)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Interval.self, from: json)
        }
    }
}

// MARK: - IntervalSet hand cases

@Suite("IntervalSet")
struct IntervalSetTests {
    struct NormalizeCase: Sendable, CustomTestStringConvertible {
        let name: String
        let input: [(Int64, Int64)]
        let expected: [[Int64]]
        let totalMicroseconds: Int64
        var testDescription: String { name }
    }

    static let normalizeCases: [NormalizeCase] = [
        NormalizeCase(name: "no intervals", input: [], expected: [], totalMicroseconds: 0),
        NormalizeCase(name: "overlapping", input: [(0, 5), (3, 9)], expected: [[0, 9]], totalMicroseconds: 9),
        NormalizeCase(name: "touching", input: [(0, 5), (5, 9)], expected: [[0, 9]], totalMicroseconds: 9),
        NormalizeCase(name: "touching, reversed", input: [(5, 9), (0, 5)], expected: [[0, 9]], totalMicroseconds: 9),
        NormalizeCase(name: "nested", input: [(0, 10), (2, 4), (5, 6)], expected: [[0, 10]], totalMicroseconds: 10),
        NormalizeCase(name: "nested first", input: [(2, 4), (0, 10)], expected: [[0, 10]], totalMicroseconds: 10),
        NormalizeCase(name: "same start", input: [(0, 3), (0, 8), (0, 1)], expected: [[0, 8]], totalMicroseconds: 8),
        NormalizeCase(name: "duplicates", input: [(1, 4), (1, 4)], expected: [[1, 4]], totalMicroseconds: 3),
        NormalizeCase(
            name: "empty intervals dropped", input: [(3, 3), (0, 0), (7, 9), (9, 9)], expected: [[7, 9]],
            totalMicroseconds: 2),
        NormalizeCase(
            name: "gap of one microsecond kept", input: [(0, 5), (6, 9)], expected: [[0, 5], [6, 9]],
            totalMicroseconds: 8),
        NormalizeCase(
            name: "unsorted disjoint", input: [(20, 30), (0, 5), (10, 12)], expected: [[0, 5], [10, 12], [20, 30]],
            totalMicroseconds: 17),
        NormalizeCase(
            name: "chain of touches", input: [(4, 6), (0, 2), (2, 4), (6, 8)], expected: [[0, 8]],
            totalMicroseconds: 8),
        NormalizeCase(
            name: "negative timestamps", input: [(-10, -5), (-5, 0), (3, 4)], expected: [[-10, 0], [3, 4]],
            totalMicroseconds: 11),
    ]

    @Test(arguments: normalizeCases)
    func initializerNormalizes(_ c: NormalizeCase) {
        let result = set(c.input)
        #expect(pairs(result) == c.expected)
        #expect(result.totalMicroseconds == c.totalMicroseconds)
        #expect(result.isEmpty == c.expected.isEmpty)
        #expect(normalFormViolation(result) == nil)
    }

    @Test(arguments: normalizeCases)
    func insertMatchesInitializer(_ c: NormalizeCase) {
        var result = IntervalSet()
        for (start, end) in c.input {
            result.insert(iv(start, end))
        }
        #expect(pairs(result) == c.expected)
        #expect(result == set(c.input))
    }

    @Test func insertMergesAcrossSeveralIntervals() {
        var s = set([(0, 2), (4, 6), (8, 10), (20, 30)])
        s.insert(iv(2, 8))
        #expect(pairs(s) == [[0, 10], [20, 30]])
        s.insert(iv(12, 14))
        #expect(pairs(s) == [[0, 10], [12, 14], [20, 30]])
        s.insert(iv(30, 31))
        #expect(pairs(s) == [[0, 10], [12, 14], [20, 31]])
        s.insert(iv(-5, -1))
        #expect(pairs(s) == [[-5, -1], [0, 10], [12, 14], [20, 31]])
        s.insert(iv(25, 26))
        #expect(pairs(s) == [[-5, -1], [0, 10], [12, 14], [20, 31]])
        s.insert(iv(-100, 100))
        #expect(pairs(s) == [[-100, 100]])
    }

    @Test func containsUsesHalfOpenIntervals() {
        let s = set([(0, 5), (10, 12)])
        let inside: [Int64] = [0, 4, 10, 11]
        let outside: [Int64] = [-1, 5, 9, 12, 100]
        for value in inside { #expect(s.contains(t(value)), "\(value)") }
        for value in outside { #expect(!s.contains(t(value)), "\(value)") }
        #expect(!IntervalSet().contains(t(0)))
    }

    struct BinaryCase: Sendable, CustomTestStringConvertible {
        let name: String
        let a: [(Int64, Int64)]
        let b: [(Int64, Int64)]
        let union: [[Int64]]
        let intersection: [[Int64]]
        let subtracting: [[Int64]]
        var testDescription: String { name }
    }

    static let binaryCases: [BinaryCase] = [
        BinaryCase(
            name: "both empty", a: [], b: [],
            union: [], intersection: [], subtracting: []),
        BinaryCase(
            name: "empty right", a: [(0, 5)], b: [],
            union: [[0, 5]], intersection: [], subtracting: [[0, 5]]),
        BinaryCase(
            name: "empty left", a: [], b: [(0, 5)],
            union: [[0, 5]], intersection: [], subtracting: []),
        BinaryCase(
            name: "overlapping", a: [(0, 5)], b: [(3, 8)],
            union: [[0, 8]], intersection: [[3, 5]], subtracting: [[0, 3]]),
        BinaryCase(
            name: "touching", a: [(0, 5)], b: [(5, 9)],
            union: [[0, 9]], intersection: [], subtracting: [[0, 5]]),
        BinaryCase(
            name: "nested: hole in the middle", a: [(0, 10)], b: [(3, 5)],
            union: [[0, 10]], intersection: [[3, 5]], subtracting: [[0, 3], [5, 10]]),
        BinaryCase(
            name: "several holes", a: [(0, 20)], b: [(2, 4), (6, 8), (18, 25)],
            union: [[0, 25]], intersection: [[2, 4], [6, 8], [18, 20]], subtracting: [[0, 2], [4, 6], [8, 18]]),
        BinaryCase(
            name: "subtrahend spans several intervals", a: [(0, 3), (5, 8), (10, 13)], b: [(2, 11)],
            union: [[0, 13]], intersection: [[2, 3], [5, 8], [10, 11]], subtracting: [[0, 2], [11, 13]]),
        BinaryCase(
            name: "subtract everything", a: [(2, 4), (6, 8)], b: [(0, 10)],
            union: [[0, 10]], intersection: [[2, 4], [6, 8]], subtracting: []),
        BinaryCase(
            name: "disjoint sets", a: [(0, 2), (10, 12)], b: [(4, 6), (14, 16)],
            union: [[0, 2], [4, 6], [10, 12], [14, 16]], intersection: [], subtracting: [[0, 2], [10, 12]]),
        BinaryCase(
            name: "interleaved, touching across operands", a: [(0, 2), (4, 6)], b: [(2, 4), (6, 8)],
            union: [[0, 8]], intersection: [], subtracting: [[0, 2], [4, 6]]),
        BinaryCase(
            name: "identical", a: [(1, 3), (5, 7)], b: [(1, 3), (5, 7)],
            union: [[1, 3], [5, 7]], intersection: [[1, 3], [5, 7]], subtracting: []),
    ]

    @Test(arguments: binaryCases)
    func binaryOperations(_ c: BinaryCase) {
        let a = set(c.a)
        let b = set(c.b)
        #expect(pairs(a.union(b)) == c.union)
        #expect(pairs(a.intersection(b)) == c.intersection)
        #expect(pairs(a.subtracting(b)) == c.subtracting)
    }

    struct ClipCase: Sendable, CustomTestStringConvertible {
        let name: String
        let window: (Int64, Int64)
        let expected: [[Int64]]
        var testDescription: String { name }
    }

    /// Clipping `{[0, 10), [20, 30), [40, 50)}` to various windows.
    static let clipCases: [ClipCase] = [
        ClipCase(name: "covers everything", window: (-100, 100), expected: [[0, 10], [20, 30], [40, 50]]),
        ClipCase(name: "cuts both edges", window: (5, 45), expected: [[5, 10], [20, 30], [40, 45]]),
        ClipCase(name: "cuts left edge", window: (25, 100), expected: [[25, 30], [40, 50]]),
        ClipCase(name: "cuts right edge", window: (-5, 25), expected: [[0, 10], [20, 25]]),
        ClipCase(name: "inside one interval", window: (21, 29), expected: [[21, 29]]),
        ClipCase(name: "inside a gap", window: (10, 20), expected: []),
        ClipCase(name: "edges on interval ends", window: (10, 40), expected: [[20, 30]]),
        ClipCase(name: "edges on interval starts", window: (20, 40), expected: [[20, 30]]),
        ClipCase(name: "before everything", window: (-10, 0), expected: []),
        ClipCase(name: "after everything", window: (50, 60), expected: []),
        ClipCase(name: "empty window", window: (25, 25), expected: []),
    ]

    @Test(arguments: clipCases)
    func clipped(_ c: ClipCase) {
        let s = set([(0, 10), (20, 30), (40, 50)])
        #expect(pairs(s.clipped(to: iv(c.window.0, c.window.1))) == c.expected)
    }

    @Test func extremeValuesDoNotTrap() {
        let everything = set([(.min, 0), (0, .max)])
        #expect(pairs(everything) == [[.min, .max]])
        #expect(everything.totalMicroseconds == .max)  // true total 2⁶⁴ − 1
        #expect(everything.contains(t(.min)))
        #expect(!everything.contains(t(.max)))

        let twoHalves = set([(.min, -1), (1, .max)])
        #expect(twoHalves.totalMicroseconds == .max)  // true total 2⁶⁴ − 3
        #expect(set([(.min, 0)]).totalMicroseconds == .max)  // true total 2⁶³
        #expect(set([(.min + 1, 0)]).totalMicroseconds == .max)  // exactly Int64.max
        #expect(set([(.min, .min + 3), (.max - 2, .max)]).totalMicroseconds == 5)

        #expect(pairs(everything.subtracting(set([(-1, 1)]))) == [[.min, -1], [1, .max]])
        #expect(pairs(everything.intersection(twoHalves)) == [[.min, -1], [1, .max]])
        #expect(pairs(twoHalves.union(set([(-1, 1)]))) == [[.min, .max]])
        #expect(pairs(twoHalves.clipped(to: iv(.min, .max))) == [[.min, -1], [1, .max]])
        #expect(pairs(twoHalves.clipped(to: iv(-5, 5))) == [[-5, -1], [1, 5]])

        var inserted = twoHalves
        inserted.insert(iv(-1, 1))
        #expect(inserted == everything)
    }

    /// The examples in the DocC comments of `IntervalSet` and its algebra, verbatim.
    @Test func docCommentExamples() {
        let down = IntervalSet([
            Interval(start: t(5), end: t(9)),
            Interval(start: t(0), end: t(5)),  // touches [5, 9)
            Interval(start: t(6), end: t(7)),  // nested in [5, 9)
            Interval(start: t(20), end: t(20)),  // empty: dropped
        ])
        #expect(pairs(down) == [[0, 9]])
        #expect(down.totalMicroseconds == 9)
        #expect(down.clipped(to: Interval(start: t(4), end: t(100))).totalMicroseconds == 5)

        let unsorted = IntervalSet([
            Interval(start: t(10), end: t(12)),
            Interval(start: t(0), end: t(3)),
            Interval(start: t(2), end: t(4)),
        ])
        #expect(pairs(unsorted) == [[0, 4], [10, 12]])
        #expect(
            IntervalSet([Interval(start: t(0), end: t(3)), Interval(start: t(10), end: t(12))])
                .totalMicroseconds == 5)

        var inserted = IntervalSet([Interval(start: t(0), end: t(5)), Interval(start: t(9), end: t(12))])
        inserted.insert(Interval(start: t(5), end: t(9)))
        #expect(pairs(inserted) == [[0, 12]])

        let a = IntervalSet([Interval(start: t(0), end: t(5))])
        let b = IntervalSet([Interval(start: t(3), end: t(8)), Interval(start: t(10), end: t(12))])
        #expect(pairs(a.union(b)) == [[0, 8], [10, 12]])
        let c = IntervalSet([Interval(start: t(0), end: t(5)), Interval(start: t(7), end: t(12))])
        #expect(pairs(c.intersection(IntervalSet([Interval(start: t(3), end: t(9))]))) == [[3, 5], [7, 9]])
        let whole = IntervalSet([Interval(start: t(0), end: t(10))])
        #expect(pairs(whole.subtracting(IntervalSet([Interval(start: t(3), end: t(5))]))) == [[0, 3], [5, 10]])
        let outages = IntervalSet([Interval(start: t(0), end: t(10)), Interval(start: t(20), end: t(30))])
        #expect(pairs(outages.clipped(to: Interval(start: t(5), end: t(25)))) == [[5, 10], [20, 25]])

        let outage = Interval(start: t(90), end: t(130))
        #expect(outage.clamped(to: Interval(start: t(0), end: t(100))) == iv(90, 100))
    }

    @Test func equalityIsSetEquality() {
        #expect(set([(0, 5), (5, 9)]) == set([(0, 9)]))
        #expect(set([(0, 9), (3, 3)]).hashValue == set([(0, 4), (4, 9)]).hashValue)
        #expect(set([(0, 5)]) != set([(0, 6)]))
        #expect(IntervalSet() == set([(4, 4)]))
        #expect(IntervalSet([]) == IntervalSet())
    }
}

// MARK: - Property tests against a per-microsecond bitmap

/// The reference model: one Boolean per microsecond of the domain `0..<size`.
///
/// Slow and obviously correct, it is the oracle the interval sweeps are checked against.
private struct Bitmap: Equatable {
    static let size = 200

    var bits: [Bool]

    init(bits: [Bool]) {
        self.bits = bits
    }

    /// The instants of `set`; the set must lie inside `0..<size`.
    init(_ set: IntervalSet) {
        var bits = [Bool](repeating: false, count: Bitmap.size)
        for interval in set.intervals {
            for index in Int(interval.start.microsecondsSinceEpoch)..<Int(interval.end.microsecondsSinceEpoch) {
                bits[index] = true
            }
        }
        self.bits = bits
    }

    /// The instants of `window` inside the domain.
    init(window: Interval) {
        let lower = max(0, min(Int64(Bitmap.size), window.start.microsecondsSinceEpoch))
        let upper = max(lower, min(Int64(Bitmap.size), window.end.microsecondsSinceEpoch))
        var bits = [Bool](repeating: false, count: Bitmap.size)
        for index in Int(lower)..<Int(upper) {
            bits[index] = true
        }
        self.bits = bits
    }

    func combined(with other: Bitmap, _ operation: (Bool, Bool) -> Bool) -> Bitmap {
        Bitmap(bits: zip(bits, other.bits).map(operation))
    }

    var count: Int64 { Int64(bits.lazy.filter { $0 }.count) }

    /// The maximal runs of set bits as `[start, end]` pairs: exactly the normal form.
    var runs: [[Int64]] {
        var runs: [[Int64]] = []
        var runStart: Int? = nil
        for index in 0...bits.count {
            let isSet = index < bits.count && bits[index]
            if isSet, runStart == nil {
                runStart = index
            } else if !isSet, let start = runStart {
                runs.append([Int64(start), Int64(index)])
                runStart = nil
            }
        }
        return runs
    }
}

extension SplitMix64 {
    /// A random interval inside the bitmap domain, empty about one time in eight.
    fileprivate mutating func interval() -> Interval {
        let start = Int64.random(in: 0..<Int64(Bitmap.size), using: &self)
        if Int.random(in: 0..<8, using: &self) == 0 {
            return iv(start, start)
        }
        let length = Int64.random(in: 1...40, using: &self)
        return iv(start, min(start + length, Int64(Bitmap.size)))
    }

    /// A list of 0 to 12 random intervals, unsorted, possibly overlapping, touching or empty.
    fileprivate mutating func intervals() -> [Interval] {
        (0..<Int.random(in: 0...12, using: &self)).map { _ in interval() }
    }

    /// A window that may extend past either end of the bitmap domain, or be empty.
    fileprivate mutating func window() -> Interval {
        let start = Int64.random(in: -20...Int64(Bitmap.size + 20), using: &self)
        let length = Int64.random(in: 0...Int64(Bitmap.size), using: &self)
        return iv(start, start + length)
    }
}

/// Randomized checks of `IntervalSet` against `Bitmap` and the laws of set algebra.
///
/// Each test stops at its first failing iteration (`#require`) and names the seed and iteration,
/// so `OPSMETRICS_SEED=<seed> swift test --filter IntervalSetPropertyTests` reproduces it.
@Suite("IntervalSet properties")
struct IntervalSetPropertyTests {
    static let iterations = 500

    @Test func operationsMatchBitmapModel() throws {
        var rng = SplitMix64()
        for iteration in 0..<Self.iterations {
            let inputA = rng.intervals()
            let inputB = rng.intervals()
            let window = rng.window()
            let a = IntervalSet(inputA)
            let b = IntervalSet(inputB)
            let context = """
                seed \(rng.seed) (rerun with OPSMETRICS_SEED=\(rng.seed)), iteration \(iteration): \
                A = \(pairs(a)), B = \(pairs(b)), window = [\(window.start.microsecondsSinceEpoch), \
                \(window.end.microsecondsSinceEpoch))
                """
            let bitsA = Bitmap(a)
            let bitsB = Bitmap(b)

            // The initializer agrees with painting every input interval into a bitmap.
            var painted = [Bool](repeating: false, count: Bitmap.size)
            for interval in inputA {
                for index in Int(interval.start.microsecondsSinceEpoch)..<Int(interval.end.microsecondsSinceEpoch) {
                    painted[index] = true
                }
            }
            try #require(pairs(a) == Bitmap(bits: painted).runs, "\(context)")

            let union = a.union(b)
            let intersection = a.intersection(b)
            let difference = a.subtracting(b)
            let clipped = a.clipped(to: window)
            try #require(pairs(union) == bitsA.combined(with: bitsB) { $0 || $1 }.runs, "\(context)")
            try #require(pairs(intersection) == bitsA.combined(with: bitsB) { $0 && $1 }.runs, "\(context)")
            try #require(pairs(difference) == bitsA.combined(with: bitsB) { $0 && !$1 }.runs, "\(context)")
            let bitsWindow = Bitmap(window: window)
            try #require(pairs(clipped) == bitsA.combined(with: bitsWindow) { $0 && $1 }.runs, "\(context)")

            for (name, result) in [
                ("A", a), ("B", b), ("A ∪ B", union), ("A ∩ B", intersection), ("A − B", difference),
                ("A clipped", clipped),
            ] {
                let violation = normalFormViolation(result)
                try #require(violation == nil, "\(name): \(violation ?? "") — \(context)")
            }

            // Sizes and membership agree with the model.
            try #require(a.totalMicroseconds == bitsA.count, "\(context)")
            try #require(union.totalMicroseconds == Bitmap(union).count, "\(context)")
            let probes = (0..<Bitmap.size).filter { $0 % 7 == iteration % 7 }
            for probe in probes {
                try #require(a.contains(t(Int64(probe))) == bitsA.bits[probe], "t = \(probe) — \(context)")
            }
            try #require(!a.contains(t(-1)) && !a.contains(t(Int64(Bitmap.size))), "\(context)")
        }
    }

    @Test func insertMatchesInitializer() throws {
        var rng = SplitMix64()
        for iteration in 0..<Self.iterations {
            let input = rng.intervals()
            var inserted = IntervalSet()
            for interval in input {
                inserted.insert(interval)
                let violation = normalFormViolation(inserted)
                try #require(
                    violation == nil,
                    "\(violation ?? "") — seed \(rng.seed), iteration \(iteration), input \(pairs(input))")
            }
            let built = IntervalSet(input)
            try #require(
                pairs(inserted) == pairs(built),
                "seed \(rng.seed), iteration \(iteration), input \(pairs(input))")
        }
    }

    @Test func algebraicLaws() throws {
        var rng = SplitMix64()
        for iteration in 0..<Self.iterations {
            let a = IntervalSet(rng.intervals())
            let b = IntervalSet(rng.intervals())
            let c = IntervalSet(rng.intervals())
            let context = """
                seed \(rng.seed) (rerun with OPSMETRICS_SEED=\(rng.seed)), iteration \(iteration): \
                A = \(pairs(a)), B = \(pairs(b)), C = \(pairs(c))
                """

            try #require(pairs(a.union(b)) == pairs(b.union(a)), "union is commutative — \(context)")
            try #require(
                pairs(a.union(b).union(c)) == pairs(a.union(b.union(c))), "union is associative — \(context)")
            try #require(pairs(a.union(a)) == pairs(a), "union is idempotent — \(context)")
            try #require(pairs(a.union(IntervalSet())) == pairs(a), "empty is the identity of union — \(context)")
            try #require(
                pairs(a.intersection(b)) == pairs(b.intersection(a)), "intersection is commutative — \(context)")
            try #require(
                pairs(a.intersection(b).intersection(c)) == pairs(a.intersection(b.intersection(c))),
                "intersection is associative — \(context)")
            try #require(pairs(a.intersection(a)) == pairs(a), "intersection is idempotent — \(context)")

            // Inclusion–exclusion: |A ∪ B| = |A| + |B| − |A ∩ B|.
            try #require(
                a.union(b).totalMicroseconds
                    == a.totalMicroseconds + b.totalMicroseconds - a.intersection(b).totalMicroseconds,
                "inclusion–exclusion — \(context)")

            // A − B is disjoint from B, and together with A ∩ B partitions A.
            let difference = a.subtracting(b)
            try #require(difference.intersection(b).isEmpty, "A − B is disjoint from B — \(context)")
            try #require(
                pairs(difference.union(a.intersection(b))) == pairs(a), "(A − B) ∪ (A ∩ B) = A — \(context)")
            try #require(a.subtracting(a).isEmpty, "A − A is empty — \(context)")
        }
    }
}
