#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing files: the system calls behind `OutputFile`. Each returns the `errno` of a failure
/// (as an `Int32`), or `nil` for success.
extension FileSyscalls {
    /// Opens an existing file (a FIFO, a character device) for writing, without creating or
    /// truncating it. A FIFO blocks here until a reader opens it.
    static func openForWriting(_ path: String) -> Result<Int32, WriteFailure> {
        let fd = unsafe open(path, O_WRONLY | O_CLOEXEC)
        return fd < 0 ? .failure(WriteFailure(errno)) : .success(fd)
    }

    /// Creates a new file named from `template` (ending in `XXXXXX`), readable and writable by
    /// the owner only; returns its descriptor and its name.
    static func createUnique(_ template: String) -> Result<(fd: Int32, path: String), WriteFailure> {
        var name = Array(template.utf8CString)
        let fd = unsafe name.withUnsafeMutableBufferPointer { unsafe mkstemp($0.baseAddress!) }
        if fd < 0 { return .failure(WriteFailure(errno)) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let path = unsafe name.withUnsafeBufferPointer { unsafe String(cString: $0.baseAddress!) }
        return .success((fd, path))
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> WriteFailure? {
        var offset = 0
        while offset < bytes.count {
            let written = unsafe bytes.withUnsafeBufferPointer { buffer in
                unsafe systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return WriteFailure(errno)
            }
            offset += written
        }
        return nil
    }

    /// Flushes a file's data to its device (`fsync`), so a rename after it never shows an empty
    /// file after a crash.
    static func synchronize(_ fd: Int32) -> WriteFailure? {
        fsync(fd) == 0 || errno == EINVAL ? nil : WriteFailure(errno)  // EINVAL: a file that cannot be synced (a FIFO)
    }

    /// Sets a file's permission bits.
    static func setPermissions(_ fd: Int32, _ permissions: UInt32) -> WriteFailure? {
        fchmod(fd, mode_t(permissions)) == 0 ? nil : WriteFailure(errno)
    }

    /// The permissions a new file gets here: `0666` less the process's umask.
    static var newFilePermissions: UInt32 {
        let mask = umask(0)
        _ = umask(mask)
        return 0o666 & ~UInt32(mask)
    }

    /// Closes a descriptor written to; a failure here (NFS, a quota) means the data may be lost.
    static func closeWritten(_ fd: Int32) -> WriteFailure? {
        systemClose(fd) == 0 ? nil : WriteFailure(errno)
    }

    /// Renames `from` to `to`, replacing `to` atomically.
    static func rename(_ from: String, to: String) -> WriteFailure? {
        systemRename(from, to) == 0 ? nil : WriteFailure(errno)
    }

    /// Removes a file (a temporary file left by a failure).
    static func remove(_ path: String) {
        _ = unsafe unlink(path)
    }

    /// The path a symbolic link finally names (`realpath`), or `nil` if it names nothing.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = unsafe realpath(path, nil) else { return nil }
        defer { unsafe free(resolved) }
        return unsafe String(cString: resolved)
    }

    /// Whether `path` is a symbolic link (`lstat`).
    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return unsafe lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// A failed write: the `errno` and the system's words for it.
    struct WriteFailure: Error, Sendable, Hashable {
        let code: Int32
        init(_ code: Int32) { self.code = code }
        var reason: String { FileSyscalls.errorText(code) }
        var isBrokenPipe: Bool { code == EPIPE }
        var isBadDescriptor: Bool { code == EBADF }
    }

    private static func systemWrite(_ fd: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
        #if canImport(Darwin)
        unsafe Darwin.write(fd, bytes, count)
        #elseif canImport(Musl)
        unsafe Musl.write(fd, bytes, count)
        #else
        unsafe Glibc.write(fd, bytes, count)
        #endif
    }

    private static func systemRename(_ from: String, _ to: String) -> Int32 {
        #if canImport(Darwin)
        unsafe Darwin.rename(from, to)
        #elseif canImport(Musl)
        unsafe Musl.rename(from, to)
        #else
        unsafe Glibc.rename(from, to)
        #endif
    }
}
