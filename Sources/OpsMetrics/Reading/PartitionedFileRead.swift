import Dispatch
import Synchronization

/// Reads one regular file in parts on several cores and merges what the parts fold. The result
/// is the log one reader makes of the whole file: the same records, times, attributes,
/// accounting and first error.
///
/// The file is cut just after the first line feed at or after each of `parts - 1` evenly spaced
/// offsets. The first reader reads the header (for NDJSON, the first object's opening brace); each
/// part's reader is a copy of it (`EventLogReader.part(from:until:)`) that reads from its cut. A cut
/// is only a guess at a record boundary (the line feed may sit inside a quoted CSV value), so every
/// reader stops before the first record that begins at or after the next cut and says whether it
/// begins exactly there (`EventLogReader.Stop`). Then, in input order:
/// - aligned: the next part's reader saw the same records, and its log is merged after this one
///   (`IncidentLog.merge`, which gives ties to the later input, as one pass does);
/// - not aligned: the next part's work is dropped and this reader reads on to the following cut;
/// - the end of the file before the cut: the later parts are dropped.
///
/// An error ends the walk at its part, so an earlier part's error wins, as in one pass. A part's
/// lines and records count from its cut until the walk reaches it; then its error and the locations
/// of the rows it skipped are renumbered in the file's lines.
enum PartitionedFileRead {
    /// The smallest part worth a thread, in bytes.
    static let minimumPartBytes = ReportConfiguration.defaultMinimumPartBytes

    /// What one part's reader did.
    private struct Part: Sendable {
        var reader: EventLogReader
        var failure: OpsMetricsError?
    }

    /// Reads the file open as `descriptor` (a regular file of `size` bytes) through `reader`, in
    /// parts of at least `minimumPartBytes` on up to `threads` threads. Afterwards `reader` is the
    /// last part's, holding the whole file's log; its `finish()` folds the last row.
    static func read(_ reader: inout EventLogReader, _ descriptor: borrowing FileSyscalls.Descriptor, path: String, size: Int,
                     threads: Int, minimumPartBytes: Int) -> OpsMetricsError?
    {
        let parts = min(threads, size / max(1, minimumPartBytes))
        let cuts = parts > 1 ? self.cuts(descriptor, path: path, size: size, parts: parts) : []
        guard let firstCut = cuts.first else { return reader.readAll(descriptor, path: path, positioned: true) }

        reader.stopOffset = firstCut
        while !reader.hasReadPrologue && reader.stop == nil {
            switch reader.readChunk(descriptor, path: path, positioned: true) {
            case .success(0):
                reader.stopOffset = .max  // the whole file is read: one part, which finish() folds
                return nil
            case .success: continue
            case .failure(let error): return error
            }
        }
        guard reader.isSplittable else {
            do { try reader.resume(until: .max) } catch { return .parse(error) }
            return reader.readAll(descriptor, path: path, positioned: true)
        }

        let first = reader
        let results = Mutex([Part?](repeating: nil, count: cuts.count + 1))
        DispatchQueue.concurrentPerform(iterations: cuts.count + 1) { index in
            let part = readPart(index, of: first, cuts: cuts, path: path)
            results.withLock { $0[index] = part }
        }
        // Moved out of the mutex, so that each part's log has one owner and merges in place.
        let done = results.withLock { parts in
            defer { parts = [] }
            return parts
        }
        return walk(done, cuts: cuts, path: path, into: &reader)
    }

    /// Reads part `index` (0 goes on with `first`) up to the next cut or the end of the file.
    private static func readPart(_ index: Int, of first: EventLogReader, cuts: [Int], path: String) -> Part {
        let until = index < cuts.count ? cuts[index] : Int.max
        var reader = first
        let failure = withDescriptor(path) { descriptor -> OpsMetricsError? in
            if index > 0 { reader = first.part(from: cuts[index - 1], until: until) }
            return reader.readAll(descriptor, path: path, positioned: true)
        }
        return Part(reader: reader, failure: failure)
    }

    /// Walks the parts in input order, merging aligned ones and reading on past misaligned cuts;
    /// leaves the last reader of the walk in `reader`, with the logs of the parts before it.
    private static func walk(_ parts: consuming [Part?], cuts: [Int], path: String, into reader: inout EventLogReader) -> OpsMetricsError? {
        func take(_ index: Int) -> Part {
            defer { parts[index] = nil }
            return parts[index]!
        }
        var current = take(0)
        var next = 1  // the part that begins at the cut `current` stops at
        var earlier: IncidentLog? = nil
        while true {
            if let failure = current.failure { return failure }
            guard let stop = current.reader.stop else { break }  // the end of the file
            if stop.isAligned {
                var following = take(next)
                following.reader.number(after: current.reader, stop: stop)
                if case .parse(var error)? = following.failure {
                    following.reader.renumber(&error)
                    following.failure = .parse(error)
                }
                let log = current.reader.takeLog()
                if earlier == nil { earlier = log } else { earlier!.merge(log) }
                current = following
                next += 1
            } else {
                _ = take(next)  // dropped, and its memory with it
                next += 1
                do { try current.reader.resume(until: next - 1 < cuts.count ? cuts[next - 1] : .max) } catch { return .parse(error) }
                if current.reader.stop == nil {
                    current.failure = withDescriptor(path) { current.reader.readAll($0, path: path, positioned: true) }
                }
            }
        }
        current.reader.stopOffset = .max
        if earlier != nil { current.reader.placeAfter(&earlier!) }
        reader = current.reader
        return nil
    }

    /// How far past an even offset a cut looks for a line feed, in bytes. A file with no line
    /// feed there (a sparse file of NULs, one huge record) is not cut there: looking further
    /// would read it all before the first record is even checked.
    static let cutSearchBytes = 1 << 20

    /// The offsets just after the first line feed in the `cutSearchBytes` at or after
    /// `size × k / parts`, for k in 1..<parts, leaving out those at the end of the file, not
    /// after the one before, or with no line feed in reach.
    private static func cuts(_ descriptor: borrowing FileSyscalls.Descriptor, path: String, size: Int, parts: Int) -> [Int] {
        var cuts: [Int] = []
        var window: [UInt8] = []
        for k in 1..<parts {
            var offset = max(size / parts * k, cuts.last ?? 0)
            let end = min(size, offset + cutSearchBytes)
            search: while offset < end {
                window.removeAll(keepingCapacity: true)
                guard case .success(let count) = FileSyscalls.read(descriptor, at: offset, appendingTo: &window, count: min(1 << 16, end - offset), path: path),
                      count > 0 else { break }
                if let newline = window.firstIndex(of: ASCII.newline) {
                    let cut = offset + newline + 1
                    if cut < size && cut > (cuts.last ?? 0) { cuts.append(cut) }
                    break search
                }
                offset += count
            }
        }
        return cuts
    }

    /// Runs `body` with `path` opened for reading, or returns why it cannot be opened.
    private static func withDescriptor(_ path: String, _ body: (borrowing FileSyscalls.Descriptor) -> OpsMetricsError?) -> OpsMetricsError? {
        let descriptor: FileSyscalls.Descriptor
        switch FileSyscalls.openForReading(path) {
        case .success(let opened): descriptor = opened
        case .failure(let error): return error
        }
        let result = body(descriptor)
        descriptor.close()
        return result
    }
}
