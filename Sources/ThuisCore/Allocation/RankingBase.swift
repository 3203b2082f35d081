/// What every lottery seed's ranking of a batch shares, made once: each advert's eligible
/// reactions ordered by the ranking keys that come before the lottery, and which of them tie on
/// those keys.
///
/// The lottery is the only key that depends on the seed, so a seed's order is this order with
/// each tied run sorted by the lottery and the keys after it (``Ranking``): the lexicographic
/// order of the full keys, so the ranking is the one a fresh computation gives, byte for byte.
/// Where waiting time comes first, few reactions tie (a handful per advert of two hundred), and
/// a research run's seeds skip most of the ranking's work. Adverts ranked by the lottery alone
/// (LOT, a lottery share) and first come, first served are left in eligibility order and ranked
/// per seed. Nil when the lottery is the first key: then nothing is shared.
public struct RankingBase: Sendable {
    /// The number of key components before the lottery.
    let prefix: Int
    let start: ContiguousArray<Int32>
    let order: ContiguousArray<Int32>
    /// Per place in ``order``: whether the reaction ties with the one before it (same advert, same prefix keys).
    let tied: ContiguousArray<Bool>
    let rules: RankingRules
    let byLottery: ContiguousArray<Bool>
    /// For adverts ranked by the lottery alone, per place in ``order``: the household and its id's
    /// lottery hash, so that a seed's draws are made in order instead of by random lookups.
    let household: ContiguousArray<Int32>
    let householdHash: ContiguousArray<UInt64>

    init?(_ prepared: PreparedBatch, _ policy: Policy) {
        let market = prepared.market
        let byLottery = Ranking.lotteryAdverts(market, policy, publicationOrder: prepared.publicationOrder)
        let keys = RankingKeys(market, policy, prepared.views, prepared.dwellingRules, byLottery: byLottery, hashes: prepared.lotteryHashes)
        guard let prefix = keys.components.firstIndex(of: .lottery), prefix > 0 else { return nil }
        self.prefix = prefix
        rules = policy.ranking
        self.byLottery = byLottery
        let start = Ranking.starts(market, prepared.eligibility)
        self.start = start
        var order = ContiguousArray<Int32>(repeating: 0, count: Int(start[market.adverts.count]))
        var tied = ContiguousArray<Bool>(repeating: false, count: order.count)
        var household = ContiguousArray<Int32>(repeating: -1, count: order.count)
        var householdHash = ContiguousArray<UInt64>(repeating: 0, count: order.count)
        let advertStart = market.reactions.advertStart, eligibility = prepared.eligibility
        let hashes = prepared.lotteryHashes
        order.withUnsafeMutableBufferPointer { order in
        tied.withUnsafeMutableBufferPointer { tied in
        household.withUnsafeMutableBufferPointer { household in
        householdHash.withUnsafeMutableBufferPointer { householdHash in
            Parallel.forEachRange(market.adverts.count, cumulative: { Int(advertStart[$0]) }) { part in
                var scratch: [Int64] = [], previous = [Int64](repeating: 0, count: keys.width), current = previous
                for a in part {
                    let first = Int(start[a])
                    let slice = UnsafeMutableBufferPointer(rebasing: order[first..<Int(start[a + 1])])
                    var k = 0
                    for r in market.reactions.ofAdvert(a) where eligibility.reason[Int(r)] == .eligible {
                        slice[k] = r
                        k += 1
                    }
                    if byLottery[a] {
                        for (i, r) in slice.enumerated() {
                            let h = market.reactions.household[Int(r)]
                            household[first + i] = h
                            householdHash[first + i] = hashes.household[Int(h)]
                        }
                        continue
                    }
                    guard market.adverts.model[a] != .firstComeFirstServed else { continue }
                    Ranking.sort(slice, keys, from: 0, to: prefix, &scratch)
                    for (i, r) in slice.enumerated() {
                        current.withUnsafeMutableBufferPointer { keys.write(Int(r), to: $0.baseAddress!) }
                        tied[first + i] = i > 0 && current[..<prefix] == previous[..<prefix]
                        swap(&current, &previous)
                    }
                }
            }
        }
        }
        }
        }
        self.order = order
        self.tied = tied
        self.household = household
        self.householdHash = householdHash
    }

    /// Whether a policy ranks with these keys and lottery adverts (its seed may differ).
    func fits(_ policy: Policy, byLottery: ContiguousArray<Bool>) -> Bool {
        policy.ranking == rules && byLottery == self.byLottery
    }
}
