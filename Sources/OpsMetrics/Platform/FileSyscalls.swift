#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The only file of the library that calls the C library: opening, reading and closing files,
/// and counting processors. Everything above it sees bytes appended to a `[UInt8]` and typed errors.
enum FileSyscalls {
    /// An open file descriptor, closed by `close()`.
    struct Descriptor: ~Copyable {
        let raw: Int32
        /// `true` for standard input, which is never closed here.
        let isStandardInput: Bool

        consuming func close() {
            if !isStandardInput { _ = systemClose(raw) }
        }
    }

    static func openForReading(_ path: String) -> Result<Descriptor, OpsMetricsError> {
        if path == "-" { return .success(Descriptor(raw: 0, isStandardInput: true)) }
        let fd = unsafe open(path, O_RDONLY)
        if fd < 0 { return .failure(.cannotOpen(path: path, reason: errorText(errno))) }
        var info = stat()
        if unsafe fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            _ = systemClose(fd)
            return .failure(.cannotOpen(path: path, reason: "is a directory"))
        }
        return .success(Descriptor(raw: fd, isStandardInput: false))
    }

    /// The size in bytes of a regular file; `nil` for a pipe, a terminal or standard input.
    static func regularFileSize(_ descriptor: borrowing Descriptor) -> Int? {
        guard !descriptor.isStandardInput else { return nil }
        var info = stat()
        guard unsafe fstat(descriptor.raw, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The processors this process may run on (at least 1).
    static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Appends up to `count` bytes read from `descriptor` to `buffer`; returns how many were read
    /// (0 at the end of input). Reads at the descriptor's position, or at `offset` when one is
    /// given (without moving the position). Retries on EINTR.
    static func read(_ descriptor: borrowing Descriptor, at offset: Int? = nil, appendingTo buffer: inout [UInt8], count: Int,
                     path: String) -> Result<Int, OpsMetricsError>
    {
        let oldCount = buffer.count
        var readCount = 0
        var failure: Int32 = 0
        // Grow by copying from a zeroed block (a memcpy even in debug builds; a generic
        // `repeatElement` append is byte by byte there).
        var remaining = count
        while remaining > 0 {
            let step = min(remaining, zeros.count)
            buffer.append(contentsOf: zeros[..<step])
            remaining -= step
        }
        unsafe buffer.withUnsafeMutableBufferPointer { pointer in
            // Safety: the range [oldCount, oldCount + count) was just appended, so it lies inside the buffer.
            let target = unsafe pointer.baseAddress.map { unsafe $0 + oldCount }
            while true {
                let n = if let offset { unsafe pread(descriptor.raw, target, count, off_t(offset)) } else {
                    unsafe systemRead(descriptor.raw, target, count)
                }
                if n >= 0 {
                    readCount = n
                    return
                }
                if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        buffer.removeLast(count - readCount)
        if failure != 0 { return .failure(.io(path: path, reason: errorText(failure))) }
        return .success(readCount)
    }

    /// A block of zero bytes to grow read buffers from.
    private static let zeros = [UInt8](repeating: 0, count: 1 << 20)

    static func errorText(_ code: Int32) -> String {
        guard let text = unsafe strerror(code) else { return "error \(code)" }
        return unsafe String(cString: text)
    }

    private static func systemClose(_ fd: Int32) -> Int32 {
        #if canImport(Darwin)
        Darwin.close(fd)
        #elseif canImport(Musl)
        Musl.close(fd)
        #else
        Glibc.close(fd)
        #endif
    }

    private static func systemRead(_ fd: Int32, _ target: UnsafeMutablePointer<UInt8>?, _ count: Int) -> Int {
        #if canImport(Darwin)
        unsafe Darwin.read(fd, target, count)
        #elseif canImport(Musl)
        unsafe Musl.read(fd, target, count)
        #else
        unsafe Glibc.read(fd, target, count)
        #endif
    }
}
