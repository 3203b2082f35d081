/// A ceiling on lettings: a policy cap on a group, or a legal one (the DAEB free share, the
/// passend exceptions), per scope value.
struct CapPlan {
    let name: String
    let scope: ScopeIndex
    let amount: Quota.Amount
    let unit: Quota.Unit
    let period: Quota.Period
    let soFar: [Quota.SoFar]
    /// Per scope value: the lettings the period is expected to hold (legal caps, from
    /// `[legal.expected_lettings]`; 0 elsewhere): the cap is sized from at least these.
    var expected: [Int] = []
    /// Per reaction: whether a letting through it counts against the cap.
    let member: ContiguousArray<Bool>
    /// Per reaction: whether a letting through it counts in the share's base.
    let base: ContiguousArray<Bool>
    /// Per direct allocation (advert): member, base.
    let directMember: [Int: Bool]
    let directBase: [Int: Bool]
    /// The cap as reports and checkers see it.
    let rule: CapRule

    static func plans(_ run: QuotaContext) -> [CapPlan] {
        let market = run.market, policy = run.policy
        let everyone = ContiguousArray(repeating: true, count: market.reactions.count)
        var plans: [CapPlan] = []
        for quota in policy.quotas where quota.kind == .cap {
            guard let g = policy.groups.firstIndex(where: { $0.name == quota.group }) else { continue }
            let bit = UInt32(1) << UInt32(g)
            let scope = ScopeIndex(market, quota.scope)
            plans.append(CapPlan(name: quota.name, scope: scope, amount: quota.amount, unit: quota.unit, period: quota.period,
                                 soFar: scope.values.map { run.period.quota(quota, $0) },
                                 member: ContiguousArray(run.groups.map { $0 & bit != 0 }), base: everyone,
                                 directMember: run.directGroups.mapValues { $0 & bit != 0 },
                                 directBase: run.direct.mapValues { _ in true },
                                 rule: CapRule(name: quota.name, scope: quota.scope, unit: quota.unit, counts: .group(g))))
        }
        let corporations = ScopeIndex(market, .corporation)
        if policy.eligibility.daebIncome == .cap {
            let social = ContiguousArray((0..<market.reactions.count).map { r in
                market.dwellings.socialLabel[Int(market.adverts.dwelling[Int(market.reactions.advert[r])])] == .social
            })
            plans.append(CapPlan(name: PeriodState.daebFreeShare, scope: corporations, amount: .share(1 - policy.law.daebMinimumShare),
                                 unit: .households, period: .year, soFar: legalSoFar(run.period, PeriodState.daebFreeShare, corporations),
                                 member: run.eligibility.aboveDaebLimit, base: social,
                                 directMember: run.directChecks.mapValues(\.aboveDaebLimit),
                                 directBase: Dictionary(uniqueKeysWithValues: run.direct.keys.map { a in
                                     (a, market.dwellings.socialLabel[Int(market.adverts.dwelling[a])] == .social) }),
                                 rule: CapRule(name: PeriodState.daebFreeShare, scope: .corporation, unit: .households, counts: .aboveDaebLimit)))
        }
        if policy.eligibility.passend == .cap {
            plans.append(CapPlan(name: PeriodState.passendExceptions, scope: corporations, amount: .share(1 - policy.law.passendMinimumShare),
                                 unit: .households, period: .year, soFar: legalSoFar(run.period, PeriodState.passendExceptions, corporations),
                                 member: run.eligibility.passendException, base: run.eligibility.benefitEligible,
                                 directMember: run.directChecks.mapValues(\.passendException),
                                 directBase: run.directChecks.mapValues(\.benefitEligible),
                                 rule: CapRule(name: PeriodState.passendExceptions, scope: .corporation, unit: .households, counts: .passendException)))
        }
        let expected = corporations.values.map { policy.expectedLettings[$0] ?? 0 }
        if expected.contains(where: { $0 > 0 }) {
            for p in plans.indices where plans[p].name == PeriodState.daebFreeShare || plans[p].name == PeriodState.passendExceptions {
                plans[p].expected = expected
            }
        }
        return plans
    }

    /// What the year holds so far for a legal cap, per corporation (zeros without a ledger).
    static func legalSoFar(_ period: PeriodState, _ name: String, _ scope: ScopeIndex) -> [Quota.SoFar] {
        scope.values.map { period.legalCap(name, $0) }
    }

    /// The most the batch may add per scope value, before seeing the outcome: the share of the
    /// lettings the scope could have (all its adverts).
    func initialLimits(_ run: QuotaContext) -> [Int] {
        var adverts = Array(repeating: 0, count: scope.names.count)
        for a in 0..<run.market.adverts.count { adverts[Int(scope.ofAdvert[a])] += 1 }
        return (0..<scope.names.count).map { s in max(0, allowed(s, baseLettings: adverts[s]) - soFar[s].group) }
    }

    /// The most the period may hold in scope `s` when the batch adds `baseLettings` to the base
    /// (or, for a legal cap, the period's expected lettings when they are more).
    func allowed(_ s: Int, baseLettings: Int) -> Int {
        amount.most(of: max(soFar[s].lettings + baseLettings, expected.isEmpty ? 0 : expected[s]))
    }

    func constraint(_ run: QuotaContext, limit: [Int]) -> CapConstraint {
        var used = Array(repeating: 0, count: scope.names.count)
        for (a, h) in run.direct where directMember[a] == true {
            used[Int(scope.ofAdvert[a])] += run.weight(household: h, unit)
        }
        return CapConstraint(member: member, household: run.market.reactions.household,
                             persons: unit == .persons ? run.market.households.persons : nil,
                             scopeOfAdvert: scope.ofAdvert, limit: limit, used: used)
    }

    /// Per scope value: lettings in this batch that count in the share's base.
    func baseLettings(_ run: QuotaContext, _ matching: Matching) -> [Int] {
        var counts = Array(repeating: 0, count: scope.names.count)
        for a in 0..<run.market.adverts.count {
            let r = matching.holder[a]
            if r >= 0, base[Int(r)] { counts[Int(scope.ofAdvert[a])] += 1 }
            if run.direct[a] != nil, directBase[a] == true { counts[Int(scope.ofAdvert[a])] += 1 }
        }
        return counts
    }
}

