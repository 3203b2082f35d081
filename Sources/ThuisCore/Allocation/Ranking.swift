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
    /// Per reaction: the key components, for explanations (`keyWidth` values each).
    var keys: ContiguousArray<Int64>
    let keyWidth: Int
    /// What each component is, for explanations.
    let components: [Component]

    enum Component: String {
        case priorityPrecedence, priorityStart, localBinding, targetGroup, registration, points, reactionDate, lottery, household
    }

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

    init(_ market: Market, _ policy: Policy, _ eligibility: Eligibility, _ views: ContiguousArray<PriorityView>,
         _ dwellingRules: DwellingRules, byLottery: ContiguousArray<Bool>) {
        self.byLottery = byLottery
        var components: [Component] = []
        for key in policy.ranking.keys {
            switch key {
            case .priority: components += [.priorityPrecedence, .priorityStart]
            case .localBinding: components.append(.localBinding)
            case .targetGroup: components.append(.targetGroup)
            case .registration: components.append(.registration)
            case .points: components.append(.points)
            case .lottery: components.append(.lottery)
            }
        }
        if !components.contains(.lottery) { components.append(.lottery) }
        components.append(.household)
        // LOT and EER adverts use their own keys, in the same slots.
        let width = max(components.count, 3)
        self.components = components
        keyWidth = width
        let n = market.reactions.count
        position = ContiguousArray(repeating: 0, count: n)
        keys = ContiguousArray(repeating: 0, count: n * width)

        let day = market.batch.referenceDate
        let seed = policy.seed, perAdvert = policy.ranking.tieBreak == .perAdvert
        var singleDraw = [Int64](repeating: 0, count: market.households.count)
        if !perAdvert {
            for h in 0..<market.households.count {
                singleDraw[h] = Ranking.orderable(Lottery.draw(seed: seed, household: market.households.ids[h], advert: nil))
            }
        }
        let points = policy.ranking.points
        keys.withUnsafeMutableBufferPointer { keys in
        Parallel.forEachRange(n) { part in
        for r in part where eligibility.reason[r] == .eligible {
            let h = Int(market.reactions.household[r]), a = Int(market.reactions.advert[r])
            let d = Int(market.adverts.dwelling[a])
            let draw = perAdvert
                ? Ranking.orderable(Lottery.draw(seed: seed, household: market.households.ids[h], advert: market.adverts.ids[a]))
                : singleDraw[h]
            let base = r * width
            if byLottery[a] {
                keys[base] = draw
                keys[base + 1] = Int64(h)
                continue
            }
            switch market.adverts.model[a] {
            case .firstComeFirstServed:
                keys[base] = Int64(market.reactions.date[r].rawValue)
                keys[base + 1] = draw
                keys[base + 2] = Int64(h)
                continue
            default: break
            }
            let view = views[r]
            for (i, component) in components.enumerated() {
                let value: Int64
                switch component {
                case .priorityPrecedence: value = view.precedence == Int.max ? Int64(Int32.max) : Int64(view.precedence)
                case .priorityStart: value = Int64(view.start)
                case .localBinding:
                    let m = market.dwellings.municipality[d]
                    value = market.households.municipality[h] == m || market.households.workMunicipality[h] == m ? 0 : 1
                case .targetGroup:
                    value = Ranking.targetGroupKey(market, dwellingRules, household: h, dwelling: d, view: view)
                case .registration: value = Int64(market.households.registrationDate[h].rawValue)
                case .points:
                    let years = max(0, day.years(since: market.households.registrationDate[h]))
                    let total = years * points.perYear
                        + min(Int(market.households.searchPoints[h]), points.maximumSearchPoints)
                        + min(Int(market.households.situationPoints[h]), points.maximumSituationPoints)
                        + Int(market.households.startPoints[h])
                    value = -Int64(total)
                case .lottery: value = draw
                case .household: value = Int64(h)
                case .reactionDate: value = Int64(market.reactions.date[r].rawValue)
                }
                keys[base + i] = value
            }
        }
        }
        }
        // Each advert's list is sorted on its own: places in the order of its eligible reactions.
        let adverts = market.adverts.count
        start.reserveCapacity(adverts + 1)
        for a in 0..<adverts {
            let eligible = market.reactions.ofAdvert(a).lazy.filter { eligibility.reason[Int($0)] == .eligible }.count
            start.append(start[a] + Int32(eligible))
        }
        order = ContiguousArray(repeating: 0, count: Int(start[adverts]))
        let starts = start, advertStart = market.reactions.advertStart
        keys.withUnsafeBufferPointer { k in
        order.withUnsafeMutableBufferPointer { order in
        position.withUnsafeMutableBufferPointer { position in
            Parallel.forEachRange(adverts, cumulative: { Int(advertStart[$0]) }) { part in
                for a in part {
                    var eligible = market.reactions.ofAdvert(a).filter { eligibility.reason[Int($0)] == .eligible }
                    let isSpecial = byLottery[a] || market.adverts.model[a] == .firstComeFirstServed
                    let used = isSpecial ? 3 : width
                    eligible.sort { x, y in
                        let bx = Int(x) * width, by = Int(y) * width
                        for i in 0..<used where k[bx + i] != k[by + i] { return k[bx + i] < k[by + i] }
                        return x < y
                    }
                    for (i, r) in eligible.enumerated() {
                        position[Int(r)] = Int32(i + 1)
                        order[Int(starts[a]) + i] = r
                    }
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
