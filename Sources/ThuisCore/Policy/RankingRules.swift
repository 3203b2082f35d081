/// How each advert orders its eligible reactions: lexicographic keys, ending in a seeded lottery.
public struct RankingRules: Sendable, Equatable {
    /// A ranking criterion; keys are compared in the order given.
    public enum Key: String, Sendable, CaseIterable {
        /// Valid priority first, by category precedence, then the earliest start (longest urgency).
        case priority
        /// Living (or working) in the advert's municipality first.
        case localBinding = "local_binding"
        /// Matching the dwelling's target group or SOR criteria first.
        case targetGroup = "target_group"
        /// Earliest registration first (longest waiting time).
        case registration
        /// Most points first (waiting, search, situation and start points).
        case points
        /// The seeded lottery.
        case lottery
    }

    /// How the lottery draws.
    public enum TieBreak: String, Sendable, CaseIterable {
        /// One draw per household, the same at every advert.
        case single
        /// A separate draw per advert and household.
        case perAdvert = "per_advert"
    }

    public var keys: [Key] = [.priority, .registration, .lottery]
    /// Priority categories in order of precedence; categories not listed give no priority.
    public var precedence: [PriorityCategory] = [.rehousing, .medical, .social, .violence, .statusHolder, .homeless, .outflow]
    public var tieBreak = TieBreak.single
    /// Share of adverts ranked by lottery only (Amsterdam may let 15-20% so); the export's LOT
    /// adverts count toward it, the rest are spread over the other adverts in publication order.
    public var lotteryShare = 0.0
    public var points = PointsRules()

    public init() {}

    /// Points in the style of the Amsterdam region.
    public struct PointsRules: Sendable, Equatable {
        /// Waiting points per whole year of registration.
        public var perYear = 1
        public var maximumSearchPoints = 30
        public var maximumSituationPoints = 12
        /// Where the points come from.
        public var source = Source.extraAttributes
        public init() {}

        /// Where a household's points come from: VERA has no place for search, situation and
        /// start points, so the policy says which it means.
        public enum Source: String, Sendable, CaseIterable {
            /// The batch's `zoekpunten`, `situatiepunten`, `startpunten` (Thuis's XML attributes,
            /// VERA's extra-attributen), with waiting points; a batch whose source sent none is
            /// refused.
            case extraAttributes = "extra-attributen"
            /// Waiting points from the registration date only: what every VERA source has.
            case registration
        }
    }
}
