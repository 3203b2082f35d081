/// What the mechanisms need: each household's eligible reactions in its preference order, and
/// each reaction's place in its advert's effective ranking.
struct MatchingProblem {
    var advertCount: Int
    var reactionAdvert: ContiguousArray<Int32>
    var reactionHousehold: ContiguousArray<Int32>
    /// Per household: eligible reactions, most wanted first: `preferences[preferenceStart[h]..<preferenceStart[h+1]]`.
    var preferences: ContiguousArray<Int32>
    var preferenceStart: ContiguousArray<Int32>
    /// Per reaction: effective place at its advert (lower is better); 0 when ineligible.
    var position: ContiguousArray<Int32>
    /// Per advert: its eligible reactions in effective order; made only for the sequential
    /// mechanism (deferred acceptance reads ``position``), empty otherwise.
    var ranked: [[Int32]]
    /// Households already housed (direct allocations); they take part no further.
    var housed: ContiguousArray<Bool>
    var caps: [CapConstraint]
}
