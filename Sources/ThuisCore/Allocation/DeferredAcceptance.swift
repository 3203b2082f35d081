/// Household-proposing deferred acceptance (Gale and Shapley) with one place per advert.
///
/// Each free household proposes to its most wanted advert that has not refused it; the advert
/// keeps the best proposal by effective ranking and refuses the rest. The result is stable with
/// respect to the rankings and strategy-proof for households. Caps refuse a proposal that would
/// exceed them, so a blocking pair can only involve a household a reached cap turned away.
/// Time is linear in the total length of the preference lists.
///
/// A household's reactions lie together in the market's columns, so what a proposal reads of
/// the proposing reaction is near the previous one; what it needs of the reaction an advert
/// holds (its place, the caps it counts against) is kept per advert, so a proposal makes no
/// random access into the 30M-reaction columns of a national run unless a cap is involved.
enum DeferredAcceptance {
    static func run(_ problem: MatchingProblem) -> Matching {
        var holder = ContiguousArray<Int32>(repeating: -1, count: problem.advertCount)
        // Per advert: the held reaction's place and the caps it counts against (bit c: weight > 0).
        var holderPosition = ContiguousArray<Int32>(repeating: 0, count: problem.advertCount)
        var holderCaps = ContiguousArray<UInt64>(repeating: 0, count: problem.advertCount)
        var refusedBy = CapRefusals()
        var caps = problem.caps
        let households = problem.preferenceStart.count - 1
        var next = problem.preferenceStart
        var free = ContiguousArray<Int32>()
        free.reserveCapacity(households)
        for h in stride(from: households - 1, through: 0, by: -1) where !problem.housed[h] {
            if problem.preferenceStart[h] < problem.preferenceStart[h + 1] { free.append(Int32(h)) }
        }
        problem.preferences.withUnsafeBufferPointer { preferences in
        problem.position.withUnsafeBufferPointer { position in
        problem.reactionAdvert.withUnsafeBufferPointer { advert in
            while let h = free.popLast() {
                let end = problem.preferenceStart[Int(h) + 1]
                while next[Int(h)] < end {
                    let r = preferences[Int(next[Int(h)])]
                    next[Int(h)] += 1
                    let a = Int(advert[Int(r)]), place = position[Int(r)]
                    let current = holder[a]
                    if current >= 0 && holderPosition[a] < place { continue }
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
                    holder[a] = r
                    holderPosition[a] = place
                    holderCaps[a] = counted
                    if current >= 0 { free.append(problem.reactionHousehold[Int(current)]) }
                    break
                }
            }
        }
        }
        }
        return Matching(holder: holder, refusedBy: refusedBy, caps: caps)
    }
}
