/// One allocation, step by step.
struct AllocationRun {
    let prepared: PreparedBatch
    let policy: Policy
    /// What the quotas' periods held before this batch.
    let period: PeriodState
    let ranking: Ranking
    var floors: [FloorPlan] = []
    var caps: [CapPlan] = []
    /// Direct allocations: advert to household, fixed before the mechanism.
    var direct: [Int: Int] = [:]
    var directGroups: [Int: UInt32] = [:]
    var directNotes: [Int: String] = [:]
    /// The legal flags of each direct allocation.
    var directChecks: [Int: EligibilityCheck.Result] = [:]
    var rounds = 0

    init(_ market: Market, _ policy: Policy, period: PeriodState) {
        self.init(PreparedBatch(market: market, policy: policy), policy, period: period)
    }

    init(_ prepared: PreparedBatch, _ policy: Policy, period: PeriodState) {
        self.prepared = prepared
        self.policy = policy
        self.period = period
        ranking = Ranking(prepared.market, policy, prepared.eligibility, prepared.views, prepared.dwellingRules,
                          byLottery: Ranking.lotteryAdverts(prepared.market, policy, publicationOrder: prepared.publicationOrder))
        assignDirect()
        floors = FloorPlan.plans(self)
        caps = CapPlan.plans(self)
    }

    // What the run reads from the prepared batch.
    var market: Market { prepared.market }
    var facts: HouseholdFacts { prepared.facts }
    var views: ContiguousArray<PriorityView> { prepared.views }
    var eligibility: Eligibility { prepared.eligibility }
    var groups: ContiguousArray<UInt32> { prepared.groups }
    var groupMasks: [UInt32] { prepared.groupMasks }
    var dwellingRules: DwellingRules { prepared.dwellingRules }
    var priorityBits: PriorityBits { prepared.priorityBits }
    /// Publication order of adverts: begindatum, then id.
    var publicationOrder: [Int] { prepared.publicationOrder }

    static func groupBits(_ masks: [UInt32], _ view: PriorityView) -> UInt32 {
        var bits: UInt32 = 0
        for (i, mask) in masks.enumerated() where view.holdsAny(mask) { bits |= 1 << UInt32(i) }
        return bits
    }

    /// DIS adverts go to the named household when the legal rules allow, before the mechanism.
    private mutating func assignDirect() {
        var taken = Set<Int>()
        for a in 0..<market.adverts.count where market.adverts.model[a] == .direct {
            let h = Int(market.adverts.namedHousehold[a])
            let m = market.dwellings.municipality[Int(market.adverts.dwelling[a])]
            let view = PriorityView(market, household: h, municipality: m, bits: priorityBits)
            let check = EligibilityCheck.evaluate(market, policy, facts, dwellingRules, household: h, advert: a, view: view)
            if check.reason != .eligible {
                directNotes[a] = "direct allocation to \(market.households.ids[h]) not made: \(check.reason.explanation)"
            } else if !taken.insert(h).inserted {
                directNotes[a] = "direct allocation not made: \(market.households.ids[h]) is already allocated directly elsewhere"
            } else {
                direct[a] = h
                directGroups[a] = AllocationRun.groupBits(groupMasks, view)
                directChecks[a] = check
            }
        }
    }

    /// The weight of a letting in a unit.
    func weight(household h: Int, _ unit: Quota.Unit) -> Int {
        unit == .persons ? Int(market.households.persons[h]) : 1
    }

    // MARK: Running the mechanism

    /// Each reaction's place at its advert with the reserves applied: the reserved group's
    /// members first, each part in ranking order.
    func effectiveOrder(_ labels: ContiguousArray<Int32>) -> ([[Int32]], ContiguousArray<Int32>) {
        var ranked: [[Int32]] = []
        ranked.reserveCapacity(market.adverts.count)
        var position = ContiguousArray<Int32>(repeating: 0, count: market.reactions.count)
        for a in 0..<market.adverts.count {
            var list = Array(ranking.ranked(a))
            let label = Int(labels[a])
            if label >= 0 {
                let bit = UInt32(1) << UInt32(floors[label].groupIndex)
                let members = list.filter { groups[Int($0)] & bit != 0 }
                list = members + list.filter { groups[Int($0)] & bit == 0 }
            }
            for (i, r) in list.enumerated() { position[Int(r)] = Int32(i + 1) }
            ranked.append(list)
        }
        return (ranked, position)
    }

    func problem(_ labels: ContiguousArray<Int32>, limits: [[Int]]) -> MatchingProblem {
        let (ranked, position) = effectiveOrder(labels)
        var housed = ContiguousArray<Bool>(repeating: false, count: market.households.count)
        for h in direct.values { housed[h] = true }
        var preferences = ContiguousArray<Int32>()
        var start = ContiguousArray<Int32>([0])
        for h in 0..<market.households.count {
            for r in market.reactions.ofHousehold(h)
            where eligibility.reason[r] == .eligible && market.adverts.model[Int(market.reactions.advert[r])] != .direct {
                preferences.append(Int32(r))
            }
            start.append(Int32(preferences.count))
        }
        let constraints = caps.enumerated().map { c, plan in plan.constraint(self, limit: limits[c]) }
        return MatchingProblem(advertCount: market.adverts.count, reactionAdvert: market.reactions.advert,
                               reactionHousehold: market.reactions.household, preferences: preferences,
                               preferenceStart: start, position: position, ranked: ranked, housed: housed,
                               caps: constraints)
    }

    func match(_ problem: MatchingProblem) -> Matching {
        switch policy.mechanism {
        case .deferredAcceptance: return DeferredAcceptance.run(problem)
        case .sequential:
            return SequentialOffers.run(problem, order: publicationOrder.filter { direct[$0] == nil && market.adverts.model[$0] != .direct })
        }
    }
}
