/// Which eligibility rules apply, and their parameters.
public struct EligibilityRules: Sendable, Equatable {
    /// How a legal income rule is applied.
    public enum Mode: String, Sendable, CaseIterable {
        /// Households the rule excludes are not eligible.
        case exclude
        /// They are eligible within the legal free share (a cap on such lettings).
        case cap
        /// The rule is not applied (for research counterfactuals).
        case off
    }

    /// The DAEB income rule for social dwellings.
    public var daebIncome = Mode.cap
    /// Passend toewijzen: benefit-eligible households and rents above the aftoppingsgrens.
    public var passend = Mode.cap
    /// Minimum household size by number of rooms: a dwelling with at least `rooms` rooms needs at
    /// least `persons` persons. Checked from the largest rule down.
    public var minimumPersonsByRooms: [RoomRule] = []
    /// Most persons per room (nil: no limit).
    public var maximumPersonsPerRoom: Int?
    /// Age tiers per dwelling target group, tried in order: the first tier with an eligible
    /// reaction applies (e.g. 65+, then 55+).
    public var ageTiers: [TargetGroup: [AgeTier]] = [:]
    /// When no reaction meets any tier, everyone (otherwise eligible) is.
    public var ageFallbackToAll = true
    /// Household conditions per dwelling target group (e.g. families need a child).
    public var targetGroupRules: [TargetGroup: HouseholdCondition] = [:]
    /// The priority categories that give access to a dwelling set aside for a further group.
    public var additionalTargetGroups: [AdditionalTargetGroup: Set<PriorityCategory>] = [:]
    /// Apply the advert's own SEL criteria.
    public var advertCriteria = true

    public init() {}

    /// `rooms` or more rooms need `persons` or more persons.
    public struct RoomRule: Sendable, Equatable {
        public var rooms: Int
        public var persons: Int
        public init(rooms: Int, persons: Int) {
            self.rooms = rooms
            self.persons = persons
        }
    }

    /// An age band on the oldest member.
    public struct AgeTier: Sendable, Equatable, CustomStringConvertible {
        public var minimumAge: Int?
        public var maximumAge: Int?
        public init(minimumAge: Int? = nil, maximumAge: Int? = nil) {
            self.minimumAge = minimumAge
            self.maximumAge = maximumAge
        }

        public func admits(_ age: Int) -> Bool {
            (minimumAge.map { age >= $0 } ?? true) && (maximumAge.map { age <= $0 } ?? true)
        }

        public var description: String {
            switch (minimumAge, maximumAge) {
            case let (min?, max?): return "\(min)-\(max)"
            case let (min?, nil): return "\(min)+"
            case let (nil, max?): return "up to \(max)"
            default: return "any age"
            }
        }
    }

    /// Conditions on household composition.
    public struct HouseholdCondition: Sendable, Equatable {
        public var minimumPersons: Int?
        public var maximumPersons: Int?
        public var minimumChildren: Int?
        public init(minimumPersons: Int? = nil, maximumPersons: Int? = nil, minimumChildren: Int? = nil) {
            self.minimumPersons = minimumPersons
            self.maximumPersons = maximumPersons
            self.minimumChildren = minimumChildren
        }
    }
}
