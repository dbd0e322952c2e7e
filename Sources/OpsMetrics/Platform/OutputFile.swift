/// An output file, written so that nothing is lost: a regular file is replaced atomically, and
/// only after the whole result is written; a FIFO or a character device is written through.
///
/// Writing is in two steps, so that several outputs of one run (a report and its chart) are all
/// written or none is: ``stage(_:at:)`` writes a regular file's bytes to a temporary file in the
/// same folder (flushed to its device, with the permissions of the file it replaces), and
/// ``Staged/commit()`` renames it into place, which readers of the folder (a web server,
/// node_exporter's textfile collector) see as one change from the old file to the new. A
/// failure before the rename leaves the old file as it was and removes the temporary file.
///
/// - A symbolic link is followed: the file it names is replaced and the link kept.
/// - A FIFO or a character device (`/dev/null`, a terminal) is opened and written at commit,
///   never replaced by a regular file; a FIFO's open waits for its reader. A reader that stops
///   early (`| head`) is no failure.
/// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` are written through the
///   open descriptor they name, whatever it is (`--output /dev/stdout >> log` appends).
/// - A directory, a block device or a socket is refused.
/// - A hard link to a replaced file keeps the old contents, as with every atomic replace.
package enum OutputFile {
    /// An output ready to be put in place.
    package struct Staged: Sendable {
        /// The path as given, for messages.
        package let path: String
        fileprivate let destination: String
        fileprivate let bytes: [UInt8]
        /// The temporary file a regular file is replaced by; `nil` to write through.
        fileprivate let temporary: String?
        /// The open descriptor that `/dev/stdout`, `/dev/fd/N` and the like name, written directly.
        fileprivate var descriptor: Int32? = nil

        /// Whether the output is written to a FIFO or a device at commit, rather than renamed into place.
        package var writesThrough: Bool { temporary == nil }

        /// Puts the output in place: renames the temporary file over the destination, or writes
        /// the bytes through to a FIFO or device.
        ///
        /// - Throws: `.io` with the system's reason (`No space left on device`, ...).
        package func commit() throws(OpsMetricsError) {
            if let temporary {
                if let failure = FileSyscalls.rename(temporary, to: destination) {
                    FileSyscalls.remove(temporary)
                    throw .io(path: path, reason: failure.reason)
                }
                return
            }
            if let descriptor {
                if let failure = FileSyscalls.writeAll(descriptor, bytes), !Self.isClosedPipe(failure, descriptor) {
                    throw .io(path: path, reason: failure.reason)
                }
                return
            }
            let fd: Int32
            switch FileSyscalls.openForWriting(destination) {
            case .success(let opened): fd = opened
            case .failure(let failure): throw .io(path: path, reason: failure.reason)
            }
            var failure = FileSyscalls.writeAll(fd, bytes)
            if let written = failure, Self.isClosedPipe(written, fd) { failure = nil }
            let closing = FileSyscalls.closeWritten(fd)
            if let failure = failure ?? closing { throw .io(path: path, reason: failure.reason) }
        }

        /// A FIFO whose reader stopped reading (`| head`): the reader's choice, not a failure.
        private static func isClosedPipe(_ failure: FileSyscalls.WriteFailure, _ fd: Int32) -> Bool {
            failure.isBrokenPipe && FileSyscalls.status(ofDescriptor: fd)?.kind == .fifo
        }

        /// Leaves the destination as it was (removes the temporary file).
        package func discard() {
            if let temporary { FileSyscalls.remove(temporary) }
        }
    }

    /// Prepares `bytes` to replace or be written to `path`.
    ///
    /// - Throws: `.io` when `path` is a directory, a block device or a socket, or the temporary
    ///   file cannot be created or written (its reason is the system's).
    package static func stage(_ bytes: [UInt8], at path: String) throws(OpsMetricsError) -> Staged {
        if let descriptor = openDescriptor(named: path) {
            guard FileSyscalls.status(ofDescriptor: descriptor) != nil else { throw .io(path: path, reason: "names no open descriptor") }
            var staged = Staged(path: path, destination: path, bytes: bytes, temporary: nil)
            staged.descriptor = descriptor
            return staged
        }
        let destination = FileSyscalls.isSymbolicLink(path) ? FileSyscalls.resolvedPath(path) ?? path : path
        let status = FileSyscalls.status(ofPath: destination)
        switch status?.kind {
        case nil, .regular?: break
        case .fifo?, .characterDevice?:
            return Staged(path: path, destination: destination, bytes: bytes, temporary: nil)
        case .directory?: throw .io(path: path, reason: "is a directory")
        case .blockDevice?: throw .io(path: path, reason: "is a block device (a report never overwrites a disk)")
        case .socket?, .other?: throw .io(path: path, reason: "is not a file, a FIFO or a character device")
        }
        let (folder, name) = split(destination)
        let created: (fd: Int32, path: String)
        switch FileSyscalls.createUnique("\(folder)/.\(name).opsmetrics-XXXXXX") {
        case .success(let made): created = made
        case .failure(let failure): throw .io(path: path, reason: failure.reason)
        }
        let failure = FileSyscalls.writeAll(created.fd, bytes)
            ?? FileSyscalls.setPermissions(created.fd, status?.permissions ?? FileSyscalls.newFilePermissions)
            ?? FileSyscalls.synchronize(created.fd)
        let closing = FileSyscalls.closeWritten(created.fd)
        if let failure = failure ?? closing {
            FileSyscalls.remove(created.path)
            throw .io(path: path, reason: failure.reason)
        }
        return Staged(path: path, destination: destination, bytes: [], temporary: created.path)
    }

    /// Whether writing to `output` (a path, or standard output for `nil`) would overwrite the
    /// input `input` (a path, or `-` for standard input): both name the same file, by device
    /// and inode, through any symbolic or hard link. A character device is never the same
    /// input (`/dev/null` read and written is harmless).
    package static func overwrites(_ output: String?, input: String) -> Bool {
        let written = output.map { FileSyscalls.status(ofPath: $0) } ?? FileSyscalls.status(ofDescriptor: 1)
        let read = input == "-" ? FileSyscalls.status(ofDescriptor: 0) : FileSyscalls.status(ofPath: input)
        guard let written, let read, written.kind != .characterDevice else { return false }
        return written.isSameFile(as: read)
    }

    /// Whether two output paths name the same file (by device and inode), or the same path.
    package static func isSameFile(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let first = FileSyscalls.status(ofPath: a), let second = FileSyscalls.status(ofPath: b) else { return false }
        return first.kind != .characterDevice && first.isSameFile(as: second)
    }

    /// The descriptor that `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N` names.
    /// Such a name is written through its descriptor: opened again, a redirected file would be
    /// written from its start (losing what `>>` appends to), and renamed over, replaced.
    private static func openDescriptor(named path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// The folder and the name of a path.
    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = path[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(path[path.index(after: slash)...]))
    }
}
