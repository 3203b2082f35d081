/// Household-proposing deferred acceptance (Gale and Shapley) with one place per advert.
///
/// Each free household proposes to its most wanted advert that has not refused it; the advert
/// keeps the best proposal by effective ranking and refuses the rest. The result is stable with
/// respect to the rankings and strategy-proof for households. Caps refuse a proposal that would
/// exceed them, so a blocking pair can only involve a household a reached cap turned away.
/// Time is linear in the total length of the preference lists.
///
/// Caps make the result depend on the order of proposals (a cap full of early proposals turns
/// later ones away), so the order is part of the contract: free households in a stack, household
/// 0 on top, a displaced household pushed on top and so proposing next.
///
/// Most proposals lose at once to the advert's holder: a national round makes 18M proposals
/// and 2.5M of them stand even for a moment. So the first test reads one 4-byte column per
/// advert (the held place, `Int32.max` when the advert holds nothing: 660 KB on a national run,
/// within a core's L2) beside the proposing reaction's own columns, which a household reads in
/// order. What a proposal that stands needs of the advert (the held reaction, the caps it counts
/// against) is kept in columns read only then.
enum DeferredAcceptance {
    static func run(_ problem: MatchingProblem) -> Matching {
        let households = problem.preferenceStart.count - 1
        // Per advert: the held reaction's place (`Int32.max`: none); the reaction, its index in
        // `preferences` and the end of its household's list (where that household resumes when
        // displaced), and the caps it counts against (bit c: weight > 0).
        var heldPlace = ContiguousArray<Int32>(repeating: .max, count: problem.advertCount)
        var holder = ContiguousArray<Int32>(repeating: -1, count: problem.advertCount)
        var heldIndex = ContiguousArray<Int32>(repeating: -1, count: problem.advertCount)
        var heldEnd = ContiguousArray<Int32>(repeating: 0, count: problem.advertCount)
        var holderCaps = ContiguousArray<UInt64>(repeating: 0, count: problem.advertCount)
        var refusedBy = CapRefusals()
        var caps = problem.caps
        // A free household is the rest of its list: (next index) << 32 | end.
        var free = ContiguousArray<UInt64>()
        free.reserveCapacity(households)
        for h in stride(from: households - 1, through: 0, by: -1) where !problem.housed[h] {
            let start = problem.preferenceStart[h], end = problem.preferenceStart[h + 1]
            if start < end { free.append(UInt64(UInt32(start)) << 32 | UInt64(UInt32(end))) }
        }
        problem.preferences.withUnsafeBufferPointer { preferences in
        problem.position.withUnsafeBufferPointer { position in
        problem.reactionAdvert.withUnsafeBufferPointer { advert in
        heldPlace.withUnsafeMutableBufferPointer { heldPlace in
            while let rest = free.popLast() {
                var i = Int(rest >> 32)
                let end = Int(rest & 0xffff_ffff)
                while i < end {
                    let r = preferences[i]
                    i += 1
                    let a = Int(advert[Int(r)]), place = position[Int(r)]
                    if heldPlace[a] < place { continue }
                    let current = holder[a]
                    var counted: UInt64 = 0
                    for c in caps.indices where caps[c].weight(r) > 0 { counted |= 1 << UInt64(c) }
                    // A cap can refuse only a reaction that counts against it; a swap between two
                    // reactions that count against no cap changes no cap.
                    if counted != 0 {
                        let refused = CapConstraint.refusals(caps, r, replacing: current, at: a)
                        if refused != 0 {
                            refusedBy[Int(r)] = refused
                            continue
                        }
                    }
                    if counted | (current >= 0 ? holderCaps[a] : 0) != 0 {
                        for c in caps.indices { caps[c].apply(r, replacing: current, at: a) }
                    }
                    if current >= 0 { free.append(UInt64(UInt32(heldIndex[a] + 1)) << 32 | UInt64(UInt32(heldEnd[a]))) }
                    heldPlace[a] = place
                    holder[a] = r
                    heldIndex[a] = Int32(i - 1)
                    heldEnd[a] = Int32(end)
                    holderCaps[a] = counted
                    break
                }
            }
        }
        }
        }
        }
        return Matching(holder: holder, refusedBy: refusedBy, caps: caps)
    }
}
