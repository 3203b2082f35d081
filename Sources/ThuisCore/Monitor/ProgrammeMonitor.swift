/// The programme "Een thuis voor iedereen" per municipality of a region over a period: its three
/// 30% norms (stock, new building, lettings to aandachtsgroepen) and each municipality's fair
/// share of housing aandachtsgroepen.
///
/// Pure arithmetic on counts the adapters read and check: the stock on 1 January of the period's
/// year, the building programme, and the accepted lettings from the ledger. Every comparison with
/// a norm is exact (``Norm``). The region is the municipalities of the stock.
public struct ProgrammeMonitor: Sendable {
    /// What the monitor measures against.
    public struct Settings: Sendable {
        /// The period's year: the stock on 1 January of it, the programme from it.
        public var year: Int
        /// The programme counts the years `year` through `targetYear`; the stock is to reach its
        /// norm by the end of `targetYear`.
        public var targetYear: Int
        /// The group whose lettings the third norm and the fair share count.
        public var group: String
        /// At least this share of social rental in the stock.
        public var stockNorm = Norm.programme
        /// At least this share of social rental in new building.
        public var buildingNorm = Norm.programme
        /// At least this share of accepted lettings to `group` (the policy's floor).
        public var lettingsFloor = Norm.programme
        public var key = FairShare.Key.stock

        public init(year: Int, targetYear: Int, group: String) {
            self.year = year
            self.targetYear = targetYear
            self.group = group
        }
    }

    /// Measure 1: the stock on 1 January.
    public struct Stock: Sendable, Equatable {
        public var dwellings: Int
        public var socialRental: Int
        public var share: Double? { dwellings == 0 ? nil : Double(socialRental) / Double(dwellings) }
        public var meetsNorm: Bool
    }

    /// Measure 2: the building programme over the years `year` through `targetYear`.
    ///
    /// With W dwellings and S social on 1 January of `year`, and N dwellings planned to the end of
    /// `targetYear`, the stock reaches the norm p when S + s ≥ p·(W + N) for s social among the
    /// new ones (assuming no demolition, sale or change of tenure). The share needed is therefore
    /// r = max(p_new, (p·(W + N) − S)/N): at least the new-building norm, more where the stock is
    /// behind. ``neededSocialRental`` is the least whole number of dwellings that meets both.
    public struct Programme: Sendable, Equatable {
        public var planned: Int
        public var socialRental: Int
        public var share: Double? { planned == 0 ? nil : Double(socialRental) / Double(planned) }
        public var meetsNorm: Bool
        /// The least social rental dwellings among the planned ones that meet the new-building
        /// norm and bring the stock to its norm by the target year; more than `planned` when
        /// building alone cannot.
        public var neededSocialRental: Int
        public var neededShare: Double? { planned == 0 ? nil : Double(neededSocialRental) / Double(planned) }
        public var meetsNeeded: Bool { socialRental >= neededSocialRental }
        /// Whether the planned building can bring the stock to its norm at all.
        public var canReachStockNorm: Bool { neededSocialRental <= planned }
    }

    /// Measure 3: accepted lettings, and those to the group against the floor.
    public struct Lettings: Sendable, Equatable {
        public var accepted: Int
        public var perGroup: [String: Int]
        public var toGroup: Int
        public var open: Int
        public var share: Double? { accepted == 0 ? nil : Double(toGroup) / Double(accepted) }
        /// The least lettings to the group that reach the floor's share of `accepted`.
        public var floorAsks: Int
        public var meetsFloor: Bool { toGroup >= floorAsks }
        public var short: Int { max(0, floorAsks - toGroup) }
    }

    /// One municipality's (or the region's) four measures.
    public struct Row: Sendable, Equatable {
        /// The CBS code, or `region`.
        public var municipality: String
        public var stock: Stock
        /// Nil without a building programme.
        public var programme: Programme?
        public var lettings: Lettings
        /// Measure 4 (for the region: A of A, a ratio of 1).
        public var fairShare: FairShare
    }

    public var settings: Settings
    /// The municipalities by code.
    public var rows: [Row]
    public var region: Row

    /// The municipalities whose fair-share gap is positive (most households over first), then
    /// those with a negative gap (most under first); ties by code.
    public var carryingMore: [Row] { rows.filter { $0.fairShare.gap > 0 }.sorted { ($0.fairShare.gap, $1.municipality) > ($1.fairShare.gap, $0.municipality) } }
    public var carryingLess: [Row] { rows.filter { $0.fairShare.gap < 0 }.sorted { ($0.fairShare.gap, $0.municipality) < ($1.fairShare.gap, $1.municipality) } }

    /// The monitor of the municipalities in `stock` (one entry per municipality, for
    /// `settings.year`). `plans` are the programme's plans (nil: no programme; plans outside the
    /// years counted are left out); `lettings` the ledger's, by municipality (absent: none).
    /// The adapters check that every municipality of `plans` and `lettings` is in `stock`, and
    /// that the key has a value for each.
    public init(stock: [MunicipalStock], plans: [BuildingPlan]?, lettings: [String: MunicipalLettings], settings: Settings) {
        self.settings = settings
        let s = settings
        var planned: [String: (planned: Int, social: Int)] = [:]
        for plan in plans ?? [] where (s.year...max(s.year, s.targetYear)).contains(plan.year) {
            planned[plan.municipality, default: (0, 0)].planned += plan.planned
            planned[plan.municipality, default: (0, 0)].social += plan.socialRental
        }
        let stock = stock.sorted { $0.municipality < $1.municipality }
        func keyValue(_ m: MunicipalStock) -> Int {
            switch s.key {
            case .stock: return m.socialRental
            case .population: return m.population ?? 0
            case .lettings: return lettings[m.municipality]?.accepted ?? 0
            }
        }
        let shares = FairShare.shares(stock.map { ($0.municipality, keyValue($0), lettings[$0.municipality]?.perGroup[s.group] ?? 0) })
        func row(_ code: String, dwellings: Int, social: Int, plan: (planned: Int, social: Int)?, letting: MunicipalLettings, share: FairShare) -> Row {
            let programme = plan.map { plan -> Programme in
                // ⌈p·(W + N) − S⌉, in basis points: the social dwellings the stock lacks at the end of the target year.
                let lacking = max(0, s.stockNorm.basisPoints * (dwellings + plan.planned) - 10_000 * social)
                let needed = max(s.buildingNorm.least(of: plan.planned), (lacking + 9_999) / 10_000)
                return Programme(planned: plan.planned, socialRental: plan.social, meetsNorm: s.buildingNorm.isMet(plan.social, of: plan.planned),
                                 neededSocialRental: needed)
            }
            let toGroup = letting.perGroup[s.group] ?? 0
            return Row(municipality: code,
                       stock: Stock(dwellings: dwellings, socialRental: social, meetsNorm: s.stockNorm.isMet(social, of: dwellings)),
                       programme: programme,
                       lettings: Lettings(accepted: letting.accepted, perGroup: letting.perGroup, toGroup: toGroup, open: letting.open,
                                          floorAsks: s.lettingsFloor.least(of: letting.accepted)),
                       fairShare: share)
        }
        rows = zip(stock, shares).map { m, share in
            row(m.municipality, dwellings: m.dwellings, social: m.socialRental, plan: plans == nil ? nil : planned[m.municipality] ?? (0, 0),
                letting: lettings[m.municipality] ?? MunicipalLettings(municipality: m.municipality), share: share)
        }
        var all = MunicipalLettings(municipality: "region")
        for l in stock.compactMap({ lettings[$0.municipality] }) {
            all.accepted += l.accepted
            all.open += l.open
            all.perGroup.merge(l.perGroup, uniquingKeysWith: +)
        }
        let keyTotal = shares.reduce(0) { $0 + $1.keyValue }, groupTotal = all.perGroup[s.group] ?? 0
        let regionShare = FairShare(municipality: "region", groupLettings: groupTotal, keyValue: keyTotal,
                                    expectedNumerator: Int128(groupTotal) * Int128(keyTotal), keyTotal: keyTotal, expectedHouseholds: shares.reduce(0) { $0 + $1.expectedHouseholds })
        let regionPlan = plans == nil ? nil : rows.reduce((planned: 0, social: 0)) { ($0.planned + ($1.programme?.planned ?? 0), $0.social + ($1.programme?.socialRental ?? 0)) }
        region = row("region", dwellings: rows.reduce(0) { $0 + $1.stock.dwellings }, social: rows.reduce(0) { $0 + $1.stock.socialRental },
                     plan: regionPlan, letting: all, share: regionShare)
    }
}
