import Testing
@testable import OpsMetrics

@Suite("Time sets")
struct TimeSetTests {
    @Test("holds the distinct times ascending, whatever order they come in", arguments: [1, 2, 3, 4])
    func againstSortedSet(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var set = TimeSet()
        var reference = Set<Int64>()
        // Runs ascending, descending and at random, with repeats, read between inserts.
        for step in 0..<5_000 {
            let t: Int64
            switch (step / 500) % 3 {
            case 0: t = Int64(step)
            case 1: t = Int64(10_000 - step)
            default: t = Int64(random.next() % 3_000)
            }
            set.insert(t)
            reference.insert(t)
            if step % 97 == 0 { #expect(set.times == reference.sorted()) }
        }
        #expect(set.times == reference.sorted())
        #expect(!set.isEmpty)
    }

    @Test("sets with the same times are equal and hash alike, however they were filled")
    func equality() {
        var forward = TimeSet()
        var backward = TimeSet()
        for t in Int64(0)..<100 { forward.insert(t) }
        for t in (Int64(0)..<100).reversed() { backward.insert(t); backward.insert(t) }
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        backward.insert(100)
        #expect(forward != backward)
        #expect(TimeSet().isEmpty)
    }

    @Test("a record's history is the same read forward and backward")
    func historyOrder() {
        var forward = ResolutionHistory()
        var backward = ResolutionHistory()
        let events: [(EventKind, Int64)] = (0..<2_000).map { i in (i % 2 == 0 ? .resolved : .reopened, Int64(i) * 1_000_000) }
        for (event, t) in events { forward.insert(event, at: t) }
        for (event, t) in events.reversed() { backward.insert(event, at: t) }
        #expect(forward == backward)
        #expect(forward.resolutions == events.filter { $0.0 == .resolved }.map(\.1))
        #expect(backward.reopens == events.filter { $0.0 == .reopened }.map(\.1))
    }
}
