import Foundation

/// A small, fast, seedable random number generator (SplitMix64) for reproducible property tests.
///
/// Every property test draws from a `SplitMix64` created with ``configuredSeed``: the value of the
/// `OPSMETRICS_SEED` environment variable (decimal, or hexadecimal with a `0x` prefix) if it is
/// set, otherwise ``defaultSeed``. Tests include ``seed`` in their failure messages, so a failure
/// seen once can be replayed with
///
/// ```
/// OPSMETRICS_SEED=<seed> swift test --filter IntervalSetTests
/// ```
///
/// The algorithm is Steele, Lea and Flood's SplitMix64 (the generator behind Java's
/// `SplittableRandom`), as used by swift-algorithms' test utilities. Not for cryptography.
struct SplitMix64: RandomNumberGenerator {
    /// The environment variable that overrides ``defaultSeed``.
    static let seedEnvironmentVariable = "OPSMETRICS_SEED"

    /// The seed used when `OPSMETRICS_SEED` is not set.
    static let defaultSeed: UInt64 = 0x0DDB_1A5E_5BAD_5EED

    /// The seed for this test run: `OPSMETRICS_SEED` if set, otherwise ``defaultSeed``.
    ///
    /// An unparsable `OPSMETRICS_SEED` stops the run rather than silently testing another seed.
    static let configuredSeed: UInt64 = {
        guard let text = ProcessInfo.processInfo.environment[seedEnvironmentVariable] else {
            return defaultSeed
        }
        guard let seed = parseSeed(text) else {
            preconditionFailure(
                "\(seedEnvironmentVariable)=\"\(text)\" is not a UInt64 (decimal or 0x-prefixed hex)")
        }
        return seed
    }()

    /// Parses a seed written in decimal or as `0x`-prefixed hexadecimal.
    static func parseSeed(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
            return UInt64(trimmed.dropFirst(2), radix: 16)
        }
        return UInt64(trimmed, radix: 10)
    }

    /// The seed this generator started from; print it when a test fails.
    let seed: UInt64

    private var state: UInt64

    /// Creates a generator starting from `seed`.
    init(seed: UInt64) {
        self.seed = seed
        self.state = seed
    }

    /// Creates a generator starting from ``configuredSeed``.
    init() {
        self.init(seed: Self.configuredSeed)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
