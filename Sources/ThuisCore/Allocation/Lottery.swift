/// The seeded lottery that breaks ties, documented so anyone can recompute a draw.
///
/// `h = FNV-1a-64(UTF-8 bytes of the household id)`; with per-advert draws also
/// `a = FNV-1a-64(advert id)`, else `a = 0`. The draw is
/// `splitmix64(seed XOR h XOR rotl64(a, 32))`; the lowest draw comes first.
public enum Lottery {
    /// The draw of a household at an advert (pass nil for a single draw per household).
    public static func draw(seed: UInt64, household: String, advert: String?) -> UInt64 {
        draw(seed: seed, householdHash: fnv1a64(household), advertHash: advert.map(fnv1a64))
    }

    /// The same draw from the ids' hashes, which do not depend on the seed: a batch hashes each
    /// id once (``LotteryHashes``) and every seed reuses them.
    @inline(__always)
    public static func draw(seed: UInt64, householdHash h: UInt64, advertHash a: UInt64?) -> UInt64 {
        var x = seed ^ h
        if let a { x ^= (a << 32) | (a >> 32) }
        return splitmix64(x)
    }

    /// FNV-1a, 64 bits.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// The splitmix64 finaliser (Steele, Lea, Flood 2014).
    public static func splitmix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Every household's and advert's id hashed as ``Lottery`` hashes it, once per market: the
/// per-reaction draw then costs a splitmix64, not two strings hashed (2.5 million reactions on a
/// region, again for every lottery seed of a research run).
public struct LotteryHashes: Sendable {
    public let household: ContiguousArray<UInt64>
    public let advert: ContiguousArray<UInt64>

    public init(_ market: Market) {
        household = ContiguousArray((0..<market.households.count).map { Lottery.fnv1a64(market.households.ids[$0]) })
        advert = ContiguousArray((0..<market.adverts.count).map { Lottery.fnv1a64(market.adverts.ids[$0]) })
    }
}
