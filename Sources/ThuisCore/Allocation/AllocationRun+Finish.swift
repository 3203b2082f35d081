extension AllocationRun {
    /// Labels reserves, runs the mechanism, tightens caps that the outcome exceeds and gives short
    /// floors more reserves, until nothing changes; then lets in what the caps turned away but
    /// the end result has room for (``CapRepair``; sequential offers: ``raiseLimits(_:_:_:)``),
    /// and reports.
    ///
    /// Why it ends: each settling loop's rounds follow a change that cannot be undone within it.
    /// Tightening only lowers a positive cap limit (limits are whole numbers, never below zero),
    /// so there are at most as many tightening rounds as the limits add up to; re-labelling labels
    /// at least one advert that had no label and never removes one, so there are at most as many
    /// re-labelling rounds as adverts. After the repair, the whole settles again only when a
    /// further reserve was labelled, which happens at most once per advert.
    ///
    /// Why every round starts cold: a round differs from the one before only in tightened limits
    /// or added reserve labels, but with caps the matching depends on the order of proposals
    /// (``DeferredAcceptance``), so the previous round's matching is no valid start: a household
    /// it displaced may now be held where a tightened cap turns the earlier holder away, and what
    /// that holder then takes refuses others in turn. A round runs as the previous one did only up
    /// to the first proposal its change affects (one a tightened cap now refuses, or one whose
    /// place a new label moves); resuming there would need the previous round's state at that
    /// proposal, and on national that proposal comes within the first 3% of the round's
    /// proposals in six of its eight later rounds and within 15% in all. A warm start could save
    /// no more than that prefix, so none is made.
    mutating func finish(repairingCaps: Bool = true) -> Allocation {
        var labels = initialLabels()
        var limits = caps.map { $0.initialLimits(context) }
        var matching = match(roundProblem(labels, limits: limits))
        rounds = 1
        while true {
            let bound = rounds + limits.joined().reduce(0, +) + market.adverts.count
            while tightenCaps(matching, &limits) || (policy.relabel && relabel(matching, &labels)) {
                matching = match(roundProblem(labels, limits: limits))
                rounds += 1
                assert(rounds <= bound, "allocation rounds beyond their bound \(bound)")
                if rounds >= bound { break }   // unreachable by the argument above; a release build never loops forever
            }
            guard repairingCaps, !caps.isEmpty else { break }
            if policy.mechanism == .sequential {
                matching = raiseLimits(matching, labels, &limits)
            } else {
                matching = CapRepair.repair(self, matching, labels: labels)
            }
            guard policy.relabel, relabel(matching, &labels) else { break }
            matching = match(roundProblem(labels, limits: limits))
            rounds += 1
        }
        if repairingCaps && !caps.isEmpty && policy.mechanism == .sequential {
            matching = CapRepair.restate(self, matching, labels: labels)
        }
        dropPlaces(unless: labels)   // the result makes its own; two would raise the peak by 120 MB
        return result(matching, labels)
    }

    /// Sequential offers: raises, one place at a time, a cap's batch limit that a round lowered
    /// below what the end result allows, where the cap turned a reaction away there, keeping the
    /// raise only if the rerun keeps what stood (``QuotaStanding/keeps(_:)``). Offers go once down
    /// each list, so a limit that equals the end's room leaves no refusal the end has room for.
    ///
    /// Why it ends: each step either raises one limit by one, up to the initial limit (the
    /// targets are at most those of all adverts let), or rules its cap and scope out for good.
    mutating func raiseLimits(_ start: Matching, _ labels: ContiguousArray<Int32>, _ limits: inout [[Int]]) -> Matching {
        var matching = start
        var ruledOut = Set<[Int]>()
        while true {
            let standing = QuotaStanding(self, matching)
            var refusedIn = Set<[Int]>()
            for (r, bits) in matching.refusedBy.refused {
                let a = Int(market.reactions.advert[r])
                for c in caps.indices where bits & (1 << UInt64(c)) != 0 { refusedIn.insert([c, Int(caps[c].scope.ofAdvert[a])]) }
            }
            guard let place = refusedIn.sorted(by: { $0.lexicographicallyPrecedes($1) }).first(where: { key in
                !ruledOut.contains(key) && limits[key[0]][key[1]] < standing.capAllowed[key[0]][key[1]] - caps[key[0]].soFar[key[1]].group
            }) else { return matching }
            var trial = limits
            trial[place[0]][place[1]] += 1
            let next = match(problem(labels, limits: trial))
            rounds += 1
            if QuotaStanding(self, next).keeps(standing) {
                limits = trial
                matching = next
            } else {
                ruledOut.insert(place)
            }
        }
    }

    /// One label per advert; floors for subgroups first, and what they reserve counts toward
    /// floors for groups containing theirs.
    func initialLabels() -> ContiguousArray<Int32> {
        var labels = ContiguousArray<Int32>(repeating: -1, count: market.adverts.count)
        for (i, plan) in floors.enumerated() {
            let group = policy.groups[plan.groupIndex]
            for s in 0..<plan.scope.names.count {
                // Reserves of nested floors (same scope kind and unit) already serve this one.
                var covered = 0
                for (j, other) in floors.enumerated() where j < i && other.quota.scope == plan.quota.scope
                    && other.quota.unit == plan.quota.unit && group.contains(policy.groups[other.groupIndex]) {
                    covered += (0..<labels.count).filter { labels[$0] == Int32(j) && other.scope.ofAdvert[$0] == Int32(s) }
                        .reduce(0) { $0 + (plan.quota.unit == .households ? 1 : other.expected(context, $1)) }
                }
                for a in plan.choose(context, scope: s, needed: plan.needed[s] - covered, taken: { labels[$0] >= 0 }) {
                    labels[a] = Int32(i)
                }
            }
        }
        return labels
    }

    /// Lowers a cap's limit where the outcome exceeds the share of the actual lettings.
    func tightenCaps(_ matching: Matching, _ limits: inout [[Int]]) -> Bool {
        var changed = false
        for (c, plan) in caps.enumerated() {
            let base = plan.baseLettings(context, matching)
            for s in 0..<plan.scope.names.count {
                let total = plan.soFar[s].group + matching.caps[c].used[s]
                let allowed = plan.allowed(s, baseLettings: base[s])
                if total > allowed && limits[c][s] > 0 {
                    limits[c][s] = max(0, limits[c][s] - (total - allowed))
                    changed = true
                }
            }
        }
        return changed
    }

    /// Gives each short floor a reserve wherever one would raise it: an advert in its scope with no
    /// label, not let to a member, where a member that is housed nowhere, or housed at an advert
    /// it wants less (sequential offers: published later), has an eligible reaction that would
    /// put no cap over what the report allows (``CapRoom``). Reserved, the member comes first
    /// there, unless a cap's batch limit turns it away again. Labels are never taken away, so
    /// the loop in ``finish()`` ends.
    func relabel(_ matching: Matching, _ labels: inout ContiguousArray<Int32>) -> Bool {
        // What would draw a member from where it is to advert a: under deferred acceptance, a
        // reaction it wants more than the one it holds; under sequential offers, an advert
        // published before the one it holds (it is offered first). Per household the key of
        // what it holds: 0 when housed directly (it takes no further part), Int32.max when not housed.
        let sequential = policy.mechanism == .sequential
        var publicationRank = ContiguousArray<Int32>(repeating: 0, count: market.adverts.count)
        for (rank, a) in publicationOrder.enumerated() { publicationRank[a] = Int32(rank) + 1 }
        func key(_ r: Int) -> Int32 {
            sequential ? publicationRank[Int(market.reactions.advert[r])]
                : Int32(r - market.reactions.ofHousehold(Int(market.reactions.household[r])).lowerBound) + 1
        }
        var held = ContiguousArray<Int32>(repeating: .max, count: market.households.count)
        for h in direct.values { held[h] = 0 }
        for r in matching.holder where r >= 0 { held[Int(market.reactions.household[Int(r)])] = key(Int(r)) }
        let room = CapRoom(self, matching)
        var changed = false
        for (i, plan) in floors.enumerated() {
            let achieved = floorAchieved(plan, matching)
            let bit = UInt32(1) << UInt32(plan.groupIndex)
            for s in 0..<plan.scope.names.count {
                let target = FloorPlan.target(plan.quota, soFar: plan.soFar[s], lettings: lettings(in: plan.scope, s, matching))
                var missing = target - achieved[s]
                for a in plan.candidates[s] where missing > 0 && labels[a] < 0 && !isMemberLetting(a, plan.groupIndex, matching) {
                    let holder = matching.holder[a]
                    guard let r = ranking.ranked(a).first(where: { r in
                        let h = Int(market.reactions.household[Int(r)])
                        return groups[Int(r)] & bit != 0 && key(Int(r)) < held[h]
                            && !room.wouldExceed(taking: Int(r), at: a, from: holder)
                    }) else { continue }
                    let h = Int(market.reactions.household[Int(r)])
                    labels[a] = Int32(i)
                    missing -= weight(household: h, plan.quota.unit)
                    held[h] = 0   // counted once this round; the next round sees where it went
                    changed = true
                }
            }
        }
        return changed
    }

    func isMemberLetting(_ a: Int, _ groupIndex: Int, _ matching: Matching) -> Bool {
        let r = matching.holder[a]
        return r >= 0 && groups[Int(r)] & (1 << UInt32(groupIndex)) != 0
    }

    /// Per scope value: what the period holds for the floor's group after this batch.
    func floorAchieved(_ plan: FloorPlan, _ matching: Matching) -> [Int] {
        var achieved = plan.soFar.map(\.group)
        let bit = UInt32(1) << UInt32(plan.groupIndex)
        for a in 0..<market.adverts.count {
            let s = Int(plan.scope.ofAdvert[a])
            if let h = direct[a], directGroups[a, default: 0] & bit != 0 {
                achieved[s] += weight(household: h, plan.quota.unit)
            } else if matching.holder[a] >= 0, groups[Int(matching.holder[a])] & bit != 0 {
                achieved[s] += weight(household: Int(market.reactions.household[Int(matching.holder[a])]), plan.quota.unit)
            }
        }
        return achieved
    }

    /// Lettings of this batch in scope value `s`.
    func lettings(in scope: ScopeIndex, _ s: Int, _ matching: Matching) -> Int {
        (0..<market.adverts.count).filter {
            scope.ofAdvert[$0] == Int32(s) && (matching.holder[$0] >= 0 || direct[$0] != nil)
        }.count
    }
}
