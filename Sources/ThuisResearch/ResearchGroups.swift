import ThuisCore

/// The groups researchers compare: each priority category, every policy group, all households
/// with a priority, and regular seekers; and one primary group per household, so that groups
/// partition the households for accounting (its highest-precedence valid category, or regular).
public struct ResearchGroups: Sendable {
    /// Names in report order: policy groups, `priority` (any valid status), each category, `regular`.
    public let names: [String]
    /// Per household: bit per name it belongs to.
    public let membership: [UInt64]
    /// Per household: the index (into ``primaryNames``) of its primary group.
    public let primary: [Int]
    /// The partition: each category by precedence, then `regular`.
    public let primaryNames: [String]

    /// The names of the groups under `policy`, in report order (they depend on the policy alone).
    public static func names(for policy: Policy) -> [String] {
        policy.groups.map(\.name) + ["priority"] + PriorityCategory.allCases.map(\.rawValue) + ["regular"]
    }

    public init(_ market: Market, _ policy: Policy) {
        let day = market.batch.referenceDate
        let categories = PriorityCategory.allCases
        let names = ResearchGroups.names(for: policy)
        let order = policy.ranking.precedence + categories.filter { !policy.ranking.precedence.contains($0) }
        var membership: [UInt64] = [], primary: [Int] = []
        for h in 0..<market.households.count {
            var held = Set<PriorityCategory>()
            for p in market.households.priorityRange(h) where market.priorities.isValid(p, on: day) {
                held.insert(market.priorities.category[p])
            }
            var bits: UInt64 = 0
            for (i, group) in policy.groups.enumerated() where !group.categories.isDisjoint(with: held) { bits |= 1 << UInt64(i) }
            let base = policy.groups.count
            if !held.isEmpty { bits |= 1 << UInt64(base) }
            for (i, c) in categories.enumerated() where held.contains(c) { bits |= 1 << UInt64(base + 1 + i) }
            if held.isEmpty { bits |= 1 << UInt64(names.count - 1) }
            membership.append(bits)
            primary.append(order.firstIndex { held.contains($0) } ?? order.count)
        }
        self.names = names
        self.membership = membership
        self.primary = primary
        primaryNames = order.map(\.rawValue) + ["regular"]
    }

    public func contains(_ h: Int, _ group: Int) -> Bool { membership[h] & (1 << UInt64(group)) != 0 }
}
