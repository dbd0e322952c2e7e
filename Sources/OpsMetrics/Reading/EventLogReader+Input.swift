// Reading an opened input (a file, a pipe, standard input) to its end through the reader.

extension EventLogReader {
    /// Reads `input` to its end through this reader: a regular file with positioned reads from
    /// its start (in parts on up to `threads` threads when it holds at least two parts of
    /// `minimumPartBytes`, see `PartitionedFileRead`), a stream from the bytes sampled ahead and
    /// then on to its end of input.
    mutating func read(_ input: inout InputSource, threads: Int = 1,
                       minimumPartBytes: Int = PartitionedFileRead.minimumPartBytes) throws(OpsMetricsError) {
        let path = input.path
        fileSize = input.regularSize
        let failure: OpsMetricsError?
        if let size = fileSize {
            failure = threads > 1
                ? PartitionedFileRead.read(&self, input.descriptor, path: path, size: size, threads: threads, minimumPartBytes: minimumPartBytes)
                : readAll(input.descriptor, path: path, positioned: true)
        } else {
            let (readAhead, isComplete) = input.takeReadAhead()
            do { try push(readAhead) } catch { throw .parse(error) }
            failure = isComplete ? nil : readAll(input.descriptor, path: path)
        }
        if let failure { throw failure }
    }

    /// Reads and folds until the end of the input or a `stop`; with `positioned`, at the reader's
    /// own offset in the file (`readOffset`) rather than at the descriptor's position.
    mutating func readAll(_ descriptor: borrowing FileSyscalls.Descriptor, path: String, positioned: Bool = false) -> OpsMetricsError? {
        while stop == nil {
            switch readChunk(descriptor, path: path, positioned: positioned) {
            case .success(0): return nil
            case .success: continue
            case .failure(let error): return error
            }
        }
        return nil
    }

    /// Reads up to `readCount` bytes and folds the rows they complete; returns the bytes read (0 at the end).
    mutating func readChunk(_ descriptor: borrowing FileSyscalls.Descriptor, path: String, positioned: Bool) -> Result<Int, OpsMetricsError> {
        let read = FileSyscalls.read(descriptor, at: positioned ? readOffset : nil, appendingTo: &buffer, count: readCount, path: path)
        if case .success(let count) = read, count > 0, buffer.count - start >= rescanAt {
            do { try process(isFinal: false) } catch { return .failure(.parse(error)) }
        }
        return read
    }

    /// Bytes to ask for next: 1 MiB, or less near the end of a file of known size: its rest and a
    /// page more (which finds the end, or that the file grew). The buffer grows by the whole
    /// request before the read, so a small file, a part or the final read of 0 bytes need not
    /// fill a MiB each.
    var readCount: Int {
        guard let fileSize else { return 1 << 20 }
        return min(1 << 20, max(fileSize - readOffset, 0) + 4096)
    }
}
