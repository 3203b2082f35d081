/// A ceiling on lettings to some households per scope, as the mechanism enforces it: a
/// tentative match that would push the count past the limit is refused.
struct CapConstraint {
    /// Per reaction: whether a match through it counts (the plan's column, shared, not copied:
    /// a column of weights would be 118 MB per cap on a national run).
    var member: ContiguousArray<Bool>
    /// Per reaction: its household (the market's column).
    var household: ContiguousArray<Int32>
    /// Per household: what a letting to it adds (its persons); nil when each letting adds 1.
    var persons: ContiguousArray<Int16>?
    /// Per advert: the scope value it counts in.
    var scopeOfAdvert: ContiguousArray<Int32>
    /// Per scope value: the most the batch may add.
    var limit: [Int]
    /// Per scope value: what is used (direct allocations count from the start).
    var used: [Int]

    /// What a match through reaction `r` adds (households: 1, persons: household size), 0 for non-members.
    @inline(__always)
    func weight(_ r: Int32) -> Int {
        guard member[Int(r)] else { return 0 }
        guard let persons else { return 1 }
        return Int(persons[Int(household[Int(r)])])
    }

    /// Whether replacing `current` (or nothing, -1) by `candidate` at advert `a` stays within the limit.
    @inline(__always)
    func admits(_ candidate: Int32, replacing current: Int32, at a: Int) -> Bool {
        let w = weight(candidate)
        guard w > 0 else { return true }
        let s = Int(scopeOfAdvert[a])
        let delta = w - (current >= 0 ? weight(current) : 0)
        return delta <= 0 || used[s] + delta <= limit[s]
    }

    @inline(__always)
    mutating func apply(_ candidate: Int32, replacing current: Int32, at a: Int) {
        let s = Int(scopeOfAdvert[a])
        used[s] += weight(candidate) - (current >= 0 ? weight(current) : 0)
    }

    /// The caps among `caps` that refuse `candidate` at `a`, one bit each (0: all admit).
    @inline(__always)
    static func refusals(_ caps: [CapConstraint], _ candidate: Int32, replacing current: Int32, at a: Int) -> UInt64 {
        var refused: UInt64 = 0
        for c in caps.indices where !caps[c].admits(candidate, replacing: current, at: a) { refused |= 1 << UInt64(c) }
        return refused
    }
}
