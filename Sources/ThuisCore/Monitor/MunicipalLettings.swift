/// A municipality's accepted lettings over a period, from the ledger.
public struct MunicipalLettings: Sendable, Equatable {
    /// The CBS municipality code, four digits.
    public var municipality: String
    /// Lettings whose offer was accepted.
    public var accepted: Int
    /// Accepted lettings per group the policy names (a household may be in several: the groups
    /// overlap when one holds the categories of another).
    public var perGroup: [String: Int]
    /// Offers of the period not yet answered: not counted above.
    public var open: Int

    public init(municipality: String, accepted: Int = 0, perGroup: [String: Int] = [:], open: Int = 0) {
        self.municipality = municipality
        self.accepted = accepted
        self.perGroup = perGroup
        self.open = open
    }
}
