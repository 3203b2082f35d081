/// A municipality's dwellings on 1 January of a year: all of them, and the social rental ones.
///
/// The programme's first norm asks at least 30% social rental in every municipality's stock.
public struct MunicipalStock: Sendable, Equatable {
    /// The CBS municipality code, four digits (`0363`).
    public var municipality: String
    public var year: Int
    /// Dwellings in total.
    public var dwellings: Int
    /// Social rental dwellings (corporation-owned, rent up to the liberalisation limit).
    public var socialRental: Int
    /// Inhabitants on 1 January, when the file gives them (the `population` distribution key).
    public var population: Int?

    public init(municipality: String, year: Int, dwellings: Int, socialRental: Int, population: Int? = nil) {
        self.municipality = municipality
        self.year = year
        self.dwellings = dwellings
        self.socialRental = socialRental
        self.population = population
    }
}
