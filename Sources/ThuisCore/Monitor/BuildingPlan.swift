/// What a regional building programme plans for one municipality in one year.
///
/// The programme's second norm asks at least 30% social rental in new building, and more where
/// the stock is below 30%.
public struct BuildingPlan: Sendable, Equatable {
    /// The CBS municipality code, four digits.
    public var municipality: String
    public var year: Int
    /// Dwellings planned to be completed in the year.
    public var planned: Int
    /// Of which social rental.
    public var socialRental: Int

    public init(municipality: String, year: Int, planned: Int, socialRental: Int) {
        self.municipality = municipality
        self.year = year
        self.planned = planned
        self.socialRental = socialRental
    }
}
