extension AllocationRun {
    /// Labels reserves, runs the mechanism, tightens caps that the outcome exceeds and moves
    /// reserves that reverted, until nothing changes; then reports.
    ///
    /// Why it ends: every further round follows a change that cannot be undone. Tightening only
    /// lowers a positive cap limit (limits are whole numbers, never below zero), so there are at
    /// most as many tightening rounds as the initial limits add up to; re-labelling moves a label
    /// only to an advert never labelled before (`tried` grows), so there are at most as many
    /// re-labelling rounds as adverts. Hence at most `1 + sum(limits) + adverts` rounds.
    mutating func finish() -> Allocation {
        var labels = initialLabels()
        var tried = Set<Int>(labels.enumerated().filter { $0.element >= 0 }.map(\.offset))
        var limits = caps.map { $0.initialLimits(context) }
        let bound = 1 + limits.joined().reduce(0, +) + market.adverts.count
        var matching = match(problem(labels, limits: limits))
        rounds = 1
        while tightenCaps(matching, &limits) || (policy.relabel && relabel(matching, &labels, &tried)) {
            matching = match(problem(labels, limits: limits))
            rounds += 1
            assert(rounds <= bound, "allocation rounds beyond their bound \(bound)")
            if rounds >= bound { break }   // unreachable by the argument above; a release build never loops forever
        }
        return result(matching, labels)
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

    /// Moves labels from reserves that reverted to untried adverts where the floor is unmet.
    func relabel(_ matching: Matching, _ labels: inout ContiguousArray<Int32>, _ tried: inout Set<Int>) -> Bool {
        var changed = false
        for (i, plan) in floors.enumerated() {
            let achieved = floorAchieved(plan, matching)
            for s in 0..<plan.scope.names.count {
                let target = FloorPlan.target(plan.quota, soFar: plan.soFar[s], lettings: lettings(in: plan.scope, s, matching))
                var missing = target - achieved[s]
                guard missing > 0 else { continue }
                let reverted = (0..<labels.count).filter {
                    labels[$0] == Int32(i) && plan.scope.ofAdvert[$0] == Int32(s) && !isMemberLetting($0, plan.groupIndex, matching)
                }
                // Untried adverts where a member could be matched, in the strategy's order.
                let fresh = plan.candidates[s].filter { labels[$0] < 0 && !tried.contains($0) && plan.expected(context, $0) > 0 }
                for (old, new) in zip(reverted, fresh) where missing > 0 {
                    labels[old] = -1
                    labels[new] = Int32(i)
                    tried.insert(new)
                    missing -= plan.quota.unit == .households ? 1 : plan.expected(context, new)
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
