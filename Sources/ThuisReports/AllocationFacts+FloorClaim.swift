import ThuisCore

extension AllocationFacts {
    /// A floor that a cap refusal protects: letting the reaction in at the end (its household out
    /// of the advert it holds, the holder out) would take a letting from the floor's group in a
    /// scope where the floor is short, or would become so. Why a refusal stays when the cap
    /// itself has room (see `CapRepair`).
    public struct FloorClaim: Sendable, Equatable {
        public var quota: String
        public var group: String
        /// The scope value, as quota-report.csv names it.
        public var scope: String
        public var target: Int
        public var achieved: Int
        /// The count with the reaction let in.
        public var withReaction: Int
    }

    /// The first floor that letting reaction `r` in would lower below its target, if any.
    public func floorClaim(_ r: Int) -> FloorClaim? {
        let a = Int(market.reactions.advert[r]), h = Int32(market.reactions.household[r])
        let own = allocation.household.firstIndex(of: h)
        for quota in policy.quotas where quota.kind == .floor {
            guard let g = allocation.groupNames.firstIndex(of: quota.group) else { continue }
            func weight(_ household: Int32) -> Int { quota.unit == .persons ? Int(market.households.persons[Int(household)]) : 1 }
            func letting(_ x: Int) -> Int {
                allocation.household[x] >= 0 && allocation.lettingGroups[x] & (1 << UInt32(g)) != 0 ? weight(allocation.household[x]) : 0
            }
            var delta: [String: Int] = [market.scopeName(advert: a, quota.scope): (allocation.isMember(r, group: g) ? weight(h) : 0) - letting(a)]
            if let own { delta[market.scopeName(advert: own, quota.scope), default: 0] -= letting(own) }
            for (scope, change) in delta.sorted(by: { $0.key < $1.key }) where change < 0 {
                guard let row = allocation.quotas.first(where: { $0.kind == .floor && $0.quota == quota.name && $0.scope == scope }),
                      row.achieved + change < row.target else { continue }
                return FloorClaim(quota: quota.name, group: quota.group, scope: scope, target: row.target, achieved: row.achieved,
                                  withReaction: row.achieved + change)
            }
        }
        return nil
    }
}
