import ThuisCore

/// What a few hundred rows of `candidates.csv` need of their reactions, read together: the
/// reactions of an advert lie far apart in the columns, and a loop that only reads lets the
/// processor wait for many of them at once.
struct CandidateBlock {
    static let size = 512

    var household = ContiguousArray<Int32>(repeating: 0, count: size)
    var preference = ContiguousArray<Int32>(repeating: 0, count: size)
    var exclusion = ContiguousArray<ExclusionReason>(repeating: .eligible, count: size)
    var position = ContiguousArray<Int32>(repeating: 0, count: size)
    var groups = ContiguousArray<UInt32>(repeating: 0, count: size)
    var aboveDaebLimit = ContiguousArray<Bool>(repeating: false, count: size)
    var passendException = ContiguousArray<Bool>(repeating: false, count: size)
    var caps = ContiguousArray<UInt64>(repeating: 0, count: size)
    var persons = ContiguousArray<Int32>(repeating: 0, count: size)
    var outcome = ContiguousArray<ReactionOutcome>(repeating: .ineligible, count: size)
    /// Where each row's household id lies in the table's bytes (its first byte read already).
    var householdID = ContiguousArray<Range<Int>>(repeating: 0..<0, count: size)
    /// Sum of the first bytes read ahead (kept so the reads are not optimised away).
    var touched = 0

    /// Reads the reactions at `rows` of the market's advert order (at most ``size``).
    mutating func gather(_ market: Market, _ allocation: Allocation, _ outcomes: ReactionOutcomes, rows: Range<Int>,
                         householdIDs: UnsafeRawBufferPointer) {
        let order = market.reactions.advertOrder
        for (k, i) in rows.enumerated() {
            let r = Int(order[i])
            household[k] = market.reactions.household[r]
            preference[k] = Int32(r)   // made the household's rank below, with its other reads
            exclusion[k] = allocation.exclusion[r]
            position[k] = allocation.position[r]
            groups[k] = allocation.groups[r]
            aboveDaebLimit[k] = allocation.aboveDaebLimit[r]
            passendException[k] = allocation.passendException[r]
        }
        var sum = 0
        let householdStart = market.reactions.householdStart
        for k in 0..<rows.count {
            // As ``Allocation/preference`` gives it: the distance from the household's first reaction.
            preference[k] = preference[k] - householdStart[Int(household[k])] + 1
            persons[k] = Int32(market.households.persons[Int(household[k])])
            let range = market.households.ids.byteRange(of: Int(household[k]))
            householdID[k] = range
            if !range.isEmpty { sum &+= Int(householdIDs[range.lowerBound]) }
        }
        touched &+= sum
        for (k, i) in rows.enumerated() where exclusion[k] == .eligible {
            let r = Int(order[i])
            caps[k] = allocation.countsAgainst(groups: groups[k], aboveDaebLimit: aboveDaebLimit[k], passendException: passendException[k])
            outcome[k] = outcomes(r)
        }
    }
}
