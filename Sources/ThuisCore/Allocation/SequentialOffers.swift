/// Adverts in publication order, each to its highest-ranked household not yet housed: the way
/// offers go down candidate lists by hand, the baseline researchers compare against.
enum SequentialOffers {
    /// `order` is the adverts in publication order.
    static func run(_ problem: MatchingProblem, order: [Int]) -> Matching {
        var holder = ContiguousArray<Int32>(repeating: -1, count: problem.advertCount)
        var refusedBy = CapRefusals()
        var caps = problem.caps
        var housed = problem.housed
        for a in order {
            for r in problem.ranked[a] {
                let h = Int(problem.reactionHousehold[Int(r)])
                if housed[h] { continue }
                let refused = CapConstraint.refusals(caps, r, replacing: -1, at: a)
                if refused != 0 {
                    refusedBy[Int(r)] = refused
                    continue
                }
                for c in caps.indices { caps[c].apply(r, replacing: -1, at: a) }
                holder[a] = r
                housed[h] = true
                break
            }
        }
        return Matching(holder: holder, refusedBy: refusedBy, caps: caps)
    }
}
