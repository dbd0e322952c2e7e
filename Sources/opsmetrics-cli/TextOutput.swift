#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CLI writes text: a file descriptor, or a string in tests.
protocol TextOutput {
    mutating func write(_ text: String)
    /// Writes UTF-8 bytes (a rendered result, without a copy into a `String`).
    mutating func write(_ bytes: [UInt8])
}

/// Collects output in memory (tests).
struct StringOutput: TextOutput {
    var text = ""
    mutating func write(_ text: String) { self.text += text }
    mutating func write(_ bytes: [UInt8]) { text += String(decoding: bytes, as: UTF8.self) }
}

/// Writes to a file descriptor. A closed pipe (`EPIPE` on a pipe, e.g. `opsmetrics report … | head`)
/// ends the process quietly with status 0, as xsv does. Any other failure (`ENOSPC` on
/// `/dev/full` or a full disk, `EIO`, `EPIPE` from a socket, a closed descriptor) is kept in
/// `failure`, and nothing more is written; the process then exits 1 with the reason.
struct DescriptorOutput: TextOutput {
    let descriptor: Int32
    /// Why a write failed, in the system's words; `nil` while every write succeeded.
    private(set) var failure: String?
    /// Whether anything was given to write.
    private(set) var wasWritten = false

    init(descriptor: Int32, failure: String? = nil) {
        self.descriptor = descriptor
        self.failure = failure
    }

    static let standardOutput = DescriptorOutput(descriptor: 1)
    static let standardError = DescriptorOutput(descriptor: 2)

    /// Ignore SIGPIPE so a closed pipe shows up as EPIPE from write(2).
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Opens `/dev/null` on each of standard input, output and error that the process was
    /// started without (`>&-`), so that no file opened later takes its number (and a report
    /// meant for standard output never lands in an input or output file); returns the ones
    /// that were closed.
    static func reopenClosedStandardDescriptors() -> Set<Int32> {
        var closed: Set<Int32> = []
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) < 0 && errno == EBADF {
            // The lowest free number: this one, as the ones below it are open by now.
            if open("/dev/null", O_RDWR) == descriptor { closed.insert(descriptor) }
        }
        return closed
    }

    mutating func write(_ text: String) {
        write(Array(text.utf8))
    }

    mutating func write(_ bytes: [UInt8]) {
        wasWritten = wasWritten || !bytes.isEmpty
        guard failure == nil else { return }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                #if canImport(Glibc)
                return Glibc.write(descriptor, base + offset, buffer.count - offset)
                #else
                return Darwin.write(descriptor, base + offset, buffer.count - offset)
                #endif
            }
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EPIPE && isPipe { exit(0) }
                failure = String(cString: strerror(code))
                return
            }
            offset += written
        }
    }

    /// Whether the descriptor is a pipe or FIFO (whose reader may close it early, as `head` does).
    private var isPipe: Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
    }
}
