import ThuisCore

extension MonitorReport {
    /// One area of a municipality: its lettings against its share (``AreaConcentration``).
    public struct WithinArea: Codable, Sendable, Equatable {
        public var code: String
        /// The name the stock file gives, if any.
        public var name: String?
        public var lettings: Int, toGroup: Int
        public var dwellings: Int?, socialRental: Int?
        public var expected: Double, expectedHouseholds: Int, gap: Int, ratio: Double?
        /// Among the areas that already hold the most social rental.
        public var concentrated: Bool
    }

    /// How one municipality's lettings to the group spread over its wijken or buurten.
    public struct Within: Codable, Sendable, Equatable {
        public var municipality: String
        public var name: String?
        /// `wijk` or `buurt`.
        public var level: String
        /// What the group's lettings are shared out by: `stock` (social rental per area) or `lettings`.
        public var key: AreaConcentration.Key
        public var dissimilarity: Double?
        public var concentratedAreas: [String]
        public var groupShareConcentrated: Double?
        public var lettingsShareConcentrated: Double?
        public var stockShareConcentrated: Double?
        /// Accepted lettings recorded without the area (before the ledger kept areas).
        public var unplaced: Int
        public var areas: [WithinArea]
        /// The areas that received more than their share, most over first.
        public var over: [String]

        public init(_ c: AreaConcentration, name: String?, areaNames: [String: String]) {
            municipality = c.municipality
            self.name = name
            level = c.kind.word
            key = c.key
            dissimilarity = c.dissimilarity
            concentratedAreas = c.concentrated
            groupShareConcentrated = c.groupShareConcentrated
            lettingsShareConcentrated = c.lettingsShareConcentrated
            stockShareConcentrated = c.stockShareConcentrated
            unplaced = c.unplaced
            areas = c.areas.map { a in
                WithinArea(code: a.code, name: areaNames[a.code], lettings: a.lettings, toGroup: a.groupLettings,
                           dwellings: a.stock?.dwellings, socialRental: a.stock?.socialRental,
                           expected: a.fairShare.expected, expectedHouseholds: a.fairShare.expectedHouseholds, gap: a.fairShare.gap,
                           ratio: a.fairShare.ratio, concentrated: c.concentrated.contains(a.code))
            }
            over = c.over.map(\.code)
        }
    }
}
