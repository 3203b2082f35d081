/// The most any allocation could give a group in one scope: a maximum-weight matching of the
/// group's households to the scope's adverts over their eligible reactions, one advert per
/// household and one household per advert.
///
/// Contract: the bound relaxes stability, the rankings and every cap (a cap can only lower what
/// the group gets, so dropping it keeps the figure an upper bound); it keeps eligibility, the
/// direct lettings (fixed before the mechanism) and the adverts earlier batches let. A floor
/// short of its target while the bound reaches the target is the price of stability; below
/// the bound's reach, no allocation could meet it.
///
/// Method: weights sit on households only (1 per household, or its persons), so the households
/// a matching can cover form a transversal matroid and the greedy rule is exact: take
/// households by weight, heaviest first, keeping each for which an augmenting path exists
/// (Kuhn's algorithm, iterative). Time O(H * E) in the worst case for H households and E
/// reactions; a failed search visits each advert once, so in practice it is O(H * adverts
/// reachable).
public struct FloorBound: Sendable {
    /// Per household (local index): the adverts (local indices) it may take.
    public var adverts: [[Int32]] = []
    /// Per household: what a letting to it adds (1, or its persons).
    public var weights: [Int] = []
    public var advertCount = 0

    public init() {}

    /// The largest total weight of households that can be given distinct adverts.
    public func maximum() -> Int {
        let order = weights.indices.sorted { (weights[$0], -$0) > (weights[$1], -$1) }
        var holder = [Int32](repeating: -1, count: advertCount)
        var seen = [Int32](repeating: -1, count: advertCount)
        var closed = [Bool](repeating: false, count: advertCount)
        var visited: [Int] = []
        var total = 0
        var stack: [(household: Int, next: Int)] = []
        var path: [Int] = []   // path[k]: the advert through which stack[k + 1] was reached
        for (stamp, start) in order.enumerated() where !adverts[start].isEmpty {
            stack = [(start, 0)]
            path.removeAll(keepingCapacity: true)
            visited.removeAll(keepingCapacity: true)
            var found = false
            searching: while let top = stack.last {
                let list = adverts[top.household]
                if top.next == list.count {
                    stack.removeLast()
                    if !path.isEmpty { path.removeLast() }
                    continue
                }
                stack[stack.count - 1].next += 1
                let a = Int(list[top.next])
                if seen[a] == Int32(stamp) || closed[a] { continue }
                seen[a] = Int32(stamp)
                visited.append(a)
                if holder[a] < 0 {
                    // Shift every household on the path to the advert after it; the start gains one.
                    var free = a
                    for k in stride(from: stack.count - 1, through: 0, by: -1) {
                        holder[free] = Int32(stack[k].household)
                        if k > 0 { free = path[k - 1] }
                    }
                    total += weights[start]
                    found = true
                    break searching
                }
                path.append(a)
                stack.append((Int(holder[a]), 0))
            }
            if !found { for a in visited { closed[a] = true } }
        }
        return total
    }
}
