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
            // Over only where it stood over before (direct allocations, earlier batches), and no further.
            for s in capAchieved[c].indices where capAchieved[c][s] > capAllowed[c][s]
                && (before.capAchieved[c][s] <= before.capAllowed[c][s] || capAchieved[c][s] > before.capAchieved[c][s]) {
                return false
            }
        }
        for f in floorAchieved.indices {
            for s in floorAchieved[f].indices {
                let wasMet = before.floorAchieved[f][s] >= before.floorTarget[f][s]
                if wasMet ? floorAchieved[f][s] < floorTarget[f][s] : floorAchieved[f][s] < before.floorAchieved[f][s] { return false }
            }
        }
        return true
    }
}
