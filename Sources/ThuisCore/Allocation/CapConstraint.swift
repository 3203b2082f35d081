/// A ceiling on lettings to some households per scope, as the mechanism enforces it: a
/// tentative match that would push the count past the limit is refused.
struct CapConstraint {
    /// Per reaction: what a match through it adds (households: 1, persons: household size), 0 for non-members.
    var weight: ContiguousArray<Int32>
    /// Per advert: the scope value it counts in.
    var scopeOfAdvert: ContiguousArray<Int32>
    /// Per scope value: the most the batch may add.
    var limit: [Int]
    /// Per scope value: what is used (direct allocations count from the start).
    var used: [Int]

    /// Whether replacing `current` (or nothing, -1) by `candidate` at advert `a` stays within the limit.
    @inline(__always)
    func admits(_ candidate: Int32, replacing current: Int32, at a: Int) -> Bool {
        let w = Int(weight[Int(candidate)])
        guard w > 0 else { return true }
        let s = Int(scopeOfAdvert[a])
        let delta = w - (current >= 0 ? Int(weight[Int(current)]) : 0)
        return delta <= 0 || used[s] + delta <= limit[s]
    }

    @inline(__always)
    mutating func apply(_ candidate: Int32, replacing current: Int32, at a: Int) {
        let s = Int(scopeOfAdvert[a])
        used[s] += Int(weight[Int(candidate)]) - (current >= 0 ? Int(weight[Int(current)]) : 0)
    }

    /// The caps among `caps` that refuse `candidate` at `a`, one bit each (0: all admit).
    @inline(__always)
    static func refusals(_ caps: [CapConstraint], _ candidate: Int32, replacing current: Int32, at a: Int) -> UInt64 {
        var refused: UInt64 = 0
        for c in caps.indices where !caps[c].admits(candidate, replacing: current, at: a) { refused |= 1 << UInt64(c) }
        return refused
    }
}
