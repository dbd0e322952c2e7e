#if canImport(Glibc)
import Glibc
#endif
import Synchronization

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

    /// How many bytes `noteFreed(_:)` lets be freed between two releases: about 32 MB.
    static let bytesBetweenReleases = 32 << 20

    /// Bytes freed since the last release, as noted by `noteFreed(_:)` on any thread.
    private static let freedSinceRelease = Atomic<Int>(0)

    /// Notes that about `bytes` were freed, and releases once `bytesBetweenReleases` have been
    /// noted since the last release: jobs on several threads that each free a little (a
    /// service's facts) give the memory back as they go, without a release each.
    static func noteFreed(_ bytes: Int) {
        let freed = freedSinceRelease.add(bytes, ordering: .relaxed).newValue
        guard freed >= bytesBetweenReleases else { return }
        freedSinceRelease.store(0, ordering: .relaxed)
        release()
    }

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

