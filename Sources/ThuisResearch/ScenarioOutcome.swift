import ThuisCore

/// What one allocation means for each group: the indicators researchers compare, for the region
/// and for each municipality and corporation.
///
/// Two places count as "where": a letting counts where its dwelling is (the advert's
/// municipality and corporation), a seeker where it lives (its municipality of residence). So a
/// municipality's `lettings` and `share` are of the dwellings let there, and its `seekers` and
/// `successRate` of its residents, housed wherever they were housed. Corporations have dwellings,
/// not residents: their figures are lettings and shares only.
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
        /// Median years registered of those housed (nil when none): the registration time of
        /// the housed, not a waiting time (those not housed are not in it).
        public var medianRegistrationYears: Double?
        /// Median place of the housed advert in the household's own preference order (1 = most wanted).
        public var medianPreferenceRank: Double?
        /// Duncan's dissimilarity of the group's lettings and the other lettings over the area's
        /// buurten (``ThuisCore/AreaConcentration``): 0 spread alike, 1 apart. Nil when the market
        /// has no buurten, or the group or the others have no lettings there.
        public var dissimilarity: Double?
    }

    /// The figures of one area: a municipality (by CBS code, `unknown` for residents without
    /// one) or a corporation.
    public struct AreaFigures: Sendable, Equatable {
        public var area: String
        public var lettings: Int
        public var groups: [GroupFigures]
    }

    public var lettings: Int
    /// The region's figures, per group in ``ResearchGroups/names`` order.
    public var groups: [GroupFigures]
    /// Per municipality, by code.
    public var municipalities: [AreaFigures]
    /// Per corporation, by code: lettings and shares (seekers 0, success rate 0).
    public var corporations: [AreaFigures]
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

        let municipalityNames = (0..<market.municipalities.count).map { market.municipalities[$0] }
        let unknown = municipalityNames.count
        let groupCount = groups.names.count
        // Tallies per area (municipalities, then `unknown`, then the region) and group.
        let region = unknown + 1
        var tally = Array(repeating: Tally(groupCount), count: region + 1)
        for h in 0..<market.households.count where !market.reactions.ofHousehold(h).isEmpty {
            let m = market.households.municipality[h]
            let area = m >= 0 ? Int(m) : unknown
            let years = rank[h] == nil ? 0 : Double(day.rawValue - market.households.registrationDate[h].rawValue) / 365.25
            for g in 0..<groupCount where groups.contains(h, g) {
                tally[area].seeker(g, rank: rank[h], years: years)
                tally[region].seeker(g, rank: rank[h], years: years)
            }
        }
        var corporations = Array(repeating: Tally(groupCount), count: market.corporations.count)
        for a in 0..<market.adverts.count where allocation.household[a] >= 0 {
            // Households let a dwelling without reacting (direct allocations) count as lettings too.
            let h = Int(allocation.household[a]), d = Int(market.adverts.dwelling[a])
            let m = market.dwellings.municipality[d] >= 0 ? Int(market.dwellings.municipality[d]) : unknown
            let c = Int(market.dwellings.corporation[d])
            tally[m].total += 1
            tally[region].total += 1
            if c >= 0 { corporations[c].total += 1 }
            for g in 0..<groupCount where groups.contains(h, g) {
                tally[m].lettings[g] += 1
                tally[region].lettings[g] += 1
                if c >= 0 { corporations[c].lettings[g] += 1 }
            }
        }
        // Lettings per buurt and group: the spread within each municipality and the region.
        let buurten = market.areas[AreaKind.neighbourhood.rawValue]
        var perBuurt = [(lettings: Int, groups: [Int])](repeating: (0, Array(repeating: 0, count: groupCount)), count: buurten.count)
        for a in 0..<market.adverts.count where allocation.household[a] >= 0 {
            let b = market.dwellings.area(.neighbourhood, of: Int(market.adverts.dwelling[a]))
            guard b >= 0 else { continue }
            perBuurt[Int(b)].lettings += 1
            for g in 0..<groupCount where groups.contains(Int(allocation.household[a]), g) { perBuurt[Int(b)].groups[g] += 1 }
        }
        func spread(_ within: [Int]) -> [Double?] {
            (0..<groupCount).map { g in AreaConcentration.dissimilarity(within.map { (perBuurt[$0].lettings, perBuurt[$0].groups[g]) }) }
        }
        let buurtMunicipality = (0..<buurten.count).map { AreaKind.neighbourhood.parts(of: buurten[$0]).owner }
        func figures(_ i: Int) -> [GroupFigures] {
            var figures = tally[i].figures(groups.names)
            guard buurten.count > 0 else { return figures }
            let all = 0..<buurten.count
            let spreads = spread(i == region ? Array(all) : all.filter { i < unknown && buurtMunicipality[$0] == municipalityNames[i] })
            for g in figures.indices { figures[g].dissimilarity = spreads[g] }
            return figures
        }
        self.groups = figures(region)
        municipalities = (0...unknown).compactMap { i in
            guard tally[i].total > 0 || tally[i].seekers.contains(where: { $0 > 0 }) else { return nil }
            return AreaFigures(area: i == unknown ? "unknown" : municipalityNames[i], lettings: tally[i].total, groups: figures(i))
        }.sorted { $0.area < $1.area }
        self.corporations = corporations.indices.compactMap { c in
            guard corporations[c].total > 0 else { return nil }
            return AreaFigures(area: market.corporations[c], lettings: corporations[c].total, groups: corporations[c].figures(groups.names))
        }.sorted { $0.area < $1.area }
    }

    /// Counts of one area, per group.
    struct Tally {
        var total = 0
        var lettings: [Int]
        var seekers: [Int]
        var housed: [Int]
        var years: [[Double]]
        var ranks: [[Double]]

        init(_ groups: Int) {
            lettings = Array(repeating: 0, count: groups)
            seekers = lettings
            housed = lettings
            years = Array(repeating: [], count: groups)
            ranks = years
        }

        mutating func seeker(_ g: Int, rank: Int?, years: Double) {
            seekers[g] += 1
            guard let rank else { return }
            housed[g] += 1
            ranks[g].append(Double(rank))
            self.years[g].append(years)
        }

        func figures(_ names: [String]) -> [GroupFigures] {
            names.indices.map { g in
                GroupFigures(group: names[g], lettings: lettings[g], share: total > 0 ? Double(lettings[g]) / Double(total) : 0,
                             seekers: seekers[g], successRate: seekers[g] > 0 ? Double(housed[g]) / Double(seekers[g]) : 0,
                             medianRegistrationYears: ScenarioOutcome.median(years[g]), medianPreferenceRank: ScenarioOutcome.median(ranks[g]))
            }
        }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
