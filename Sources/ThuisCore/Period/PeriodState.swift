/// What a quota's period already holds when a batch runs: the run state that a ledger (or a
/// simulation) supplies beside the policy, which stays as its file says.
///
/// Without a ledger it holds only the figures the policy file gives (`[[quotas.so_far]]`), and
/// the legal caps count this batch alone.
public struct PeriodState: Sendable, Equatable {
    /// Per quota name: what the period holds, per scope value.
    public var quotas: [String: [Quota.SoFar]]
    /// Per legal cap (``PeriodState/daebFreeShare``, ``PeriodState/passendExceptions``): what the
    /// year holds, per corporation.
    public var legalCaps: [String: [Quota.SoFar]]
    /// Adverts of the batch that an earlier batch let (its offer was accepted), by advert id,
    /// with how: they are not offered again.
    public var alreadyLet: [String: String] = [:]
    /// What the households' earlier offers say: who is housed, who waits on an open offer,
    /// which adverts each refused.
    public var offerHistory = OfferHistory()
    /// Per area quota (stadsdeel, wijk, buurt, complex): lettings of its period recorded without
    /// that area (before the ledger kept areas), which its figures cannot place.
    public var unplaced: [String: Int] = [:]

    /// The legal cap on lettings above the DAEB income limit.
    public static let daebFreeShare = "daeb-free-share"
    /// The legal cap on benefit-eligible lettings above the aftoppingsgrens.
    public static let passendExceptions = "passend-exceptions"

    public init(quotas: [String: [Quota.SoFar]] = [:], legalCaps: [String: [Quota.SoFar]] = [:]) {
        self.quotas = quotas
        self.legalCaps = legalCaps
    }

    /// Only what the policy file states: a run without a ledger.
    public init(given policy: Policy) {
        self.init()
        for quota in policy.quotas where !quota.given.isEmpty { quotas[quota.name] = quota.given }
    }

    /// What the period of `quota` holds for a scope value (zeros when nothing is known).
    public func quota(_ quota: Quota, _ scopeValue: String) -> Quota.SoFar {
        Self.find(quotas[quota.name], scopeValue)
    }

    /// What the year holds for a legal cap and a corporation (zeros when nothing is known).
    public func legalCap(_ name: String, _ scopeValue: String) -> Quota.SoFar {
        Self.find(legalCaps[name], scopeValue)
    }

    private static func find(_ list: [Quota.SoFar]?, _ value: String) -> Quota.SoFar {
        list?.first { $0.scopeValue == value } ?? Quota.SoFar(scopeValue: value, lettings: 0, group: 0)
    }
}
