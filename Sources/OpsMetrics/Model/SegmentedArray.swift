/// An append-only array kept in fixed-size segments (16,384 elements each).
///
/// Appending never moves what is stored: a contiguous array that grows to millions of elements
/// by doubling copies them all at every step and briefly holds the old and the new buffer, so it
/// touches about twice the memory it ends with. Here each element is written once, and memory
/// grows by one segment at a time. Indexing costs one more load.
struct SegmentedArray<Element>: RandomAccessCollection, MutableCollection {
    private static var shift: Int { 14 }
    private static var mask: Int { (1 << shift) - 1 }
    /// The number of elements in a segment.
    static var segmentSize: Int { 1 << shift }

    private var segments: [[Element]] = []
    /// The number of elements.
    private(set) var count = 0

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "SegmentedArray index out of range")
            return segments[position >> Self.shift][position & Self.mask]
        }
        // In place: `array[i].mutate()` and `&array[i]` change the element where it is stored
        // instead of copying it out and back (a get and a set), which for a large element is two
        // copies per access.
        _modify {
            precondition(position >= 0 && position < count, "SegmentedArray index out of range")
            yield &segments[position >> Self.shift][position & Self.mask]
        }
    }

    /// Adds `element` at the end.
    mutating func append(_ element: Element) {
        if count & Self.mask == 0 {
            var segment: [Element] = []
            segment.reserveCapacity(1 << Self.shift)
            segments.append(segment)
        }
        segments[segments.count - 1].append(element)
        count += 1
    }

    /// Adds `count` copies of `element` at the end.
    mutating func append(repeating element: Element, count: Int) {
        for _ in 0..<count { append(element) }
    }

    /// Removes and returns the first segment's elements (the first 16,384, or all if fewer): a
    /// way to consume the array front to back while releasing its memory as it goes. The rest
    /// move to the front.
    mutating func removeFirstSegment() -> [Element]? {
        guard !segments.isEmpty else { return nil }
        let first = segments.removeFirst()
        count -= first.count
        return first
    }
}

extension SegmentedArray: Sendable where Element: Sendable {}
