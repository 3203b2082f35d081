/// The reactions (Reactie) of households to adverts.
///
/// Stored grouped by household in the household's preference order: `voorkeur`, then reaction
/// date, then advert id. ``advertOrder`` lists the same reactions grouped by advert.
public struct Reactions: Sendable {
    /// The reacting household.
    public var household: ContiguousArray<Int32> = []
    /// The advert reacted to.
    public var advert: ContiguousArray<Int32> = []
    /// Date of the reaction (`datum`).
    public var date: ContiguousArray<Day> = []
    /// The household's own preference number (`voorkeur`); lower is more wanted.
    public var preferenceNumber: ContiguousArray<Int32> = []
    /// Per household: `householdStart[h]..<householdStart[h+1]` are its reactions, most wanted first.
    public var householdStart: ContiguousArray<Int32> = [0]
    /// Reaction indices grouped by advert (in household order within an advert).
    public var advertOrder: ContiguousArray<Int32> = []
    /// Per advert: `advertOrder[advertStart[a]..<advertStart[a+1]]` are its reactions.
    public var advertStart: ContiguousArray<Int32> = [0]

    public init() {}

    /// Number of reactions.
    public var count: Int { household.count }

    /// The reactions of household `h`, most wanted first.
    public func ofHousehold(_ h: Int) -> Range<Int> {
        Int(householdStart[h])..<Int(householdStart[h + 1])
    }

    /// The reactions to advert `a` (indices into the columns).
    public func ofAdvert(_ a: Int) -> ArraySlice<Int32> {
        advertOrder[Int(advertStart[a])..<Int(advertStart[a + 1])]
    }
}
