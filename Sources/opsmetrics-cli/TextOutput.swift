#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CLI writes text: a file descriptor, or a string in tests.
protocol TextOutput {
    mutating func write(_ text: String)
}

/// Collects output in memory (tests).
struct StringOutput: TextOutput {
    var text = ""
    mutating func write(_ text: String) { self.text += text }
}

/// Writes to a file descriptor. A closed pipe (`EPIPE`, e.g. `opsmetrics report … | head`)
/// ends the process quietly with status 0, as xsv does.
struct DescriptorOutput: TextOutput {
    let descriptor: Int32

    static let standardOutput = DescriptorOutput(descriptor: 1)
    static let standardError = DescriptorOutput(descriptor: 2)

    /// Ignore SIGPIPE so a closed pipe shows up as EPIPE from write(2).
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    mutating func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                #if canImport(Glibc)
                return Glibc.write(descriptor, base + offset, buffer.count - offset)
                #else
                return Darwin.write(descriptor, base + offset, buffer.count - offset)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                return
            }
            offset += written
        }
    }
}
