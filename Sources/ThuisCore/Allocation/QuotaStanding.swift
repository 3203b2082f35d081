/// Where the quotas stand after a round: each cap's count against its target, each floor's
/// count against its target, and the batch's lettings. A change to the matching after the
/// mechanism (``CapRepair``) is kept only if it ``keeps(_:)`` what stood before.
struct QuotaStanding: Equatable {
    /// Per cap and scope value: what the period holds, and the most it may hold.
    var capAchieved: [[Int]]
    var capAllowed: [[Int]]
    /// Per floor and scope value: what the period holds for the group, and the least it must.
    var floorAchieved: [[Int]]
    var floorTarget: [[Int]]
    /// The batch's lettings (mechanism and direct).
    var lettings: Int

    init(_ run: AllocationRun, _ matching: Matching) {
        capAchieved = run.caps.enumerated().map { c, plan in plan.soFar.indices.map { plan.soFar[$0].group + matching.caps[c].used[$0] } }
        capAllowed = run.caps.map { plan in
            let base = plan.baseLettings(run.context, matching)
            return plan.soFar.indices.map { plan.allowed($0, baseLettings: base[$0]) }
        }
        floorAchieved = run.floors.map { run.floorAchieved($0, matching) }
        floorTarget = run.floors.map { plan in
            plan.scope.names.indices.map { FloorPlan.target(plan.quota, soFar: plan.soFar[$0], lettings: run.lettings(in: plan.scope, $0, matching)) }
        }
        lettings = run.direct.count + matching.holder.lazy.filter { $0 >= 0 }.count
    }

    init(capAchieved: [[Int]], capAllowed: [[Int]], floorAchieved: [[Int]], floorTarget: [[Int]], lettings: Int) {
        (self.capAchieved, self.capAllowed, self.floorAchieved, self.floorTarget, self.lettings)
            = (capAchieved, capAllowed, floorAchieved, floorTarget, lettings)
    }

    /// Whether this standing, reached from `before`, loses nothing: no cap over its target
    /// (unless it already stood there before, by direct allocations or earlier batches), every
    /// floor that was met still met, no short floor lower, and no fewer lettings.
    func keeps(_ before: QuotaStanding) -> Bool {
        guard lettings >= before.lettings else { return false }
        for c in capAchieved.indices {
            for s in capAchieved[c].indices where !QuotaStanding.capKeeps(achieved: capAchieved[c][s], allowed: capAllowed[c][s],
                                                                          before: (before.capAchieved[c][s], before.capAllowed[c][s])) {
                return false
            }
        }
        for f in floorAchieved.indices {
            for s in floorAchieved[f].indices where !QuotaStanding.floorKeeps(achieved: floorAchieved[f][s], target: floorTarget[f][s],
                                                                              before: (before.floorAchieved[f][s], before.floorTarget[f][s])) {
                return false
            }
        }
        return true
    }

    /// Whether a cap's entry loses nothing: over its target only where it stood over before
    /// (direct allocations, earlier batches), and no further. An unchanged entry always keeps.
    static func capKeeps(achieved: Int, allowed: Int, before: (achieved: Int, allowed: Int)) -> Bool {
        !(achieved > allowed && (before.achieved <= before.allowed || achieved > before.achieved))
    }

    /// Whether a floor's entry loses nothing: met before, still met; short before, no lower. An
    /// unchanged entry always keeps.
    static func floorKeeps(achieved: Int, target: Int, before: (achieved: Int, target: Int)) -> Bool {
        before.achieved >= before.target ? achieved >= target : achieved >= before.achieved
    }
}
