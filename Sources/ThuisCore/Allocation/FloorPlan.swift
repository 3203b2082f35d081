/// A floor quota turned into reserve labels: per scope value, how much is still needed and
/// which adverts to label, in the order the labelling strategy prefers them.
struct FloorPlan {
    let quotaIndex: Int
    let quota: Quota
    let groupIndex: Int
    let scope: ScopeIndex
    /// Per scope value: adverts (not let directly) in the strategy's order of preference.
    var candidates: [[Int]]
    /// Per scope value: what the batch must add, in the quota's unit, before nested floors.
    var needed: [Int]
    /// Per scope value: lettings so far in the period, and the group's part of them.
    var soFar: [Quota.SoFar]

    /// The plans of the policy's floors, subgroups first (a letting to a statushouder also
    /// counts for all aandachtsgroepen).
    static func plans(_ run: QuotaContext) -> [FloorPlan] {
        let policy = run.policy, market = run.market
        let floors = policy.quotas.enumerated().filter { $0.element.kind == .floor }
            .sorted { (policy.group(named: $0.element.group)?.categories.count ?? 0, $0.offset)
                < (policy.group(named: $1.element.group)?.categories.count ?? 0, $1.offset) }
        return floors.compactMap { index, quota in
            guard let groupIndex = policy.groups.firstIndex(where: { $0.name == quota.group }) else { return nil }
            let scope = ScopeIndex(market, quota.scope)
            var plan = FloorPlan(quotaIndex: index, quota: quota, groupIndex: groupIndex, scope: scope,
                                 candidates: Array(repeating: [], count: scope.names.count),
                                 needed: Array(repeating: 0, count: scope.names.count),
                                 soFar: scope.values.map { run.period.quota(quota, $0) })
            let bit = UInt32(1) << UInt32(groupIndex)
            var adverts = Array(repeating: [Int](), count: scope.names.count)
            for a in run.publicationOrder where market.adverts.model[a] != .direct && !run.prepared.alreadyLet.contains(a) {
                adverts[Int(scope.ofAdvert[a])].append(a)
            }
            var directWeight = Array(repeating: 0, count: scope.names.count)
            var directCount = Array(repeating: 0, count: scope.names.count)
            for (a, h) in run.direct {
                let s = Int(scope.ofAdvert[a])
                directCount[s] += 1
                if run.directGroups[a, default: 0] & bit != 0 { directWeight[s] += run.weight(household: h, quota.unit) }
            }
            for s in 0..<scope.names.count {
                let expectedLettings = adverts[s].count + directCount[s]
                guard expectedLettings > 0 else { continue }
                let target = FloorPlan.target(quota, soFar: plan.soFar[s], lettings: expectedLettings)
                plan.needed[s] = max(0, target - plan.soFar[s].group - directWeight[s])
                plan.candidates[s] = FloorPlan.order(run, quota, bit, adverts[s])
            }
            return plan
        }
    }

    /// The least the period must hold, given its lettings.
    static func target(_ quota: Quota, soFar: Quota.SoFar, lettings: Int) -> Int {
        quota.amount.least(of: soFar.lettings + lettings) + soFar.carryOver
    }

    /// Adverts in the order the labelling strategy chooses them.
    static func order(_ run: QuotaContext, _ quota: Quota, _ bit: UInt32, _ adverts: [Int]) -> [Int] {
        let market = run.market
        func members(_ a: Int) -> Int { run.ranking.ranked(a).lazy.filter { run.groups[Int($0)] & bit != 0 }.count }
        switch run.policy.labelling {
        case .given:
            return adverts.filter { a in
                let label = Int(market.adverts.reserveLabel[a])
                guard label >= 0 else { return false }
                let name = market.reserveLabels[label]
                return name == quota.name || name == quota.group
            }
        case .demand:
            // Counted once per advert, not in the comparator: a ranked list is hundreds long.
            let counted = adverts.map { (advert: $0, members: members($0)) }.filter { $0.members > 0 }
            return counted.enumerated().sorted { (-$0.element.members, $0.offset) < (-$1.element.members, $1.offset) }
                .map(\.element.advert)
        case .rotation:
            return adverts
        }
    }

    /// What a reserve at `a` is expected to add: the weight of its best-ranked eligible member, if any.
    func expected(_ run: QuotaContext, _ a: Int) -> Int {
        let bit = UInt32(1) << UInt32(groupIndex)
        guard let r = run.ranking.ranked(a).first(where: { run.groups[Int($0)] & bit != 0 }) else { return 0 }
        return run.weight(household: Int(run.market.reactions.household[Int(r)]), quota.unit)
    }

    /// The adverts to label in scope `s`, needing `needed` (after nested floors), skipping taken adverts.
    func choose(_ run: QuotaContext, scope s: Int, needed: Int, taken: (Int) -> Bool) -> [Int] {
        let free = candidates[s].filter { !taken($0) }
        guard needed > 0, !free.isEmpty else { return [] }
        if run.policy.labelling == .rotation {
            // Evenly spread over the scope's adverts in publication order.
            for count in 1...free.count {
                let chosen = (0..<count).map { free[Int((Double($0) + 0.5) * Double(free.count) / Double(count))] }
                let total = quota.unit == .households ? count : chosen.reduce(0) { $0 + expected(run, $1) }
                if total >= needed || count == free.count { return chosen }
            }
            return free
        }
        var chosen: [Int] = [], total = 0
        for a in free where total < needed {
            let adds = quota.unit == .households ? 1 : expected(run, a)
            if adds == 0 { continue }
            chosen.append(a)
            total += adds
        }
        return chosen
    }
}
