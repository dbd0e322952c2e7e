// Inputs as files, for the targets that read a path (PartitionedRead, Inspect): one fixed path per
// process and target under the temporary directory, rewritten for each input.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `$TMPDIR`, or `/tmp`.
let temporaryDirectory: String = {
    guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
    return String(cString: value)
}()

/// This process's file for `target`'s inputs, with the extension that chooses the format.
func temporaryPath(_ target: String, extension: String) -> String {
    "\(temporaryDirectory)/opsmetrics-fuzz-\(target)-\(getpid()).\(`extension`)"
}

/// Replaces the file at `path` with `bytes`; stops the run if it cannot (that is no finding).
func writeFile(_ path: String, _ bytes: [UInt8]) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    fuzzCheck(descriptor >= 0, "cannot create \(path): errno \(errno)")
    var written = 0
    while written < bytes.count {
        let n = bytes.withUnsafeBufferPointer { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
        if n < 0 && errno == EINTR { continue }
        fuzzCheck(n > 0, "cannot write \(path): errno \(errno)")
        written += n
    }
    close(descriptor)
}
