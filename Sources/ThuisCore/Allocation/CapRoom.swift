/// What each cap holds and allows after a round, as quota-report.csv shows it (`achieved` and
/// `target`): whether letting an advert to another household would go over a cap. Relabelling
/// asks it, and `thuis verify` asks the same question of the files, so both judge a floor's
/// remaining shortfall alike.
struct CapRoom {
    private let run: AllocationRun
    /// Per cap and scope value: what the period holds, and the most it may hold.
    private var achieved: [[Int]] = []
    private var allowed: [[Int]] = []

    init(_ run: AllocationRun, _ matching: Matching) {
        self.run = run
        for (c, plan) in run.caps.enumerated() {
            let base = plan.baseLettings(run.context, matching)
            achieved.append(plan.soFar.indices.map { plan.soFar[$0].group + matching.caps[c].used[$0] })
            allowed.append(plan.soFar.indices.map { plan.allowed($0, baseLettings: base[$0]) })
        }
    }

    /// Whether reaction `r` taking advert `a` from `holder` (a reaction, or -1) would put a cap over.
    func wouldExceed(taking r: Int, at a: Int, from holder: Int32) -> Bool {
        for (c, plan) in run.caps.enumerated() where plan.member[r] {
            let s = Int(plan.scope.ofAdvert[a])
            let leaving = holder >= 0 && plan.member[Int(holder)]
                ? run.weight(household: Int(run.market.reactions.household[Int(holder)]), plan.unit) : 0
            let coming = run.weight(household: Int(run.market.reactions.household[r]), plan.unit)
            if achieved[c][s] - leaving + coming > allowed[c][s] { return true }
        }
        return false
    }
}
