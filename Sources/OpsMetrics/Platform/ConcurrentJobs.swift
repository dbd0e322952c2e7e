import Dispatch
import Synchronization

/// Runs independent jobs on up to a given number of threads and returns their results by job
/// index, so that whatever is made of them never depends on which thread ran a job, or when.
///
/// ```swift
/// // Three jobs, the largest (2) first, on up to two threads.
/// let sums = ConcurrentJobs.map([[1], [2, 3], [4, 5, 6]], order: [2, 1, 0], threads: 2) { _, input in
///     input.reduce(0, +)
/// }  // [1, 5, 15]
/// ```
///
/// The jobs are handed out one at a time in the order given, each to the first thread that is
/// free: listed largest first, unequal jobs still keep every thread busy until near the end (a
/// longest-first schedule), where a fixed split of the list could leave one thread with the
/// big ones. Each job's input is moved out of the list, not copied, so
/// it is freed when the job ends. With one thread, or one job, all of them run on the calling thread,
/// in the order given.
enum ConcurrentJobs {
    /// Runs `job` on every element of `inputs`, on up to `threads` threads.
    ///
    /// - Parameters:
    ///   - inputs: One input per job.
    ///   - order: The job indices, `inputs.indices` each once, in the order to start them.
    ///   - threads: The most threads to run jobs on at once (the calling thread among them).
    ///   - job: Computes the result of the job with the given index from its input, which it
    ///     may change in place (it is the only owner); called once per index, from any thread.
    /// - Returns: The results, by job index.
    /// - Complexity: One call of `job` per input, plus O(1) to hand out each.
    static func map<Input: Sendable, Result: Sendable>(_ inputs: consuming [Input], order: [Int], threads: Int,
                                                       _ job: @Sendable (Int, inout Input) -> Result) -> [Result] {
        precondition(order.sorted() == Array(inputs.indices), "the order must list every job once")
        var pending = inputs.map(Optional.some)
        inputs = []
        let workers = min(threads, order.count)
        // Each result is written once, in place, into its slot of the returned array: no array of
        // optionals to copy out of (for 200,000 services the results are hundreds of MB).
        return unsafe [Result](unsafeUninitializedCapacity: order.count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            guard workers > 1 else {
                for index in order {
                    var input = pending[index].take()!
                    unsafe (base + index).initialize(to: job(index, &input))
                }
                initialized = order.count
                return
            }
            let slots = unsafe Slots(base: base)
            let next = Mutex((position: 0, pending: pending))  // `position`: the next job's in `order`
            pending = []
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    // The input is changed where it is, in `taken`: bound to a `var` beside the
                    // optional it came in, it had a second reference, and a job changing or freeing
                    // its input in place (the report consumes a table of states) copied it, or
                    // left it allocated to the job's end.
                    guard var taken = next.withLock({ state -> (index: Int, input: Input)? in
                        guard state.position < order.count else { return nil }
                        let index = order[state.position]
                        state.position += 1
                        return state.pending[index].take().map { (index, $0) }
                    }) else { return }
                    // Every index is handed out once (the order lists each once), so no two
                    // threads write one slot, and `concurrentPerform` returns after every write.
                    unsafe slots.initialize(taken.index, to: job(taken.index, &taken.input))
                }
            }
            initialized = order.count
        }
    }

    /// The returned array's storage, shared by the worker threads, each writing its own slots.
    @unsafe private struct Slots<Result>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Result>
        func initialize(_ index: Int, to result: consuming Result) { unsafe (base + index).initialize(to: result) }
    }
}
