/// Each advert's strict order of its eligible reactions, from the policy's lexicographic keys.
///
/// LOT adverts rank by the lottery only, EER adverts by reaction date then lottery; every
/// order ends in the lottery and the household's index, so it is strict and total.
struct Ranking {
    /// Per advert, its eligible reactions best first: `order[start[a]..<start[a+1]]`.
    var order: ContiguousArray<Int32> = []
    var start: ContiguousArray<Int32>
    /// Per reaction: 1-based place in its advert's order; 0 when ineligible.
    var position: ContiguousArray<Int32>
    /// Any reaction's key components, made when asked (for explanations).
    let keys: RankingKeys
    /// What each component is, for explanations.
    var components: [Component] { keys.components }

    typealias Component = RankingComponent

    /// Per advert: ranked by the lottery only (a LOT advert, or chosen for the policy's lottery share).
    var byLottery: ContiguousArray<Bool>

    /// The adverts ranked by lottery: the export's LOT adverts, and, for a lottery share, as many
    /// more as the share needs, evenly spread over the other adverts in publication order.
    static func lotteryAdverts(_ market: Market, _ policy: Policy, publicationOrder: [Int]) -> ContiguousArray<Bool> {
        var byLottery = ContiguousArray(market.adverts.model.map { $0 == .lottery })
        let share = policy.ranking.lotteryShare
        guard share > 0 else { return byLottery }
        let open = publicationOrder.filter { market.adverts.model[$0] == .offer || market.adverts.model[$0] == .option }
        let total = publicationOrder.filter { market.adverts.model[$0] != .direct }.count
        let wanted = Quota.shareRoundedUp(share, of: total) - byLottery.lazy.filter { $0 }.count
        guard wanted > 0, !open.isEmpty else { return byLottery }
        let count = min(wanted, open.count)
        for i in 0..<count { byLottery[open[Int((Double(i) + 0.5) * Double(open.count) / Double(count))]] = true }
        return byLottery
    }

    init(_ market: Market, _ policy: Policy, _ eligibility: Eligibility, _ views: PriorityViews,
         _ dwellingRules: DwellingRules, byLottery: ContiguousArray<Bool>, hashes: LotteryHashes, base: RankingBase? = nil) {
        self.byLottery = byLottery
        let keys = RankingKeys(market, policy, views, dwellingRules, byLottery: byLottery, hashes: hashes)
        self.keys = keys
        position = ContiguousArray(repeating: 0, count: market.reactions.count)
        let adverts = market.adverts.count
        if let base {
            start = base.start
            order = base.order
        } else {
            start = Ranking.starts(market, eligibility)
            order = ContiguousArray(repeating: 0, count: Int(start[adverts]))
        }
        let starts = start, advertStart = market.reactions.advertStart
        // Each advert's list is sorted on its own, its keys made for it and dropped after.
        order.withUnsafeMutableBufferPointer { order in
        position.withUnsafeMutableBufferPointer { position in
            Parallel.forEachRange(adverts, cumulative: { Int(advertStart[$0]) }) { part in
                var scratch: [Int64] = []
                for a in part {
                    let slice = UnsafeMutableBufferPointer(rebasing: order[Int(starts[a])..<Int(starts[a + 1])])
                    let special = byLottery[a] || market.adverts.model[a] == .firstComeFirstServed
                    if let base, !special {
                        // Ordered by the keys before the lottery already: only runs that tie on them are drawn.
                        var i = 0
                        while i < slice.count {
                            var j = i + 1
                            while j < slice.count && base.tied[Int(starts[a]) + j] { j += 1 }
                            if j - i > 1 {
                                Ranking.sort(UnsafeMutableBufferPointer(rebasing: slice[i..<j]), keys, from: base.prefix, to: keys.width, &scratch)
                            }
                            i = j
                        }
                    } else if let base, byLottery[a] {
                        // By the lottery alone: (draw, household, reaction), the draws from the base's columns in order.
                        let first = Int(starts[a])
                        let advertHash: UInt64? = keys.perAdvert ? hashes.advert[a] : nil
                        var keyed = (0..<slice.count).map { i in
                            (Ranking.orderable(Lottery.draw(seed: keys.seed, householdHash: base.householdHash[first + i], advertHash: advertHash)),
                             base.household[first + i], slice[i])
                        }
                        keyed.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
                        for (i, k) in keyed.enumerated() { slice[i] = k.2 }
                    } else {
                        if base == nil {
                            var k = 0
                            for r in market.reactions.ofAdvert(a) where eligibility.reason[Int(r)] == .eligible {
                                slice[k] = r
                                k += 1
                            }
                        }
                        Ranking.sort(slice, keys, from: 0, to: special ? 3 : keys.width, &scratch)
                    }
                    for (i, r) in slice.enumerated() { position[Int(r)] = Int32(i + 1) }
                }
            }
        }
        }
    }

    /// Where each advert's eligible reactions begin in ``order``.
    static func starts(_ market: Market, _ eligibility: Eligibility) -> ContiguousArray<Int32> {
        // Counted on every core: an advert's reactions lie at random places in the reason column
        // (29.5M of them on a national run, a third of a second on one core). Plain buffers: an
        // array slice per advert would be retained and released from every core at once.
        let adverts = market.adverts.count
        let counts = market.reactions.advertOrder.withUnsafeBufferPointer { order in
            market.reactions.advertStart.withUnsafeBufferPointer { advertStart in
                eligibility.reason.withUnsafeBufferPointer { reason in
                    Parallel.column(adverts) { a in
                        var eligible: Int32 = 0
                        for i in Int(advertStart[a])..<Int(advertStart[a + 1]) where reason[Int(order[i])] == .eligible { eligible += 1 }
                        return eligible
                    }
                }
            }
        }
        var start = ContiguousArray<Int32>(repeating: 0, count: counts.count + 1)
        for a in counts.indices { start[a + 1] = start[a] + counts[a] }
        return start
    }

    /// Sorts reactions, all of one advert, by their key values `from..<to`, then by reaction
    /// index: the strict order every ranking ends in. `scratch` holds the keys while sorting.
    static func sort(_ reactions: UnsafeMutableBufferPointer<Int32>, _ keys: RankingKeys, from: Int, to: Int, _ scratch: inout [Int64]) {
        let width = keys.width, n = reactions.count
        guard n > 1 else { return }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(0, count: n * width))
        var places = Array(0..<Int32(n))
        var households: [Int] = []
        scratch.withUnsafeMutableBufferPointer { k in
            keys.write(reactions, to: k.baseAddress!, households: &households)
            places.sort { x, y in
                let bx = Int(x) * width, by = Int(y) * width
                for i in from..<to where k[bx + i] != k[by + i] { return k[bx + i] < k[by + i] }
                return reactions[Int(x)] < reactions[Int(y)]
            }
        }
        let sorted = places.map { reactions[Int($0)] }
        for (i, r) in sorted.enumerated() { reactions[i] = r }
    }

    /// The eligible reactions of advert `a`, best first.
    func ranked(_ a: Int) -> ArraySlice<Int32> { order[Int(start[a])..<Int(start[a + 1])] }

    /// A lottery draw as a signed key with the same order.
    static func orderable(_ draw: UInt64) -> Int64 { Int64(bitPattern: draw ^ 0x8000_0000_0000_0000) }

    /// 0 when the household is in the dwelling's further target group, then fewer for each SOR
    /// criterion it meets.
    static func targetGroupKey(_ market: Market, _ rules: DwellingRules, household h: Int, dwelling d: Int, view: PriorityView) -> Int64 {
        var key: Int64 = 100
        if rules.requiredCategories[d] != 0 && view.holdsAny(rules.requiredCategories[d]) { key = 0 }
        let persons = Int64(market.households.persons[h]), income = market.households.income[h].cents
        for c in market.dwellings.criteria(of: d) where c.use == .ranking {
            let met: Bool
            switch c.kind {
            case .persons: met = c.admits(persons * 100)
            case .income: met = c.admits(income)
            case .binding: met = market.households.municipality[h] == market.dwellings.municipality[d]
            case .age:
                let age = market.batch.referenceDate.years(since: market.households.oldestBirthDate[h])
                met = c.admits(Int64(age) * 100)
            case .urgency, .group, .indication:
                met = PriorityCategory(rawValue: c.detail).map(view.holds) ?? (view.categories != 0)
            }
            if met { key -= 1 }
        }
        return key
    }
}
