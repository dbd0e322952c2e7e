/// A set of times (microseconds) read in ascending order, that takes a time in O(1) when the
/// times come in order and O(log n) amortized when they do not.
///
/// A time after the last one is appended and a repeat of the last one is dropped, which is all
/// a log in time order asks. A time that comes out of order (an export listed newest first) is
/// appended too, and the times are sorted and their repeats dropped only when they are read, or
/// once the unsorted tail has grown as long as the sorted part: inserting each in its place
/// moved the times after it, which is quadratic in a record's events.
struct TimeSet: Sendable {
    /// The times; ascending and distinct in `storage[..<sortedCount]`, in any order after it.
    private var storage: [Int64] = []
    private var sortedCount = 0

    init() {}

    /// The distinct times, ascending.
    var times: [Int64] {
        sortedCount == storage.count ? storage : TimeSet.normalized(storage)
    }

    var isEmpty: Bool { storage.isEmpty }

    /// Adds `t` (a repeat changes nothing).
    mutating func insert(_ t: Int64) {
        if sortedCount == storage.count {
            if let last = storage.last, last >= t {
                if last == t { return }
            } else {
                storage.append(t)
                sortedCount += 1
                return
            }
        }
        storage.append(t)
        if storage.count - sortedCount > max(16, sortedCount) {
            storage = TimeSet.normalized(storage)
            sortedCount = storage.count
        }
    }

    private static func normalized(_ times: [Int64]) -> [Int64] {
        var sorted = times.sorted()
        var kept = 0
        for t in sorted where kept == 0 || sorted[kept - 1] != t {
            sorted[kept] = t
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }
}

extension TimeSet: Hashable {
    static func == (a: TimeSet, b: TimeSet) -> Bool { a.times == b.times }
    func hash(into hasher: inout Hasher) { hasher.combine(times) }
}
