/// Steele, Lea and Flood's SplitMix64: a small, fast, seedable generator (the same algorithm as the
/// root package's test support), so a seed names one log on every platform. Not for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (`bound > 0`); the modulo bias is below 2⁻⁴⁰ for the bounds used here.
    mutating func below(_ bound: Int64) -> Int64 {
        Int64(next() % UInt64(bound))
    }

    /// A value in `range`.
    mutating func within(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `perMille` / 1000.
    mutating func chance(perMille: Int64) -> Bool {
        below(1000) < perMille
    }

    /// A heavy-tailed duration: `base × 2^k × (1 + u)` with `k` geometric (P(k) = 2^-(k+1), capped
    /// at `maxDoublings`) and `u` uniform in [0, 1). Integer arithmetic only, so the same seed gives
    /// the same log whatever the platform's `libm`.
    mutating func heavyTailed(baseMicroseconds base: Int64, maxDoublings: Int) -> Int64 {
        let k = min(next().trailingZeroBitCount, maxDoublings)
        let scaled = base << k
        return scaled + below(scaled)
    }
}
