import ThuisCore

/// What one allocation means for each group: the indicators researchers compare.
public struct ScenarioOutcome: Sendable {
    public struct GroupFigures: Sendable, Equatable, Codable {
        public var group: String
        public var lettings: Int
        /// Share of all lettings (0...1).
        public var share: Double
        /// Households that reacted.
        public var seekers: Int
        /// Housed / seekers.
        public var successRate: Double
        /// Median years registered of those housed (nil when none).
        public var medianRegistrationYears: Double?
        /// Median place of the housed advert in the household's own preference order (1 = most wanted).
        public var medianPreferenceRank: Double?
    }

    public var lettings: Int
    public var groups: [GroupFigures]
    /// Per household: the preference rank of the advert it got (1-based), or nil.
    public var rank: [Int?]
    /// Per advert: the household it went to, or -1.
    public var tenant: [Int32]

    public init(_ market: Market, _ allocation: Allocation, _ groups: ResearchGroups) {
        let day = market.batch.referenceDate
        var rank = [Int?](repeating: nil, count: market.households.count)
        for a in 0..<market.adverts.count where allocation.household[a] >= 0 {
            let h = Int(allocation.household[a]), r = Int(allocation.reaction[a])
            rank[h] = r >= 0 ? Int(allocation.preference[r]) : 1
        }
        self.rank = rank
        tenant = Array(allocation.household)
        lettings = allocation.lettings
        var figures: [GroupFigures] = []
        for (g, name) in groups.names.enumerated() {
            var seekers = 0, housed = 0
            var years: [Double] = [], ranks: [Double] = []
            for h in 0..<market.households.count where groups.contains(h, g) && !market.reactions.ofHousehold(h).isEmpty {
                seekers += 1
                if let r = rank[h] {
                    housed += 1
                    ranks.append(Double(r))
                    years.append(Double(day.rawValue - market.households.registrationDate[h].rawValue) / 365.25)
                }
            }
            // Households let a dwelling without reacting (direct allocations) count as lettings too.
            let lettings = (0..<market.adverts.count).filter { a in
                let h = Int(allocation.household[a])
                return h >= 0 && groups.contains(h, g)
            }.count
            figures.append(GroupFigures(group: name, lettings: lettings,
                                        share: allocation.lettings > 0 ? Double(lettings) / Double(allocation.lettings) : 0,
                                        seekers: seekers, successRate: seekers > 0 ? Double(housed) / Double(seekers) : 0,
                                        medianRegistrationYears: Self.median(years), medianPreferenceRank: Self.median(ranks)))
        }
        self.groups = figures
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
