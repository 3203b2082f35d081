/// The direct (DIS) lettings of a batch, fixed before the mechanism: each DIS advert goes to the
/// household it names when the legal rules allow and that household has no other direct letting.
struct DirectAllocations {
    /// Advert to household.
    var household: [Int: Int] = [:]
    /// Per advert let directly: the groups of its household there (bit `i`: group `i`).
    var groups: [Int: UInt32] = [:]
    /// Per DIS advert not let directly: why.
    var notes: [Int: String] = [:]
    /// Per advert let directly: the legal flags of the letting.
    var checks: [Int: EligibilityCheck.Result] = [:]

    init(_ prepared: PreparedBatch, _ policy: Policy) {
        let market = prepared.market
        var taken = Set<Int>()
        for a in 0..<market.adverts.count where market.adverts.model[a] == .direct && !prepared.alreadyLet.contains(a) {
            let h = Int(market.adverts.namedHousehold[a])
            let view = PriorityView(market, household: h, dwelling: Int(market.adverts.dwelling[a]), bits: prepared.priorityBits)
            var check = EligibilityCheck.evaluate(market, policy, prepared.facts, prepared.dwellingRules, household: h, advert: a, view: view)
            // The ledger's bars hold for a landlord's own choice too: no second home, no advert refused before.
            let barred = prepared.bars.reason(household: h, advert: a)
            if barred != .eligible { check.reason = barred }
            if check.reason != .eligible {
                notes[a] = "direct allocation to \(market.households.ids[h]) not made: \(check.reason.explanation)"
            } else if !taken.insert(h).inserted {
                notes[a] = "direct allocation not made: \(market.households.ids[h]) is already allocated directly elsewhere"
            } else {
                household[a] = h
                groups[a] = AllocationRun.groupBits(prepared.groupMasks, view)
                checks[a] = check
            }
        }
    }
}
