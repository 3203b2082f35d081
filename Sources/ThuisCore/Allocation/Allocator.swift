/// Runs a batch: eligibility, ranking, reserves for floor quotas, the mechanism, legal and
/// policy caps, and the quota report. Pure: no file I/O, callable thousands of times.
public enum Allocator {
    /// Allocates the market's adverts under the policy, with what the quotas' periods already
    /// hold and the adverts already let (by default only the figures the policy file gives: a
    /// run without a ledger).
    public static func allocate(_ market: Market, _ policy: Policy, period: PeriodState? = nil) -> Allocation {
        let period = period ?? PeriodState(given: policy)
        return allocate(PreparedBatch(market: market, policy: policy, alreadyLet: PreparedBatch.alreadyLet(market, period)), policy,
                        period: period)
    }

    /// Allocates a prepared batch under `policy`, reusing its eligibility when the policy's
    /// eligibility rules, legal limits, groups and precedence and the adverts already let are the
    /// prepared ones (a sweep over quotas or shares), and preparing afresh otherwise.
    public static func allocate(_ prepared: PreparedBatch, _ policy: Policy, period: PeriodState? = nil) -> Allocation {
        let period = period ?? PeriodState(given: policy)
        let alreadyLet = PreparedBatch.alreadyLet(prepared.market, period)
        let fitting = prepared.fits(policy) && prepared.alreadyLet == alreadyLet
            ? prepared : PreparedBatch(market: prepared.market, policy: policy, alreadyLet: alreadyLet)
        var run = AllocationRun(fitting, policy, period: period)
        return run.finish()
    }
}
