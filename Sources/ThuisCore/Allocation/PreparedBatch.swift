/// What allocation computes once per market and eligibility setting, and every scenario of a
/// sweep reuses: each reaction's eligibility, the valid priorities at its advert, group membership.
public struct PreparedBatch: Sendable {
    public let market: Market
    let eligibilityRules: EligibilityRules
    let law: LegalParameters
    let groupDefinitions: [GroupDefinition]
    let precedence: [PriorityCategory]
    let facts: HouseholdFacts
    let views: PriorityViews
    let eligibility: Eligibility
    let groups: ContiguousArray<UInt32>
    let groupMasks: [UInt32]
    let dwellingRules: DwellingRules
    let priorityBits: PriorityBits
    /// Publication order of adverts: begindatum, then id.
    let publicationOrder: [Int]
    /// Adverts an earlier batch let: all their reactions are `alreadyLet`.
    let alreadyLet: Set<Int>
    /// Households the ledger bars (housed, waiting on an open offer) and adverts they refused.
    let bars: OfferBars
    /// The ids' lottery hashes, shared by every seed.
    let lotteryHashes: LotteryHashes
    /// The ranking every seed of one policy shares, when made (``sharingRanking(of:)``).
    private(set) var rankingBase: RankingBase?

    /// Prepares `market` under the eligibility parts of `policy`; the adverts `period` says an
    /// earlier batch let are not offered, nor any advert to a household its offer history bars.
    public init(market: Market, policy: Policy, period: PeriodState? = nil) {
        self.market = market
        let alreadyLet = period.map { PreparedBatch.alreadyLet(market, $0) } ?? []
        let bars = period.map { OfferBars(market, $0.offerHistory, policy.offers) } ?? OfferBars()
        self.alreadyLet = alreadyLet
        self.bars = bars
        eligibilityRules = policy.eligibility
        law = policy.law
        groupDefinitions = policy.groups
        precedence = policy.ranking.precedence
        facts = HouseholdFacts(market, policy.law)
        let bits = PriorityBits(market, precedence: policy.ranking.precedence)
        let dwellingRules = DwellingRules(market, policy.eligibility)
        self.dwellingRules = dwellingRules
        priorityBits = bits
        let views = PriorityViews(market, bits: bits)
        self.views = views
        eligibility = Eligibility(market, policy, facts, dwellingRules, alreadyLet: alreadyLet, bars: bars) { r, _ in views[r] }
        publicationOrder = (0..<market.adverts.count).sorted {
            (market.adverts.start[$0].rawValue, $0) < (market.adverts.start[$1].rawValue, $1)
        }
        let masks = policy.groups.map { PriorityView.mask($0.categories) }
        groupMasks = masks
        groups = ContiguousArray((0..<views.count).map { AllocationRun.groupBits(masks, views[$0]) })
        lotteryHashes = LotteryHashes(market)
    }

    /// This batch with the part of `policy`'s ranking that does not depend on the lottery's seed
    /// made once (``RankingBase``): allocations under that policy with any seed then rank only
    /// what ties before the lottery. The allocations are the same as without it.
    public func sharingRanking(of policy: Policy) -> PreparedBatch {
        var copy = self
        copy.rankingBase = RankingBase(self, policy)
        return copy
    }

    /// Whether `policy` decides eligibility and groups as the prepared policy did.
    public func fits(_ policy: Policy) -> Bool {
        policy.eligibility == eligibilityRules && policy.law == law && policy.groups == groupDefinitions
            && policy.ranking.precedence == precedence
    }

    /// Whether `policy` and `period` decide eligibility as the prepared ones did: the same
    /// rules, adverts already let and households barred (the bars hold `policy.offers`).
    func fits(_ policy: Policy, _ period: PeriodState) -> Bool {
        fits(policy) && alreadyLet == PreparedBatch.alreadyLet(market, period)
            && bars == OfferBars(market, period.offerHistory, policy.offers)
    }

    /// The indices of the adverts `period` says an earlier batch let.
    static func alreadyLet(_ market: Market, _ period: PeriodState) -> Set<Int> {
        Set(period.alreadyLet.keys.compactMap { market.adverts.ids.index(of: $0).map(Int.init) })
    }
}
