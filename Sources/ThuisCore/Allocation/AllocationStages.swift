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

    /// Deferred acceptance on the same lists and places without the caps: the textbook
    /// mechanism, which other implementations can be checked against. Per advert: the household
    /// it holds (the market's index), or -1.
    public func deferredAcceptanceWithoutCaps() -> [Int32] {
        var plain = problem
        plain.caps = []
        return DeferredAcceptance.run(plain).holder.map { $0 >= 0 ? plain.reactionHousehold[Int($0)] : -1 }
    }

    /// The lists deferred acceptance reads, by the market's indices: per household its adverts,
    /// most wanted first (empty for a household housed directly); per advert its households,
    /// best placed first (only those whose list holds it).
    public func preferenceLists() -> (households: [[Int32]], adverts: [[Int32]]) {
        var households: [[Int32]] = [], byAdvert = [[Int32]](repeating: [], count: problem.advertCount)
        for h in 0..<(problem.preferenceStart.count - 1) {
            let reactions = problem.housed[h] ? [] : problem.preferences[Int(problem.preferenceStart[h])..<Int(problem.preferenceStart[h + 1])]
            households.append(reactions.map { problem.reactionAdvert[Int($0)] })
            for r in reactions { byAdvert[Int(problem.reactionAdvert[Int(r)])].append(r) }
        }
        let adverts = byAdvert.map { reactions in
            reactions.sorted { problem.position[Int($0)] < problem.position[Int($1)] }.map { problem.reactionHousehold[Int($0)] }
        }
        return (households, adverts)
    }

    /// The whole allocation from here (reruns for reserves and caps included).
    public mutating func allocation() -> Allocation { run.finish() }
}
