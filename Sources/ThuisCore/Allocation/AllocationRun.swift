/// One allocation, step by step.
struct AllocationRun {
    /// What the floor and cap plans see of this run.
    let context: QuotaContext
    var floors: [FloorPlan] = []
    var caps: [CapPlan] = []
    var rounds = 0

    init(_ market: Market, _ policy: Policy, period: PeriodState) {
        self.init(PreparedBatch(market: market, policy: policy), policy, period: period)
    }

    init(_ prepared: PreparedBatch, _ policy: Policy, period: PeriodState) {
        let ranking = Ranking(prepared.market, policy, prepared.eligibility, prepared.views, prepared.dwellingRules,
                              byLottery: Ranking.lotteryAdverts(prepared.market, policy, publicationOrder: prepared.publicationOrder))
        context = QuotaContext(prepared: prepared, policy: policy, period: period, ranking: ranking,
                               directAllocations: DirectAllocations(prepared, policy))
        floors = FloorPlan.plans(context)
        caps = CapPlan.plans(context)
    }

    // What the run reads from its context and the prepared batch.
    var prepared: PreparedBatch { context.prepared }
    var policy: Policy { context.policy }
    var period: PeriodState { context.period }
    var ranking: Ranking { context.ranking }
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
    /// Direct lettings: advert to household, with the household's groups, the reasons for those
    /// not made, and the legal flags.
    var direct: [Int: Int] { context.direct }
    var directGroups: [Int: UInt32] { context.directGroups }
    var directNotes: [Int: String] { context.directAllocations.notes }
    var directChecks: [Int: EligibilityCheck.Result] { context.directChecks }

    static func groupBits(_ masks: [UInt32], _ view: PriorityView) -> UInt32 {
        var bits: UInt32 = 0
        for (i, mask) in masks.enumerated() where view.holdsAny(mask) { bits |= 1 << UInt32(i) }
        return bits
    }

    /// The weight of a letting in a unit.
    func weight(household h: Int, _ unit: Quota.Unit) -> Int { context.weight(household: h, unit) }

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
        let constraints = caps.enumerated().map { c, plan in plan.constraint(context, limit: limits[c]) }
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
