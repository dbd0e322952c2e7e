/// Order statistics of integer samples by in-place selection: the value `sorted()` would put at
/// a rank, found without sorting.
///
/// ```swift
/// var samples: [Int64] = [40, 10, 30, 20, 10]
/// var selection = RankSelection()
/// selection.value(atRank: 1, in: &samples)  // 10 (sorted: 10, 10, 20, 30, 40)
/// selection.value(atRank: 3, in: &samples)  // 30
/// ```
///
/// Each call runs a quickselect (median-of-three pivot, three-way partition, so runs of equal
/// values cost nothing extra) over the samples that are not yet settled: after rank `k` is
/// selected, `samples[k]` holds `sorted[k]`, every sample before it is `≤` and every sample
/// after it `≥`, so the next, higher rank is searched for among `samples[(k + 1)...]` alone.
/// Ranks must therefore be asked for in non-decreasing order. The samples are permuted, never
/// added to or removed: their multiset (and so a sum, minimum or maximum) is unchanged.
///
/// Compared with `sorted()` (a stable merge sort that allocates a copy and a scratch buffer),
/// selection works in place and touches each sample about three times on average; the
/// percentiles of a report need two or four ranks. A partition that keeps splitting badly
/// (adversarial input for the pivot rule) falls back to sorting the remaining range, so the
/// worst case stays O(*n* log *n*).
struct RankSelection: Sendable {
    /// Samples before this index are settled: no later rank is searched for among them.
    private var settledEnd = 0
    /// The last rank selected, `-1` before the first.
    private var lastRank = -1

    /// A selection over samples none of which is settled yet.
    init() {}

    /// The value at rank `k` (0-based) of `samples` in ascending order: `samples.sorted()[k]`.
    ///
    /// Moves that value to `samples[k]`, with smaller-or-equal values before it and
    /// greater-or-equal values after it.
    ///
    /// - Parameters:
    ///   - k: The rank, `0..<samples.count`, not less than the rank of the previous call.
    ///   - samples: The samples, permuted in place; the same array (unchanged in between) at
    ///     every call of this selection.
    /// - Complexity: O(*m*) expected, O(*m* log *m*) worst case, for the *m* samples from the
    ///   previous rank on.
    mutating func value(atRank k: Int, in samples: inout [Int64]) -> Int64 {
        precondition(samples.indices.contains(k) && k >= lastRank, "ranks must be valid and non-decreasing")
        if k != lastRank {
            RankSelection.select(k, in: &samples, within: settledEnd..<samples.count)
            settledEnd = k + 1
            lastRank = k
        }
        return samples[k]
    }

    /// Below this many samples a range is finished by insertion sort.
    private static let insertionSortLimit = 16

    /// Permutes `samples[range]` so that `samples[k]` holds the value the sorted range would hold
    /// there, every value before it (in `range`) is `≤` it and every value after it is `≥` it.
    static func select(_ k: Int, in samples: inout [Int64], within range: Range<Int>) {
        assert(range.contains(k))
        var low = range.lowerBound
        var high = range.upperBound
        // About twice the depth of a balanced partitioning before giving up on the pivots.
        var partitionsLeft = 2 * (Int.bitWidth - range.count.leadingZeroBitCount) + 4
        while high - low > insertionSortLimit {
            guard partitionsLeft > 0 else {
                samples[low..<high].sort()
                return
            }
            partitionsLeft -= 1
            let pivot = medianOfThree(samples[low], samples[low + (high - low) / 2], samples[high - 1])
            // Three-way partition: [low, less) < pivot, [less, next) == pivot, [greater, high) > pivot.
            var less = low
            var next = low
            var greater = high
            while next < greater {
                let value = samples[next]
                if value < pivot {
                    samples.swapAt(less, next)
                    less += 1
                    next += 1
                } else if value > pivot {
                    greater -= 1
                    samples.swapAt(next, greater)
                } else {
                    next += 1
                }
            }
            if k < less {
                high = less
            } else if k >= greater {
                low = greater
            } else {
                return  // k falls among the values equal to the pivot
            }
        }
        insertionSort(&samples, low..<high)
    }

    private static func medianOfThree(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        max(min(a, b), min(max(a, b), c))
    }

    private static func insertionSort(_ samples: inout [Int64], _ range: Range<Int>) {
        guard range.count > 1 else { return }
        for i in (range.lowerBound + 1)..<range.upperBound {
            let value = samples[i]
            var j = i
            while j > range.lowerBound && samples[j - 1] > value {
                samples[j] = samples[j - 1]
                j -= 1
            }
            samples[j] = value
        }
    }
}
