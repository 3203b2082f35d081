/// How one quota (or legal cap) fared in one scope.
public struct QuotaOutcome: Sendable, Equatable {
    public var quota: String
    public var kind: Quota.Kind
    /// `region`, `municipality 0344`, `corporation MIT`.
    public var scope: String
    public var period: Quota.Period
    public var unit: Quota.Unit
    /// For a floor: the least in the period; for a cap: the most.
    public var target: Int
    /// Adverts reserved for the group (floors).
    public var reserved: Int
    /// What the period holds after this batch (earlier lettings included).
    public var achieved: Int
    /// How far a floor falls short (0 when met); 0 for caps.
    public var shortfall: Int
    /// For a floor with a shortfall: the most any allocation could give the group in the period
    /// (``FloorBound``: eligible reactions, one advert per household, caps relaxed); nil otherwise.
    public var bound: Int?
    /// Why, in words: `met`, or the cause of a shortfall, or what a cap refused.
    public var reason: String
}
