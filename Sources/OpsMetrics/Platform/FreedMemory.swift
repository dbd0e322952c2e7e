#if canImport(Glibc)
import Glibc
#endif

/// Gives memory the process has freed back to the system, where the C library keeps it.
///
/// glibc keeps freed blocks in the arena of the thread that allocated them: the states of a log
/// read in parts on worker threads, freed as the main thread merges or consumes them, would stay
/// resident and never be reused by the main thread's allocations. `malloc_trim(0)` releases every
/// arena's free pages (a few milliseconds). Elsewhere (or without it) this does nothing.
enum FreedMemory {
    /// How many segments of states (16,384 records each) a loop that consumes them frees
    /// between two releases: about 30 MB.
    static let segmentsBetweenReleases = 16

    static func release() {
        #if canImport(Glibc)
        if let trim = trim { _ = trim(0) }
        #endif
    }

    #if canImport(Glibc)
    /// glibc's `malloc_trim`, which its Swift module does not import (it is in `malloc.h`).
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = unsafe dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
        return unsafe unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif
}
