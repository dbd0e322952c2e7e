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
    /// An open file descriptor, closed when its lifetime ends (or by `close()`).
    struct Descriptor: ~Copyable {
        let raw: Int32
        /// `true` for standard input, which is never closed here.
        let isStandardInput: Bool

        deinit {
            if !isStandardInput { _ = systemClose(raw) }
        }

        /// Closes it now, rather than at the end of its lifetime.
        consuming func close() {}
    }

    /// What a path or descriptor is, from `stat(2)`/`fstat(2)`.
    struct Status: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case regular, directory, fifo, characterDevice, blockDevice, socket, other }
        var kind: Kind
        /// The file's identity: two names with the same device and inode are the same file
        /// (a symbolic or hard link, `/dev/stdin` for a redirected file).
        var device: UInt64
        var inode: UInt64
        var size: Int
        /// The permission bits (`st_mode & 0o7777`).
        var permissions: UInt32

        init(_ info: stat) {
            switch info.st_mode & S_IFMT {
            case S_IFREG: kind = .regular
            case S_IFDIR: kind = .directory
            case S_IFIFO: kind = .fifo
            case S_IFCHR: kind = .characterDevice
            case S_IFBLK: kind = .blockDevice
            case S_IFSOCK: kind = .socket
            default: kind = .other
            }
            device = UInt64(truncatingIfNeeded: info.st_dev)
            inode = UInt64(truncatingIfNeeded: info.st_ino)
            size = Int(truncatingIfNeeded: info.st_size)
            permissions = UInt32(truncatingIfNeeded: info.st_mode) & 0o7777
        }

        /// Whether both name the same file.
        func isSameFile(as other: Status) -> Bool { device == other.device && inode == other.inode }
    }

    /// The status of the file `path` names (through symbolic links), or `nil` if there is none
    /// (or it cannot be looked at).
    static func status(ofPath path: String) -> Status? {
        var info = stat()
        guard unsafe stat(path, &info) == 0 else { return nil }
        return Status(info)
    }

    /// The status of an open descriptor, or `nil` if it is not open.
    static func status(ofDescriptor raw: Int32) -> Status? {
        var info = stat()
        guard unsafe fstat(raw, &info) == 0 else { return nil }
        return Status(info)
    }

    /// Opens `path` (`-`: standard input) for reading. A directory or a socket is refused: neither
    /// holds an export. A FIFO blocks here until a writer opens it, as `cat` does.
    static func openForReading(_ path: String) -> Result<Descriptor, OpsMetricsError> {
        if path == "-" { return .success(Descriptor(raw: 0, isStandardInput: true)) }
        if let status = self.status(ofPath: path), let refusal = refusal(status.kind) {
            return .failure(.cannotOpen(path: path, reason: refusal))
        }
        let fd = unsafe open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return .failure(.cannotOpen(path: path, reason: errorText(errno))) }
        if let status = status(ofDescriptor: fd), let refusal = refusal(status.kind) {
            _ = systemClose(fd)
            return .failure(.cannotOpen(path: path, reason: refusal))
        }
        return .success(Descriptor(raw: fd, isStandardInput: false))
    }

    /// Why a file of `kind` cannot be read as an input, or `nil` if it can.
    private static func refusal(_ kind: Status.Kind) -> String? {
        switch kind {
        case .directory: "is a directory (name the files in it)"
        case .socket: "is a socket (read a file, a pipe or a device)"
        default: nil
        }
    }

    /// The size in bytes of a regular file that says it has one; `nil` for a pipe, a FIFO, a
    /// device, standard input, or a file whose size reads 0 (`/proc` files): those are read to the
    /// end of input and never in parts.
    static func regularFileSize(_ descriptor: borrowing Descriptor) -> Int? {
        guard !descriptor.isStandardInput, let status = status(ofDescriptor: descriptor.raw),
              status.kind == .regular, status.size > 0 else { return nil }
        return status.size
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

    static func systemClose(_ fd: Int32) -> Int32 {
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
