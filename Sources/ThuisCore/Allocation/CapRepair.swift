/// After deferred acceptance: lets in every reaction a cap turned away where the end result has
/// room for it, so that a cap refusal in the outputs means "at the end, letting this reaction in
/// would put the cap over its target", which `thuis verify` checks from the files.
///
/// Why it is needed: the mechanism refuses by the moment. A household proposing to its 8th choice
/// is turned away because the cap is full right then; it goes on down its list and takes one of
/// the same cap's places at its 18th choice, where the holder it displaced was also a member.
/// At the end, moving it to its 8th choice would keep the cap's count as it is. And a batch limit
/// that a round tightened (the lettings came out fewer than the adverts) never rises again, so a
/// cap can end below its target after "cap reached".
///
/// Contract. A refused reaction r of household h at advert a is *unneeded* when h wants a more
/// than what it holds (or holds nothing), r ranks above a's holder (or a is unlet), and the
/// change "h takes a, leaves what it held, a's holder leaves" keeps every cap within the target
/// the current lettings give it and takes no letting from a floor's group where the floor is
/// short or would become so (floors are not lowered to make room for a capped group; the
/// outputs then name that floor). It is also unneeded when the swap does so: the holder takes the
/// home h leaves (it reacted there, is eligible, and the caps admit it), which brings the holder's
/// count to the scope h left. The repair makes that change, then restores stability around it:
///   - each household that lost its advert (a's holder, and whoever the chain displaces) goes
///     through its list from the top (down to what a freed advert gave it meanwhile) and takes
///     the first advert where it ranks above the holder (or that is unlet) and every cap admits
///     it, displacing that holder in turn;
///   - each advert that lost its holder (h's old one, and those the chain empties) goes down its
///     candidate list, to its holder's place if a displaced household took it meanwhile, to the
///     first household that wants it more than what it holds and that every cap admits; that
///     household's old advert is emptied in turn, and a holder it passes is displaced.
/// During the chain each cap is held within its target; each turn-away is recorded. The change
/// is kept only if, at its end, the standing keeps what stood before (``QuotaStanding/keeps(_:)``:
/// no cap over its target, no floor lowered, no fewer lettings); otherwise it is undone. A refusal
/// whose every settling is undone (a legal share's target falls as the households move, a floor
/// falls, a letting is lost) stays, and the outputs say so (`kept:NAME`, not `cap:NAME`): the
/// end has room in the cap, but letting it in breaks another rule.
///
/// What is preserved:
///   - eligibility: only eligible reactions to adverts not let directly are ever held, and the
///     households housed directly take no part;
///   - no new unexcused blocking pair: a pair can start to block only when its household is made
///     worse off (it then walks its whole list) or its advert loses its holder (the advert then
///     walks its whole list); each pair such a walk passes over either ranks below the holder or
///     is recorded as turned away by a cap, and each walk stops at the first pair that fits;
///   - floors, caps and lettings: checked at the end of every change, as above.
///
/// Why it ends: a pass over the refusals that keeps no change ends it. Changes can undo each other:
/// on the national profile, change A let a reaction in by a chain that moved two households to
/// adverts they wanted more, and change B, letting in a reaction whose household its chain pushed
/// out again, moved those two back; A and B alternated in every pass for over half an hour. What
/// a pass does depends only on the holders it starts from and the refusals it goes through, so a
/// pass that starts where an earlier one started would repeat the same passes forever: the repair
/// stops there (the refusals left then say `kept:`). The holders are compared by a 64-bit hash
/// kept as they change (Zobrist's: one random word per advert and holder, XORed); two different
/// states share one with a chance of 2^-64 per pair of passes. As the states are finite, passes
/// cannot go on forever; besides, kept changes are counted, and the repair stops at as many as
/// there are eligible reactions in the preference lists. A chain is cut after
/// `budget` steps (one per household placed, at most the preference lists' total length plus the
/// adverts) and its change undone, so no chain runs forever. Each pass costs the refusals plus
/// the chains it starts; chains are short (a few steps on the generated regions).
struct CapRepair {
    private let run: AllocationRun
    private let problem: MatchingProblem
    private let labels: ContiguousArray<Int32>
    private let sequential: Bool
    /// Per advert: its place in publication order (sequential offers' notion of "before").
    private var publicationRank: ContiguousArray<Int32> = []
    private var holder: ContiguousArray<Int32>
    /// Per household: the reaction it holds, or -1.
    private var held: ContiguousArray<Int32>
    private var caps: [CapConstraint]
    /// Per cap and scope value: the batch's lettings that count in the cap's base.
    private var base: [[Int]]
    /// Per floor and scope value: the group's count (period and batch), and the batch's lettings.
    private var floorAchieved: [[Int]]
    private var floorLettings: [[Int]]
    private var lettings: Int
    private var refusedBy: CapRefusals
    /// Undo logs: the holder an advert had, and the refusal bits a reaction had, before a change.
    private var holderLog: [(advert: Int32, holder: Int32)] = []
    private var refusalLog: [(reaction: Int32, bits: UInt64)] = []
    private var rankedCache: [Int: [Int32]] = [:]
    private let budget: Int
    /// Changes kept so far (bounded: see "Why it ends").
    private var kept = 0
    /// The holders' hash: XOR of ``holderWord(_:_:)`` over the adverts that have one.
    private var holdersHash: UInt64 = 0
    /// What the change being tried touched of the standing, for its end check.
    private var change: StandingChange

    init(_ run: AllocationRun, _ matching: Matching, labels: ContiguousArray<Int32>, problem: MatchingProblem) {
        self.run = run
        self.problem = problem
        self.labels = labels
        sequential = run.policy.mechanism == .sequential
        if sequential {
            publicationRank = ContiguousArray(repeating: .max, count: run.market.adverts.count)
            for (rank, a) in run.publicationOrder.enumerated() { publicationRank[a] = Int32(rank) }
        }
        holder = matching.holder
        held = ContiguousArray(repeating: -1, count: run.market.households.count)
        for r in matching.holder where r >= 0 { held[Int(run.market.reactions.household[Int(r)])] = r }
        caps = matching.caps
        base = run.caps.map { $0.baseLettings(run.context, matching) }
        floorAchieved = run.floors.map { run.floorAchieved($0, matching) }
        floorLettings = run.floors.map { plan in plan.scope.names.indices.map { run.lettings(in: plan.scope, $0, matching) } }
        lettings = run.direct.count + matching.holder.lazy.filter { $0 >= 0 }.count
        refusedBy = matching.refusedBy
        budget = problem.preferences.count + run.market.adverts.count
        for (a, r) in holder.enumerated() { holdersHash ^= CapRepair.holderWord(a, r) }
        change = StandingChange(capScopes: run.caps.map(\.scope.names.count), floorScopes: run.floors.map(\.scope.names.count))
    }

    /// The matching with every unneeded refusal let in (deferred acceptance), and every refusal's
    /// caps restated as those the end result would put over.
    static func repair(_ run: AllocationRun, _ matching: Matching, labels: ContiguousArray<Int32>) -> Matching {
        var repair = CapRepair(run, matching, labels: labels, problem: run.problem(labels, limits: matching.caps.map(\.limit), ranked: false))
        if !repair.sequential { repair.letInUnneeded() }
        return repair.matching()
    }

    /// Only the final claims: each refusal's caps restated for the end result (sequential offers,
    /// whose limits ``AllocationRun`` raises by rerunning instead).
    static func restate(_ run: AllocationRun, _ matching: Matching, labels: ContiguousArray<Int32>) -> Matching {
        CapRepair(run, matching, labels: labels, problem: run.problem(labels, limits: matching.caps.map(\.limit), ranked: false)).matching()
    }

    // MARK: The passes

    private mutating func letInUnneeded() {
        let most = problem.preferences.count
        var progress = true
        var passStarts = Set<[UInt64]>()
        while progress && kept < most {
            progress = false
            let refused = refusedBy.refused
            guard passStarts.insert([holdersHash, UInt64(refused.count)]).inserted else { return }   // a cycle: see "Why it ends"
            for (r, _) in refused where kept < most && isBlocking(r) {
                let h = Int(run.market.reactions.household[r]), a = Int(run.market.reactions.advert[r])
                // Where the plain change breaks a cap or a floor, the swap may not (the holder
                // brings its count to the home the household leaves); its end check decides.
                let plain = refusing(Int32(r), at: a, replacing: holder[a], leaving: held[h]) == 0
                    && !lowersFloor(Int32(r), at: a, replacing: holder[a], leaving: held[h])
                guard plain || (holder[a] >= 0 && held[h] >= 0) else { continue }
                if (plain ? Settling.allCases : [.swap]).contains(where: { letIn(Int32(r), settling: $0) }) {
                    kept += 1
                    progress = true
                }
            }
        }
    }

    /// The orders in which a change settles: the same walks, which can end differently (one keeps
    /// a legal share's base where another does not, e.g. a benefit-eligible household back in the
    /// home one left). Each is tried in turn until one keeps what stood.
    enum Settling: CaseIterable {
        /// Displaced households walk first, then freed adverts.
        case householdsFirst
        /// Freed adverts walk first.
        case advertsFirst
        /// The two trade places: the displaced holder takes the advert the household left (when it
        /// reacted to it and the caps admit it), then both walk as above.
        case swap
    }

    /// Lets reaction `r` take its advert and restores stability around it, settling as `settling`
    /// says; undoes it all and returns false when the result would lose what stood before.
    private mutating func letIn(_ r: Int32, settling: Settling) -> Bool {
        let market = run.market
        let h = Int(market.reactions.household[Int(r)]), a = Int(market.reactions.advert[Int(r)])
        let own = held[h], displaced = holder[a]
        // The trade needs the holder's reaction to the home h leaves. Without a home, a holder or
        // that reaction there is no trade, and nothing is changed: the plain walks were tried
        // first (and a swap without its trade is the households-first walk again).
        var trade: Int32 = -1
        if settling == .swap {
            guard own >= 0, displaced >= 0 else { return false }
            let d = Int(market.reactions.household[Int(displaced)]), left = Int(market.reactions.advert[Int(own)])
            let range = Int(problem.preferenceStart[d])..<Int(problem.preferenceStart[d + 1])
            guard let i = range.first(where: { Int(market.reactions.advert[Int(problem.preferences[$0])]) == left }) else { return false }
            trade = problem.preferences[i]
        }
        change.begin(lettings: lettings)
        let (holderMark, refusalMark) = (holderLog.count, refusalLog.count)
        var free: [Int32] = [], open: [Int] = []
        if own >= 0 {
            let left = Int(market.reactions.advert[Int(own)])
            setHolder(left, -1)
            open.append(left)
        }
        setHolder(a, r)
        if displaced >= 0 {
            let d = Int(market.reactions.household[Int(displaced)])
            free.append(Int32(d))
            if trade >= 0 {
                let left = Int(market.reactions.advert[Int(own)])
                guard refusing(trade, at: left, replacing: -1, leaving: -1) == 0 else {
                    change.end()
                    undo(holderMark, refusalMark)
                    return false
                }
                setHolder(left, trade)
            }
        }
        let advertsFirst = settling == .advertsFirst
        var steps = 0
        while steps <= budget, !free.isEmpty || !open.isEmpty {
            if !(advertsFirst && !open.isEmpty), let x = free.popLast() {
                let (displaced, left) = walk(household: Int(x))
                if let displaced { free.append(displaced) }
                if let left { open.append(left) }
            } else if let b = open.popLast() {
                let (left, displaced) = walk(advert: b)
                if let left { open.append(left) }
                if let displaced { free.append(displaced) }
            }
            steps += 1
        }
        change.end()
        if steps <= budget && keepsStanding() {
            holderLog.removeAll(keepingCapacity: true)
            refusalLog.removeAll(keepingCapacity: true)
            return true
        }
        undo(holderMark, refusalMark)
        return false
    }

    /// Household `x`, displaced, walks its list from the top down to what it holds (a freed
    /// advert may have taken it in meanwhile); returns the household it displaces and the advert
    /// it left, if any.
    private mutating func walk(household x: Int) -> (displaced: Int32?, left: Int?) {
        let market = run.market
        let own = held[x]
        for i in Int(problem.preferenceStart[x])..<Int(problem.preferenceStart[x + 1]) {
            let r = problem.preferences[i], b = Int(market.reactions.advert[Int(r)])
            if own >= 0 && r >= own { break }
            let current = holder[b]
            guard current < 0 || problem.position[Int(r)] < problem.position[Int(current)] else { continue }
            if let moved = take(r, at: b, from: current, leaving: own) { return moved }
        }
        return (nil, nil)
    }

    /// Advert `b`, which lost its holder (another may have taken it since), walks its candidate
    /// list down to its holder's place, to the first household that wants it more than what it
    /// holds and fits; returns the advert that household left and the household it displaced.
    private mutating func walk(advert b: Int) -> (left: Int?, displaced: Int32?) {
        let market = run.market
        let list = rankedCache[b] ?? run.effectiveList(b, labels)
        rankedCache[b] = list
        let current = holder[b]
        for r in list {
            if current >= 0 && problem.position[Int(r)] >= problem.position[Int(current)] { break }
            let y = Int(market.reactions.household[Int(r)])
            if problem.housed[y] { continue }
            let own = held[y]
            if own >= 0 && own <= r { continue }   // it holds this advert, or one it wants more
            if let moved = take(r, at: b, from: current, leaving: own) { return (moved.left, moved.displaced) }
        }
        return (nil, nil)
    }

    /// Reaction `r` takes advert `b` from `current`, its household leaving `own`, unless a cap
    /// refuses it (then recorded, and nil); returns the household displaced and the advert left.
    private mutating func take(_ r: Int32, at b: Int, from current: Int32, leaving own: Int32) -> (displaced: Int32?, left: Int?)? {
        let refused = refusing(r, at: b, replacing: current, leaving: own)
        if refused != 0 {
            record(r, refused)
            return nil
        }
        let market = run.market
        var left: Int?
        if own >= 0 {
            left = Int(market.reactions.advert[Int(own)])
            setHolder(left!, -1)
        }
        setHolder(b, r)
        return (current >= 0 ? market.reactions.household[Int(current)] : nil, left)
    }

    // MARK: What the caps allow

    /// The most cap `c` lets the batch add in scope value `s`, given the current lettings.
    private func limit(_ c: Int, _ s: Int) -> Int {
        let plan = run.caps[c]
        return plan.allowed(s, baseLettings: base[c][s]) - plan.soFar[s].group
    }

    /// The caps that `r` taking its advert `a` from `current` (a reaction, or -1), its household
    /// leaving `own` (a reaction, or -1), would put over their targets; one bit each.
    private func refusing(_ r: Int32, at a: Int, replacing current: Int32, leaving own: Int32) -> UInt64 {
        var refused: UInt64 = 0
        for c in caps.indices {
            let w = caps[c].weight(r)
            guard w > 0 else { continue }
            let s = caps[c].scopeOfAdvert[a]
            var delta = w - (current >= 0 ? caps[c].weight(current) : 0)
            if own >= 0, caps[c].scopeOfAdvert[Int(run.market.reactions.advert[Int(own)])] == s { delta -= caps[c].weight(own) }
            if delta > 0 && caps[c].used[Int(s)] + delta > limit(c, Int(s)) { refused |= 1 << UInt64(c) }
        }
        return refused
    }

    /// Whether `r` taking its advert `a` from `current`, its household leaving `own`, would take a
    /// letting from a floor's group in a scope where the floor is short, or would become so.
    private func lowersFloor(_ r: Int32, at a: Int, replacing current: Int32, leaving own: Int32) -> Bool {
        let market = run.market
        for (f, plan) in run.floors.enumerated() {
            let bit = UInt32(1) << UInt32(plan.groupIndex)
            func weight(_ x: Int32) -> Int {
                x >= 0 && run.groups[Int(x)] & bit != 0 ? run.weight(household: Int(market.reactions.household[Int(x)]), plan.quota.unit) : 0
            }
            let s = Int(plan.scope.ofAdvert[a])
            var delta = [s: weight(r) - weight(current)]
            if own >= 0 { delta[Int(plan.scope.ofAdvert[Int(market.reactions.advert[Int(own)])]), default: 0] -= weight(own) }
            for (scope, change) in delta where change < 0 {
                let target = FloorPlan.target(plan.quota, soFar: plan.soFar[scope], lettings: floorLettings[f][scope])
                if floorAchieved[f][scope] + change < target { return true }
            }
        }
        return false
    }

    /// Whether refused reaction `r` blocks: its household wants the advert more than what it
    /// holds (sequential offers: holds nothing offered before it) and it ranks above the holder.
    private func isBlocking(_ r: Int) -> Bool {
        let market = run.market
        let h = Int(market.reactions.household[r]), a = Int(market.reactions.advert[r])
        guard !problem.housed[h] else { return false }
        let own = held[h]
        if own >= 0 {
            if sequential {
                if publicationRank[Int(market.reactions.advert[Int(own)])] < publicationRank[a] { return false }
            } else if own <= Int32(r) {
                return false
            }
        }
        let current = holder[a]
        return current < 0 || problem.position[r] < problem.position[Int(current)]
    }

    // MARK: State

    private mutating func setHolder(_ a: Int, _ r: Int32) {
        let old = holder[a]
        holdersHash ^= CapRepair.holderWord(a, old) ^ CapRepair.holderWord(a, r)
        holderLog.append((Int32(a), old))
        holder[a] = r
        let market = run.market
        if old >= 0 {
            let h = Int(market.reactions.household[Int(old)])
            if held[h] == old { held[h] = -1 }
        }
        if r >= 0 { held[Int(market.reactions.household[Int(r)])] = r }
        lettings += (r >= 0 ? 1 : 0) - (old >= 0 ? 1 : 0)
        for c in caps.indices {
            let s = Int(caps[c].scopeOfAdvert[a])
            change.noteCap(c, s, used: caps[c].used[s], base: base[c][s])
            caps[c].used[s] += (r >= 0 ? caps[c].weight(r) : 0) - (old >= 0 ? caps[c].weight(old) : 0)
            let plan = run.caps[c]
            base[c][s] += (r >= 0 && plan.base[Int(r)] ? 1 : 0) - (old >= 0 && plan.base[Int(old)] ? 1 : 0)
        }
        for (f, plan) in run.floors.enumerated() {
            let s = Int(plan.scope.ofAdvert[a]), bit = UInt32(1) << UInt32(plan.groupIndex)
            func weight(_ x: Int32) -> Int {
                x >= 0 && run.groups[Int(x)] & bit != 0 ? run.weight(household: Int(market.reactions.household[Int(x)]), plan.quota.unit) : 0
            }
            change.noteFloor(f, s, achieved: floorAchieved[f][s], lettings: floorLettings[f][s])
            floorAchieved[f][s] += weight(r) - weight(old)
            floorLettings[f][s] += (r >= 0 ? 1 : 0) - (old >= 0 ? 1 : 0)
        }
    }

    /// Advert `a` held by reaction `r`, as a random word (0 when unlet): splitmix64 of the pair.
    private static func holderWord(_ a: Int, _ r: Int32) -> UInt64 {
        guard r >= 0 else { return 0 }
        var z = (UInt64(a) << 32 | UInt64(UInt32(r))) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func record(_ r: Int32, _ bits: UInt64) {
        refusalLog.append((r, refusedBy[Int(r)]))
        refusedBy[Int(r)] = bits
    }

    private mutating func undo(_ holderMark: Int, _ refusalMark: Int) {
        while holderLog.count > holderMark {
            let (a, old) = holderLog.removeLast()
            setHolder(Int(a), old)
            holderLog.removeLast()   // the entry setHolder just made
        }
        while refusalLog.count > refusalMark {
            let (r, bits) = refusalLog.removeLast()
            refusedBy[Int(r)] = bits
        }
    }

    /// Whether the change just made keeps what stood before it (``QuotaStanding/keeps(_:)``), read
    /// from the entries it touched.
    private func keepsStanding() -> Bool {
        guard lettings >= change.lettings else { return false }
        for entry in change.caps {
            let plan = run.caps[entry.cap], s = entry.scope, group = plan.soFar[s].group
            guard QuotaStanding.capKeeps(achieved: group + caps[entry.cap].used[s], allowed: plan.allowed(s, baseLettings: base[entry.cap][s]),
                                         before: (group + entry.used, plan.allowed(s, baseLettings: entry.base))) else { return false }
        }
        for entry in change.floors {
            let plan = run.floors[entry.floor], s = entry.scope
            func target(_ lettings: Int) -> Int { FloorPlan.target(plan.quota, soFar: plan.soFar[s], lettings: lettings) }
            guard QuotaStanding.floorKeeps(achieved: floorAchieved[entry.floor][s], target: target(floorLettings[entry.floor][s]),
                                           before: (entry.achieved, target(entry.lettings))) else { return false }
        }
        return true
    }

    /// The matching as it stands, each refusal restated: a reaction that still blocks names the
    /// caps that letting it in would now put over; one whose household holds an advert it wants
    /// more (or, under sequential offers, one offered before) no longer claims a cap.
    private func matching() -> Matching {
        var claims = refusedBy
        let market = run.market
        for (r, _) in refusedBy.refused {
            let h = Int(market.reactions.household[r]), a = Int(market.reactions.advert[r])
            if isBlocking(r) {
                let now = refusing(Int32(r), at: a, replacing: holder[a], leaving: held[h])
                if now != 0 {
                    claims[r] = now
                } else if !lowersFloor(Int32(r), at: a, replacing: holder[a], leaving: held[h]) {
                    // The end has room, yet every way of letting it in broke another rule.
                    claims[r] |= CapRefusals.kept
                }
            } else if held[h] >= 0 && !problem.housed[h] {
                let own = Int(held[h])
                let before = sequential ? publicationRank[Int(market.reactions.advert[own])] < publicationRank[a] : own < r
                if before { claims[r] = 0 }
            }
        }
        return Matching(holder: holder, refusedBy: claims, caps: caps)
    }
}
