/// Each advert's strict order of its eligible reactions, from the policy's lexicographic keys.
///
/// LOT adverts rank by the lottery only, EER adverts by reaction date then lottery; every
/// order ends in the lottery and the household's index, so it is strict and total.
struct Ranking {
    /// Per advert, its eligible reactions best first: `order[start[a]..<start[a+1]]`.
    var order: ContiguousArray<Int32> = []
    var start: ContiguousArray<Int32> = [0]
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
         _ dwellingRules: DwellingRules, byLottery: ContiguousArray<Bool>, hashes: LotteryHashes) {
        self.byLottery = byLottery
        let keys = RankingKeys(market, policy, views, dwellingRules, byLottery: byLottery, hashes: hashes)
        self.keys = keys
        let width = keys.width
        position = ContiguousArray(repeating: 0, count: market.reactions.count)
        // Each advert's list is sorted on its own, its keys made for it and dropped after:
        // places in the order of its eligible reactions.
        let adverts = market.adverts.count
        start.reserveCapacity(adverts + 1)
        for a in 0..<adverts {
            let eligible = market.reactions.ofAdvert(a).lazy.filter { eligibility.reason[Int($0)] == .eligible }.count
            start.append(start[a] + Int32(eligible))
        }
        order = ContiguousArray(repeating: 0, count: Int(start[adverts]))
        let starts = start, advertStart = market.reactions.advertStart
        order.withUnsafeMutableBufferPointer { order in
        position.withUnsafeMutableBufferPointer { position in
            Parallel.forEachRange(adverts, cumulative: { Int(advertStart[$0]) }) { part in
                var scratch: [Int64] = []
                for a in part {
                    let eligible = market.reactions.ofAdvert(a).filter { eligibility.reason[Int($0)] == .eligible }
                    let isSpecial = byLottery[a] || market.adverts.model[a] == .firstComeFirstServed
                    let used = isSpecial ? 3 : width
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(contentsOf: repeatElement(0, count: eligible.count * width))
                    var places = Array(0..<Int32(eligible.count))
                    scratch.withUnsafeMutableBufferPointer { k in
                        for (i, r) in eligible.enumerated() { keys.write(Int(r), to: k.baseAddress! + i * width) }
                        places.sort { x, y in
                            let bx = Int(x) * width, by = Int(y) * width
                            for i in 0..<used where k[bx + i] != k[by + i] { return k[bx + i] < k[by + i] }
                            return eligible[Int(x)] < eligible[Int(y)]
                        }
                    }
                    for (i, p) in places.enumerated() {
                        let r = eligible[Int(p)]
                        position[Int(r)] = Int32(i + 1)
                        order[Int(starts[a]) + i] = r
                    }
                }
            }
        }
        }
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
