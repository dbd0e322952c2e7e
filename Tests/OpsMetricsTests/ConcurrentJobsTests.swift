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

    @Test("no jobs, no results")
    func empty() {
        #expect(ConcurrentJobs.map([Int](), order: [], threads: 4) { _, input in input }.isEmpty)
    }
}
