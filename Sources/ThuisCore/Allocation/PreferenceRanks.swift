/// Per reaction: the household's own rank of it among all its reactions (1 = most wanted).
///
/// Derived from the market's household order rather than stored: reactions lie grouped by
/// household, most wanted first, so the rank is the distance from the household's first
/// reaction. A stored column would be 118 MB on a national run, made at the allocation's peak.
public struct PreferenceRanks: Sendable {
    @usableFromInline let household: ContiguousArray<Int32>
    @usableFromInline let householdStart: ContiguousArray<Int32>

    /// The ranks of `reactions` (shares its columns, copies nothing).
    public init(_ reactions: Reactions) {
        household = reactions.household
        householdStart = reactions.householdStart
    }

    /// Number of reactions.
    public var count: Int { household.count }

    /// Reaction `r`'s rank among its household's reactions, from 1.
    @inlinable public subscript(r: Int) -> Int32 {
        Int32(r) - householdStart[Int(household[r])] + 1
    }
}
