/// The year's legal parameters (defaults: 2026, as published; all configurable).
public struct LegalParameters: Sendable, Equatable {
    /// DAEB income limit for a one-person household.
    public var daebIncomeLimitSingle = Money(cents: 5_153_700)
    /// DAEB income limit for a household of two or more.
    public var daebIncomeLimitMulti = Money(cents: 5_691_000)
    /// Share of a corporation's social lettings that must go to households within the DAEB limit.
    public var daebMinimumShare = 0.925
    /// Liberalisation limit: the highest rent of a social dwelling.
    public var rentCeiling = Money(cents: 93_293)
    /// Housing-benefit income limits (passend toewijzen), below pension age.
    public var passendIncomeLimitSingle = Money(cents: 2_940_000)
    public var passendIncomeLimitMulti = Money(cents: 3_992_500)
    /// The same at pension age.
    public var passendIncomeLimitSinglePension = Money(cents: 2_877_500)
    public var passendIncomeLimitMultiPension = Money(cents: 3_865_000)
    /// Aftoppingsgrens for households of one or two persons.
    public var rentCapSmall = Money(cents: 71_302)
    /// Aftoppingsgrens for households of three or more.
    public var rentCapLarge = Money(cents: 76_414)
    /// Share of lettings to benefit-eligible households that must be at or under the aftoppingsgrens.
    public var passendMinimumShare = 0.95
    /// State pension age in years.
    public var pensionAge = 67

    public init() {}

    /// The DAEB income limit for a household of `persons`.
    public func daebLimit(persons: Int) -> Money { persons <= 1 ? daebIncomeLimitSingle : daebIncomeLimitMulti }

    /// The benefit income limit for a household of `persons`, at pension age or not.
    public func passendLimit(persons: Int, pensionAge: Bool) -> Money {
        switch (persons <= 1, pensionAge) {
        case (true, false): return passendIncomeLimitSingle
        case (false, false): return passendIncomeLimitMulti
        case (true, true): return passendIncomeLimitSinglePension
        case (false, true): return passendIncomeLimitMultiPension
        }
    }

    /// The aftoppingsgrens for a household of `persons`.
    public func rentCap(persons: Int) -> Money { persons <= 2 ? rentCapSmall : rentCapLarge }
}
