/// What floor and cap plans read of a run, and nothing more: the market and rules, the period
/// state, the ranking, each reaction's groups and eligibility flags, and the direct lettings.
/// Built once per run, after the direct lettings are fixed; the mechanism's rounds never change it.
struct QuotaContext {
    let prepared: PreparedBatch
    let policy: Policy
    /// What the quotas' periods held before this batch.
    let period: PeriodState
    let ranking: Ranking
    let directAllocations: DirectAllocations

    var market: Market { prepared.market }
    /// Per reaction: the groups of its household at its advert (bit `i`: group `i`).
    var groups: ContiguousArray<UInt32> { prepared.groups }
    var eligibility: Eligibility { prepared.eligibility }
    /// Publication order of adverts: begindatum, then id.
    var publicationOrder: [Int] { prepared.publicationOrder }
    /// Direct lettings: advert to household.
    var direct: [Int: Int] { directAllocations.household }
    var directGroups: [Int: UInt32] { directAllocations.groups }
    var directChecks: [Int: EligibilityCheck.Result] { directAllocations.checks }

    /// The weight of a letting in a unit.
    func weight(household h: Int, _ unit: Quota.Unit) -> Int {
        unit == .persons ? Int(market.households.persons[h]) : 1
    }
}
