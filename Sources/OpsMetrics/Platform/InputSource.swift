/// An input opened once: a regular file, or a stream (a pipe, a FIFO, a character device,
/// standard input, `/dev/stdin`, `/dev/fd/N`) that can be read only once, front to back.
///
/// Detection and `inspect` look at the input's first bytes before the read proper. A regular
/// file is sampled with positioned reads and read again from its start (on several threads when
/// it is large). A stream cannot be read twice, so the sampled bytes are kept and the read proper
/// takes them first, then the rest of the stream, until the end of input. Opening every input
/// once is what lets a FIFO (whose writer has gone after the first read) or a process
/// substitution (`<(cat export.csv)`) be sampled at all.
package struct InputSource: ~Copyable {
    /// The input's name in messages: its path, or `-` for standard input.
    package let path: String
    let descriptor: FileSyscalls.Descriptor
    /// The size of a regular file, which is read with positioned reads; `nil` for a stream.
    let regularSize: Int?
    /// The first bytes of a stream, read ahead for a sample; empty for a regular file.
    private(set) var readAhead: [UInt8] = []
    /// Whether `readAhead` holds the whole stream (its end of input was read).
    private(set) var readAheadIsComplete = false

    /// Opens `path` (`-` for standard input).
    ///
    /// - Throws: `.cannotOpen` for a missing or unreadable file, a directory or a socket.
    package init(opening path: String) throws(OpsMetricsError) {
        switch FileSyscalls.openForReading(path) {
        case .success(let opened): descriptor = opened
        case .failure(let error): throw error
        }
        self.path = path
        regularSize = FileSyscalls.regularFileSize(descriptor)
    }

    /// Whether the input is a stream, read once to its end and never in parts.
    package var isStream: Bool { regularSize == nil }

    /// The first `maxBytes` bytes of the input, and whether they are all of it. The input is
    /// not consumed: the read proper still starts at its first byte.
    package mutating func prefix(maxBytes: Int) throws(OpsMetricsError) -> (bytes: [UInt8], isComplete: Bool) {
        var bytes = isStream ? readAhead : []
        var isComplete = isStream && readAheadIsComplete
        // One byte past the limit tells whether anything follows it.
        if !isComplete { isComplete = try fill(&bytes, upTo: maxBytes + 1) }
        if isStream {
            readAhead = bytes
            readAheadIsComplete = isComplete
        }
        return bytes.count > maxBytes ? (Array(bytes.prefix(maxBytes)), false) : (bytes, isComplete)
    }

    /// Reads until `bytes` holds `limit` bytes or the input ends; returns whether it ended.
    /// A regular file is read at the offset `bytes.count`, a stream where it stands.
    private func fill(_ bytes: inout [UInt8], upTo limit: Int) throws(OpsMetricsError) -> Bool {
        while bytes.count < limit {
            let step = min(bytes.count < 1 << 20 ? 1 << 16 : 1 << 20, limit - bytes.count)
            switch FileSyscalls.read(descriptor, at: isStream ? nil : bytes.count, appendingTo: &bytes, count: step, path: path) {
            case .success(0): return true
            case .success: continue
            case .failure(let error): throw error
            }
        }
        return false
    }

    /// Hands the read-ahead bytes to the read proper.
    mutating func takeReadAhead() -> (bytes: [UInt8], isComplete: Bool) {
        defer { readAhead = [] }
        return (readAhead, readAheadIsComplete)
    }

    /// Closes the input now, rather than at the end of its lifetime (standard input stays open).
    package consuming func close() {}
}
