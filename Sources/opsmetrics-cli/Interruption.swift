#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM stop the run at once: `opsmetrics: interrupted` on stderr and exit
/// status 128 + the signal (130 for SIGINT, 143 for SIGTERM), nothing on stdout and `--output`
/// untouched. The result is written with both signals held back, so it is written whole or not at
/// all: a signal that arrives while it is written takes effect right after.
enum Interruption {
    /// Installs the handlers (the executable's `main` only; tests run in-process without them).
    ///
    /// A signal the parent ignores (`nohup`, a background job of a script) stays ignored, as is the
    /// convention. Both are unblocked: a process spawned from a worker thread (a Swift or dispatch
    /// thread pool) inherits that thread's mask, in which they are blocked.
    static func install() {
        for signalNumber in [SIGINT, SIGTERM] where !isIgnored(signalNumber) {
            signal(signalNumber, interruptionHandler)
        }
        var handled = sigset_t()
        sigemptyset(&handled)
        sigaddset(&handled, SIGINT)
        sigaddset(&handled, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &handled, nil)
    }

    private static func isIgnored(_ signalNumber: Int32) -> Bool {
        #if canImport(Glibc)
        var current = sigaction()
        guard sigaction(signalNumber, nil, &current) == 0, let handler = current.__sigaction_handler.sa_handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        #else
        return false
        #endif
    }

    /// Runs `body` (which writes the result) with SIGINT and SIGTERM blocked.
    static func holdingSignals<T>(_ body: () -> T) -> T {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGINT)
        sigaddset(&blocked, SIGTERM)
        sigprocmask(SIG_BLOCK, &blocked, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        return body()
    }
}

/// Async-signal-safe: one write(2) of a static message, then _exit(2).
private func interruptionHandler(_ signal: Int32) {
    let message: StaticString = "opsmetrics: interrupted\n"
    message.withUTF8Buffer { bytes in
        _ = write(2, bytes.baseAddress, bytes.count)
    }
    _exit(128 + signal)
}
