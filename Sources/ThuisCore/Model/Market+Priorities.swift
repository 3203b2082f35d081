extension Market {
    /// The same market without the priority statuses of `households`: what the rules see once
    /// a household's urgency has lapsed (e.g. after refusing offers).
    public func removingPriorities(of households: Set<Int>) -> Market {
        guard !households.isEmpty else { return self }
        var market = self
        var kept = Priorities()
        var starts = ContiguousArray<Int32>([0])
        for h in 0..<self.households.count {
            if !households.contains(h) {
                for p in self.households.priorityRange(h) {
                    kept.ids.append(priorities.ids[p])
                    kept.household.append(priorities.household[p])
                    kept.kind.append(priorities.kind[p])
                    kept.category.append(priorities.category[p])
                    kept.start.append(priorities.start[p])
                    kept.end.append(priorities.end[p])
                    kept.scope.append(contentsOf: priorities.scope[Int(priorities.scopeStart[p])..<Int(priorities.scopeStart[p + 1])])
                    kept.scopeStart.append(Int32(kept.scope.count))
                    kept.areaScope.append(contentsOf: priorities.areas(of: p))
                    kept.areaScopeStart.append(Int32(kept.areaScope.count))
                }
            }
            starts.append(Int32(kept.count))
        }
        market.priorities = kept
        market.households.priorityStart = starts
        return market
    }
}
