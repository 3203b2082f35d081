#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reproducible random numbers: xoshiro256** seeded by splitmix64, so a seed gives the same
/// export and the same simulated year on every machine and Swift version.
///
/// The standard library's generators promise no stable sequence, so the generator and the
/// simulation draw only from this one.
public struct SeededRandom: RandomNumberGenerator {
    @usableFromInline var s: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole sequence follows from `seed`.
    public init(seed: UInt64) {
        // The state is the first four outputs of splitmix64 from `seed`, as xoshiro's authors advise.
        func word(_ i: UInt64) -> UInt64 { Lottery.splitmix64(seed &+ i &* 0x9e37_79b9_7f4a_7c15) }
        s = (word(0), word(1), word(2), word(3))
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = (s.3 << 45) | (s.3 >> 19)
        return result
    }

    /// Uniform in [0, 1).
    @inlinable
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in `0..<n`; 0 when `n` is not positive.
    @inlinable
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

    /// True with probability `p`.
    @inlinable
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Standard normal (Box-Muller).
    public mutating func normal() -> Double {
        let u = max(unit(), 1e-300), v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// A Poisson count with mean `lambda` (Knuth's method; normal approximation beyond 30).
    public mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda > 30 { return max(0, Int((lambda + normal() * lambda.squareRoot()).rounded())) }
        let limit = exp(-lambda)
        var k = 0, p = 1.0
        repeat {
            k += 1
            p *= unit()
        } while p > limit
        return k - 1
    }

    /// An index drawn with the given weights (meant for short lists).
    public mutating func pick(_ weights: [Double]) -> Int {
        var x = unit() * weights.reduce(0, +)
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }
}
