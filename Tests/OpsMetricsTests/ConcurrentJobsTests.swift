import Synchronization
import Testing
@testable import OpsMetrics

@Suite("ConcurrentJobs")
struct ConcurrentJobsTests {
    @Test("results come back by job index, each job run once, on any number of threads", arguments: [1, 2, 3, 8])
    func resultsByIndex(threads: Int) {
        let inputs = (0..<50).map { Array(repeating: $0, count: $0) }
        let order = inputs.indices.sorted { (inputs[$0].count, $1) > (inputs[$1].count, $0) }
        let calls = Mutex([Int](repeating: 0, count: inputs.count))
        let sums = ConcurrentJobs.map(inputs, order: order, threads: threads) { index, input in
            calls.withLock { $0[index] += 1 }
            return input.reduce(0, +)
        }
        #expect(sums == inputs.map { $0.reduce(0, +) })
        #expect(calls.withLock { $0 } == Array(repeating: 1, count: inputs.count))
    }

    /// Each job owns its input: changed in place, not copied (a job that consumes a table of
    /// states would copy all of it at its first change otherwise), on the calling thread or not.
    @Test("a job's input is its own, not shared with a copy", arguments: [1, 2])
    func inputsAreUnique(threads: Int) {
        final class Box: Sendable {}
        let unique = ConcurrentJobs.map([Box(), Box(), Box()], order: [0, 1, 2], threads: threads) { _, input in
            isKnownUniquelyReferenced(&input)
        }
        #expect(unique == [true, true, true])
    }

    @Test("no jobs, no results")
    func empty() {
        #expect(ConcurrentJobs.map([Int](), order: [], threads: 4) { _, input in input }.isEmpty)
    }
}
