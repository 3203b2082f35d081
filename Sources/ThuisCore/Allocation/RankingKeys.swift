/// The lexicographic ranking key of any reaction, made when asked instead of stored: five or
/// more 64-bit values per reaction would hold 1.2 GB on a national run, and only the sort
/// (advert by advert) and explanations (a few reactions) read them.
///
/// LOT adverts rank by the lottery, then the household; EER adverts by reaction date, lottery,
/// household; others by the policy's components. Every key ends in the household's index, so
/// the order is strict.
public struct RankingKeys: Sendable {
    let market: Market
    /// What each component is.
    let components: [Ranking.Component]
    /// Values per key: the components, and at least the three LOT and EER adverts use.
    let width: Int
    let views: PriorityViews
    let dwellingRules: DwellingRules
    let byLottery: ContiguousArray<Bool>
    let seed: UInt64
    let perAdvert: Bool
    /// Per household: its draw when the policy draws once per household.
    let singleDraw: ContiguousArray<Int64>
    let points: RankingRules.PointsRules
    let day: Day
    let hashes: LotteryHashes

    init(_ market: Market, _ policy: Policy, _ views: PriorityViews, _ dwellingRules: DwellingRules,
         byLottery: ContiguousArray<Bool>, hashes: LotteryHashes) {
        var components: [Ranking.Component] = []
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
        self.market = market
        self.components = components
        width = max(components.count, 3)
        self.views = views
        self.dwellingRules = dwellingRules
        self.byLottery = byLottery
        seed = policy.seed
        perAdvert = policy.ranking.tieBreak == .perAdvert
        points = policy.ranking.points
        day = market.batch.referenceDate
        self.hashes = hashes
        var singleDraw = ContiguousArray<Int64>()
        if !perAdvert {
            singleDraw = ContiguousArray((0..<market.households.count).map {
                Ranking.orderable(Lottery.draw(seed: policy.seed, householdHash: hashes.household[$0], advertHash: nil))
            })
        }
        self.singleDraw = singleDraw
    }

    /// The key of reaction `r`: ``width`` values (a LOT or EER advert's use the first three).
    public func key(_ r: Int) -> [Int64] {
        var key = [Int64](repeating: 0, count: width)
        key.withUnsafeMutableBufferPointer { write(r, to: $0.baseAddress!) }
        return key
    }

    /// Writes the key of reaction `r` to `key` (``width`` values, zeroed by the caller).
    func write(_ r: Int, to key: UnsafeMutablePointer<Int64>) {
        let h = Int(market.reactions.household[r]), a = Int(market.reactions.advert[r])
        if writeSpecial(r, h, a, to: key) { return }
        let d = Int(market.adverts.dwelling[a])
        for (i, component) in components.enumerated() { key[i] = value(component, r, h, a, d) }
    }

    /// Writes the keys of `reactions`, all of one advert, to `keys` (row `i` at `i * width`,
    /// zeroed by the caller): the rows ``write(_:to:)`` gives, made one component at a time.
    /// Each reaction's household lies at a random place in the household columns; a loop that
    /// reads one column for every reaction lets those reads overlap, where a reaction at a time
    /// waits on each in turn (the ranking of a national run reads 19.5 million of them).
    func write(_ reactions: UnsafeMutableBufferPointer<Int32>, to keys: UnsafeMutablePointer<Int64>, households: inout [Int]) {
        guard let first = reactions.first else { return }
        let a = Int(market.reactions.advert[Int(first)]), d = Int(market.adverts.dwelling[a])
        households.removeAll(keepingCapacity: true)
        for r in reactions {
            assert(Int(market.reactions.advert[Int(r)]) == a, "the reactions of one advert")
            households.append(Int(market.reactions.household[Int(r)]))
        }
        if byLottery[a] || market.adverts.model[a] == .firstComeFirstServed {
            for (i, r) in reactions.enumerated() { _ = writeSpecial(Int(r), households[i], a, to: keys + i * width) }
            return
        }
        for (c, component) in components.enumerated() {
            for (i, r) in reactions.enumerated() { keys[i * width + c] = value(component, Int(r), households[i], a, d) }
        }
    }

    /// The key of a LOT or EER advert's reaction, written; false for any other advert.
    @inline(__always)
    private func writeSpecial(_ r: Int, _ h: Int, _ a: Int, to key: UnsafeMutablePointer<Int64>) -> Bool {
        if byLottery[a] {
            key[0] = draw(h, a)
            key[1] = Int64(h)
            return true
        }
        if market.adverts.model[a] == .firstComeFirstServed {
            key[0] = Int64(market.reactions.date[r].rawValue)
            key[1] = draw(h, a)
            key[2] = Int64(h)
            return true
        }
        return false
    }

    /// Household `h`'s lottery draw at advert `a`, as a key value.
    @inline(__always)
    private func draw(_ h: Int, _ a: Int) -> Int64 {
        perAdvert ? Ranking.orderable(Lottery.draw(seed: seed, householdHash: hashes.household[h], advertHash: hashes.advert[a])) : singleDraw[h]
    }

    /// One component of the key of reaction `r` (household `h`) at advert `a` (dwelling `d`).
    @inline(__always)
    private func value(_ component: Ranking.Component, _ r: Int, _ h: Int, _ a: Int, _ d: Int) -> Int64 {
        switch component {
        case .priorityPrecedence:
            let precedence = views[r].precedence
            return precedence == Int.max ? Int64(Int32.max) : Int64(precedence)
        case .priorityStart: return Int64(views[r].start)
        case .localBinding:
            let m = market.dwellings.municipality[d]
            return market.households.municipality[h] == m || market.households.workMunicipality[h] == m ? 0 : 1
        case .targetGroup:
            return Ranking.targetGroupKey(market, dwellingRules, household: h, dwelling: d, view: views[r])
        case .registration: return Int64(market.households.registrationDate[h].rawValue)
        case .points:
            let years = max(0, day.years(since: market.households.registrationDate[h]))
            var total = years * points.perYear
            if points.source == .extraAttributes {
                total += min(Int(market.households.searchPoints[h]), points.maximumSearchPoints)
                    + min(Int(market.households.situationPoints[h]), points.maximumSituationPoints)
                    + Int(market.households.startPoints[h])
            }
            return -Int64(total)
        case .lottery: return draw(h, a)
        case .household: return Int64(h)
        case .reactionDate: return Int64(market.reactions.date[r].rawValue)
        }
    }
}
