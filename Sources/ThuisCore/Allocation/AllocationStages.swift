/// An allocation taken apart in its stages, so benchmarks can time preparing (eligibility,
/// ranking, reserves) and matching apart. Not part of the API: `@_spi(Benchmarks) import ThuisCore`.
@_spi(Benchmarks)
public struct AllocationStages {
    var run: AllocationRun
    let problem: MatchingProblem

    /// Prepares the batch: eligibility, ranking keys and orders, reserve labels, caps.
    public init(market: Market, policy: Policy) {
        let run = AllocationRun(market, policy, period: PeriodState(given: policy))
        let labels = run.initialLabels()
        problem = run.problem(labels, limits: run.caps.map { $0.initialLimits(run.context) }, ranked: true)
        self.run = run
    }

    /// One run of household-proposing deferred acceptance; returns the number of adverts held.
    public func deferredAcceptance() -> Int {
        DeferredAcceptance.run(problem).holder.lazy.filter { $0 >= 0 }.count
    }

    /// One run of sequential offers; returns the number of adverts let.
    public func sequentialOffers() -> Int {
        let order = run.publicationOrder.filter { run.direct[$0] == nil && run.market.adverts.model[$0] != .direct }
        return SequentialOffers.run(problem, order: order).holder.lazy.filter { $0 >= 0 }.count
    }

    /// The whole allocation from here (reruns for reserves and caps included).
    public mutating func allocation() -> Allocation { run.finish() }
}
