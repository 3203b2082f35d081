/// One allocation, step by step.
struct AllocationRun {
    /// What the floor and cap plans see of this run.
    let context: QuotaContext
    var floors: [FloorPlan] = []
    var caps: [CapPlan] = []
    var rounds = 0
    /// What every round's matching problem shares: the preference lists, the households housed
    /// directly, the caps' weights (made once: on a national run each is 30M entries).
    let shared: MatchingProblem
    /// The effective places last made, and the reserves they were made for. Most rounds only
    /// tighten caps, so the next round's places (120 MB on a national run) are the same.
    private var lastPlaces: (labels: ContiguousArray<Int32>, position: ContiguousArray<Int32>)?

    init(_ market: Market, _ policy: Policy, period: PeriodState) {
        self.init(PreparedBatch(market: market, policy: policy), policy, period: period)
    }

    init(_ prepared: PreparedBatch, _ policy: Policy, period: PeriodState) {
        let byLottery = Ranking.lotteryAdverts(prepared.market, policy, publicationOrder: prepared.publicationOrder)
        let ranking = Ranking(prepared.market, policy, prepared.eligibility, prepared.views, prepared.dwellingRules,
                              byLottery: byLottery, hashes: prepared.lotteryHashes,
                              base: prepared.rankingBase.flatMap { $0.fits(policy, byLottery: byLottery) ? $0 : nil })
        context = QuotaContext(prepared: prepared, policy: policy, period: period, ranking: ranking,
                               directAllocations: DirectAllocations(prepared, policy))
        floors = FloorPlan.plans(context)
        caps = CapPlan.plans(context)
        shared = AllocationRun.sharedProblem(context, caps)
    }

    // What the run reads from its context and the prepared batch.
    var prepared: PreparedBatch { context.prepared }
    var policy: Policy { context.policy }
    var period: PeriodState { context.period }
    var ranking: Ranking { context.ranking }
    var market: Market { prepared.market }
    var facts: HouseholdFacts { prepared.facts }
    var views: PriorityViews { prepared.views }
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
    /// members first, each part in ranking order. Unlabelled adverts keep the ranking's places.
    func effectivePosition(_ labels: ContiguousArray<Int32>) -> ContiguousArray<Int32> {
        if let lastPlaces, lastPlaces.labels == labels { return lastPlaces.position }
        let ranking = self.ranking, groups = self.groups, floors = self.floors
        var position = ranking.position
        position.withUnsafeMutableBufferPointer { position in
            Parallel.forEachRange(market.adverts.count) { part in
                for a in part where labels[a] >= 0 {
                    // effectiveList's order, numbered without making the list: every round, and
                    // 49,425 of the national profile's 165,000 adverts end with a label.
                    let list = ranking.ranked(a), bit = UInt32(1) << UInt32(floors[Int(labels[a])].groupIndex)
                    var place: Int32 = 0
                    for r in list where groups[Int(r)] & bit != 0 {
                        place += 1
                        position[Int(r)] = place
                    }
                    for r in list where groups[Int(r)] & bit == 0 {
                        place += 1
                        position[Int(r)] = place
                    }
                }
            }
        }
        return position
    }

    /// Advert `a`'s eligible reactions in effective order.
    func effectiveList(_ a: Int, _ labels: ContiguousArray<Int32>) -> [Int32] {
        let list = ranking.ranked(a), label = Int(labels[a])
        guard label >= 0 else { return Array(list) }
        let bit = UInt32(1) << UInt32(floors[label].groupIndex)
        return list.filter { groups[Int($0)] & bit != 0 } + list.filter { groups[Int($0)] & bit == 0 }
    }

    /// The problem without places or limits: households' eligible reactions to adverts that are
    /// not let directly, most wanted first; the caps with their weights.
    static func sharedProblem(_ context: QuotaContext, _ caps: [CapPlan]) -> MatchingProblem {
        let market = context.market, eligibility = context.prepared.eligibility
        var housed = ContiguousArray<Bool>(repeating: false, count: market.households.count)
        for h in context.direct.values { housed[h] = true }
        let (start, preferences) = listed(market, eligibility.reason)
        return MatchingProblem(advertCount: market.adverts.count, reactionAdvert: market.reactions.advert,
                               reactionHousehold: market.reactions.household, preferences: preferences,
                               preferenceStart: start, position: [], ranked: [], housed: housed,
                               caps: caps.map { $0.constraint(context, limit: []) })
    }

    /// Each household's eligible reactions to adverts not let directly, in its own order: where
    /// each household's list starts, and the lists. Counted, then written, on every core (20-27M
    /// entries on a national run), reading plain buffers (an array read from every core at once
    /// would have its reference count changed from all of them).
    private static func listed(_ market: Market, _ reason: ContiguousArray<ExclusionReason>)
        -> (start: ContiguousArray<Int32>, preferences: ContiguousArray<Int32>) {
        let households = market.households.count
        return reason.withUnsafeBufferPointer { reason in
        market.adverts.model.withUnsafeBufferPointer { model in
        market.reactions.advert.withUnsafeBufferPointer { advert in
        market.reactions.householdStart.withUnsafeBufferPointer { first in
            func isListed(_ r: Int) -> Bool { reason[r] == .eligible && model[Int(advert[r])] != .direct }
            let counts = Parallel.column(households) { h in
                var n: Int32 = 0
                for r in Int(first[h])..<Int(first[h + 1]) where isListed(r) { n += 1 }
                return n
            }
            var start = ContiguousArray<Int32>(repeating: 0, count: households + 1)
            for h in 0..<households { start[h + 1] = start[h] + counts[h] }
            let total = Int(start[households])
            let preferences = start.withUnsafeBufferPointer { start in
                ContiguousArray<Int32>(unsafeUninitializedCapacity: total) { buffer, initialized in
                    Parallel.forEachRange(households) { part in
                        var i = Int(start[part.lowerBound])
                        for h in part {
                            for r in Int(first[h])..<Int(first[h + 1]) where isListed(r) {
                                (buffer.baseAddress! + i).initialize(to: Int32(r))
                                i += 1
                            }
                        }
                    }
                    initialized = total
                }
            }
            return (start, preferences)
        }
        }
        }
        }
    }

    /// ``problem(_:limits:ranked:)``, keeping its places for the rounds and the result that follow.
    mutating func roundProblem(_ labels: ContiguousArray<Int32>, limits: [[Int]]) -> MatchingProblem {
        let problem = problem(labels, limits: limits)
        lastPlaces = (labels, problem.position)
        return problem
    }

    mutating func dropPlaces(unless labels: ContiguousArray<Int32>) {
        if lastPlaces?.labels != labels { lastPlaces = nil }
    }

    /// The round's problem: places with the reserves `labels`, the caps' `limits`. The adverts'
    /// ordered lists are made only for the sequential mechanism (and when `ranked` asks).
    func problem(_ labels: ContiguousArray<Int32>, limits: [[Int]], ranked: Bool? = nil) -> MatchingProblem {
        var problem = shared
        problem.position = effectivePosition(labels)
        if ranked ?? (policy.mechanism == .sequential) {
            problem.ranked = (0..<market.adverts.count).map { effectiveList($0, labels) }
        }
        for c in problem.caps.indices { problem.caps[c].limit = limits[c] }
        return problem
    }

    func match(_ problem: MatchingProblem) -> Matching {
        switch policy.mechanism {
        case .deferredAcceptance: return DeferredAcceptance.run(problem)
        case .sequential:
            return SequentialOffers.run(problem, order: publicationOrder.filter { direct[$0] == nil && market.adverts.model[$0] != .direct })
        }
    }
}
