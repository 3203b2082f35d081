/// Runs a batch: eligibility, ranking, reserves for floor quotas, the mechanism, legal and
/// policy caps, and the quota report. Pure: no file I/O, callable thousands of times.
public enum Allocator {
    /// Allocates the market's adverts under the policy, with what the quotas' periods already
    /// hold and the adverts already let (by default only the figures the policy file gives: a
    /// run without a ledger).
    ///
    /// `beforeRounds` is called once, when eligibility, ranking and the quotas' plans are made
    /// (on every core) and the mechanism's rounds begin: from there to the end the run keeps one
    /// core busy, so a caller can start work of its own on the other (the inputs' hashes).
    public static func allocate(_ market: Market, _ policy: Policy, period: PeriodState? = nil, repairingCaps: Bool = true,
                                beforeRounds: () -> Void = {}) -> Allocation {
        let period = period ?? PeriodState(given: policy)
        return allocate(PreparedBatch(market: market, policy: policy, period: period), policy, period: period, repairingCaps: repairingCaps,
                        beforeRounds: beforeRounds)
    }

    /// Allocates a prepared batch under `policy`, reusing its eligibility when the policy's
    /// eligibility rules, legal limits, groups and precedence, the adverts already let and the
    /// households barred are the prepared ones (a sweep over quotas or shares), and preparing
    /// afresh otherwise.
    ///
    /// `repairingCaps: false` leaves out what follows the mechanism's rounds (``CapRepair``): the
    /// refusals then are those of the moment, as Thuis 0.5 made them; for comparisons and tests.
    /// `beforeRounds` as in ``allocate(_:_:period:repairingCaps:beforeRounds:)-(Market,_,_,_,_)``.
    public static func allocate(_ prepared: PreparedBatch, _ policy: Policy, period: PeriodState? = nil,
                                repairingCaps: Bool = true, beforeRounds: () -> Void = {}) -> Allocation {
        let period = period ?? PeriodState(given: policy)
        let fitting = prepared.fits(policy, period) ? prepared : PreparedBatch(market: prepared.market, policy: policy, period: period)
        var run = AllocationRun(fitting, policy, period: period)
        beforeRounds()
        let allocation = run.finish(repairingCaps: repairingCaps)
        #if DEBUG
        allocation.checkInvariants(fitting.market)
        #endif
        return allocation
    }
}
