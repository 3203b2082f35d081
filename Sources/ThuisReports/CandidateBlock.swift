import ThuisCore

/// What a few hundred rows of `candidates.csv` need of their reactions, read together: the
/// reactions of an advert lie far apart in the columns, and a loop that only reads lets the
/// processor wait for many of them at once.
///
/// The columns are plain buffers, not arrays: an array written in a loop checks that it is the
/// only reference at each write, a call that keeps the processor from running ahead to the next
/// row's reads (a third of the gather on a national run).
final class CandidateBlock {
    static let size = 512

    let household = CandidateBlock.column(Int32(0))
    let preference = CandidateBlock.column(Int32(0))
    let exclusion = CandidateBlock.column(ExclusionReason.eligible)
    let position = CandidateBlock.column(Int32(0))
    let groups = CandidateBlock.column(UInt32(0))
    let aboveDaebLimit = CandidateBlock.column(false)
    let passendException = CandidateBlock.column(false)
    let caps = CandidateBlock.column(UInt64(0))
    let persons = CandidateBlock.column(Int32(0))
    let outcome = CandidateBlock.column(ReactionOutcome.ineligible)
    /// Where each row's household id lies in the table's bytes (its first byte read already).
    let householdID = CandidateBlock.column(0..<0)
    /// Sum of the first bytes read ahead (kept so the reads are not optimised away).
    private(set) var touched = 0

    private static func column<T>(_ value: T) -> UnsafeMutableBufferPointer<T> {
        let column = UnsafeMutableBufferPointer<T>.allocate(capacity: size)
        column.initialize(repeating: value)
        return column
    }

    deinit {
        // Every element type is trivial: freeing the memory is all there is to do.
        household.deallocate(); preference.deallocate(); exclusion.deallocate(); position.deallocate()
        groups.deallocate(); aboveDaebLimit.deallocate(); passendException.deallocate(); caps.deallocate()
        persons.deallocate(); outcome.deallocate(); householdID.deallocate()
    }

    /// Reads the reactions at `rows` of the market's advert order (at most ``size``), the first
    /// of them a reaction to advert `advert` or a later one.
    func gather(_ market: Market, _ allocation: Allocation, _ outcomes: ReactionOutcomes, rows: Range<Int>, advert: Int,
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
        // The household's columns, then its id's bytes: two loops, so that no row waits for
        // one read before it can start the next.
        let householdStart = market.reactions.householdStart, householdPersons = market.households.persons
        let ids = market.households.ids
        for k in 0..<rows.count {
            let h = Int(household[k])
            // As ``Allocation/preference`` gives it: the distance from the household's first reaction.
            preference[k] = preference[k] - householdStart[h] + 1
            persons[k] = Int32(householdPersons[h])
            householdID[k] = ids.byteRange(of: h)
        }
        var sum = 0
        for k in 0..<rows.count where !householdID[k].isEmpty { sum &+= Int(householdIDs[householdID[k].lowerBound]) }
        touched &+= sum
        let advertStart = market.reactions.advertStart
        var a = advert
        for (k, i) in rows.enumerated() where exclusion[k] == .eligible {
            while Int(advertStart[a + 1]) <= i { a += 1 }
            caps[k] = allocation.countsAgainst(groups: groups[k], aboveDaebLimit: aboveDaebLimit[k], passendException: passendException[k])
            outcome[k] = outcomes.eligible(Int(order[i]), advert: a, household: Int(household[k]), position: position[k],
                                           preference: preference[k])
        }
    }
}
