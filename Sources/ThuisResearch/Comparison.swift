import ThuisCore

/// One market under two scenarios (policies or mechanisms): the figures per group, who took
/// whose lettings (the displacement matrix), and who is better or worse off.
public struct Comparison: Sendable {
    public var a: ScenarioOutcome
    public var b: ScenarioOutcome
    /// The partition used for the matrix and the better/worse counts: each category, then regular.
    public var primaryNames: [String]
    /// `matrix[i][j]`: adverts let to primary group `i` under A and to group `j` under B; the
    /// last row and column stand for "not let", so rows add up to A's lettings and columns to B's.
    public var matrix: [[Int]]
    /// Per primary group: households better off under B, worse off, unchanged (by their own preferences).
    public var better: [Int]
    public var worse: [Int]
    public var unchanged: [Int]

    public init(_ market: Market, _ groups: ResearchGroups, a: Allocation, b: Allocation) {
        self.a = ScenarioOutcome(market, a, groups)
        self.b = ScenarioOutcome(market, b, groups)
        primaryNames = groups.primaryNames
        let n = groups.primaryNames.count
        var matrix = Array(repeating: Array(repeating: 0, count: n + 1), count: n + 1)
        for advert in 0..<market.adverts.count {
            let ha = Int(a.household[advert]), hb = Int(b.household[advert])
            guard ha >= 0 || hb >= 0 else { continue }
            matrix[ha >= 0 ? groups.primary[ha] : n][hb >= 0 ? groups.primary[hb] : n] += 1
        }
        self.matrix = matrix
        var better = Array(repeating: 0, count: n), worse = better, unchanged = better
        for h in 0..<market.households.count {
            let g = groups.primary[h]
            // A household's outcome: the rank of what it got; nothing is worst.
            let ra = self.a.rank[h] ?? Int.max, rb = self.b.rank[h] ?? Int.max
            if rb < ra { better[g] += 1 } else if rb > ra { worse[g] += 1 } else { unchanged[g] += 1 }
        }
        self.better = better
        self.worse = worse
        self.unchanged = unchanged
    }
}
